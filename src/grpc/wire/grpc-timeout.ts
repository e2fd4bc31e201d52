/** `grpc-timeout` allows at most 8 digits (gRPC over HTTP/2 spec, "Timeout"). */
export function grpcTimeout(ms: number): string {
  const whole = Math.ceil(ms);
  return whole < 1e8 ? `${whole}m` : `${Math.ceil(whole / 1000)}S`;
}
