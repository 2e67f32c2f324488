import { deepStrictEqual, equal, ok, throws } from "node:assert/strict";
import fc from "fast-check";
import {
  createPrng,
  type Distribution,
  distributionFromSpec,
  type DistributionSpec,
  empirical,
  exponential,
  fixed,
  gamma,
  histogram,
  lognormal,
  mixture,
  normal,
  normalCdf,
  normalQuantile,
  pareto,
  type Prng,
  quantileOf,
  sampleInt,
  truncated,
  uniform,
  Z90,
} from "../../src/random/mod.ts";

// ---- helpers --------------------------------------------------------------------------------

function draws(dist: Distribution, n: number, seed = "stats"): Float64Array {
  const prng = createPrng(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = dist.sample(prng);
  return out;
}

function moments(xs: Float64Array): { mean: number; variance: number } {
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let ss = 0;
  for (const x of xs) ss += (x - mean) * (x - mean);
  return { mean, variance: ss / (xs.length - 1) };
}

function sampleQuantile(xs: Float64Array, p: number): number {
  const sorted = Float64Array.from(xs).sort();
  return sorted[Math.floor(p * (sorted.length - 1))];
}

function near(actual: number, expected: number, relTol: number, label: string): void {
  const err = Math.abs(actual - expected) / Math.abs(expected);
  ok(err <= relTol, `${label}: ${actual} vs ${expected} (relative error ${err.toExponential(2)})`);
}

/** Mean within 1 % and variance within 3 % of the closed forms (tolerances ≥ 3 standard errors). */
function checkMoments(dist: Distribution, mean: number, variance: number, n = 200_000): void {
  const m = moments(draws(dist, n));
  near(m.mean, mean, 0.01, `${dist.kind} sample mean`);
  near(m.variance, variance, 0.03, `${dist.kind} sample variance`);
  near(dist.mean!, mean, 1e-12, `${dist.kind}.mean`);
  near(dist.variance!, variance, 1e-12, `${dist.kind}.variance`);
}

function fraction(xs: Float64Array, test: (x: number) => boolean): number {
  let k = 0;
  for (const x of xs) if (test(x)) k++;
  return k / xs.length;
}

/** A Prng that replays fixed values, for edge cases (then cycles). */
function scripted(values: number[]): Prng {
  let i = 0;
  const next = (): number => values[i++ % values.length];
  return { next, nextUint32: () => next() * 2 ** 32 };
}

// ---- normal function ------------------------------------------------------------------------

Deno.test("normalQuantile() matches reference values to ~1e-14", () => {
  // Reference: Python 3 statistics.NormalDist().inv_cdf (Wichura's AS241, ~1e-16), and the
  // textbook constants 1.959963984540054 (97.5 %), 1.2815515655446004 (90 %).
  const cases: [number, number][] = [
    [0.975, 1.959963984540054],
    [0.9, 1.2815515655446004],
    [0.999, 3.090232306167813],
    [1e-10, -6.361340902404056],
    [0.02425, -1.9729610513118845],
    [0.3, -0.5244005127080407],
    [1 - 1e-12, 7.0344869100478356],
  ];
  for (const [p, z] of cases) near(normalQuantile(p), z, 2e-14, `normalQuantile(${p})`);
  equal(normalQuantile(0.5), 0);
  equal(normalQuantile(0), -Infinity);
  equal(normalQuantile(1), Infinity);
  near(Z90, normalQuantile(0.9), 1e-15, "Z90");
});

Deno.test("normalCdf() matches reference values, including far tails", () => {
  // Reference: Python 3 math.erfc, Φ(x) = erfc(−x/√2)/2.
  const cases: [number, number][] = [
    [1, 0.8413447460685429],
    [-1, 0.15865525393145707],
    [2.5, 0.9937903346742238],
    [-5, 2.866515718791946e-7],
    [-8.5, 9.479534822203355e-18],
    [-30, 4.906713927148764e-198],
  ];
  for (const [x, p] of cases) near(normalCdf(x), p, 1e-13, `normalCdf(${x})`);
  equal(normalCdf(0), 0.5);
  equal(normalCdf(-Infinity), 0);
  equal(normalCdf(Infinity), 1);
});

Deno.test("normalCdf(normalQuantile(p)) = p across (0, 1)", () => {
  for (const p of [1e-300, 1e-20, 1e-5, 0.01, 0.2, 0.5, 0.7, 0.99, 1 - 1e-9]) {
    const back = normalCdf(normalQuantile(p));
    ok(Math.abs(back - p) <= 1e-13 * Math.min(p, 1 - p) + 1e-16, `p = ${p}: ${back}`);
  }
});

Deno.test("normalQuantile() and normalCdf() reject bad arguments", () => {
  throws(() => normalQuantile(1.5), {
    name: "RangeError",
    message: /^p: expected a probability in \[0, 1\]; received 1\.5$/,
  });
  throws(() => normalQuantile("0.5" as unknown as number), { name: "TypeError", message: /^p: / });
  throws(() => normalCdf(NaN), {
    name: "RangeError",
    message: "x: expected a number; received NaN",
  });
});

// ---- each family against its closed forms ---------------------------------------------------

Deno.test("fixed() always returns its value", () => {
  const d = fixed(-2.5);
  ok(draws(d, 1_000).every((x) => x === -2.5));
  equal(d.mean, -2.5);
  equal(d.variance, 0);
  deepStrictEqual(d.support, { min: -2.5, max: -2.5 });
});

Deno.test("uniform(2, 6): mean 4, variance 16/12, draws in [2, 6)", () => {
  const d = uniform(2, 6);
  checkMoments(d, 4, 16 / 12);
  ok(draws(d, 100_000).every((x) => x >= 2 && x < 6));
  equal(d.cdf!(3), 0.25);
  equal(d.quantile!(0.75), 5);
});

Deno.test("normal(10, 2): mean 10, variance 4, 97.5 % quantile 10 + 2·1.95996", () => {
  const d = normal(10, 2);
  checkMoments(d, 10, 4);
  near(d.quantile!(0.975), 10 + 2 * 1.959963984540054, 1e-14, "quantile");
  near(sampleQuantile(draws(d, 200_000), 0.975), 13.92, 0.005, "sample 97.5 %");
});

Deno.test("exponential(0.5): mean 2, variance 4, P(X > 2) = 1/e", () => {
  const d = exponential(0.5);
  checkMoments(d, 2, 4);
  near(fraction(draws(d, 200_000), (x) => x > 2), Math.exp(-1), 0.01, "P(X > 2)");
  near(d.quantile!(0.5), 2 * Math.LN2, 1e-15, "median");
  near(d.cdf!(2), 1 - Math.exp(-1), 1e-15, "cdf(2)");
  const byMean = distributionFromSpec({ kind: "exponential", mean: 2 });
  equal(byMean.mean, 2);
  deepStrictEqual(byMean.spec, { kind: "exponential", mean: 2 });
});

Deno.test("lognormal({ mu, sigma }): mean e^(μ+σ²/2), variance (e^σ² − 1)e^(2μ+σ²)", () => {
  const mu = 0.5;
  const sigma = 0.5;
  checkMoments(
    lognormal({ mu, sigma }),
    Math.exp(mu + sigma * sigma / 2),
    (Math.exp(sigma * sigma) - 1) * Math.exp(2 * mu + sigma * sigma),
  );
});

Deno.test("lognormal({ median, p90 }) reproduces its median and p90 within 2 %", () => {
  const d = lognormal({ median: 1_000, p90: 3_000 });
  const xs = draws(d, 200_000);
  near(sampleQuantile(xs, 0.5), 1_000, 0.02, "sample median");
  near(sampleQuantile(xs, 0.9), 3_000, 0.02, "sample p90");
  const sigma = Math.log(3) / 1.2815515655446004; // σ = ln(p90/median)/z₉₀, μ = ln(1000)
  near(d.mean!, 1_000 * Math.exp(sigma * sigma / 2), 1e-12, "mean");
  near(moments(xs).mean, d.mean!, 0.01, "sample mean");
  near(d.quantile!(0.5), 1_000, 1e-12, "quantile(0.5)");
  near(d.quantile!(0.9), 3_000, 1e-12, "quantile(0.9)");
  near(d.cdf!(3_000), 0.9, 1e-12, "cdf(p90)");
});

Deno.test("gamma(k, θ): mean kθ and variance kθ² for k = 0.3, 0.5, 2.5, 9", () => {
  checkMoments(gamma(0.3, 2), 0.6, 1.2, 1_000_000);
  checkMoments(gamma(0.5, 2), 1, 2);
  checkMoments(gamma(2.5, 2), 5, 10);
  checkMoments(gamma(9, 0.5), 4.5, 2.25);
});

Deno.test("gamma() has the right shape: exponential at k = 1, χ²₁ at k = ½", () => {
  // Gamma(1, 2) is Exponential(mean 2): P(X > 2) = e⁻¹.
  near(fraction(draws(gamma(1, 2), 200_000), (x) => x > 2), Math.exp(-1), 0.01, "P(X > 2)");
  // Gamma(2, 1): P(X ≤ 1) = 1 − 2/e (integrate x·e^(−x)).
  near(fraction(draws(gamma(2, 1), 200_000), (x) => x <= 1), 1 - 2 / Math.E, 0.01, "P(X ≤ 1)");
  // Gamma(½, 2) is χ² with one degree of freedom, Z²: P(X ≤ 1) = P(|Z| ≤ 1) = 0.682689492.
  near(
    fraction(draws(gamma(0.5, 2), 200_000), (x) => x <= 1),
    0.6826894921370859,
    0.01,
    "P(Z² ≤ 1)",
  );
});

Deno.test("pareto(xm, α): mean α·xm/(α − 1), variance xm²α/((α − 1)²(α − 2)), tail (xm/x)^α", () => {
  const d = pareto(2, 3);
  const xs = draws(d, 200_000);
  near(moments(xs).mean, 3, 0.01, "sample mean");
  equal(d.mean, 3);
  equal(d.variance, 4 * 3 / (4 * 1)); // 12/4 = 3
  near(fraction(xs, (x) => x > 4), 1 / 8, 0.02, "P(X > 2·xm)");
  ok(xs.every((x) => x >= 2));
  // α = 6 has a finite fourth moment, so the sample variance is stable: 4·6/(25·4) = 0.24.
  checkMoments(pareto(2, 6), 2.4, 0.24, 1_000_000);
  equal(pareto(1, 1).mean, null);
  equal(pareto(1, 2).variance, null);
  near(d.quantile!(0.875), 4, 1e-14, "quantile");
});

Deno.test("empirical() resamples the values with equal probability", () => {
  const values = [1, 2, 2, 7];
  const d = empirical(values);
  equal(d.mean, 3);
  equal(d.variance, (4 + 1 + 1 + 16) / 4);
  const xs = draws(d, 1_000_000);
  near(fraction(xs, (x) => x === 1), 0.25, 0.01, "P(1)");
  near(fraction(xs, (x) => x === 2), 0.5, 0.01, "P(2)");
  near(fraction(xs, (x) => x === 7), 0.25, 0.01, "P(7)");
  deepStrictEqual(d.support, { min: 1, max: 7 });
  values[0] = 100; // the distribution keeps its own copy
  ok(draws(d, 1_000).every((x) => x !== 100));
});

Deno.test("histogram() picks bins by count and values uniformly within them", () => {
  const d = histogram({ edges: [0, 1, 5, 10, 20], counts: [1, 0, 3, 6] });
  const xs = draws(d, 1_000_000);
  near(fraction(xs, (x) => x < 1), 0.1, 0.01, "bin [0, 1)");
  equal(fraction(xs, (x) => x >= 1 && x < 5), 0);
  near(fraction(xs, (x) => x >= 5 && x < 10), 0.3, 0.01, "bin [5, 10)");
  near(fraction(xs, (x) => x >= 10), 0.6, 0.01, "bin [10, 20)");
  // Uniform within a bin: half of bin [10, 20) lies below 15.
  near(fraction(xs, (x) => x >= 10 && x < 15), 0.3, 0.01, "half of the last bin");
  // Mean 0.1·0.5 + 0.3·7.5 + 0.6·15 = 11.3; variance Σp(mid² + w²/12) − mean².
  const second = 0.1 * (0.25 + 1 / 12) + 0.3 * (56.25 + 25 / 12) + 0.6 * (225 + 100 / 12);
  checkMoments(d, 11.3, second - 11.3 * 11.3);
  equal(d.quantile!(0.1), 5); // the empty bin is skipped
  equal(d.quantile!(0.4), 10);
  equal(d.cdf!(7.5), 0.25);
  deepStrictEqual(d.support, { min: 0, max: 20 });
});

Deno.test("histogram() quantile picks the bin a linear scan picks, for random histograms", () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1_000 })), {
        minLength: 1,
        maxLength: 60,
      })
        .filter((counts) => counts.some((c) => c > 0)),
      fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), {
        minLength: 1,
        maxLength: 20,
      }),
      (counts, ps) => {
        const edges = [0];
        counts.forEach((_, i) => edges.push(edges[i] + 1 + (i % 3)));
        const d = histogram({ edges, counts });
        const total = counts.reduce((s, c) => s + c, 0);
        return ps.every((p) => {
          let bin = 0;
          let cum = counts[0];
          while (cum <= p * total) cum += counts[++bin];
          const x = d.quantile!(p);
          return counts[bin] > 0 && x >= edges[bin] && x <= edges[bin + 1];
        });
      },
    ),
  );
});

