import { equal, ok, throws } from "node:assert/strict";
import { arrivalStream, checkArrivals, meanArrivalRate } from "../../src/workload/arrivals.ts";
import { createPrng } from "../../src/random/prng.ts";

function times(spec: Parameters<typeof arrivalStream>[0], n: number, seed = 1): number[] {
  const next = arrivalStream(spec, createPrng(seed));
  return Array.from({ length: n }, () => next());
}

function gapsCv(t: number[]): number {
  const gaps = t.slice(1).map((x, i) => x - t[i]);
  const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
  const variance = gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / gaps.length;
  return Math.sqrt(variance) / mean;
}

Deno.test("Poisson arrivals have mean gap 1/rate and coefficient of variation 1", () => {
  const t = times({ kind: "poisson", ratePerS: 4 }, 100_000);
  const meanGap = t.at(-1)! / t.length;
  ok(Math.abs(meanGap - 250) / 250 < 0.01, `mean gap ${meanGap}`);
  ok(Math.abs(gapsCv(t) - 1) < 0.02);
});

Deno.test("a piecewise rate puts rate × segment arrivals in each segment", () => {
  // 1/s for an hour, then 3/s for an hour, repeating: expect 3,600 and 10,800 per cycle.
  const t = times({ kind: "piecewise", ratesPerS: [1, 3], segmentS: 3600 }, 144_000);
  const cycles = Math.floor(t.at(-1)! / 7_200_000);
  let low = 0, high = 0;
  for (const x of t) {
    if (x >= cycles * 7_200_000) break;
    if (x % 7_200_000 < 3_600_000) low++;
    else high++;
  }
  ok(Math.abs(low / cycles - 3600) / 3600 < 0.02, `low ${low / cycles}`);
  ok(Math.abs(high / cycles - 10_800) / 10_800 < 0.02, `high ${high / cycles}`);
  equal(meanArrivalRate({ kind: "piecewise", ratesPerS: [1, 3], segmentS: 3600 }), 2);
});

Deno.test("a zero-rate segment gets no arrivals", () => {
  const t = times({ kind: "piecewise", ratesPerS: [0, 2], segmentS: 100 }, 5000);
  for (const x of t) ok(x % 200_000 >= 100_000, `arrival at ${x} ms in a zero-rate segment`);
});

Deno.test("bursty arrivals keep the mean rate and are over-dispersed", () => {
  const t = times({ kind: "bursty", ratePerS: 2, burstFactor: 5 }, 200_000);
  const rate = t.length / (t.at(-1)! / 1000);
  ok(Math.abs(rate - 2) / 2 < 0.03, `rate ${rate}`);
  ok(gapsCv(t) > 2, `CV ${gapsCv(t)}`);
});

Deno.test("trace arrivals replay the given times, then stop", () => {
  const next = arrivalStream({ kind: "trace", timesS: [0, 1.5, 1.5, 4] }, createPrng(1));
  equal([next(), next(), next(), next(), next()].join(), "0,1500,1500,4000,Infinity");
});

Deno.test("the same seed gives the same arrivals; another seed others", () => {
  equal(
    times({ kind: "poisson", ratePerS: 1 }, 50, 9).join(),
    times({ kind: "poisson", ratePerS: 1 }, 50, 9).join(),
  );
  ok(
    times({ kind: "poisson", ratePerS: 1 }, 50, 9).join() !==
      times({ kind: "poisson", ratePerS: 1 }, 50, 10).join(),
  );
});

Deno.test("bad arrival specs throw errors that name the field", () => {
  throws(() => checkArrivals({ kind: "poisson", ratePerS: -1 }), {
    name: "RangeError",
    message: /^arrivals\.ratePerS: expected a positive number; received -1$/,
  });
  throws(() => checkArrivals({ kind: "poison", ratePerS: 1 } as never), {
    name: "TypeError",
    message:
      /^arrivals\.kind: expected one of "poisson", "piecewise", "bursty", "trace"; received "poison"$/,
  });
  throws(() => checkArrivals({ kind: "poisson", rate: 1 } as never), {
    name: "TypeError",
    message:
      /^arrivals: expected only the keys kind, ratePerS for "poisson" \(did you mean "ratePerS"\?\); received "rate"$/,
  });
  throws(() => checkArrivals({ kind: "bursty", ratePerS: 1, burstFactor: 0.5 }), {
    name: "RangeError",
    message: /^arrivals\.burstFactor: expected a number ≥ 1; received 0.5$/,
  });
  throws(() => checkArrivals({ kind: "piecewise", ratesPerS: [0, 0], segmentS: 60 }), {
    name: "RangeError",
    message: /^arrivals\.ratesPerS: expected at least one positive rate/,
  });
  throws(() => checkArrivals({ kind: "piecewise", ratesPerS: [1, Number.NaN], segmentS: 60 }), {
    name: "RangeError",
    message: /^arrivals\.ratesPerS\[1\]: expected a number ≥ 0; received NaN$/,
  });
  throws(() => checkArrivals({ kind: "trace", timesS: [5, 2] }), {
    name: "RangeError",
    message: /^arrivals\.timesS\[1\]: expected ≥ the previous time \(5\); received 2$/,
  });
});
