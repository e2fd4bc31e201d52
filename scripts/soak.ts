import { runSoak } from "../test/soak/run-soak.js";

/**
 * `npm run soak`: a minute at high concurrency on loopback (SOAK_SECONDS, default 60; SOAK_CONCURRENCY,
 * default 64; SOAK_INJECT_EVERY, default 50). Prints a sample a second, then the figures; exits 1 on an
 * error beyond the injected ones or when open file descriptors grew.
 */
const seconds = Number(process.env.SOAK_SECONDS ?? 60);
const concurrency = Number(process.env.SOAK_CONCURRENCY ?? 64);
const injectEvery = Number(process.env.SOAK_INJECT_EVERY ?? 50);
console.log(`soak: ${seconds} s, concurrency ${concurrency}, every ${injectEvery}th Search fails upstream`);
const report = await runSoak({
  durationMs: seconds * 1000,
  concurrency,
  injectEvery,
  onSample: (s) => {
    if (Math.round(s.atMs / 1000) % 10 === 0) {
      const t = Math.round(s.atMs / 1000);
      console.log(`  t=${t}s requests=${s.requests} rss=${s.rssMb}MB heap=${s.heapMb}MB fds=${s.fds}`);
    }
  },
});
console.log(JSON.stringify(report, null, 2));
const fdGrowth = report.fdsAfterClose - report.fdsBeforeStart;
const ok = report.unexpected === 0 && report.injectedAnswered === report.injected && fdGrowth <= 8;
console.log(ok ? "soak: OK" : `soak: FAILED (unexpected ${report.unexpected}, fd growth ${fdGrowth})`);
process.exit(ok ? 0 : 1);