// ---- truncation -----------------------------------------------------------------------------

Deno.test("truncated() by inverse CDF never leaves its bounds and has the closed-form mean", () => {
  const inner = lognormal({ mu: 0, sigma: 1 });
  const d = truncated(inner, { min: 1, max: 3 });
  const xs = draws(d, 200_000);
  ok(xs.every((x) => x >= 1 && x <= 3));
  // E[X | 1 ≤ X ≤ 3] = e^½ [Φ(ln 3 − 1) − Φ(−1)] / [Φ(ln 3) − Φ(0)] for ln X ~ N(0, 1).
  const expected = Math.exp(0.5) * (normalCdf(Math.log(3) - 1) - normalCdf(-1)) /
    (normalCdf(Math.log(3)) - 0.5);
  near(d.mean!, expected, 1e-12, "mean");
  near(moments(xs).mean, expected, 0.01, "sample mean");
  // The conditional CDF at 2: [Φ(ln 2) − ½] / [Φ(ln 3) − ½].
  const cdf2 = (normalCdf(Math.log(2)) - 0.5) / (normalCdf(Math.log(3)) - 0.5);
  near(fraction(xs, (x) => x <= 2), cdf2, 0.01, "P(X ≤ 2)");
  near(d.cdf!(2), cdf2, 1e-12, "cdf(2)");
  equal(d.quantile!(0), 1);
  near(d.quantile!(1), 3, 1e-12, "quantile(1)");
  equal(d.variance, null);
});

