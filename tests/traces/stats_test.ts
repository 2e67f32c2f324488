import { deepEqual, equal, ok, throws } from "node:assert/strict";
import fc from "fast-check";
import type { TraceRow, TraceSession } from "../../src/traces/canonical.ts";
import {
  categoryMix,
  quantile,
  sessionTokens,
  summarize,
  traceStats,
} from "../../src/traces/stats.ts";

function close(actual: number | null | undefined, expected: number, what: string): void {
  ok(
    typeof actual === "number" && Math.abs(actual - expected) <= 1e-9 * Math.max(1, expected),
    `${what}: expected ${expected}; received ${actual}`,
  );
}

function session(
  sessionId: string | null,
  runs: [tS: number, input: number, output: number, reused: number | null][],
): TraceSession {
  return {
    sessionId,
    runs: runs.map(([tS, inputTokens, outputTokens, reusedPrefixTokens], run): TraceRow => ({
      sessionId,
      run,
      tS,
      inputTokens,
      outputTokens,
      reusedPrefixTokens,
      split: "fit",
    })),
  };
}

Deno.test("quantile() interpolates linearly between order statistics (type 7)", () => {
  // h = (n − 1)·p on [1, 2, 3, 4, 5]: p = 0.9 → h = 3.6 → 4 + 0.6·(5 − 4)
  equal(quantile([1, 2, 3, 4, 5], 0.5), 3);
  close(quantile([1, 2, 3, 4, 5], 0.9), 4.6, "p90");
  close(quantile([1, 2, 3, 4, 5], 0.99), 4.96, "p99");
  equal(quantile([1, 2, 3, 4, 5], 0), 1);
  equal(quantile([1, 2, 3, 4, 5], 1), 5);
  equal(quantile([7], 0.37), 7);
});

Deno.test("quantile() matches numpy's documented example: percentile([[10, 7, 4], [3, 2, 1]], 50) = 3.5", () => {
  equal(quantile([1, 2, 3, 4, 7, 10], 0.5), 3.5);
});

Deno.test("quantile() rejects an empty array and a p outside [0, 1], naming the argument", () => {
  throws(
    () => quantile([], 0.5),
    (e: unknown) => e instanceof RangeError && /sortedValues/.test(e.message),
  );
  throws(
    () => quantile([1], 1.5),
    (e: unknown) => e instanceof RangeError && /^p: /.test(e.message),
  );
  throws(() => quantile([1], Number.NaN), RangeError);
  throws(() => quantile([1], "0.5" as unknown as number), TypeError);
});

Deno.test("quantile() is monotone in p and stays within [min, max] (property)", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 50 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      (values, p, q) => {
        const sorted = [...values].sort((a, b) => a - b);
        const [lo, hi] = p <= q ? [p, q] : [q, p];
        const a = quantile(sorted, lo);
        const b = quantile(sorted, hi);
        ok(a <= b + 1e-6 * Math.max(1, Math.abs(b)));
        ok(a >= sorted[0] && b <= sorted[sorted.length - 1]);
      },
    ),
  );
});

Deno.test("summarize() gives count, mean, extremes and type-7 quantiles of unsorted values", () => {
  const s = summarize([3, 1, 2, 10])!;
  equal(s.count, 4);
  equal(s.mean, 4);
  equal(s.min, 1);
  equal(s.max, 10);
  equal(s.p50, 2.5); // h = 1.5 → 2 + 0.5·1
  close(s.p90, 7.9, "p90"); // h = 2.7 → 3 + 0.7·7
  close(s.p99, 9.79, "p99"); // h = 2.97 → 3 + 0.97·7
  equal(summarize([]), null);
  throws(() => summarize([1, Number.NaN]), RangeError);
});

Deno.test("categoryMix() uses the inclusive thresholds 50K / 200K / 500K", () => {
  const mix = categoryMix([50_000, 50_001, 200_000, 200_001, 500_000, 500_001, 0]);
  deepEqual(mix.counts, { extreme: 1, heavy: 2, medium: 2, light: 2 });
  equal(mix.sessions, 7);
  close(mix.shares.light, 2 / 7, "light share");
  const empty = categoryMix([null]);
  deepEqual(empty.shares, { extreme: 0, heavy: 0, medium: 0, light: 0 });
  equal(empty.tokens, null);
  equal(empty.excludedSessions, 1);
});

Deno.test("sessionTokens(): with perfect prefix reuse, new tokens equal the final context", () => {
  // 60 runs: input 20,000 + 1,000·k, output 300, reused = previous input + output (k ≥ 1).
  const runs: [number, number, number, number | null][] = [];
  for (let k = 0; k < 60; k++) {
    runs.push([k * 18, 20_000 + 1_000 * k, 300, k === 0 ? 0 : 20_000 + 1_000 * (k - 1) + 300]);
  }
  const t = sessionTokens(session("agent", runs));
  // billed: 60 · 20,300 + 1,000 · (0 + … + 59) = 1,218,000 + 1,770,000
  equal(t.billedTokens, 2_988_000);
  // largest: 20,000 + 59,000 + 300
  equal(t.largestContextTokens, 79_300);
  // new: 20,300 for the first run, then 1,000 per run
  equal(t.newTokens, 20_300 + 59 * 1_000);
});

