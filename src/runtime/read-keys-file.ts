import { readFileSync } from "node:fs";
import { ConfigError, type Env } from "../config.js";

/**
 * The text of GATEWAY_API_KEYS_FILE for loadConfig (the core reads no files). Read once at start-up; a
 * missing or unreadable file is a configuration error, never a gateway silently running without keys.
 */
export function readKeysFile(env: Env): { apiKeysFile?: string } {
  const path = env.GATEWAY_API_KEYS_FILE;
  if (!path) return {};
  try {
    return { apiKeysFile: readFileSync(path, "utf8") };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? "unreadable";
    throw new ConfigError([`GATEWAY_API_KEYS_FILE: cannot read ${path} (${reason})`]);
  }
}
