/** A structured logger: one JSON object per line. Runtimes may inject their own. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof LEVELS;

export function createJsonLogger(
  level: LogLevel = "info",
  write: (line: string) => void = console.log,
): Logger {
  const min = LEVELS[level];
  const log = (lvl: Exclude<LogLevel, "silent">) => {
    const enabled = LEVELS[lvl] >= min;
    const levelText = `","level":"${lvl}","msg":`;
    return (msg: string, fields?: Record<string, unknown>) => {
      if (!enabled) return;
      // The access log writes a line per request: the line is assembled around one JSON.stringify of the
      // fields instead of spreading them into a new object first (fields named like the envelope's keys
      // take the slow path, so a line never has a key twice).
      if (fields && ("time" in fields || "level" in fields || "msg" in fields)) {
        write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...fields }));
        return;
      }
      const rest = fields ? JSON.stringify(fields) : "{}";
      const tail = rest.length > 2 ? `,${rest.slice(1)}` : "}";
      write(`{"time":"${new Date().toISOString()}${levelText}${JSON.stringify(msg)}${tail}`);
    };
  };
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
}

export const silentLogger: Logger = createJsonLogger("silent");
