import { describe, expect, it } from "vitest";
import { Code } from "../status.js";
import { decodeBase64 } from "./base64.js";
import { decodeGrpcMessage } from "./grpc-message.js";
import { grpcTimeout } from "./grpc-timeout.js";
import { httpStatusToCode } from "./http-status-to-code.js";
import { statusFromMetadata } from "./status-from-metadata.js";

describe("status metadata", () => {
  it.each([
    ["not%20found", "not found"],
    ["%C3%BCber%2050%25", "über 50%"],
    ["100%", "100%"],
    [null, ""],
  ])("decodes grpc-message %s as %s", (raw, decoded) => {
    expect(decodeGrpcMessage(raw)).toBe(decoded);
  });

  it("treats 0 as OK, a missing status as unknown and junk as INTERNAL", () => {
    expect(statusFromMetadata(new Headers({ "grpc-status": "0" }))).toBeNull();
    expect(statusFromMetadata(new Headers())).toBeUndefined();
    expect(statusFromMetadata(new Headers({ "grpc-status": "x" }))?.code).toBe(Code.INTERNAL);
    expect(statusFromMetadata(new Headers({ "grpc-status": "5", "grpc-message": "a%20b" }))).toMatchObject({
      code: Code.NOT_FOUND,
      message: "a b",
    });
  });

  it.each([
    ["AQID", [1, 2, 3]],
    ["AQI", [1, 2]],
    ["_-8", [255, 239]],
  ])("decodes base64 %s", (b64, bytes) => {
    expect([...decodeBase64(b64)]).toEqual(bytes);
  });

  it.each([
    [400, Code.INTERNAL],
    [401, Code.UNAUTHENTICATED],
    [403, Code.PERMISSION_DENIED],
    [404, Code.UNIMPLEMENTED],
    [429, Code.UNAVAILABLE],
    [502, Code.UNAVAILABLE],
    [503, Code.UNAVAILABLE],
    [504, Code.UNAVAILABLE],
    [500, Code.UNKNOWN],
  ])("maps HTTP %i without a gRPC status to %s", (status, code) => {
    expect(httpStatusToCode(status)).toBe(code);
  });
});

describe("grpc-timeout", () => {
  it.each([
    [100, "100m"],
    [0.2, "1m"],
    [99_999_999, "99999999m"],
    [100_000_000, "100000S"],
  ])("encodes %d ms as %s (at most 8 digits)", (ms, header) => {
    expect(grpcTimeout(ms)).toBe(header);
  });
});
