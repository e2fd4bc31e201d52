import type * as z from "zod";
import { ApiError, type FieldError } from "./api-error.js";

/** `["nearVector", "vector", 3]` → `nearVector.vector[3]`; a prefix names where the value came from. */
export function formatPath(path: readonly PropertyKey[], prefix = ""): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || "(body)";
}

/** zod issues → one FieldError per bad field, never zod's raw output. */
export function zodToApiError(error: z.ZodError, prefix = ""): ApiError {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const issue of error.issues) {
    const path = formatPath(issue.path, prefix);
    const message =
      issue.code === "unrecognized_keys" ? `unknown field(s): ${issue.keys.join(", ")}` : issue.message;
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push({ path, message });
    if (errors.length >= 50) break;
  }
  const first = errors[0];
  const detail =
    errors.length === 1
      ? `${first.path}: ${first.message}`
      : `${errors.length} fields are invalid; see errors`;
  return ApiError.badRequest(detail, errors);
}
