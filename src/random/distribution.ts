/**
 * The {@link Distribution} interface every factory returns, the two helpers that take one
 * ({@link sampleInt} for counts, {@link quantileOf}), and the kit the factories share:
 * argument checks whose messages follow ../validate.ts (field, expectation, value received),
 * and `build`, which freezes a distribution and records what `truncated` and `mixture` need to
 * know about it beyond its interface (a fast quantile, a partial expectation, its upper tail).
 *
 * @example Every distribution has its support; a closed-form one has its quantile.
 * ```ts
 * import { type Distribution, quantileOf, uniform } from "./mod.ts";
 * import { deepEqual, equal } from "node:assert/strict";
 * const d: Distribution = uniform(0, 4);
 * deepEqual(d.support, { min: 0, max: 4 });
 * equal(quantileOf(d, 0.25), 1);
 * ```
 * @module
 */

import { describe, probability } from "../validate.ts";
import type { Prng } from "./prng.ts";
import type { DistributionKind, DistributionSpec } from "./distribution_spec.ts";

// ---------------------------------------------------------------------------------------------
// Types

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

/** Throws a `RangeError` or `TypeError` naming the field, what was expected and what came. */
export function fail(
  kind: "range" | "type",
  field: string,
  expected: string,
  value: unknown,
): never {
  const message = `${field}: expected ${expected}; received ${describe(value)}`;
  throw kind === "range" ? new RangeError(message) : new TypeError(message);
}

/** A finite number, else a `TypeError` (not a number) or `RangeError` (not finite). */
export function finiteNumber(field: string, value: unknown): number {
  if (typeof value !== "number") fail("type", field, "a finite number", value);
  if (!Number.isFinite(value)) fail("range", field, "a finite number", value);
  return value;
}

/** `value` if it is > `lower`, else a `RangeError` naming both fields. */
export function above(field: string, value: number, lowerField: string, lower: number): number {
  if (!(value > lower)) fail("range", field, `a number > ${lowerField} (${lower})`, value);
  return value;
}

/** An array of at least `minLength` finite numbers (copied); errors name the element. */
export function numberArray(field: string, value: unknown, minLength: number): number[] {
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

/** `value` if it is a distribution made by a factory here, else a `TypeError`. */
export function distributionArg(field: string, value: unknown): Distribution {
  if (!isDistribution(value)) fail("type", field, "a distribution (from a factory)", value);
  return value;
}

/** A number that is not NaN (±Infinity allowed): the argument of a CDF. */
export function checkX(x: unknown): number {
  if (typeof x !== "number") fail("type", "x", "a number", x);
  if (Number.isNaN(x)) fail("range", "x", "a number", x);
  return x;
}

const MAX = Number.MAX_VALUE;

// ---------------------------------------------------------------------------------------------
// Building distributions (the kit every factory uses)

/** A uniform draw in (0, 1): 0 is redrawn (it has probability 2⁻³² with Alea). */
export function openUnit(prng: Prng): number {
  for (let tries = 0; tries < 64; tries++) {
    const u = prng.next();
    if (u > 0) return u;
  }
  throw new RangeError("prng: expected next() to return a number in [0, 1); received 0 64 times");
}

/** Clamps a draw to ±`Number.MAX_VALUE`, so a sample is always finite. */
export function cap(x: number): number {
  return x > MAX ? MAX : x < -MAX ? -MAX : x;
}

/** What {@link truncated} and {@link mixture} know about a distribution beyond its interface. */
export interface Internals {
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
/** The {@link Internals} of every distribution {@link build} made. */
export const INTERNALS = new WeakMap<Distribution, Internals>();

/** Everything {@link build} needs: the public fields, the sampler and the internals. */
export interface Parts extends Internals {
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

/**
 * Freezes a distribution: non-finite moments become `null`, `cdf` and `quantile` check their
 * argument, and the internals are recorded in {@link INTERNALS}.
 */
export function build(parts: Parts): Distribution {
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

// ---------------------------------------------------------------------------------------------
// Helpers

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
