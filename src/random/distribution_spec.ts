/**
 * The JSON form of a distribution, {@link DistributionSpec}, as scenario files write it, and the
 * parameter shapes it shares with the factories ({@link LognormalParams},
 * {@link HistogramParams}, {@link TruncateBounds}). Types only, plus the list of kinds; it imports
 * nothing, so every other module in `random/` can use it. `distributionFromSpec`
 * (./distribution_from_spec.ts) turns a spec into a distribution.
 *
 * @example A spec is plain data: a gamma think time capped at 10 s.
 * ```ts
 * import { DISTRIBUTION_KINDS, type DistributionSpec } from "./distribution_spec.ts";
 * import { ok } from "node:assert/strict";
 * const thinkTimeS: DistributionSpec = {
 *   kind: "truncated",
 *   dist: { kind: "gamma", shape: 2, scale: 1.5 },
 *   max: 10,
 * };
 * ok(DISTRIBUTION_KINDS.includes(thinkTimeS.kind));
 * ok(DISTRIBUTION_KINDS.includes(thinkTimeS.dist.kind));
 * ```
 * @module
 */

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
