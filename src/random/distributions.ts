/**
 * Probability distributions for workload parameters (token counts, run counts, think times):
 * small validated factories that return a {@link Distribution} you sample with a {@link Prng},
 * and a JSON-able {@link DistributionSpec} that scenario files use to name and parameterise them.
 *
 * Sampling methods, and what each draw costs:
 * - Normal and lognormal: inverse CDF, one uniform per draw, no cached spare, so every draw is
 *   a function of one uniform and the sequence never depends on call order or parity. The
 *   inverse is Acklam's rational approximation (relative error < 1.15 × 10⁻⁹, far below
 *   sampling noise); {@link normalQuantile} adds one Halley step for full precision.
 * - Exponential, Pareto, uniform, histogram: inverse CDF, one uniform.
 * - Gamma: Marsaglia & Tsang (2000), with the `U^(1/k)` boost for shape k < 1.
 * - Empirical: resampling. Mixture: one uniform picks the component.
 * - Truncated: inverse CDF between `F(min)` and `F(max)` where the inner distribution has a
 *   CDF and quantile; otherwise rejection (see {@link truncated}).
 * - Uniforms on [0, 1) may be 0 (probability 2⁻³²): samplers that need (0, 1) use 1 − U or
 *   redraw the 0, so no draw is ever infinite or NaN.
 * - Draws are capped at ±`Number.MAX_VALUE`, so a sample is always a finite number (the cap is
 *   reached only with absurd parameters, e.g. a Pareto α below 1/32).
 *
 * @example Token counts from a lognormal fitted to a median and a p90, capped at the context.
 * ```ts
 * import { createPrng, lognormal, sampleInt, truncated } from "./mod.ts";
 * import { ok } from "node:assert/strict";
 * const prng = createPrng("example");
 * const outputTokens = truncated(lognormal({ median: 400, p90: 1_500 }), { max: 8_192 });
 * const n = sampleInt(outputTokens, prng);
 * ok(Number.isInteger(n) && n >= 0 && n <= 8_192);
 * ```
 * @module
 */

import {
  describe,
  nonNegativeNumber,
  oneOf,
  onlyKeys,
  plainObject,
  positiveNumber,
  probability,
} from "../validate.ts";
import { createPrng, type Prng } from "./prng.ts";

// ---------------------------------------------------------------------------------------------
// Types

/** Every distribution kind, as written in a {@link DistributionSpec}. */
export const DISTRIBUTION_KINDS = [
  "fixed",
  "uniform",
  "normal",
  "exponential",
  "lognormal",
  "gamma",
  "pareto",
  "empirical",
  "histogram",
  "truncated",
  "mixture",
] as const;

/** A distribution kind: `"fixed"`, `"lognormal"`, `"mixture"`, … */
export type DistributionKind = typeof DISTRIBUTION_KINDS[number];

/** A constant. */
export interface FixedSpec {
  /** Discriminant. */
  kind: "fixed";
  /** The value every draw returns. */
  value: number;
}
/** Uniform on [min, max]. */
export interface UniformSpec {
  /** Discriminant. */
  kind: "uniform";
  /** Lower bound. */
  min: number;
  /** Upper bound, > min. */
  max: number;
}
/** Normal (Gaussian) with mean `mu` and standard deviation `sigma`. */
export interface NormalSpec {
  /** Discriminant. */
  kind: "normal";
  /** Mean. */
  mu: number;
  /** Standard deviation, > 0. */
  sigma: number;
}
/** Exponential, given by its rate λ or its mean 1/λ. */
export type ExponentialSpec =
  | { /** Discriminant. */ kind: "exponential"; /** Rate λ > 0 (events per unit). */ rate: number }
  | { /** Discriminant. */ kind: "exponential"; /** Mean 1/λ > 0. */ mean: number };
/** Lognormal: `ln X ~ Normal(mu, sigma)`, or fitted to a median and a 90th percentile. */
export type LognormalSpec = { /** Discriminant. */ kind: "lognormal" } & LognormalParams;
/** Gamma with shape k and scale θ (mean kθ). */
export interface GammaSpec {
  /** Discriminant. */
  kind: "gamma";
  /** Shape k > 0. */
  shape: number;
  /** Scale θ > 0. */
  scale: number;
}
/** Pareto (type I) with minimum `xm` and tail index `alpha`. */
export interface ParetoSpec {
  /** Discriminant. */
  kind: "pareto";
  /** Minimum (scale) xm > 0. */
  xm: number;
  /** Tail index α > 0; the mean is finite for α > 1, the variance for α > 2. */
  alpha: number;
}
/** The empirical distribution of observed values (draws resample them). */
export interface EmpiricalSpec {
  /** Discriminant. */
  kind: "empirical";
  /** The observations, at least one. */
  samples: readonly number[];
}
/** A histogram: a bin is picked by its count, then a value uniformly within it. */
export type HistogramSpec = { /** Discriminant. */ kind: "histogram" } & HistogramParams;
/** Another distribution restricted to [min, max]. */
export type TruncatedSpec = {
  /** Discriminant. */ kind: "truncated"; /** The distribution to truncate. */
  dist: DistributionSpec;
} & TruncateBounds;
/** One component of a {@link MixtureSpec}. */
export interface MixtureComponentSpec {
  /** Relative weight ≥ 0 (weights are normalised). */
  weight: number;
  /** The component. */
  dist: DistributionSpec;
}
/** A weighted mixture of distributions. */
export interface MixtureSpec {
  /** Discriminant. */
  kind: "mixture";
  /** The components, at least one, with a positive total weight. */
  components: readonly MixtureComponentSpec[];
}

/** The JSON form of a distribution, as scenario files write it (discriminated on `kind`). */
export type DistributionSpec =
  | FixedSpec
  | UniformSpec
  | NormalSpec
  | ExponentialSpec
  | LognormalSpec
  | GammaSpec
  | ParetoSpec
  | EmpiricalSpec
  | HistogramSpec
  | TruncatedSpec
  | MixtureSpec;

/** Lognormal parameters: `{ mu, sigma }` of `ln X`, or a `{ median, p90 }` to fit. */
export type LognormalParams =
  | { /** Mean of ln X. */ mu: number; /** Standard deviation of ln X, > 0. */ sigma: number }
  | { /** Median, > 0. */ median: number; /** 90th percentile, > median. */ p90: number };

/** A histogram: `edges` (n + 1 increasing numbers) bound `n` bins with `counts` (weights ≥ 0). */
export interface HistogramParams {
  /** Bin edges, strictly increasing, at least two. */
  edges: readonly number[];
  /** One count (or weight) ≥ 0 per bin; at least one positive. */
  counts: readonly number[];
}

/** Truncation bounds (inclusive); give at least one. */
export interface TruncateBounds {
  /** Smallest value kept. */
  min?: number;
  /** Largest value kept (> min). */
  max?: number;
}

/** One weighted component of a {@link mixture}. */
export interface MixtureComponent {
  /** Relative weight ≥ 0. */
  weight: number;
  /** The component distribution. */
  dist: Distribution;
}

/** The smallest and largest values a distribution can return (either may be infinite). */
export interface Support {
  /** Infimum of the values drawn. */
  readonly min: number;
  /** Supremum of the values drawn. */
  readonly max: number;
}

