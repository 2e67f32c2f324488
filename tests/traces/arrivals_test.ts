import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { arrivalStats } from "../../src/traces/arrivals.ts";
import type { TraceSession } from "../../src/traces/canonical.ts";
import { createPrng } from "../../src/random/prng.ts";

function at(...times: number[]): TraceSession {
  return {
    sessionId: null,
    runs: times.map((tS, run) => ({
      sessionId: null,
      run,
      tS,
      inputTokens: 1,
      outputTokens: 1,
      reusedPrefixTokens: null,
      split: "fit",
    })),
  };
}

/** A seeded uniform source in [0, 1) (the library's Alea streams), so runs are repeatable. */
function seeded(seed: number): () => number {
  const prng = createPrng(seed);
  return () => prng.next();
}

Deno.test("arrivalStats() of regular arrivals: rate = 1 / gap and CV = 0", () => {
  const a = arrivalStats([at(6), at(0), at(4), at(2)]); // order does not matter
  equal(a.arrivals, 4);
  equal(a.spanS, 6);
  equal(a.ratePerS, 0.5);
  equal(a.interArrivalS!.p50, 2);
  equal(a.interArrivalCv, 0);
});

Deno.test("arrivalStats() CV of gaps 1, 1, 4: sample sd √3 over mean 2", () => {
  // mean 2; deviations −1, −1, 2 → sample variance 6 / 2 = 3
  const a = arrivalStats([at(0), at(1), at(2), at(6)]);
  ok(Math.abs(a.interArrivalCv! - Math.sqrt(3) / 2) < 1e-12);
});

Deno.test("arrivalStats() index of dispersion of 1 s counts 4, 0, 1 is 13/5", () => {
  // mean 5/3; sample variance ((7/3)² + (5/3)² + (2/3)²) / 2 = 13/3; ratio 13/5
  const a = arrivalStats([at(0), at(0.1), at(0.2), at(0.3), at(3)]);
  equal(a.bins, 3);
  ok(Math.abs(a.dispersionIndex! - 2.6) < 1e-12);
});

Deno.test("arrivalStats() counts session starts, or every run with of: 'requests'", () => {
  const sessions = [at(0, 5, 9), at(10, 12)];
  deepEqual([arrivalStats(sessions).arrivals, arrivalStats(sessions).spanS], [2, 10]);
  const r = arrivalStats(sessions, { of: "requests" });
  deepEqual([r.arrivals, r.spanS, r.ratePerS], [5, 12, 4 / 12]);
});

Deno.test("arrivalStats() of a Poisson process gives CV ≈ 1 and dispersion ≈ 1", () => {
  const random = seeded(20_231_111);
  const sessions: TraceSession[] = [];
  let t = 0;
  for (let i = 0; i < 20_000; i++) {
    t += -Math.log(1 - random()) / 4; // rate 4/s
    sessions.push(at(t));
  }
  const a = arrivalStats(sessions);
  // n = 20,000: the standard errors are ≈ 0.007 (CV) and ≈ 0.01 (dispersion, 5,000 bins)
  ok(Math.abs(a.ratePerS! - 4) < 0.1, `rate ${a.ratePerS}`);
  ok(Math.abs(a.interArrivalCv! - 1) < 0.03, `CV ${a.interArrivalCv}`);
  ok(Math.abs(a.dispersionIndex! - 1) < 0.06, `dispersion ${a.dispersionIndex}`);
});

Deno.test("arrivalStats() leaves rate, CV and dispersion null when they are undefined", () => {
  const one = arrivalStats([at(3)]);
  deepEqual([one.ratePerS, one.interArrivalS, one.interArrivalCv, one.dispersionIndex], [
    null,
    null,
    null,
    null,
  ]);
  equal(arrivalStats([at(1), at(1), at(1)]).interArrivalCv, null); // mean gap 0
});

Deno.test("arrivalStats() rejects bad options and empty input, naming the field", () => {
  throws(
    () => arrivalStats([at(0)], { binS: 0 }),
    (e: unknown) => e instanceof RangeError && /options\.binS/.test(e.message),
  );
  throws(
    () => arrivalStats([at(0)], { of: "runs" as "requests" }),
    (e: unknown) => e instanceof TypeError && /options\.of/.test(e.message),
  );
  throws(() => arrivalStats([]), RangeError);
  throws(() => arrivalStats(null as unknown as TraceSession[]), TypeError);
});
