import { WeaviateDefinition } from "../gen/v1/weaviate.js";
import type { MessageCodec, UnaryMethod } from "./transport.js";

/** A unary RPC together with its messages' proto3 canonical JSON codecs (ts-proto fromJSON/toJSON). */
export interface JsonUnaryMethod {
  /** The method's name as in the .proto (`Search`). */
  readonly name: string;
  readonly method: UnaryMethod<unknown, unknown>;
  /** True for methods that write objects: they get the batch deadline. */
  readonly writes: boolean;
  fromJSON(json: unknown): unknown;
  toJSON(message: unknown): unknown;
}

interface JsonCodec<T> extends MessageCodec<T> {
  fromJSON(object: unknown): T;
  toJSON(message: T): unknown;
}

const WRITES = new Set(["BatchObjects", "BatchReferences", "BatchDelete"]);

/**
 * Every unary method of `weaviate.v1.Weaviate`, keyed by its proto name, read from the generated service
 * definition: a method Weaviate adds appears here after `npm run proto`, with no code to write. Streaming
 * methods (BatchStream) are left out: one HTTP request and one JSON answer cannot carry a stream.
 */
export const WEAVIATE_JSON_METHODS: ReadonlyMap<string, JsonUnaryMethod> = new Map(
  Object.values(WeaviateDefinition.methods)
    .filter((m) => !m.requestStream && !m.responseStream)
    .map((m) => {
      const requestType = m.requestType as unknown as JsonCodec<unknown>;
      const responseType = m.responseType as unknown as JsonCodec<unknown>;
      const entry: JsonUnaryMethod = {
        name: m.name,
        method: { path: `/${WeaviateDefinition.fullName}/${m.name}`, requestType, responseType },
        writes: WRITES.has(m.name),
        fromJSON: (json) => requestType.fromJSON(json),
        toJSON: (message) => responseType.toJSON(message),
      };
      return [m.name, entry] as const;
    }),
);

export const WEAVIATE_SERVICE = WeaviateDefinition.fullName;