Deno.test("truncated() keeps an upper-tail slice exactly (survival-function path)", () => {
  // Exponential is memoryless: E[X | X ≥ 20] = 20 + 1/λ, though P(X ≥ 20) = e⁻²⁰ ≈ 2·10⁻⁹.
  const d = truncated(exponential(1), { min: 20 });
  const xs = draws(d, 200_000);
  ok(xs.every((x) => x >= 20));
  near(moments(xs).mean, 21, 0.01, "sample mean");
  near(d.mean!, 21, 1e-12, "mean");
  near(d.quantile!(1 - Math.exp(-1)), 21, 1e-12, "quantile");
  // Normal beyond 12σ (P ≈ 1.8·10⁻³³): mean φ(12)/Φ(−12) (the inverse Mills ratio).
  const z = truncated(normal(0, 1), { min: 12 });
  const mills = Math.exp(-72) / Math.sqrt(2 * Math.PI) / normalCdf(-12);
  near(z.mean!, mills, 1e-12, "normal tail mean");
  const zs = draws(z, 200_000);
  ok(zs.every((x) => x >= 12 && Number.isFinite(x)));
  near(moments(zs).mean, mills, 0.01, "normal tail sample mean");
  // Lognormal above e^3.719 (its 99.99th percentile): P(X ≤ e⁴ | X ≥ e^3.719) from Φ's tails.
  const zMin = 3.719016485455709;
  const ln = truncated(lognormal({ mu: 0, sigma: 1 }), { min: Math.exp(zMin) });
  near(ln.cdf!(Math.exp(4)), 1 - normalCdf(-4) / normalCdf(-zMin), 1e-9, "lognormal cdf");
  // Pareto(1, 2) between 10⁶ and 2·10⁶: S(x) = x⁻², so P(X > √2·10⁶ | slice) = (½ − ¼)/(1 − ¼).
  const p = truncated(pareto(1, 2), { min: 1e6, max: 2e6 });
  near(1 - p.cdf!(Math.SQRT2 * 1e6), (0.5 - 0.25) / (1 - 0.25), 1e-9, "pareto slice");
  const capped = truncated(lognormal({ median: 400, p90: 1_500 }), { max: 8_192 });
  ok(draws(capped, 200_000).every((x) => x > 0 && x <= 8_192));
});

