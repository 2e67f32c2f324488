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
 *
 * This module gathers the public names of the modules that define them, so
 * `import … from "./distributions.ts"` keeps working:
 * - ./distribution_spec.ts: {@link DistributionSpec} (the JSON form), its kinds and parameters;
 * - ./distribution.ts: the {@link Distribution} interface, {@link sampleInt}, {@link quantileOf};
 * - ./normal.ts: Φ and Φ⁻¹ ({@link normalCdf}, {@link normalQuantile}, {@link Z90});
 * - ./continuous.ts: {@link fixed}, {@link uniform}, {@link normal}, {@link exponential},
 *   {@link gamma}, {@link pareto}; ./lognormal.ts: {@link lognormal};
 * - ./empirical.ts: {@link empirical}, {@link histogram};
 * - ./truncated.ts: {@link truncated}; ./mixture.ts: {@link mixture};
 * - ./distribution_from_spec.ts: {@link distributionFromSpec}.
 * @module
 */

export {
  DISTRIBUTION_KINDS,
  type DistributionKind,
  type DistributionSpec,
  type EmpiricalSpec,
  type ExponentialSpec,
  type FixedSpec,
  type GammaSpec,
  type HistogramParams,
  type HistogramSpec,
  type LognormalParams,
  type LognormalSpec,
  type MixtureComponentSpec,
  type MixtureSpec,
  type NormalSpec,
  type ParetoSpec,
  type TruncateBounds,
  type TruncatedSpec,
  type UniformSpec,
} from "./distribution_spec.ts";
export { type Distribution, quantileOf, sampleInt, type Support } from "./distribution.ts";
export { normalCdf, normalQuantile, Z90 } from "./normal.ts";
export { exponential, fixed, gamma, normal, pareto, uniform } from "./continuous.ts";
export { lognormal } from "./lognormal.ts";
export { empirical, histogram } from "./empirical.ts";
export { truncated } from "./truncated.ts";
export { mixture, type MixtureComponent } from "./mixture.ts";
export { distributionFromSpec } from "./distribution_from_spec.ts";
