import { runRouteFuzz } from "../test/fuzz/route-fuzz.js";

/**
 * `npm run fuzz`: the long fuzz run. FUZZ_RUNS (default 20000), FUZZ_SEED (default: random, printed so a
 * failure can be replayed), FUZZ_TIME_LIMIT_MS (default 600000), FUZZ_SKIP_ROUTES (comma-separated path prefixes to leave out).
 * Traffic stays in-process against a development backend on 127.0.0.1.
 */
const runs = Number(process.env.FUZZ_RUNS ?? 20_000);
const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const timeLimitMs = Number(process.env.FUZZ_TIME_LIMIT_MS ?? 600_000);
const skipRoutes = process.env.FUZZ_SKIP_ROUTES ? process.env.FUZZ_SKIP_ROUTES.split(",") : [];
console.log(
  `fuzz: up to ${runs} cases, seed ${seed}${skipRoutes.length ? `, skipping ${skipRoutes.join(", ")}` : ""}`,
);
const started = Date.now();
try {
  const report = await runRouteFuzz({ runs, seed, timeLimitMs, skipRoutes });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `fuzz: ${report.runs} cases passed in ${seconds} s; statuses ${JSON.stringify(report.statuses)}`,
  );
} catch (error) {
  console.error(String((error as Error).message ?? error).slice(0, 2000));
  const cause = (error as Error).cause;
  if (cause) console.error(`cause: ${String((cause as Error).message ?? cause).slice(0, 2000)}`);
  console.error(`fuzz: FAILED; replay with FUZZ_SEED=${seed}`);
  process.exit(1);
}