/** A sampleable distribution with its moments and, where cheap and exact, its CDF and quantile. */
export interface Distribution {
  /** Which family. */
  readonly kind: DistributionKind;
  /** The JSON form that rebuilds it with {@link distributionFromSpec}. */
  readonly spec: DistributionSpec;
  /** Expected value, or `null` when infinite, undefined or without a closed form. */
  readonly mean: number | null;
  /** Variance, or `null` when infinite, undefined or without a closed form. */
  readonly variance: number | null;
  /** The range of values drawn. */
  readonly support: Support;
  /**
   * One draw.
   * @param prng the generator to draw uniforms from
   * @returns a finite number within {@link Distribution.support}
   */
  sample(prng: Prng): number;
  /** P(X ≤ x); present for continuous kinds with a closed form. */
  readonly cdf?: (x: number) => number;
  /** The p-quantile, the inverse of `cdf`; present for continuous kinds with a closed form. */
  readonly quantile?: (p: number) => number;
}

// ---------------------------------------------------------------------------------------------
// Validation helpers (messages follow ../validate.ts: field, expectation, value received)

function fail(kind: "range" | "type", field: string, expected: string, value: unknown): never {
  const message = `${field}: expected ${expected}; received ${describe(value)}`;
  throw kind === "range" ? new RangeError(message) : new TypeError(message);
}

function finiteNumber(field: string, value: unknown): number {
  if (typeof value !== "number") fail("type", field, "a finite number", value);
  if (!Number.isFinite(value)) fail("range", field, "a finite number", value);
  return value;
}

function above(field: string, value: number, lowerField: string, lower: number): number {
  if (!(value > lower)) fail("range", field, `a number > ${lowerField} (${lower})`, value);
  return value;
}

function numberArray(field: string, value: unknown, minLength: number): number[] {
  if (!Array.isArray(value)) fail("type", field, "an array of numbers", value);
  if (value.length < minLength) {
    fail("range", field, `an array of at least ${minLength} number(s)`, value);
  }
  return value.map((v, i) => finiteNumber(`${field}[${i}]`, v));
}

function isDistribution(value: unknown): value is Distribution {
  return typeof value === "object" && value !== null &&
    typeof (value as Distribution).sample === "function" &&
    typeof (value as Distribution).kind === "string";
}

function distributionArg(field: string, value: unknown): Distribution {
  if (!isDistribution(value)) fail("type", field, "a distribution (from a factory)", value);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Normal function: erfc, Φ, Φ⁻¹

const SQRT_PI = Math.sqrt(Math.PI);
const SQRT_2PI = Math.sqrt(2 * Math.PI);
const MAX = Number.MAX_VALUE;
const ONE_BELOW_1 = 1 - 2 ** -53;

/** 90th percentile of the standard normal, Φ⁻¹(0.9); used to fit a lognormal to a p90. */
export const Z90 = 1.2815515655446004;

/**
 * erfc(x) for x ≥ 0. Below 1.5: 1 − erf(x) with erf's series of positive terms,
 * erf x = (2/√π) e^(−x²) Σₙ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)) (Abramowitz & Stegun 7.1.6).
 * From 1.5: the continued fraction erfc x = (e^(−x²)/√π) / (x + ½/(x + 1/(x + 3⁄2/(x + …))))
 * (A&S 7.1.14), 100 terms evaluated backwards. Relative error < 2 × 10⁻¹⁴ against Python's
 * `math.erfc`.
 */
function erfcNonNegative(x: number): number {
  if (x < 1.5) {
    const x2 = 2 * x * x;
    let term = x;
    let sum = x;
    for (let n = 1; term > sum * 1e-17; n++) {
      term *= x2 / (2 * n + 1);
      sum += term;
    }
    return 1 - (2 / SQRT_PI) * Math.exp(-x * x) * sum;
  }
  let t = x;
  for (let k = 100; k >= 1; k--) t = x + k / 2 / t;
  return Math.exp(-x * x) / (SQRT_PI * t);
}

function erfc(x: number): number {
  return x < 0 ? 2 - erfcNonNegative(-x) : erfcNonNegative(x);
}

/** Φ(zb) − Φ(za), from whichever tail keeps the precision. */
function normalMass(za: number, zb: number): number {
  return za > 0 ? normalCdf(-za) - normalCdf(-zb) : normalCdf(zb) - normalCdf(za);
}

function phi(z: number): number {
  return Math.exp(-0.5 * z * z) / SQRT_2PI;
}

function checkX(x: unknown): number {
  if (typeof x !== "number") fail("type", "x", "a number", x);
  if (Number.isNaN(x)) fail("range", "x", "a number", x);
  return x;
}

/**
 * The standard normal CDF, Φ(x) = ½·erfc(−x/√2), accurate in both tails.
 *
 * @param x any number (±Infinity allowed)
 * @returns P(Z ≤ x) for Z ~ Normal(0, 1)
 * @throws {TypeError} x not a number; {RangeError} x is NaN
 * @example Φ(1) = 0.8413447460685429 (A&S table 26.1 gives 0.84134 47461).
 * ```ts
 * import { normalCdf } from "./distributions.ts";
 * import { ok } from "node:assert/strict";
 * ok(Math.abs(normalCdf(1) - 0.8413447460685429) < 1e-15);
 * ```
 */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-checkX(x) / Math.SQRT2);
}

// Acklam's algorithm for Φ⁻¹ (P. J. Acklam, "An algorithm for computing the inverse normal
// cumulative distribution function", 2003; relative error < 1.15e-9 over (0, 1)).
const A = [
  -3.969683028665376e+01,
  2.209460984245205e+02,
  -2.759285104469687e+02,
  1.383577518672690e+02,
  -3.066479806614716e+01,
  2.506628277459239e+00,
];
const B = [
  -5.447609879822406e+01,
  1.615858368580409e+02,
  -1.556989798598866e+02,
  6.680131188771972e+01,
  -1.328068155288572e+01,
];
const C = [
  -7.784894002430293e-03,
  -3.223964580411365e-01,
  -2.400758277161838e+00,
  -2.549732539343734e+00,
  4.374664141464968e+00,
  2.938163982698783e+00,
];
const D = [
  7.784695709041462e-03,
  3.224671290700398e-01,
  2.445134137142996e+00,
  3.754408661907416e+00,
];
const [A0, A1, A2, A3, A4, A5] = A;
const [B0, B1, B2, B3, B4] = B;
const [C0, C1, C2, C3, C4, C5] = C;
const [D0, D1, D2, D3] = D;
const P_LOW = 0.02425;
const P_HIGH = 1 - P_LOW;

function acklamTail(q: number): number {
  return (((((C0 * q + C1) * q + C2) * q + C3) * q + C4) * q + C5) /
    ((((D0 * q + D1) * q + D2) * q + D3) * q + 1);
}

/** Φ⁻¹(p) for p in (0, 1) by Acklam's approximation alone (the sampling path). */
function acklam(p: number): number {
  if (p < P_LOW) return acklamTail(Math.sqrt(-2 * Math.log(p)));
  if (p > P_HIGH) return -acklamTail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (((((A0 * r + A1) * r + A2) * r + A3) * r + A4) * r + A5) * q /
    (((((B0 * r + B1) * r + B2) * r + B3) * r + B4) * r + 1);
}

