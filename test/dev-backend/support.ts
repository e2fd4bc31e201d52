import * as grpc from "@grpc/grpc-js";
import { type DevBackend, type DevBackendOptions, startDevBackend } from "../../dev/backend/grpc-server.js";
import { readFloat64s, writeFloat32s, writeMultiVector } from "../../dev/backend/little-endian.js";
import type { BatchObject, BatchObjectsReply } from "../../src/gen/v1/batch.js";
import type { Value } from "../../src/gen/v1/properties.js";
import { type DeepPartial, type SearchReply, SearchRequest } from "../../src/gen/v1/search_get.js";
import { WeaviateDefinition } from "../../src/gen/v1/weaviate.js";

/** The codec functions ts-proto generates for every message. */
interface Codec<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(bytes: Uint8Array): T;
  fromPartial(object: DeepPartial<T>): T;
}

export interface CallError {
  code: grpc.status;
  details: string;
}

export interface TestBackend {
  backend: DevBackend;
  /** Calls any unary method over native gRPC with the ts-proto codecs of the method's messages. */
  call<Req, Res>(
    path: string,
    requestType: Codec<Req>,
    responseType: Codec<Res>,
    request: DeepPartial<Req>,
    metadata?: Record<string, string>,
  ): Promise<Res>;
  insert(objects: DeepPartial<BatchObject>[], metadata?: Record<string, string>): Promise<BatchObjectsReply>;
  search(request: DeepPartial<SearchRequest>, metadata?: Record<string, string>): Promise<SearchReply>;
  close(): Promise<void>;
}

const methods = WeaviateDefinition.methods;

/** Starts the dev backend on free ports with a grpc-js client pointed at it. */
export async function startTestBackend(options: DevBackendOptions = {}): Promise<TestBackend> {
  const backend = await startDevBackend({ port: 0, ...options });
  const client = new grpc.Client(backend.grpcUrl.replace("grpc://", ""), grpc.credentials.createInsecure());
  const call: TestBackend["call"] = (path, requestType, responseType, request, metadata = {}) =>
    new Promise((resolve, reject) => {
      const md = new grpc.Metadata();
      for (const [key, value] of Object.entries(metadata)) md.set(key, value);
      client.makeUnaryRequest(
        path,
        (message: unknown) => Buffer.from(requestType.encode(message as never).finish()),
        (bytes: Buffer) => responseType.decode(bytes),
        requestType.fromPartial(request),
        md,
        (error, reply) => (error ? reject({ code: error.code, details: error.details }) : resolve(reply!)),
      );
    });
  return {
    backend,
    call,
    insert: (objects, metadata) =>
      call(
        "/weaviate.v1.Weaviate/BatchObjects",
        methods.batchObjects.requestType,
        methods.batchObjects.responseType,
        { objects },
        metadata,
      ),
    search: (request, metadata) =>
      call("/weaviate.v1.Weaviate/Search", SearchRequest, methods.search.responseType, request, metadata),
    async close() {
      client.close();
      await backend.close();
    },
  };
}

/** Awaits a call that must fail and returns its status. */
export async function failure(promise: Promise<unknown>): Promise<CallError> {
  try {
    await promise;
  } catch (error) {
    return error as CallError;
  }
  throw new Error("expected the call to fail");
}

export const vector = (values: number[]) => writeFloat32s(values);
export const multiVector = (rows: number[][]) => writeMultiVector(rows);

export function uuid(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
}

/** Result ids in order. */
export function ids(reply: SearchReply): string[] {
  return (reply.results ?? []).map((r) => r.metadata?.id ?? "");
}

/** A result's properties as plain JS (lists of numbers and ints decoded from their bytes). */
export function plain(fields: Record<string, Value> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields ?? {}).map(([k, v]) => [k, plainValue(v)]));
}

export function plainValue(v: Value): unknown {
  if (v.nullValue !== undefined) return null;
  if (v.objectValue) return plain(v.objectValue.fields);
  if (v.listValue) {
    const l = v.listValue;
    if (l.numberValues) return readFloat64s(l.numberValues.values ?? new Uint8Array());
    if (l.intValues) {
      const bytes = l.intValues.values ?? new Uint8Array();
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      return Array.from({ length: bytes.byteLength / 8 }, (_, i) => Number(view.getBigInt64(i * 8, true)));
    }
    if (l.objectValues) return (l.objectValues.values ?? []).map((p) => plain(p.fields));
    return (l.textValues ?? l.boolValues ?? l.dateValues ?? l.uuidValues)?.values ?? [];
  }
  if (v.intValue !== undefined) return Number(v.intValue);
  return (
    v.textValue ??
    v.numberValue ??
    v.boolValue ??
    v.dateValue ??
    v.uuidValue ??
    v.blobValue ??
    v.geoValue ??
    v.phoneValue
  );
}
