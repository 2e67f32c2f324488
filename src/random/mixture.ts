/**
 * {@link mixture}: a weighted mixture of distributions. One uniform picks the component, which
 * then draws; moments and the CDF combine the components' where they all have them.
 *
 * @example Half Uniform(0, 1), half Uniform(1, 2): mean 1, and half the mass below 1.
 * ```ts
 * import { mixture, uniform } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * const d = mixture([{ weight: 1, dist: uniform(0, 1) }, { weight: 1, dist: uniform(1, 2) }]);
 * equal(d.mean, 1);
 * equal(d.cdf?.(1), 0.5);
 * ```
 * @module
 */

import { nonNegativeNumber, onlyKeys, plainObject } from "../validate.ts";
import { build, type Distribution, distributionArg, fail, INTERNALS } from "./distribution.ts";

/** One weighted component of a {@link mixture}. */
export interface MixtureComponent {
  /** Relative weight ≥ 0. */
  weight: number;
  /** The component distribution. */
  dist: Distribution;
}

/** {@link mixture}, with errors named under `field` (for the spec compiler). */
export function makeMixture(list: readonly MixtureComponent[], field: string): Distribution {
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

/** A non-empty array (of components still to check), else an error naming `field`. */
export function componentList(field: string, value: unknown): unknown[] {
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