/** Φ⁻¹(p) for p in (0, ½], Acklam refined by one Halley step on Φ(x) − p. */
function lowerQuantile(p: number): number {
  const x = acklam(p);
  const u = (0.5 * erfc(-x / Math.SQRT2) - p) * SQRT_2PI * Math.exp(0.5 * x * x);
  return Number.isFinite(u) ? x - u / (1 + 0.5 * x * u) : x;
}

/**
 * The standard normal quantile Φ⁻¹(p): Acklam's rational approximation (2003) refined by one
 * Halley step, x ← x − u/(1 + x·u/2) with u = (Φ(x) − p)·√(2π)·e^(x²/2), computed on the lower
 * half (p > ½ uses −Φ⁻¹(1 − p)) so tail probabilities keep their precision. Relative error
 * ≈ 10⁻¹⁴.
 *
 * @param p a probability in [0, 1]
 * @returns z with Φ(z) = p (−Infinity at 0, +Infinity at 1)
 * @throws {TypeError} p not a number; {RangeError} p outside [0, 1]
 * @example The two-sided 95 % critical value, 1.959963984540054.
 * ```ts
 * import { normalQuantile } from "./distributions.ts";
 * import { ok } from "node:assert/strict";
 * ok(Math.abs(normalQuantile(0.975) - 1.959963984540054) < 1e-13);
 * ```
 */
export function normalQuantile(p: number): number {
  probability("p", p);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  return p > 0.5 ? -lowerQuantile(1 - p) : lowerQuantile(p);
}

// ---------------------------------------------------------------------------------------------
// Building distributions

/** A uniform draw in (0, 1): 0 is redrawn (it has probability 2⁻³² with Alea). */
function openUnit(prng: Prng): number {
  for (let tries = 0; tries < 64; tries++) {
    const u = prng.next();
    if (u > 0) return u;
  }
  throw new RangeError("prng: expected next() to return a number in [0, 1); received 0 64 times");
}

function cap(x: number): number {
  return x > MAX ? MAX : x < -MAX ? -MAX : x;
}

/** What {@link truncated} and {@link mixture} know about a distribution beyond its interface. */
interface Internals {
  /** Φ⁻¹-style quantile without refinement, for sampling (defaults to the public quantile). */
  fastQuantile?: (p: number) => number;
  /** E[X · 1{a < X ≤ b}], for the mean of a truncation. */
  partialMean?: (a: number, b: number) => number;
  /** The upper tail in its own terms, so truncations far out in it keep their precision. */
  tail?: Tail;
}
/** S(x) = P(X > x) and its inverse (precise, and fast for sampling). */
interface Tail {
  survival: (x: number) => number;
  inverseSurvival: (s: number) => number;
  fastInverseSurvival: (s: number) => number;
}
const INTERNALS = new WeakMap<Distribution, Internals>();

interface Parts extends Internals {
  kind: DistributionKind;
  spec: DistributionSpec;
  mean: number | null;
  variance: number | null;
  min: number;
  max: number;
  sample: (prng: Prng) => number;
  cdf?: (x: number) => number;
  quantile?: (p: number) => number;
}

function finiteOrNull(x: number | null): number | null {
  return x !== null && Number.isFinite(x) ? x : null;
}

function build(parts: Parts): Distribution {
  const { cdf, quantile } = parts;
  const dist: Distribution = Object.freeze({
    kind: parts.kind,
    spec: Object.freeze(parts.spec),
    mean: finiteOrNull(parts.mean),
    variance: finiteOrNull(parts.variance),
    support: Object.freeze({ min: parts.min, max: parts.max }),
    sample: parts.sample,
    ...(cdf ? { cdf: (x: number): number => cdf(checkX(x)) } : {}),
    ...(quantile ? { quantile: (p: number): number => quantile(probability("p", p)) } : {}),
  });
  INTERNALS.set(dist, {
    fastQuantile: parts.fastQuantile ?? quantile,
    partialMean: parts.partialMean,
    tail: parts.tail,
  });
  return dist;
}

function makeFixed(value: unknown, field: string): Distribution {
  const v = finiteNumber(`${field}.value`, value);
  return build({
    kind: "fixed",
    spec: { kind: "fixed", value: v },
    mean: v,
    variance: 0,
    min: v,
    max: v,
    sample: () => v,
  });
}

/**
 * A constant: every draw is `value`.
 * @param value any finite number
 * @returns the distribution (mean `value`, variance 0)
 * @throws {TypeError} value not a number; {RangeError} value not finite
 * @example
 * ```ts
 * import { createPrng, fixed } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * equal(fixed(3).sample(createPrng(1)), 3);
 * ```
 */
export function fixed(value: number): Distribution {
  return makeFixed(value, "fixed");
}

function makeUniform(min: unknown, max: unknown, field: string): Distribution {
  const a = finiteNumber(`${field}.min`, min);
  const b = above(`${field}.max`, finiteNumber(`${field}.max`, max), `${field}.min`, a);
  const width = b - a;
  if (!Number.isFinite(width)) fail("range", `${field}.max`, "max − min to be finite", b);
  return build({
    kind: "uniform",
    spec: { kind: "uniform", min: a, max: b },
    mean: a + width / 2,
    variance: width * width / 12,
    min: a,
    max: b,
    sample: (prng) => a + width * prng.next(),
    cdf: (x) => x <= a ? 0 : x >= b ? 1 : (x - a) / width,
    quantile: (p) => p === 1 ? b : a + width * p,
    partialMean: (lo, hi) => {
      const l = Math.max(lo, a);
      const h = Math.min(hi, b);
      return h > l ? (h * h - l * l) / (2 * width) : 0;
    },
  });
}

/**
 * Uniform on [min, max]: `min + (max − min)·U`. Mean (min + max)/2, variance (max − min)²/12.
 * @param min lower bound
 * @param max upper bound, > min
 * @returns the distribution, with `cdf` and `quantile`
 * @throws {TypeError} a bound not a number; {RangeError} a bound not finite, or max ≤ min
 * @example
 * ```ts
 * import { uniform } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * const d = uniform(2, 6);
 * equal(d.mean, 4);
 * equal(d.quantile?.(0.25), 3);
 * ```
 */
export function uniform(min: number, max: number): Distribution {
  return makeUniform(min, max, "uniform");
}

function makeNormal(mu: unknown, sigma: unknown, field: string): Distribution {
  const m = finiteNumber(`${field}.mu`, mu);
  const s = positiveNumber(`${field}.sigma`, sigma);
  return build({
    kind: "normal",
    spec: { kind: "normal", mu: m, sigma: s },
    mean: m,
    variance: s * s,
    min: -Infinity,
    max: Infinity,
    sample: (prng) => cap(m + s * acklam(openUnit(prng))),
    cdf: (x) => normalCdf((x - m) / s),
    quantile: (p) => m + s * normalQuantile(p),
    fastQuantile: (p) => m + s * acklam(p),
    // μ[Φ(β) − Φ(α)] − σ[φ(β) − φ(α)], α = (a − μ)/σ, β = (b − μ)/σ
    partialMean: (a, b) => {
      const za = (a - m) / s;
      const zb = (b - m) / s;
      return m * normalMass(za, zb) - s * (phi(zb) - phi(za));
    },
    tail: {
      survival: (x) => normalCdf((m - x) / s),
      inverseSurvival: (q) => m - s * normalQuantile(q),
      fastInverseSurvival: (q) => m - s * acklam(q),
    },
  });
}

