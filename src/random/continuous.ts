/**
 * The parametric families with closed-form moments: {@link fixed}, {@link uniform},
 * {@link normal}, {@link exponential}, {@link gamma} and {@link pareto} (the lognormal, with its
 * median/p90 fit, is in ./lognormal.ts). Each public factory checks its arguments under its own
 * name; the exported `make*` builders take the field path, so `distributionFromSpec` reports an
 * error at the spec's path. Sampling is by inverse CDF, one uniform per draw, except gamma
 * (Marsaglia & Tsang).
 *
 * @example Closed-form moments, and the exponential's survival P(X > 1) = e^(−λ).
 * ```ts
 * import { createPrng, exponential, gamma, uniform } from "./mod.ts";
 * import { equal, ok } from "node:assert/strict";
 * equal(uniform(0, 10).mean, 5);
 * equal(gamma(3, 2).variance, 12);
 * ok(Math.abs(1 - exponential(2).cdf!(1) - Math.exp(-2)) < 1e-15);
 * ok(exponential(2).sample(createPrng("doc")) >= 0);
 * ```
 * @module
 */

import { positiveNumber } from "../validate.ts";
import type { Prng } from "./prng.ts";
import type { ExponentialSpec } from "./distribution_spec.ts";
import {
  above,
  build,
  cap as importedCap,
  type Distribution,
  fail,
  finiteNumber,
  openUnit as importedOpenUnit,
} from "./distribution.ts";
import { acklam as importedAcklam, normalCdf, normalMass, normalQuantile, phi } from "./normal.ts";

// The samplers here call these on every draw. Aliases in module scope let V8 treat them as
// constants and inline them, which it does less well through imported bindings (without such
// aliases, normal() drew about 5 % slower in bench/random_bench.ts).
const acklam = importedAcklam;
const cap = importedCap;
const openUnit = importedOpenUnit;

/** {@link fixed}, with errors named under `field` (for the spec compiler). */
export function makeFixed(value: unknown, field: string): Distribution {
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

/** {@link uniform}, with errors named under `field` (for the spec compiler). */
export function makeUniform(min: unknown, max: unknown, field: string): Distribution {
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

/** {@link normal}, with errors named under `field` (for the spec compiler). */
export function makeNormal(mu: unknown, sigma: unknown, field: string): Distribution {
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

/** {@link exponential} from a validated rate, keeping `spec` as the caller wrote it. */
export function exponentialFromRate(rate: number, spec: ExponentialSpec): Distribution {
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

/** {@link gamma}, with errors named under `field` (for the spec compiler). */
export function makeGamma(shape: unknown, scale: unknown, field: string): Distribution {
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

/** {@link pareto}, with errors named under `field` (for the spec compiler). */
export function makePareto(xm: unknown, alpha: unknown, field: string): Distribution {
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