Deno.test("truncated() by rejection (gamma) never leaves its bounds and matches a hand integral", () => {
  const d = truncated(gamma(2, 1), { max: 1 });
  const xs = draws(d, 200_000);
  ok(xs.every((x) => x >= 0 && x <= 1));
  // E[X | X ≤ 1] for Gamma(2, 1): ∫₀¹ x²e^(−x) dx / ∫₀¹ x e^(−x) dx = (2 − 5/e)/(1 − 2/e).
  near(moments(xs).mean, (2 - 5 / Math.E) / (1 - 2 / Math.E), 0.01, "sample mean");
  equal(d.mean, null);
  const both = truncated(gamma(3, 2), { min: 2, max: 10 });
  ok(draws(both, 100_000).every((x) => x >= 2 && x <= 10));
});

Deno.test("truncated() of a mixture uses rejection and still has a closed-form mean", () => {
  const m = mixture([{ weight: 1, dist: uniform(0, 10) }, { weight: 1, dist: uniform(5, 15) }]);
  const d = truncated(m, { min: 8 });
  // Kept: [8, 10) from the first (mass 0.2·½) and [8, 15) from the second (0.7·½).
  // Mean = (0.1·9 + 0.35·11.5)/0.45 = 10.944…
  const expected = (0.1 * 9 + 0.35 * 11.5) / 0.45;
  near(d.mean!, expected, 1e-12, "mean");
  const xs = draws(d, 200_000);
  ok(xs.every((x) => x >= 8 && x <= 15));
  near(moments(xs).mean, expected, 0.01, "sample mean");
});

Deno.test("truncated() of an empirical keeps the values inside the bounds, inclusively", () => {
  const d = truncated(empirical([1, 2, 3, 4, 5]), { min: 2, max: 4 });
  const xs = draws(d, 100_000);
  ok(xs.every((x) => x >= 2 && x <= 4));
  near(fraction(xs, (x) => x === 2), 1 / 3, 0.02, "P(2)");
  deepStrictEqual(d.support, { min: 2, max: 4 });
});

Deno.test("truncated() refuses bounds that keep (almost) nothing", () => {
  throws(() => truncated(pareto(2, 3), { max: 1 }), {
    name: "RangeError",
    message:
      /^truncated: expected bounds that overlap the pareto's support \[2, Infinity\]; received \{"max":1\}$/,
  });
  throws(() => truncated(normal(0, 1), { min: 40 }), {
    name: "RangeError",
    message:
      /^truncated: expected bounds that keep a share ≥ 1e-9 of the normal's tail they cut \(kept 0\); received \{"min":40\}$/,
  });
  throws(() => truncated(uniform(0, 1), { min: 1 - 1e-12 }), {
    name: "RangeError",
    message: /^truncated: expected bounds that keep a share ≥ 1e-9 of the uniform's tail they cut/,
  });
  throws(() => truncated(gamma(2, 1), { min: 8 }), {
    name: "RangeError",
    message:
      /^truncated: expected bounds that keep at least 1% of the gamma \(kept 0\.\d+%\); received \{"min":8\}$/,
  });
});

Deno.test("truncated() by rejection throws, naming the bounds, if no draw ever fits", () => {
  const d = truncated(empirical([0, 10]), { min: 5 }); // the pilot keeps half
  throws(() => d.sample(scripted([0])), {
    name: "RangeError",
    message:
      "truncated: expected bounds that draws can meet; received no draw in [5, 10] after 10000 tries",
  });
});

// ---- mixture --------------------------------------------------------------------------------

Deno.test("mixture() respects its weights within 1 % and never picks a zero weight", () => {
  const d = mixture([
    { weight: 2, dist: fixed(0) },
    { weight: 0, dist: fixed(1) },
    { weight: 3, dist: fixed(2) },
    { weight: 5, dist: fixed(3) },
  ]);
  const xs = draws(d, 1_000_000);
  near(fraction(xs, (x) => x === 0), 0.2, 0.01, "weight 2/10");
  equal(fraction(xs, (x) => x === 1), 0);
  near(fraction(xs, (x) => x === 2), 0.3, 0.01, "weight 3/10");
  near(fraction(xs, (x) => x === 3), 0.5, 0.01, "weight 5/10");
  equal(d.mean, 0.2 * 0 + 0.3 * 2 + 0.5 * 3);
});

Deno.test("mixture() of continuous parts: mean Σpμ, variance Σp(σ² + μ²) − mean², cdf Σ pF", () => {
  const d = mixture([{ weight: 1, dist: exponential(1) }, { weight: 3, dist: normal(10, 2) }]);
  const mean = 0.25 * 1 + 0.75 * 10;
  const variance = 0.25 * (1 + 1) + 0.75 * (4 + 100) - mean * mean;
  checkMoments(d, mean, variance);
  near(d.cdf!(1), 0.25 * (1 - Math.exp(-1)) + 0.75 * normalCdf(-4.5), 1e-12, "cdf(1)");
  equal(d.quantile, undefined);
  equal(mixture([{ weight: 1, dist: pareto(1, 0.5) }, { weight: 1, dist: fixed(1) }]).mean, null);
});

