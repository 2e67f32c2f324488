/**
 * {@link truncated}: a distribution restricted to [min, max], by inverse CDF where the inner
 * distribution has a closed-form CDF and quantile (in survival form far out in an upper tail),
 * else by rejection with a minimum acceptance checked up front.
 *
 * @example Uniform(0, 10) below 5 is Uniform(0, 5).
 * ```ts
 * import { truncated, uniform } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * const d = truncated(uniform(0, 10), { max: 5 });
 * equal(d.mean, 2.5);
 * equal(d.support.max, 5);
 * equal(d.quantile?.(0.5), 2.5);
 * ```
 * @module
 */

import { onlyKeys, plainObject } from "../validate.ts";
import { createPrng } from "./prng.ts";
import type { TruncateBounds } from "./distribution_spec.ts";
import {
  above,
  build,
  cap as importedCap,
  type Distribution,
  distributionArg,
  fail,
  finiteNumber,
  INTERNALS,
  openUnit as importedOpenUnit,
} from "./distribution.ts";

// The samplers here call these on every draw. Aliases in module scope let V8 treat them as
// constants and inline them, which it does less well through imported bindings (without such
// aliases, normal() drew about 5 % slower in bench/random_bench.ts).
const cap = importedCap;
const openUnit = importedOpenUnit;

const PILOT_DRAWS = 10_000;
const MIN_ACCEPTANCE = 0.01;
const REJECTION_TRIES = 10_000;
const MIN_INVERSE_MASS = 1e-9;
const ONE_BELOW_1 = 1 - 2 ** -53;

/** Checks `{ min?, max? }`: at least one, finite, max > min; errors name `field`. */
export function truncateBounds(
  field: string,
  bounds: unknown,
  boundsField: string,
): TruncateBounds {
  const obj = plainObject(boundsField, bounds);
  const min = obj.min === undefined ? undefined : finiteNumber(`${field}.min`, obj.min);
  const max = obj.max === undefined ? undefined : finiteNumber(`${field}.max`, obj.max);
  if (min === undefined && max === undefined) {
    fail("type", boundsField, "at least one of min, max", bounds);
  }
  if (min !== undefined && max !== undefined) above(`${field}.max`, max, `${field}.min`, min);
  return { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
}

/** {@link truncated}, with errors named under `field` (for the spec compiler). */
export function makeTruncated(
  inner: Distribution,
  bounds: TruncateBounds,
  field: string,
): Distribution {
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
