/**
 * The {@link lognormal}, the usual shape of token counts: given as `{ mu, sigma }` of ln X or
 * fitted exactly to a `{ median, p90 }`. Drawn as exp(μ + σZ) with Z from Acklam's Φ⁻¹ (one
 * uniform per draw); its upper tail is kept in survival form so a truncation far out in it stays
 * exact.
 *
 * @example Fitted to a median of 400 and a p90 of 1,500, its median is 400.
 * ```ts
 * import { lognormal } from "./mod.ts";
 * import { ok } from "node:assert/strict";
 * const d = lognormal({ median: 400, p90: 1_500 });
 * ok(Math.abs(d.quantile!(0.5) - 400) < 1e-9);
 * ok(Math.abs(d.cdf!(1_500) - 0.9) < 1e-12);
 * ```
 * @module
 */

import { onlyKeys, plainObject, positiveNumber } from "../validate.ts";
import type { LognormalParams, LognormalSpec } from "./distribution_spec.ts";
import {
  above,
  build,
  cap as importedCap,
  type Distribution,
  fail,
  finiteNumber,
  openUnit as importedOpenUnit,
} from "./distribution.ts";
import { acklam as importedAcklam, normalCdf, normalMass, normalQuantile, Z90 } from "./normal.ts";

// The samplers here call these on every draw. Aliases in module scope let V8 treat them as
// constants and inline them, which it does less well through imported bindings (without such
// aliases, normal() drew about 5 % slower in bench/random_bench.ts).
const acklam = importedAcklam;
const cap = importedCap;
const openUnit = importedOpenUnit;

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

/** {@link lognormal}, with errors named under `field` (for the spec compiler). */
export function makeLognormal(
  params: unknown,
  field: string,
  extraKeys: readonly string[],
): Distribution {
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