// ---- helpers and specs ----------------------------------------------------------------------

Deno.test("sampleInt() rounds to the nearest integer and floors at 0", () => {
  const prng = createPrng(3);
  equal(sampleInt(fixed(2.5), prng), 3);
  equal(sampleInt(fixed(2.49), prng), 2);
  equal(sampleInt(fixed(-0.4), prng), 0);
  ok(Object.is(sampleInt(fixed(-0.4), prng), 0));
  equal(sampleInt(fixed(-7), prng), 0);
  const xs = Array.from({ length: 10_000 }, () => sampleInt(normal(0, 3), prng));
  ok(xs.every((x) => Number.isInteger(x) && x >= 0));
});

Deno.test("quantileOf() evaluates the analytic kinds and refuses the others", () => {
  equal(quantileOf(uniform(0, 10), 0.5), 5);
  near(quantileOf(exponential(2), 0.5), Math.LN2 / 2, 1e-15, "exponential");
  near(quantileOf(pareto(1, 2), 0.75), 2, 1e-15, "pareto");
  near(
    quantileOf(lognormal({ mu: 1, sigma: 2 }), 0.975),
    Math.exp(1 + 2 * 1.959963984540054),
    1e-13,
    "lognormal",
  );
  near(quantileOf(normal(0, 1), 0.9), Z90, 1e-15, "normal");
  throws(() => quantileOf(gamma(2, 1), 0.5), {
    name: "TypeError",
    message: 'dist: expected a distribution with a closed-form quantile; received "gamma"',
  });
  throws(() => quantileOf(uniform(0, 1), 2), { name: "RangeError", message: /^p: / });
  throws(() => quantileOf({} as Distribution, 0.5), {
    name: "TypeError",
    message: /^dist: expected a distribution/,
  });
});

Deno.test("cdf(quantile(p)) = p for every analytic kind", () => {
  const dists = [
    uniform(-1, 3),
    normal(5, 0.5),
    exponential(0.1),
    lognormal({ median: 50, p90: 400 }),
    pareto(3, 1.5),
    histogram({ edges: [0, 2, 3, 10], counts: [5, 0, 2] }),
    truncated(lognormal({ mu: 2, sigma: 1 }), { min: 3, max: 40 }),
  ];
  for (const d of dists) {
    for (const p of [0.001, 0.1, 0.37, 0.5, 0.9, 0.999]) {
      near(d.cdf!(d.quantile!(p)), p, 1e-10, `${d.kind} at ${p}`);
    }
  }
});

Deno.test("distributionFromSpec(d.spec) rebuilds d: same draws from the same seed", () => {
  const dists = [
    fixed(4),
    uniform(1, 2),
    normal(0, 1),
    exponential(3),
    lognormal({ mu: 1, sigma: 0.3 }),
    lognormal({ median: 10, p90: 25 }),
    gamma(0.7, 4),
    pareto(1, 2.5),
    empirical([3, 1, 4, 1, 5]),
    histogram({ edges: [0, 1, 2], counts: [1, 1] }),
    truncated(gamma(2, 1), { min: 0.5, max: 4 }),
    truncated(lognormal({ mu: 0, sigma: 1 }), { max: 5 }),
    mixture([{ weight: 1, dist: fixed(1) }, { weight: 2, dist: exponential(1) }]),
  ];
  for (const d of dists) {
    const json = JSON.parse(JSON.stringify(d.spec)) as DistributionSpec;
    const rebuilt = distributionFromSpec(json);
    deepStrictEqual(rebuilt.spec, d.spec);
    deepStrictEqual(draws(rebuilt, 50, "spec"), draws(d, 50, "spec"), d.kind);
    equal(rebuilt.mean, d.mean);
  }
});

Deno.test("samples consume the documented number of uniforms and tolerate next() = 0", () => {
  // A 0 is redrawn where a log would see it; values at the top of [0, 1) stay finite.
  for (
    const d of [
      normal(0, 1),
      lognormal({ mu: 0, sigma: 1 }),
      gamma(0.5, 1),
      truncated(normal(0, 1), { max: 0 }),
    ]
  ) {
    ok(Number.isFinite(d.sample(scripted([0, 0.5, 0.25]))), d.kind);
    ok(Number.isFinite(d.sample(scripted([1 - 2 ** -53, 0.5, 0.5, 0.5]))), d.kind);
  }
  ok(Number.isFinite(exponential(1).sample(scripted([1 - 2 ** -53]))));
  ok(Number.isFinite(pareto(1, 0.01).sample(scripted([1 - 2 ** -53]))));
  equal(pareto(1, 0.01).sample(scripted([1 - 2 ** -32])), Number.MAX_VALUE);
  throws(() => normal(0, 1).sample(scripted([0])), {
    name: "RangeError",
    message: /^prng: expected next\(\) to return/,
  });
});

// ---- properties -----------------------------------------------------------------------------

const positive = (min: number, max: number): fc.Arbitrary<number> =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