/**
 * Normal with mean `mu` and standard deviation `sigma`, sampled as μ + σ·Φ⁻¹(U) (one uniform).
 * Not for counts that must stay positive: prefer a lognormal or gamma there.
 * @param mu mean
 * @param sigma standard deviation, > 0
 * @returns the distribution, with `cdf` and `quantile`
 * @throws {TypeError} a parameter not a number; {RangeError} mu not finite, sigma ≤ 0
 * @example
 * ```ts
 * import { normal } from "./mod.ts";
 * import { ok } from "node:assert/strict";
 * ok(Math.abs(normal(10, 2).quantile!(0.975) - 13.919927969080108) < 1e-12);
 * ```
 */
export function normal(mu: number, sigma: number): Distribution {
  return makeNormal(mu, sigma, "normal");
}

function exponentialFromRate(rate: number, spec: ExponentialSpec): Distribution {
  const mean = 1 / rate;
  return build({
    kind: "exponential",
    spec,
    mean,
    variance: mean * mean,
    min: 0,
    max: Infinity,
    sample: (prng) => cap(-Math.log(1 - prng.next()) * mean),
    cdf: (x) => x <= 0 ? 0 : -Math.expm1(-rate * x),
    quantile: (p) => -Math.log1p(-p) * mean,
    // ∫ₐᵇ x λe^(−λx) dx = g(a) − g(b), g(x) = (x + 1/λ)·e^(−λx)
    partialMean: (a, b) => {
      const g = (x: number): number => x === Infinity ? 0 : (x + mean) * Math.exp(-rate * x);
      return g(Math.max(a, 0)) - g(Math.max(b, 0));
    },
    tail: {
      survival: (x) => x <= 0 ? 1 : Math.exp(-rate * x),
      inverseSurvival: (q) => -Math.log(q) * mean,
      fastInverseSurvival: (q) => -Math.log(q) * mean,
    },
  });
}

/**
 * Exponential with rate λ: `−ln(1 − U)/λ` (one uniform). Mean 1/λ, variance 1/λ². For a mean,
 * use `exponential(1 / mean)` or the spec form `{ kind: "exponential", mean }`.
 * @param rate λ > 0, events per unit of the variable (e.g. per second for a time)
 * @returns the distribution, with `cdf` and `quantile`
 * @throws {TypeError} rate not a number; {RangeError} rate not finite or ≤ 0
 * @example The median of an exponential with mean 2 is 2·ln 2.
 * ```ts
 * import { exponential } from "./mod.ts";
 * import { equal, ok } from "node:assert/strict";
 * const d = exponential(0.5);
 * equal(d.mean, 2);
 * ok(Math.abs(d.quantile!(0.5) - 2 * Math.LN2) < 1e-15);
 * ```
 */
export function exponential(rate: number): Distribution {
  const r = positiveNumber("exponential.rate", rate);
  return exponentialFromRate(r, { kind: "exponential", rate: r });
}

function lognormalParams(field: string, params: unknown, extraKeys: readonly string[]): {
  mu: number;
  sigma: number;
  spec: LognormalSpec;
} {
  const obj = plainObject(field, params);
  const hasMuSigma = "mu" in obj || "sigma" in obj;
  const hasMedianP90 = "median" in obj || "p90" in obj;
  if (hasMuSigma === hasMedianP90) {
    fail("type", field, "either { mu, sigma } or { median, p90 }", params);
  }
  if (hasMuSigma) {
    onlyKeys(field, obj, [...extraKeys, "mu", "sigma"]);
    const mu = finiteNumber(`${field}.mu`, obj.mu);
    const sigma = positiveNumber(`${field}.sigma`, obj.sigma);
    return { mu, sigma, spec: { kind: "lognormal", mu, sigma } };
  }
  onlyKeys(field, obj, [...extraKeys, "median", "p90"]);
  const median = positiveNumber(`${field}.median`, obj.median);
  const p90 = above(
    `${field}.p90`,
    positiveNumber(`${field}.p90`, obj.p90),
    `${field}.median`,
    median,
  );
  // ln X ~ N(μ, σ): median = e^μ and p90 = e^(μ + z₉₀σ), so σ = ln(p90/median)/z₉₀.
  return {
    mu: Math.log(median),
    sigma: Math.log(p90 / median) / Z90,
    spec: { kind: "lognormal", median, p90 },
  };
}

function makeLognormal(params: unknown, field: string, extraKeys: readonly string[]): Distribution {
  const { mu, sigma, spec } = lognormalParams(field, params, extraKeys);
  const s2 = sigma * sigma;
  const mean = Math.exp(mu + s2 / 2);
  return build({
    kind: "lognormal",
    spec,
    mean,
    variance: Math.expm1(s2) * mean * mean,
    min: 0,
    max: Infinity,
    sample: (prng) => cap(Math.exp(mu + sigma * acklam(openUnit(prng)))),
    cdf: (x) => x <= 0 ? 0 : normalCdf((Math.log(x) - mu) / sigma),
    quantile: (p) => Math.exp(mu + sigma * normalQuantile(p)),
    fastQuantile: (p) => Math.exp(mu + sigma * acklam(p)),
    // e^(μ+σ²/2)·[Φ((ln b − μ − σ²)/σ) − Φ((ln a − μ − σ²)/σ)]
    partialMean: (a, b) => {
      const z = (x: number): number => (Math.log(Math.max(x, 0)) - mu - s2) / sigma;
      return mean * normalMass(z(a), z(b));
    },
    tail: {
      survival: (x) => x <= 0 ? 1 : normalCdf((mu - Math.log(x)) / sigma),
      inverseSurvival: (q) => Math.exp(mu - sigma * normalQuantile(q)),
      fastInverseSurvival: (q) => Math.exp(mu - sigma * acklam(q)),
    },
  });
}

/**
 * Lognormal: `X = exp(μ + σZ)`, Z standard normal drawn by inverse CDF (one uniform). Given
 * `{ median, p90 }` it is fitted exactly to them: μ = ln(median), σ = ln(p90/median)/z₉₀ with
 * z₉₀ = Φ⁻¹(0.9) = 1.2815515655446004. Mean e^(μ+σ²/2), variance (e^(σ²) − 1)·e^(2μ+σ²).
 * @param params `{ mu, sigma }` of ln X (σ > 0), or `{ median, p90 }` (0 < median < p90)
 * @returns the distribution, with `cdf` and `quantile`
 * @throws {TypeError} params neither form, or a parameter not a number; {RangeError} σ ≤ 0,
 * median ≤ 0, p90 ≤ median, or a value not finite
 * @example A median of 1,000 tokens and a p90 of 3,000: σ = ln 3 / 1.2816 = 0.857.
 * ```ts
 * import { lognormal } from "./mod.ts";
 * import { ok } from "node:assert/strict";
 * const d = lognormal({ median: 1_000, p90: 3_000 });
 * ok(Math.abs(d.quantile!(0.9) - 3_000) < 1e-9);
 * ok(Math.abs(d.mean! - 1_000 * Math.exp((Math.log(3) / 1.2815515655446004) ** 2 / 2)) < 1e-9);
 * ```
 */