Deno.test("sessionTokens() treats an unknown first-run reuse as none and a later one as unknown", () => {
  equal(sessionTokens(session(null, [[0, 1_000, 100, null]])).newTokens, 1_100);
  equal(sessionTokens(session("c", [[0, 1_000, 50, null], [60, 1_200, 60, null]])).newTokens, null);
  // (1,000 + 50 − 200) + (1,200 + 60 − 1,000) = 850 + 260
  equal(
    sessionTokens(session("d", [[0, 1_000, 50, 200], [60, 1_200, 60, 1_000]])).newTokens,
    1_110,
  );
});

// Three sessions, every figure below computed by hand.
const A = session("A", [[0, 20_000, 500, 0], [18, 21_000, 300, 20_480], [40, 22_000, 200, 21_248]]);
const B = session(null, [[5, 3_000, 100, null]]);
const C = session("C", [[10, 1_000, 50, null], [70, 1_200, 60, null]]);

Deno.test("traceStats() summarises per-run tokens, turns and first-run input", () => {
  const s = traceStats([A, B, C]);
  equal(s.sessions, 3);
  equal(s.runs, 6);
  // inputs sorted: 1,000 1,200 3,000 20,000 21,000 22,000 → h = 2.5 → 3,000 + 0.5 · 17,000
  equal(s.inputTokens.p50, 11_500);
  close(s.inputTokens.mean, 68_200 / 6, "input mean");
  // outputs sorted: 50 60 100 200 300 500 → 100 + 0.5 · 100
  equal(s.outputTokens.p50, 150);
  deepEqual([s.turns.p50, s.turns.mean, s.turns.max], [2, 2, 3]);
  equal(s.firstRunInputTokens.p50, 3_000);
});

Deno.test("traceStats() measures growth, new input, gaps and durations between consecutive runs", () => {
  const s = traceStats([A, B, C]);
  // growth: A 1,000 and 1,000; C 200
  deepEqual([s.inputGrowthTokens!.min, s.inputGrowthTokens!.p50, s.inputGrowthTokens!.count], [
    200,
    1_000,
    3,
  ]);
  // new beyond history: A 21,000 − 20,000 − 500 = 500, 22,000 − 21,000 − 300 = 700; C 150
  deepEqual([s.newInputTokens!.min, s.newInputTokens!.p50, s.newInputTokens!.max], [150, 500, 700]);
  // gaps: A 18 and 22, C 60
  equal(s.gapS!.p50, 22);
  // durations: A 40, B 0, C 60
  deepEqual([s.sessionDurationS.min, s.sessionDurationS.p50, s.sessionDurationS.max], [0, 40, 60]);
});

Deno.test("traceStats() computes the reused-prefix fraction over runs where it is known", () => {
  const r = traceStats([A, B, C]).reusedPrefix;
  equal(r.knownRuns, 3);
  close(r.fraction, (20_480 + 21_248) / 63_000, "fraction");
  close(r.fractionAfterFirstRun, (20_480 + 21_248) / 43_000, "after first run");
  close(r.perRunFraction!.p50, (20_480 / 21_000 + 21_248 / 22_000) / 2, "per-run median");
  const none = traceStats([B, C]).reusedPrefix;
  deepEqual([none.knownRuns, none.fraction, none.perRunFraction], [0, null, null]);
});

Deno.test("traceStats() classifies sessions under the three meanings of cumulative tokens", () => {
  const c = traceStats([A, B, C]).cumulativeTokens;
  // billed: A 20,500 + 21,300 + 22,200 = 64,000 (medium); B 3,100; C 2,310
  deepEqual(c.billed.counts, { extreme: 0, heavy: 0, medium: 1, light: 2 });
  equal(c.billed.tokens!.max, 64_000);
  // largest context: A 22,200; B 3,100; C 1,260
  deepEqual(c.largestContext.counts, { extreme: 0, heavy: 0, medium: 0, light: 3 });
  // new: A 20,500 + 820 + 952 = 22,272; B 3,100; C unknown (run 1's reuse is unknown)
  deepEqual([c.newTokens.sessions, c.newTokens.excludedSessions], [2, 1]);
  equal(c.newTokens.tokens!.max, 22_272);
  equal(c.newTokens.tokens!.min, 3_100);
});

Deno.test("traceStats() leaves growth and gaps null when every session has one run", () => {
  const s = traceStats([B]);
  deepEqual([s.inputGrowthTokens, s.newInputTokens, s.gapS], [null, null, null]);
  equal(s.sessionDurationS.max, 0);
});

Deno.test("traceStats() rejects no sessions, a session without runs, and a non-array", () => {
  throws(
    () => traceStats([]),
    (e: unknown) => e instanceof RangeError && /^sessions:/.test(e.message),
  );
  throws(
    () => traceStats([A, { sessionId: "x", runs: [] }]),
    (e: unknown) => e instanceof RangeError && /sessions\[1\]\.runs/.test(e.message),
  );
  throws(() => traceStats({} as unknown as TraceSession[]), TypeError);
});

Deno.test("traceStats() never yields NaN for valid sessions (property)", () => {
  const arbSession = fc.array(
    fc.tuple(fc.nat(10_000), fc.nat(1_000_000), fc.nat(10_000), fc.option(fc.nat(1_000_000))),
    { minLength: 1, maxLength: 8 },
  ).map((runs) =>
    session(
      "s",
      runs.map(([t, i, o, r]) => [t, i, o, r === null ? null : Math.min(r, i)]),
    )
  );
  fc.assert(
    fc.property(fc.array(arbSession, { minLength: 1, maxLength: 6 }), (sessions) => {
      JSON.stringify(traceStats(sessions), (key, value) => {
        ok(typeof value !== "number" || Number.isFinite(value), `${key} = ${value}`);
        return value;
      });
    }),
  );
});
