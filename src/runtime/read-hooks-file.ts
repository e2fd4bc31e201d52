import { readFileSync } from "node:fs";
import { ConfigError, type Env } from "../config.js";

/**
 * The text of GATEWAY_HOOKS_FILE for loadConfig (the core reads no files). Read once at start-up; a
 * missing file is a configuration error, never a gateway silently answering 404 to every delivery.
 */
export function readHooksFile(env: Env): { hooksFile?: string } {
  const path = env.GATEWAY_HOOKS_FILE;
  if (!path) return {};
  try {
    return { hooksFile: readFileSync(path, "utf8") };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? "unreadable";
    throw new ConfigError([`GATEWAY_HOOKS_FILE: cannot read ${path} (${reason})`]);
  }
}