export function lognormal(params: LognormalParams): Distribution {
  return makeLognormal(params, "lognormal", []);
}

function makeGamma(shape: unknown, scale: unknown, field: string): Distribution {
  const k = positiveNumber(`${field}.shape`, shape);
  const theta = positiveNumber(`${field}.scale`, scale);
  // Marsaglia & Tsang need shape ≥ 1; for k < 1 draw Gamma(k + 1) and multiply by U^(1/k).
  const boost = k < 1;
  const d = (boost ? k + 1 : k) - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  const invK = 1 / k;
  const sample = (prng: Prng): number => {
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = acklam(openUnit(prng));
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = prng.next();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
        const g = boost ? d * v * Math.pow(openUnit(prng), invK) : d * v;
        return cap(g * theta);
      }
    }
  };
  return build({
    kind: "gamma",
    spec: { kind: "gamma", shape: k, scale: theta },
    mean: k * theta,
    variance: k * theta * theta,
    min: 0,
    max: Infinity,
    sample,
  });
}

/**
 * Gamma with shape k and scale θ, by Marsaglia & Tsang, "A simple method for generating gamma
 * variables", ACM TOMS 26(3), 2000: with d = k − ⅓, c = 1/√(9d), draw Z normal and U uniform,
 * v = (1 + cZ)³; accept d·v when v > 0 and U < 1 − 0.0331Z⁴ or ln U < Z²/2 + d(1 − v + ln v).
 * For k < 1, their boost: Gamma(k + 1)·U^(1/k). Mean kθ, variance kθ². No closed-form CDF,
 * so truncating a gamma uses rejection.
 * @param shape k > 0
 * @param scale θ > 0 (the unit of the variable)
 * @returns the distribution
 * @throws {TypeError} a parameter not a number; {RangeError} a parameter not finite or ≤ 0
 * @example
 * ```ts
 * import { gamma } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * const d = gamma(2, 3);
 * equal(d.mean, 6);
 * equal(d.variance, 18);
 * ```
 */
export function gamma(shape: number, scale: number): Distribution {
  return makeGamma(shape, scale, "gamma");
}

function makePareto(xm: unknown, alpha: unknown, field: string): Distribution {
  const x0 = positiveNumber(`${field}.xm`, xm);
  const a = positiveNumber(`${field}.alpha`, alpha);
  const negInvAlpha = -1 / a;
  return build({
    kind: "pareto",
    spec: { kind: "pareto", xm: x0, alpha: a },
    mean: a > 1 ? a * x0 / (a - 1) : null,
    variance: a > 2 ? x0 * x0 * a / ((a - 1) * (a - 1) * (a - 2)) : null,
    min: x0,
    max: Infinity,
    sample: (prng) => cap(x0 * Math.pow(1 - prng.next(), negInvAlpha)),
    cdf: (x) => x <= x0 ? 0 : -Math.expm1(a * Math.log(x0 / x)),
    quantile: (p) => x0 * Math.pow(1 - p, negInvAlpha),
    // α·xm/(α − 1)·[(xm/a)^(α−1) − (xm/b)^(α−1)], or xm·ln(b/a) at α = 1
    partialMean: (lo, hi) => {
      const l = Math.max(lo, x0);
      const h = Math.max(hi, x0);
      if (!(h > l)) return 0;
      if (a === 1) return x0 * Math.log(h / l);
      return a * x0 / (a - 1) * (Math.pow(x0 / l, a - 1) - Math.pow(x0 / h, a - 1));
    },
    tail: {
      survival: (x) => x <= x0 ? 1 : Math.pow(x0 / x, a),
      inverseSurvival: (q) => x0 * Math.pow(q, negInvAlpha),
      fastInverseSurvival: (q) => x0 * Math.pow(q, negInvAlpha),
    },
  });
}

/**
 * Pareto type I: P(X > x) = (xm/x)^α for x ≥ xm, drawn as xm·(1 − U)^(−1/α). Mean α·xm/(α − 1)
 * for α > 1, variance xm²α/((α − 1)²(α − 2)) for α > 2 (else `null`).
 * @param xm the minimum, > 0
 * @param alpha the tail index α > 0 (smaller is heavier)
 * @returns the distribution, with `cdf` and `quantile`
 * @throws {TypeError} a parameter not a number; {RangeError} a parameter not finite or ≤ 0
 * @example The upper quartile of Pareto(1, 3) is 4^(1/3).
 * ```ts
 * import { pareto } from "./mod.ts";
 * import { equal, ok } from "node:assert/strict";
 * const d = pareto(1, 3);
 * equal(d.mean, 1.5);
 * ok(Math.abs(d.quantile!(0.75) - Math.cbrt(4)) < 1e-15);
 * equal(pareto(1, 1).mean, null);
 * ```
 */
export function pareto(xm: number, alpha: number): Distribution {
  return makePareto(xm, alpha, "pareto");
}

function makeEmpirical(samples: unknown, field: string): Distribution {
  const data = Object.freeze(numberArray(`${field}.samples`, samples, 1));
  const n = data.length;
  let sum = 0;
  for (const x of data) sum += x;
  const mean = sum / n;
  let ss = 0;
  for (const x of data) ss += (x - mean) * (x - mean);
  return build({
    kind: "empirical",
    spec: { kind: "empirical", samples: data },
    mean,
    variance: ss / n,
    min: Math.min(...data),
    max: Math.max(...data),
    sample: (prng) => data[Math.floor(prng.next() * n)],
  });
}

/**
 * The empirical distribution of observed values: each draw returns one of them, picked
 * uniformly (bootstrap resampling, Efron 1979). Mean and variance are those of the values
 * (variance divides by n: it is the variance of the resampling distribution).
 * @param samples the observations, at least one, all finite
 * @returns the distribution (copied, so later changes to `samples` do not affect it)
 * @throws {TypeError} not an array, or an element not a number; {RangeError} empty, or an
 * element not finite
 * @example
 * ```ts
 * import { empirical } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * const d = empirical([1, 2, 3, 4]);
 * equal(d.mean, 2.5);
 * equal(d.variance, 1.25);
 * ```
 */
export function empirical(samples: readonly number[]): Distribution {
  return makeEmpirical(samples, "empirical");
}