const specArb: fc.Arbitrary<DistributionSpec> = fc.oneof(
  positive(-1e6, 1e6).map((value): DistributionSpec => ({ kind: "fixed", value })),
  fc.tuple(positive(-1e6, 1e6), positive(1e-6, 1e6))
    .map(([min, w]): DistributionSpec => ({ kind: "uniform", min, max: min + w })),
  fc.tuple(positive(-1e3, 1e3), positive(1e-3, 1e3))
    .map(([mu, sigma]): DistributionSpec => ({ kind: "normal", mu, sigma })),
  positive(1e-6, 1e6).map((rate): DistributionSpec => ({ kind: "exponential", rate })),
  fc.tuple(positive(-5, 12), positive(0.01, 4))
    .map(([mu, sigma]): DistributionSpec => ({ kind: "lognormal", mu, sigma })),
  fc.tuple(positive(1e-3, 1e6), positive(1.0001, 100))
    .map(([median, ratio]): DistributionSpec => ({
      kind: "lognormal",
      median,
      p90: median * ratio,
    })),
  fc.tuple(positive(0.01, 100), positive(1e-3, 1e4))
    .map(([shape, scale]): DistributionSpec => ({ kind: "gamma", shape, scale })),
  fc.tuple(positive(1e-3, 1e4), positive(0.05, 20))
    .map(([xm, alpha]): DistributionSpec => ({ kind: "pareto", xm, alpha })),
  fc.array(positive(-1e6, 1e6), { minLength: 1, maxLength: 20 })
    .map((samples): DistributionSpec => ({ kind: "empirical", samples })),
  fc.tuple(positive(0.01, 3), positive(0.5, 5))
    .map(([sigma, width]): DistributionSpec => ({
      kind: "truncated",
      dist: { kind: "lognormal", mu: 0, sigma },
      min: Math.exp(-sigma),
      max: Math.exp(-sigma) + width,
    })),
  fc.tuple(positive(0.5, 10), positive(0.01, 10), positive(0, 1))
    .map(([shape, a, w]): DistributionSpec => ({
      kind: "mixture",
      components: [
        { weight: w, dist: { kind: "gamma", shape, scale: a } },
        { weight: 1 - w + 1e-3, dist: { kind: "exponential", mean: a } },
      ],
    })),
);

Deno.test("samples are finite numbers within the support for random valid parameters", () => {
  fc.assert(
    fc.property(specArb, fc.string(), (spec, seed) => {
      const d = distributionFromSpec(spec);
      const prng = createPrng(seed);
      for (let i = 0; i < 200; i++) {
        const x = d.sample(prng);
        if (!Number.isFinite(x) || x < d.support.min || x > d.support.max) return false;
      }
      return true;
    }),
    { numRuns: 300 },
  );
});

Deno.test("the same seed gives the same sequence of samples (property)", () => {
  fc.assert(
    fc.property(specArb, fc.string(), (spec, seed) => {
      const a = distributionFromSpec(spec);
      const b = distributionFromSpec(spec);
      const pa = createPrng(seed);
      const pb = createPrng(seed);
      for (let i = 0; i < 50; i++) if (!Object.is(a.sample(pa), b.sample(pb))) return false;
      return true;
    }),
    { numRuns: 200 },
  );
});

// ---- every bad parameter --------------------------------------------------------------------

type Thunk = () => unknown;
const bad = <T>(x: unknown): T => x as T;

