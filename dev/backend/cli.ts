import { parseArgs } from "node:util";
import { startDevBackend } from "./grpc-server.js";
import { DEFAULT_MAX_OBJECTS_PER_COLLECTION } from "./store.js";

/**
 * `tsx dev/backend/cli.ts [--host 127.0.0.1] [--port 50051] [--web-port 8079] [--api-key KEY] [--max-objects N]`
 * Runs the development backend until interrupted and logs one line with its URLs.
 */
const { values } = parseArgs({
  options: {
    host: { type: "string", default: "127.0.0.1" },
    port: { type: "string", default: "50051" },
    "web-port": { type: "string", default: "8079" },
    "api-key": { type: "string" },
    "max-objects": { type: "string", default: String(DEFAULT_MAX_OBJECTS_PER_COLLECTION) },
  },
});

const number = (name: string, text: string): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name}: expected a non-negative integer, got "${text}"`);
    process.exit(2);
  }
  return n;
};

const backend = await startDevBackend({
  host: values.host,
  port: number("port", values.port),
  webPort: number("web-port", values["web-port"]),
  apiKey: values["api-key"],
  maxObjectsPerCollection: number("max-objects", values["max-objects"]),
});
const auth = values["api-key"] ? "API key required" : "no auth";
console.log(
  `weaviate dev backend: gRPC ${backend.grpcUrl}, grpc-web/Connect ${backend.webUrl} (${auth}, max ${values["max-objects"]} objects per collection)`,
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void backend.close().then(() => process.exit(0));
  });
}
