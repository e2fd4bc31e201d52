import { ApiError, PROBLEM_TYPES } from "../errors/api-error.js";

/**
 * Lambda's invocation payload limits (docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html):
 * 6 MB for a buffered response, and 1 MB for requests and responses through an Application Load Balancer
 * (docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html). Over them the
 * platform answers a bare 502; the gateway answers a problem that says what to change.
 */
export const LAMBDA_PAYLOAD_LIMIT = 6 * 1024 * 1024;
export const ALB_PAYLOAD_LIMIT = 1024 * 1024;

interface LambdaResult {
  statusCode: number;
  body?: string;
  headers?: Record<string, string | number | boolean>;
  multiValueHeaders?: Record<string, (string | number | boolean)[]>;
  isBase64Encoded?: boolean;
  cookies?: string[];
  statusDescription?: string;
}

export function isAlbEvent(event: unknown): boolean {
  return Boolean((event as { requestContext?: { elb?: unknown } })?.requestContext?.elb);
}

export function payloadLimit(event: unknown): number {
  return isAlbEvent(event) ? ALB_PAYLOAD_LIMIT : LAMBDA_PAYLOAD_LIMIT;
}

/** Replaces a result that Lambda (or the ALB) would refuse with a 413 problem in the same event shape. */
export function capResponse<R extends LambdaResult>(event: unknown, result: R): R {
  const limit = payloadLimit(event);
  if (sizeBound(result) <= limit) return result;
  const size = new TextEncoder().encode(JSON.stringify(result)).byteLength;
  if (size <= limit) return result;
  const problem = new ApiError({
    status: 413,
    title: "Response too large for AWS Lambda",
    detail: `the response would be ${size} bytes, over the ${limit}-byte limit of ${isAlbEvent(event) ? "an ALB target" : "a Lambda response"}; ask for less (limit, returnProperties, includeVector) or run the gateway as a container`,
    type: PROBLEM_TYPES.payloadTooLarge,
  });
  const body = JSON.stringify({
    type: problem.type,
    title: problem.title,
    status: 413,
    detail: problem.detail,
  });
  const contentType = "application/problem+json";
  const capped: LambdaResult = { statusCode: 413, body, isBase64Encoded: false };
  if (result.multiValueHeaders) capped.multiValueHeaders = { "content-type": [contentType] };
  else capped.headers = { "content-type": contentType };
  if (isAlbEvent(event)) capped.statusDescription = "413 Payload Too Large";
  return capped as R;
}

/**
 * At least the result's size as JSON, without serializing its body: in JSON each UTF-16 unit of a string
 * takes at most 6 bytes (`\u001f`), so the body adds at most 6 per unit. Only results near the limit are
 * serialized to measure them (Lambda's runtime serializes every result again to send it).
 */
function sizeBound(result: LambdaResult): number {
  const body = result.body ?? "";
  return JSON.stringify({ ...result, body: "" }).length * 3 + 6 * body.length;
}