Deno.test("factories name the bad parameter, the expectation and the value", () => {
  const cases: [Thunk, "TypeError" | "RangeError", RegExp | string][] = [
    [() => fixed(bad("1")), "TypeError", 'fixed.value: expected a finite number; received "1"'],
    [
      () => fixed(Infinity),
      "RangeError",
      "fixed.value: expected a finite number; received Infinity",
    ],
    [() => uniform(bad(null), 1), "TypeError", /^uniform\.min: .*received null$/],
    [() => uniform(0, NaN), "RangeError", /^uniform\.max: expected a finite number; received NaN$/],
    [
      () => uniform(3, 2),
      "RangeError",
      "uniform.max: expected a number > uniform.min (3); received 2",
    ],
    [
      () => uniform(1, 1),
      "RangeError",
      /^uniform\.max: expected a number > uniform\.min \(1\); received 1$/,
    ],
    [() => uniform(-1e308, 1e308), "RangeError", /^uniform\.max: expected max − min to be finite/],
    [() => normal(bad("0"), 1), "TypeError", /^normal\.mu: /],
    [() => normal(0, 0), "RangeError", "normal.sigma: expected a positive number; received 0"],
    [() => normal(0, bad(undefined)), "TypeError", /^normal\.sigma: .*received undefined$/],
    [
      () => exponential(-1),
      "RangeError",
      "exponential.rate: expected a positive number; received -1",
    ],
    [() => exponential(bad("2")), "TypeError", /^exponential\.rate: /],
    [
      () => lognormal({ mu: 0, sigma: 0 }),
      "RangeError",
      "lognormal.sigma: expected a positive number; received 0",
    ],
    [() => lognormal({ mu: bad("a"), sigma: 1 }), "TypeError", /^lognormal\.mu: /],
    [
      () => lognormal({ mu: Infinity, sigma: 1 }),
      "RangeError",
      /^lognormal\.mu: .*received Infinity$/,
    ],
    [() => lognormal(bad({ mu: 0 })), "TypeError", /^lognormal\.sigma: .*received undefined$/],
    [
      () => lognormal({ median: 0, p90: 1 }),
      "RangeError",
      "lognormal.median: expected a positive number; received 0",
    ],
    [
      () => lognormal({ median: 10, p90: 5 }),
      "RangeError",
      "lognormal.p90: expected a number > lognormal.median (10); received 5",
    ],
    [() => lognormal({ median: 10, p90: bad("20") }), "TypeError", /^lognormal\.p90: /],
    [
      () => lognormal(bad({ mu: 0, sigma: 1, median: 3 })),
      "TypeError",
      /^lognormal: expected either \{ mu, sigma \} or \{ median, p90 \}/,
    ],
    [() => lognormal(bad({})), "TypeError", /^lognormal: expected either/],
    [() => lognormal(bad(5)), "TypeError", "lognormal: expected an object; received 5"],
    [
      () => lognormal(bad({ mu: 0, sigma: 1, sigmaa: 2 })),
      "TypeError",
      /^lognormal: expected only the keys mu, sigma \(did you mean "sigma"\?\); received "sigmaa"$/,
    ],
    [() => gamma(0, 1), "RangeError", "gamma.shape: expected a positive number; received 0"],
    [() => gamma(1, -2), "RangeError", "gamma.scale: expected a positive number; received -2"],
    [() => gamma(bad("1"), 1), "TypeError", /^gamma\.shape: /],
    [() => pareto(0, 2), "RangeError", "pareto.xm: expected a positive number; received 0"],
    [() => pareto(1, -3), "RangeError", "pareto.alpha: expected a positive number; received -3"],
    [() => pareto(1, bad(null)), "TypeError", /^pareto\.alpha: /],
    [
      () => empirical(bad("1,2")),
      "TypeError",
      /^empirical\.samples: expected an array of numbers; received "1,2"$/,
    ],
    [
      () => empirical([]),
      "RangeError",
      /^empirical\.samples: expected an array of at least 1 number\(s\); received \[\]$/,
    ],
    [
      () => empirical([1, NaN]),
      "RangeError",
      "empirical.samples[1]: expected a finite number; received NaN",
    ],
    [() => empirical(bad([1, "2"])), "TypeError", /^empirical\.samples\[1\]: /],
    [() => histogram(bad(null)), "TypeError", /^histogram: expected an object/],
    [
      () => histogram({ edges: [0], counts: [] }),
      "RangeError",
      /^histogram\.edges: expected an array of at least 2/,
    ],
    [
      () => histogram({ edges: [0, 2, 2], counts: [1, 1] }),
      "RangeError",
      "histogram.edges[2]: expected a number > histogram.edges[1] (2); received 2",
    ],
    [
      () => histogram({ edges: [0, 1, 2], counts: [1] }),
      "RangeError",
      /^histogram\.counts: expected 2 counts \(one per bin\); received \[1\]$/,
    ],
    [
      () => histogram({ edges: [0, 1], counts: bad(1) }),
      "TypeError",
      /^histogram\.counts: expected an array/,
    ],
    [
      () => histogram({ edges: [0, 1, 2], counts: [1, -1] }),
      "RangeError",
      "histogram.counts[1]: expected a number ≥ 0; received -1",
    ],
    [
      () => histogram({ edges: [0, 1, 2], counts: [0, 0] }),
      "RangeError",
      /^histogram\.counts: expected at least one positive count/,
    ],
    [
      () => histogram(bad({ edges: [0, 1], counts: [1], bins: 3 })),
      "TypeError",
      /^histogram: expected only the keys edges, counts/,
    ],
    [
      () => truncated(bad({}), { min: 0 }),
      "TypeError",
      /^truncated\.dist: expected a distribution/,
    ],
    [
      () => truncated(uniform(0, 1), bad(null)),
      "TypeError",
      /^truncated\.bounds: expected an object/,
    ],
    [
      () => truncated(uniform(0, 1), {}),
      "TypeError",
      "truncated.bounds: expected at least one of min, max; received {}",
    ],
    [() => truncated(uniform(0, 1), { min: bad("0") }), "TypeError", /^truncated\.min: /],
    [
      () => truncated(uniform(0, 1), { max: NaN }),
      "RangeError",
      /^truncated\.max: .*received NaN$/,
    ],
    [
      () => truncated(uniform(0, 1), { min: 0.5, max: 0.2 }),
      "RangeError",
      "truncated.max: expected a number > truncated.min (0.5); received 0.2",
    ],
    [
      () => truncated(uniform(0, 1), bad({ mn: 0.5 })),
      "TypeError",
      /^truncated\.bounds: expected only the keys min, max \(did you mean "min"\?\); received "mn"$/,
    ],
    [() => mixture(bad({})), "TypeError", /^mixture: expected an array of \{ weight, dist \}/],
    [() => mixture([]), "RangeError", "mixture: expected at least one component; received []"],
    [() => mixture(bad([5])), "TypeError", "mixture[0]: expected an object; received 5"],
    [
      () => mixture([{ weight: -1, dist: fixed(1) }]),
      "RangeError",
      "mixture[0].weight: expected a number ≥ 0; received -1",
    ],
    [() => mixture([{ weight: bad("1"), dist: fixed(1) }]), "TypeError", /^mixture\[0\]\.weight: /],
    [
      () => mixture([{ weight: 1, dist: bad({ kind: "fixed" }) }]),
      "TypeError",
      /^mixture\[0\]\.dist: expected a distribution/,
    ],
    [
      () => mixture([{ weight: 0, dist: fixed(1) }]),
      "RangeError",
      "mixture: expected at least one positive weight; received [0]",
    ],
    [
      () => mixture(bad([{ weight: 1, dist: fixed(1), wieght: 2 }])),
      "TypeError",
      /^mixture\[0\]: expected only the keys weight, dist/,
    ],
  ];
  for (const [thunk, name, message] of cases) throws(thunk, { name, message }, String(thunk));
});

