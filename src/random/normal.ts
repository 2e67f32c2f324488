/**
 * The standard normal function: Φ ({@link normalCdf}) from erfc, accurate in both tails;
 * Φ⁻¹ ({@link normalQuantile}) by Acklam's rational approximation refined by one Halley step;
 * and Acklam's Φ⁻¹ unrefined (`acklam`), which the normal, lognormal and gamma samplers use so
 * each normal draw costs one uniform and no cached spare. Pure math: the distributions built on
 * it are in ./continuous.ts and ./lognormal.ts.
 *
 * @example Φ and Φ⁻¹ invert each other; Φ⁻¹(0.9) is {@link Z90}.
 * ```ts
 * import { normalCdf, normalQuantile, Z90 } from "./normal.ts";
 * import { equal, ok } from "node:assert/strict";
 * equal(normalCdf(0), 0.5);
 * ok(Math.abs(normalQuantile(0.9) - Z90) < 1e-13);
 * ok(Math.abs(normalCdf(Z90) - 0.9) < 1e-15);
 * ```
 * @module
 */

import { probability } from "../validate.ts";
import { checkX } from "./distribution.ts";

const SQRT_PI = Math.sqrt(Math.PI);
const SQRT_2PI = Math.sqrt(2 * Math.PI);

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
export function normalMass(za: number, zb: number): number {
  return za > 0 ? normalCdf(-za) - normalCdf(-zb) : normalCdf(zb) - normalCdf(za);
}

/** The standard normal density, φ(z) = e^(−z²/2)/√(2π). */
export function phi(z: number): number {
  return Math.exp(-0.5 * z * z) / SQRT_2PI;
}

/**
 * The standard normal CDF, Φ(x) = ½·erfc(−x/√2), accurate in both tails.
 *
 * @param x any number (±Infinity allowed)
 * @returns P(Z ≤ x) for Z ~ Normal(0, 1)
 * @throws {TypeError} x not a number; {RangeError} x is NaN
 * @example Φ(1) = 0.8413447460685429 (A&S table 26.1 gives 0.84134 47461).
 * ```ts
 * import { normalCdf } from "./normal.ts";
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
export function acklam(p: number): number {
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
 * import { normalQuantile } from "./normal.ts";
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