function histogramParams(field: string, params: unknown): { edges: number[]; counts: number[] } {
  const obj = plainObject(field, params);
  const edges = numberArray(`${field}.edges`, obj.edges, 2);
  for (let i = 1; i < edges.length; i++) {
    above(`${field}.edges[${i}]`, edges[i], `${field}.edges[${i - 1}]`, edges[i - 1]);
  }
  if (!Array.isArray(obj.counts)) {
    fail("type", `${field}.counts`, "an array of numbers", obj.counts);
  }
  if (obj.counts.length !== edges.length - 1) {
    fail("range", `${field}.counts`, `${edges.length - 1} counts (one per bin)`, obj.counts);
  }
  const counts = obj.counts.map((c, i) => nonNegativeNumber(`${field}.counts[${i}]`, c));
  if (!counts.some((c) => c > 0)) {
    fail("range", `${field}.counts`, "at least one positive count", obj.counts);
  }
  return { edges, counts };
}

function makeHistogram(params: unknown, field: string, extraKeys: readonly string[]): Distribution {
  if (typeof params === "object" && params !== null) {
    onlyKeys(field, params as Record<string, unknown>, [...extraKeys, "edges", "counts"]);
  }
  const { edges, counts } = histogramParams(field, params);
  const bins = counts.length;
  const cum = new Float64Array(bins + 1);
  for (let i = 0; i < bins; i++) cum[i + 1] = cum[i] + counts[i];
  const total = cum[bins];
  let first = 0;
  while (counts[first] === 0) first++;
  let last = bins - 1;
  while (counts[last] === 0) last--;
  let mean = 0;
  let square = 0;
  for (let i = 0; i < bins; i++) {
    const mid = (edges[i] + edges[i + 1]) / 2;
    const width = edges[i + 1] - edges[i];
    mean += counts[i] * mid / total;
    square += counts[i] * (mid * mid + width * width / 12) / total;
  }
  const lo = edges[first];
  const hi = edges[last + 1];
  // The bin is the smallest i with cum[i + 1] > t (which skips empty bins), found from a guide
  // table (Chen & Asau 1974): guide[j] is that bin for t = j·total/bins, so a lookup starts at
  // most a step or two short of it. Then linear within the bin.
  const guide = new Int32Array(bins);
  for (let j = 0, i = 0; j < bins; j++) {
    while (i < bins - 1 && cum[i + 1] <= (j / bins) * total) i++;
    guide[j] = i;
  }
  const quantile = (p: number): number => {
    const t = p * total;
    if (t >= total) return hi;
    let a = guide[Math.floor(p * bins)];
    while (a > 0 && cum[a] > t) a--;
    while (cum[a + 1] <= t) a++;
    const frac = (t - cum[a]) / (cum[a + 1] - cum[a]);
    return edges[a] + frac * (edges[a + 1] - edges[a]);
  };
  const cdf = (x: number): number => {
    if (x <= lo) return 0;
    if (x >= hi) return 1;
    let a = 0;
    while (edges[a + 1] <= x) a++;
    return (cum[a] + counts[a] * (x - edges[a]) / (edges[a + 1] - edges[a])) / total;
  };
  return build({
    kind: "histogram",
    spec: { kind: "histogram", edges: Object.freeze(edges), counts: Object.freeze(counts) },
    mean,
    variance: Math.max(0, square - mean * mean),
    min: lo,
    max: hi,
    sample: (prng) => quantile(prng.next()),
    cdf,
    quantile,
    partialMean: (a, b) => {
      let sum = 0;
      for (let i = first; i <= last; i++) {
        const l = Math.max(a, edges[i]);
        const h = Math.min(b, edges[i + 1]);
        if (h > l) sum += counts[i] / (edges[i + 1] - edges[i]) * (h * h - l * l) / 2;
      }
      return sum / total;
    },
  });
}

/**
 * An empirical histogram: picks bin i with probability countᵢ/Σcount, then a value uniformly
 * within [edgeᵢ, edgeᵢ₊₁] (done in one step as the inverse of the piecewise-linear CDF, one
 * uniform per draw). Mean Σ pᵢ·midᵢ; variance Σ pᵢ(midᵢ² + widthᵢ²/12) − mean².
 * @param params `{ edges, counts }`: n + 1 strictly increasing edges, n counts ≥ 0
 * @returns the distribution, with `cdf` and `quantile`
 * @throws {TypeError} not arrays of numbers; {RangeError} fewer than two edges, edges not
 * increasing, a count < 0, the wrong number of counts, or all counts 0
 * @example Bins [0, 10) × 1 and [10, 20) × 3: mean (5·1 + 15·3)/4 = 12.5, lower quartile 10.
 * ```ts
 * import { histogram } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * const d = histogram({ edges: [0, 10, 20], counts: [1, 3] });
 * equal(d.mean, 12.5);
 * equal(d.quantile?.(0.25), 10);
 * ```
 */
export function histogram(params: HistogramParams): Distribution {
  return makeHistogram(params, "histogram", []);
}

// ---------------------------------------------------------------------------------------------
// Truncation

const PILOT_DRAWS = 10_000;
const MIN_ACCEPTANCE = 0.01;
const REJECTION_TRIES = 10_000;
const MIN_INVERSE_MASS = 1e-9;