Deno.test("distributionFromSpec() errors carry the path of the bad field", () => {
  const from = (spec: unknown, field?: string): Distribution =>
    distributionFromSpec(spec as DistributionSpec, field);
  const cases: [Thunk, "TypeError" | "RangeError", RegExp | string][] = [
    [() => from(null), "TypeError", "distribution: expected an object; received null"],
    [
      () => from({ kind: "lognormla" }, "w.tokens"),
      "TypeError",
      /^w\.tokens\.kind: expected one of "fixed", "uniform", .*; received "lognormla"$/,
    ],
    [() => from({ value: 1 }), "TypeError", /^distribution\.kind: .*received undefined$/],
    [() => from({ kind: "fixed", value: "1" }), "TypeError", /^distribution\.value: /],
    [
      () => from({ kind: "fixed", value: 1, vaule: 2 }),
      "TypeError",
      /^distribution: expected only the keys kind, value \(did you mean "value"\?\); received "vaule"$/,
    ],
    [
      () => from({ kind: "uniform", min: 2, max: 1 }, "u"),
      "RangeError",
      "u.max: expected a number > u.min (2); received 1",
    ],
    [
      () => from({ kind: "normal", mu: 0, sigma: -1 }, "n"),
      "RangeError",
      "n.sigma: expected a positive number; received -1",
    ],
    [
      () => from({ kind: "exponential" }, "e"),
      "TypeError",
      /^e: expected either rate or mean; received \{"kind":"exponential"\}$/,
    ],
    [
      () => from({ kind: "exponential", rate: 1, mean: 1 }, "e"),
      "TypeError",
      /^e: expected either rate or mean/,
    ],
    [
      () => from({ kind: "exponential", mean: 0 }, "e"),
      "RangeError",
      "e.mean: expected a positive number; received 0",
    ],
    [
      () => from({ kind: "exponential", rate: 1, x: 1 }, "e"),
      "TypeError",
      /^e: expected only the keys kind, rate/,
    ],
    [
      () => from({ kind: "lognormal", mu: 0, sigma: 0 }, "s.ttft"),
      "RangeError",
      "s.ttft.sigma: expected a positive number; received 0",
    ],
    [
      () => from({ kind: "lognormal", median: 5, p90: 5 }, "l"),
      "RangeError",
      "l.p90: expected a number > l.median (5); received 5",
    ],
    [
      () => from({ kind: "lognormal", median: 5, p9: 5 }, "l"),
      "TypeError",
      /^l: expected only the keys kind, median, p90 \(did you mean "p90"\?\); received "p9"$/,
    ],
    [
      () => from({ kind: "gamma", shape: 1 }, "g"),
      "TypeError",
      "g.scale: expected a positive number; received undefined",
    ],
    [
      () => from({ kind: "pareto", xm: 1, alpha: 0 }, "p"),
      "RangeError",
      "p.alpha: expected a positive number; received 0",
    ],
    [
      () => from({ kind: "empirical", samples: [1, Infinity] }, "e"),
      "RangeError",
      "e.samples[1]: expected a finite number; received Infinity",
    ],
    [
      () => from({ kind: "histogram", edges: [1, 0], counts: [1] }, "h"),
      "RangeError",
      "h.edges[1]: expected a number > h.edges[0] (1); received 0",
    ],
    [
      () => from({ kind: "truncated", min: 1 }, "t"),
      "TypeError",
      "t.dist: expected an object; received undefined",
    ],
    [
      () => from({ kind: "truncated", dist: { kind: "gamma", shape: 0, scale: 1 }, max: 3 }, "t"),
      "RangeError",
      "t.dist.shape: expected a positive number; received 0",
    ],
    [
      () => from({ kind: "truncated", dist: { kind: "fixed", value: 1 } }, "t"),
      "TypeError",
      /^t: expected at least one of min, max/,
    ],
    [
      () => from({ kind: "truncated", dist: { kind: "fixed", value: 1 }, min: 2, max: 1 }, "t"),
      "RangeError",
      "t.max: expected a number > t.min (2); received 1",
    ],
    [
      () => from({ kind: "truncated", dist: { kind: "uniform", min: 0, max: 1 }, min: 5 }, "t"),
      "RangeError",
      /^t: expected bounds that overlap/,
    ],
    [
      () => from({ kind: "mixture", components: [] }, "m"),
      "RangeError",
      "m.components: expected at least one component; received []",
    ],
    [
      () =>
        from({
          kind: "mixture",
          components: [{ weight: 1, dist: { kind: "fixed", value: 1 } }, {
            weight: -2,
            dist: { kind: "fixed", value: 1 },
          }],
        }, "m"),
      "RangeError",
      "m.components[1].weight: expected a number ≥ 0; received -2",
    ],
    [
      () =>
        from({
          kind: "mixture",
          components: [{ weight: 1, dist: { kind: "lognormal", mu: 0, sigma: 0 } }],
        }, "m"),
      "RangeError",
      "m.components[0].dist.sigma: expected a positive number; received 0",
    ],
    [
      () =>
        from(
          { kind: "mixture", components: [{ weight: 0, dist: { kind: "fixed", value: 1 } }] },
          "m",
        ),
      "RangeError",
      "m.components: expected at least one positive weight; received [0]",
    ],
  ];
  for (const [thunk, name, message] of cases) throws(thunk, { name, message }, String(thunk));
});

Deno.test("a distribution's cdf and quantile validate their argument", () => {
  const d = lognormal({ mu: 0, sigma: 1 });
  throws(() => d.quantile!(-0.1), { name: "RangeError", message: /^p: .*received -0\.1$/ });
  throws(() => d.cdf!(bad("1")), {
    name: "TypeError",
    message: 'x: expected a number; received "1"',
  });
  equal(d.cdf!(-Infinity), 0);
  equal(d.cdf!(Infinity), 1);
});
