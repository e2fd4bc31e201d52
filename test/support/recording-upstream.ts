import * as grpc from "@grpc/grpc-js";
import { HealthCheckResponse_ServingStatus, HealthDefinition } from "../../src/gen/grpc/health/v1/health.js";
import { WeaviateDefinition } from "../../src/gen/v1/weaviate.js";
import { Code } from "../../src/grpc/status.js";
import type { MessageCodec } from "../../src/grpc/transport.js";

/**
 * A real grpc-js server on 127.0.0.1 speaking our generated Weaviate service. It records every call
 * (decoded request, raw bytes, metadata) and answers what the test tells it to: a reply, a gRPC status,
 * a delay, or a reply after a delay. Unscripted calls answer an empty reply.
 */

type Services = typeof WeaviateDefinition.methods & typeof HealthDefinition.methods;
export type MethodName = { [K in keyof Services]: Services[K]["name"] }[keyof Services];

export interface RecordedCall {
  readonly method: string;
  readonly request: unknown;
  /** The exact bytes on the wire, for decoding with an independent codec. */
  readonly bytes: Uint8Array;
  readonly metadata: Record<string, string>;
  /** The call's deadline as the server saw it (epoch ms; Infinity without one). */
  readonly deadline: number;
}

export class StatusError extends Error {
  constructor(
    readonly code: Code,
    message: string,
    /** Encoded google.rpc.Status, sent as the `grpc-status-details-bin` trailer. */
    readonly statusDetails?: Uint8Array,
  ) {
    super(message);
  }
}

/** A reply sent as these exact bytes, bypassing the codec (for "garbage from upstream" faults). */
export class RawReply {
  constructor(readonly bytes: Uint8Array) {}
}

export type Responder = (request: any, call: RecordedCall) => unknown | Promise<unknown>;

export interface RecordingUpstream {
  readonly url: string;
  readonly port: number;
  readonly calls: RecordedCall[];
  callsTo(method: MethodName): RecordedCall[];
  /** Scripts the answer of a method; the function may throw StatusError or return a Promise. */
  on(method: MethodName, responder: Responder): void;
  reset(): void;
  close(): Promise<void>;
  /** Dies at once: open connections and in-flight calls are cut, as when the process crashes. */
  kill(): void;
}

export const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startRecordingUpstream(port = 0): Promise<RecordingUpstream> {
  const server = new grpc.Server({
    "grpc.max_receive_message_length": 104_858_000,
    "grpc.max_send_message_length": 104_858_000,
  });
  const calls: RecordedCall[] = [];
  const responders = new Map<string, Responder>();

  const services = [
    { fullName: WeaviateDefinition.fullName, methods: WeaviateDefinition.methods },
    { fullName: HealthDefinition.fullName, methods: HealthDefinition.methods },
  ];
  for (const service of services) {
    for (const m of Object.values(service.methods) as {
      name: string;
      requestType: MessageCodec<unknown>;
      responseType: MessageCodec<unknown> & { fromPartial(o: unknown): unknown };
      requestStream: boolean;
      responseStream: boolean;
    }[]) {
      if (m.requestStream || m.responseStream) continue;
      const path = `/${service.fullName}/${m.name}`;
      server.register(
        path,
        (
          call: grpc.ServerUnaryCall<{ bytes: Uint8Array; message: unknown }, unknown>,
          callback: grpc.sendUnaryData<unknown>,
        ) => {
          const deadline = call.getDeadline();
          const recorded: RecordedCall = {
            method: m.name,
            deadline: deadline instanceof Date ? deadline.getTime() : Number(deadline),
            request: call.request.message,
            bytes: call.request.bytes,
            metadata: Object.fromEntries(
              Object.entries(call.metadata.getMap()).map(([k, v]) => [
                k,
                typeof v === "string" ? v : v.toString("base64"),
              ]),
            ),
          };
          calls.push(recorded);
          const responder = responders.get(m.name) ?? defaultResponder(m.name);
          Promise.resolve()
            .then(() => responder(call.request.message, recorded))
            .then(
              (reply) =>
                callback(null, reply instanceof RawReply ? reply : m.responseType.fromPartial(reply ?? {})),
              (error) => {
                const code = error instanceof StatusError ? error.code : Code.INTERNAL;
                const metadata = new grpc.Metadata();
                if (error instanceof StatusError && error.statusDetails) {
                  metadata.set("grpc-status-details-bin", Buffer.from(error.statusDetails));
                }
                const details = error instanceof Error ? error.message : String(error);
                callback({ code, details, metadata } as unknown as grpc.ServiceError);
              },
            );
        },
        (reply: unknown) =>
          Buffer.from(reply instanceof RawReply ? reply.bytes : m.responseType.encode(reply).finish()),
        (bytes: Buffer) => ({ bytes: new Uint8Array(bytes), message: m.requestType.decode(bytes) }),
        "unary",
      );
    }
  }

  const boundPort = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );

  return {
    url: `grpc://127.0.0.1:${boundPort}`,
    port: boundPort,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    on: (method, responder) => void responders.set(method, responder),
    reset() {
      calls.length = 0;
      responders.clear();
    },
    kill: () => server.forceShutdown(),
    close: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
        setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 500).unref();
      }),
  };
}

function defaultResponder(method: string): Responder {
  if (method === "Check") return () => ({ status: HealthCheckResponse_ServingStatus.SERVING });
  return () => ({});
}
