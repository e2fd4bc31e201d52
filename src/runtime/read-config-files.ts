import { readFileSync } from "node:fs";
import { ConfigError, type ConfigFiles, type Env } from "../config.js";

/**
 * The texts of GATEWAY_API_KEYS_FILE and GATEWAY_HOOKS_FILE for loadConfig (the core reads no files).
 * Read once at start-up; a missing or unreadable file is a configuration error, never a gateway silently
 * running without keys or answering 404 to every webhook delivery.
 */
export function readConfigFiles(env: Env): ConfigFiles {
  return {
    apiKeysFile: readConfigFile(env, "GATEWAY_API_KEYS_FILE"),
    hooksFile: readConfigFile(env, "GATEWAY_HOOKS_FILE"),
  };
}

function readConfigFile(env: Env, variable: string): string | undefined {
  const path = env[variable];
  if (!path) return undefined;
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? "unreadable";
    throw new ConfigError([`${variable}: cannot read ${path} (${reason})`]);
  }
}