function truncateBounds(field: string, bounds: unknown, boundsField: string): TruncateBounds {
  const obj = plainObject(boundsField, bounds);
  const min = obj.min === undefined ? undefined : finiteNumber(`${field}.min`, obj.min);
  const max = obj.max === undefined ? undefined : finiteNumber(`${field}.max`, obj.max);
  if (min === undefined && max === undefined) {
    fail("type", boundsField, "at least one of min, max", bounds);
  }
  if (min !== undefined && max !== undefined) above(`${field}.max`, max, `${field}.min`, min);
  return { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
}

function makeTruncated(inner: Distribution, bounds: TruncateBounds, field: string): Distribution {
  const a = bounds.min ?? -Infinity;
  const b = bounds.max ?? Infinity;
  const lo = Math.max(a, inner.support.min);
  const hi = Math.min(b, inner.support.max);
  if (!(lo <= hi)) {
    fail(
      "range",
      field,
      `bounds that overlap the ${inner.kind}'s support [${inner.support.min}, ${inner.support.max}]`,
      bounds,
    );
  }
  const clamp = (x: number): number => x < lo ? lo : x > hi ? hi : cap(x);
  const { cdf, quantile } = inner;
  const internals = INTERNALS.get(inner) ?? {};
  const partial = internals.partialMean;
  const common = {
    kind: "truncated" as const,
    spec: { kind: "truncated" as const, dist: inner.spec, ...bounds },
    variance: null,
    min: lo,
    max: hi,
  };
  if (cdf && quantile) {
    // Work in F = P(X ≤ x), or in S = P(X > x) when min lies in the upper tail (so a slice far
    // out keeps its precision): x = inverse(c(min) + p·(c(max) − c(min))) for p in (0, 1).
    const tail = internals.tail;
    const upper = tail !== undefined && bounds.min !== undefined && tail.survival(bounds.min) < 0.5;
    const coord = upper ? tail.survival : cdf;
    const inverse = upper ? tail.inverseSurvival : quantile;
    const fast = upper ? tail.fastInverseSurvival : internals.fastQuantile ?? quantile;
    const ca = bounds.min !== undefined ? coord(bounds.min) : upper ? 1 : 0;
    const cb = bounds.max !== undefined ? coord(bounds.max) : upper ? 0 : 1;
    const span = cb - ca;
    const mass = Math.abs(span);
    if (!(mass > 0 && mass >= MIN_INVERSE_MASS * Math.max(ca, cb))) {
      fail(
        "range",
        field,
        `bounds that keep a share ≥ 1e-9 of the ${inner.kind}'s tail they cut (kept ${mass})`,
        bounds,
      );
    }
    const at = (p: number): number =>
      Math.min(Math.max(ca + span * p, Number.MIN_VALUE), ONE_BELOW_1);
    return build({
      ...common,
      mean: partial ? partial(a, b) / mass : null,
      sample: (prng) => clamp(fast(at(openUnit(prng)))),
      cdf: (x) => x < lo ? 0 : x >= hi ? 1 : Math.min(1, Math.max(0, (coord(x) - ca) / span)),
      quantile: (p) => p === 0 ? lo : p === 1 ? hi : clamp(inverse(at(p))),
      fastQuantile: (p) => clamp(fast(at(p))),
      partialMean: partial
        ? (l, h) => {
          const l2 = Math.max(l, a);
          const h2 = Math.min(h, b);
          return h2 > l2 ? partial(l2, h2) / mass : 0;
        }
        : undefined,
    });
  }
  const mass = cdf ? cdf(b) - cdf(a) : null;
  const mean = mass !== null && mass > 0 && partial ? partial(a, b) / mass : null;
  let acceptance = mass;
  if (acceptance === null) {
    const pilot = createPrng("capsim/truncated/pilot");
    let kept = 0;
    for (let i = 0; i < PILOT_DRAWS; i++) {
      const x = inner.sample(pilot);
      if (x >= lo && x <= hi) kept++;
    }
    acceptance = kept / PILOT_DRAWS;
  }
  if (acceptance < MIN_ACCEPTANCE) {
    const kept = `${Number((acceptance * 100).toPrecision(2))}%`;
    fail(
      "range",
      field,
      `bounds that keep at least 1% of the ${inner.kind} (kept ${kept})`,
      bounds,
    );
  }
  return build({
    ...common,
    mean,
    sample: (prng) => {
      for (let i = 0; i < REJECTION_TRIES; i++) {
        const x = inner.sample(prng);
        if (x >= lo && x <= hi) return x;
      }
      throw new RangeError(
        `${field}: expected bounds that draws can meet; received no draw in [${lo}, ${hi}] after ${REJECTION_TRIES} tries`,
      );
    },
  });
}

/**
 * `dist` restricted to [min, max] (inclusive; give one bound or both).
 *
 * - Inverse CDF, where `dist` has a closed-form CDF and quantile (uniform, normal,
 *   exponential, lognormal, Pareto, histogram, or a truncation of one): X = F⁻¹(F(min) +
 *   U·(F(max) − F(min))), one uniform per draw, exact, never rejects; the result is clamped to
 *   the bounds against rounding. When `min` lies in the upper tail (P(X > min) < ½) of a
 *   normal, lognormal, exponential or Pareto, the same is done with the survival function
 *   S = 1 − F, so a slice far out in the tail (say beyond the 1 − 10⁻²⁰ quantile) stays exact.
 *   The kept probability must be at least 10⁻⁹ of the tail the bounds cut (else U could not
 *   resolve it).
 * - Rejection otherwise (gamma, empirical, fixed, mixture): draw until a value falls within
 *   the bounds. The bounds must keep at least 1 % of the probability: exactly, where `dist` has
 *   a CDF (a mixture of continuous kinds), or else measured on 10,000 pilot draws from a fixed
 *   stream. With ≥ 1 % kept, the 10,000 tries allowed per draw all fail with probability
 *   below 10⁻³⁰; if they ever do, `sample` throws a `RangeError` naming the bounds.
 *
 * Mean: E[X·1{min ≤ X ≤ max}] / P(min ≤ X ≤ max) in closed form where `dist` has a CDF and a
 * partial expectation (all continuous kinds but gamma), else `null`. Variance: `null`.
 * @param dist the distribution to truncate
 * @param bounds `{ min?, max? }`, at least one, max > min
 * @returns the truncated distribution (with `cdf` and `quantile` on the inverse-CDF path)
 * @throws {TypeError} dist not a distribution, bounds not an object or neither bound given;
 * {RangeError} a bound not finite, max ≤ min, bounds outside the support, or keeping too little
 * probability
 * @example An exponential is memoryless: beyond 2 its mean is 2 + 1/λ.
 * ```ts
 * import { exponential, truncated } from "./mod.ts";
 * import { ok } from "node:assert/strict";
 * const d = truncated(exponential(1), { min: 2 });
 * ok(Math.abs(d.mean! - 3) < 1e-12);
 * ```
 */
export function truncated(dist: Distribution, bounds: TruncateBounds): Distribution {
  const inner = distributionArg("truncated.dist", dist);
  if (typeof bounds === "object" && bounds !== null) {
    onlyKeys("truncated.bounds", bounds as Record<string, unknown>, ["min", "max"]);
  }
  return makeTruncated(inner, truncateBounds("truncated", bounds, "truncated.bounds"), "truncated");
}

// ---------------------------------------------------------------------------------------------
// Mixture

function makeMixture(list: readonly MixtureComponent[], field: string): Distribution {
  let total = 0;
  for (const c of list) total += c.weight;
  if (!(total > 0)) {
    fail("range", field, "at least one positive weight", list.map((c) => c.weight));
  }
  const live = list.filter((c) => c.weight > 0);
  const dists = live.map((c) => c.dist);
  const weights = live.map((c) => c.weight / total);
  const cum = new Float64Array(live.length);
  let acc = 0;
  weights.forEach((w, i) => cum[i] = acc += w);
  const last = live.length - 1;
  const means = dists.map((d) => d.mean);
  const variances = dists.map((d) => d.variance);
  let mean: number | null = null;
  let variance: number | null = null;
  if (means.every((m) => m !== null)) {
    mean = weights.reduce((s, w, i) => s + w * means[i]!, 0);
    if (variances.every((v) => v !== null)) {
      const second = weights.reduce((s, w, i) => s + w * (variances[i]! + means[i]! ** 2), 0);
      variance = Math.max(0, second - mean * mean);
    }
  }
  const cdfs = dists.map((d) => d.cdf);
  const partials = dists.map((d) => INTERNALS.get(d)?.partialMean);
  const allCdf = cdfs.every((f) => f !== undefined);
  const allPartial = partials.every((f) => f !== undefined);
  return build({
    kind: "mixture",
    spec: {
      kind: "mixture",
      components: list.map((c) => ({ weight: c.weight, dist: c.dist.spec })),
    },
    mean,
    variance,
    min: Math.min(...dists.map((d) => d.support.min)),
    max: Math.max(...dists.map((d) => d.support.max)),
    sample: (prng) => {
      const u = prng.next();
      let i = 0;
      while (i < last && u >= cum[i]) i++;
      return dists[i].sample(prng);
    },
    cdf: allCdf ? (x) => weights.reduce((s, w, i) => s + w * cdfs[i]!(x), 0) : undefined,
    partialMean: allCdf && allPartial
      ? (a, b) => weights.reduce((s, w, i) => s + w * partials[i]!(a, b), 0)
      : undefined,
  });
}

function componentList(field: string, value: unknown): unknown[] {
  if (!Array.isArray(value)) fail("type", field, "an array of { weight, dist }", value);
  if (value.length === 0) fail("range", field, "at least one component", value);
  return value;
}

/**
 * A weighted mixture: one uniform picks component i with probability wᵢ/Σw, then that
 * component draws. Mean Σ pᵢμᵢ; variance Σ pᵢ(σᵢ² + μᵢ²) − mean² (`null` if any component's
 * is). It has a `cdf` (Σ pᵢFᵢ) when every component has one, but no closed-form quantile.
 * @param components `{ weight, dist }` pairs: at least one, weights ≥ 0 with a positive sum
 * @returns the distribution
 * @throws {TypeError} not an array, a component not an object, a weight not a number, a dist
 * not a distribution; {RangeError} no components, a weight < 0 or not finite, all weights 0
 * @example A quarter of sessions send nothing, the rest 4 requests: mean 3.
 * ```ts
 * import { fixed, mixture } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * const d = mixture([{ weight: 1, dist: fixed(0) }, { weight: 3, dist: fixed(4) }]);
 * equal(d.mean, 3);
 * equal(d.variance, 3);
 * ```
 */
export function mixture(components: readonly MixtureComponent[]): Distribution {
  const list = componentList("mixture", components).map((c, i) => {
    const obj = plainObject(`mixture[${i}]`, c);
    onlyKeys(`mixture[${i}]`, obj, ["weight", "dist"]);
    return {
      weight: nonNegativeNumber(`mixture[${i}].weight`, obj.weight),
      dist: distributionArg(`mixture[${i}].dist`, obj.dist),
    };
  });
  return makeMixture(list, "mixture");
}

// ---------------------------------------------------------------------------------------------
// Specs and helpers

function exponentialFromSpec(obj: Record<string, unknown>, field: string): Distribution {
  if (("rate" in obj) === ("mean" in obj)) fail("type", field, "either rate or mean", obj);
  if ("rate" in obj) {
    onlyKeys(field, obj, ["kind", "rate"]);
    const rate = positiveNumber(`${field}.rate`, obj.rate);
    return exponentialFromRate(rate, { kind: "exponential", rate });
  }
  onlyKeys(field, obj, ["kind", "mean"]);
  const mean = positiveNumber(`${field}.mean`, obj.mean);
  return exponentialFromRate(1 / mean, { kind: "exponential", mean });
}

/**
 * Builds a distribution from its JSON form, validating every field; errors name the path,
 * e.g. `workload.outputTokens.dist.sigma: expected a positive number; received 0`. Unknown keys
 * are rejected (with a "did you mean" hint), so a typo never silently falls back to a default.
 * @param spec the JSON form (see {@link DistributionSpec})
 * @param field the path of `spec` in its document, for error messages
 * @returns the distribution; its `spec` is the validated input
 * @throws {TypeError} a missing or mistyped field, an unknown kind or key; {RangeError} a value
 * out of range (as the factories throw, under `field`)
 * @example
 * ```ts
 * import { distributionFromSpec } from "./mod.ts";
 * import { ok, throws } from "node:assert/strict";
 * const d = distributionFromSpec({ kind: "lognormal", median: 100, p90: 300 });
 * ok(Math.abs(d.quantile!(0.5) - 100) < 1e-9);
 * throws(
 *   () => distributionFromSpec({ kind: "gamma", shape: 2, scale: 0 }, "thinkTimeS"),
 *   /thinkTimeS\.scale: expected a positive number; received 0/,
 * );
 * ```
 */
export function distributionFromSpec(spec: DistributionSpec, field = "distribution"): Distribution {
  const obj = plainObject(field, spec);
  const kind = oneOf(`${field}.kind`, obj.kind, DISTRIBUTION_KINDS);
  switch (kind) {
    case "fixed":
      onlyKeys(field, obj, ["kind", "value"]);
      return makeFixed(obj.value, field);
    case "uniform":
      onlyKeys(field, obj, ["kind", "min", "max"]);
      return makeUniform(obj.min, obj.max, field);
    case "normal":
      onlyKeys(field, obj, ["kind", "mu", "sigma"]);
      return makeNormal(obj.mu, obj.sigma, field);
    case "exponential":
      return exponentialFromSpec(obj, field);
    case "lognormal":
      return makeLognormal(obj, field, ["kind"]);
    case "gamma":
      onlyKeys(field, obj, ["kind", "shape", "scale"]);
      return makeGamma(obj.shape, obj.scale, field);
    case "pareto":
      onlyKeys(field, obj, ["kind", "xm", "alpha"]);
      return makePareto(obj.xm, obj.alpha, field);
    case "empirical":
      onlyKeys(field, obj, ["kind", "samples"]);
      return makeEmpirical(obj.samples, field);
    case "histogram":
      return makeHistogram(obj, field, ["kind"]);
    case "truncated": {
      onlyKeys(field, obj, ["kind", "dist", "min", "max"]);
      const inner = distributionFromSpec(obj.dist as DistributionSpec, `${field}.dist`);
      return makeTruncated(inner, truncateBounds(field, obj, field), field);
    }
    case "mixture": {
      onlyKeys(field, obj, ["kind", "components"]);
      const list = componentList(`${field}.components`, obj.components).map((c, i) => {
        const at = `${field}.components[${i}]`;
        const item = plainObject(at, c);
        onlyKeys(at, item, ["weight", "dist"]);
        return {
          weight: nonNegativeNumber(`${at}.weight`, item.weight),
          dist: distributionFromSpec(item.dist as DistributionSpec, `${at}.dist`),
        };
      });
      return makeMixture(list, `${field}.components`);
    }
  }
}

/**
 * One draw rounded to the nearest integer and floored at 0, for counts (tokens, runs):
 * max(0, round(X)), with halves rounded up (`Math.round`).
 * @param dist the distribution
 * @param prng the generator
 * @returns an integer ≥ 0
 * @example
 * ```ts
 * import { createPrng, fixed, sampleInt } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * const prng = createPrng(1);
 * equal(sampleInt(fixed(2.5), prng), 3);
 * equal(sampleInt(fixed(-4), prng), 0);
 * ```
 */
export function sampleInt(dist: Distribution, prng: Prng): number {
  return Math.max(0, Math.round(dist.sample(prng)));
}

/**
 * The p-quantile of a distribution that has a closed-form one (uniform, normal, exponential,
 * lognormal, Pareto, histogram, or a truncation of one).
 * @param dist the distribution
 * @param p a probability in [0, 1]
 * @returns x with P(X ≤ x) = p
 * @throws {TypeError} dist has no closed-form quantile (gamma, empirical, fixed, mixture), or p
 * not a number; {RangeError} p outside [0, 1]
 * @example The median of Uniform(0, 10) is 5.
 * ```ts
 * import { quantileOf, uniform } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * equal(quantileOf(uniform(0, 10), 0.5), 5);
 * ```
 */
export function quantileOf(dist: Distribution, p: number): number {
  const d = distributionArg("dist", dist);
  if (d.quantile === undefined) {
    fail("type", "dist", "a distribution with a closed-form quantile", d.kind);
  }
  return d.quantile(p);
}
