/**
 * Weaviate's default GRPC_MAX_MESSAGE_SIZE (100 MiB + 400), which also bounds its gRPC-Web buffer and is
 * what its official clients use for send and receive (weaviate-wire.md §7).
 */
export const DEFAULT_MAX_MESSAGE_BYTES = 104_858_000;
