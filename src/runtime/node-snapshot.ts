// The container image's start: a V8 startup snapshot of the gateway's modules, evaluated once when the
// image is built (`node --snapshot-blob snapshot.blob --build-snapshot snapshot-entry.cjs`) and deserialized
// at each start (`node --snapshot-blob snapshot.blob`), so no start parses the bundle or builds its schemas
// again. Only modules that are plain JavaScript while loading are in it: the HTTP server, the HTTP/2
// transport and the fetch globals are loaded by startGateway() at run time. Configuration is read at run
// time too, from the environment of the start, not of the build.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import * as v8 from "node:v8";
import { loadConfig } from "../config.js";
import { FastSearchBody, SearchBody } from "../schemas/search.js";
import { startGateway } from "./node-start.js";

/**
 * zod compiles a parser for an object schema the first time it parses one: parse a configuration and the
 * common search bodies now, so the snapshot holds those parsers and the first requests after a start do
 * not compile them.
 */
function compileParsers(): void {
  loadConfig({ GATEWAY_ENV: "development" });
  SearchBody.safeParse({
    limit: 1,
    returnProperties: ["a"],
    filters: { property: "a", operator: "Equal", value: 1 },
  });
  SearchBody.safeParse({ nearVector: { vector: [0.1] }, returnMetadata: ["distance"] });
  // What the search route validates with first (a body's key set before it is narrowed).
  FastSearchBody.safeParse({ limit: 1, returnProperties: ["a"] });
  FastSearchBody.safeParse({ nearVector: { vector: [0.1] }, returnMetadata: ["distance"] });
}

compileParsers();
// The snapshot is built in the folder it runs from (the image's /app), beside batch-worker.mjs.
const batchWorker = pathToFileURL(join(__dirname, "batch-worker.mjs"));
v8.startupSnapshot.setDeserializeMainFunction(() => {
  void startGateway({ batchWorker });
});
