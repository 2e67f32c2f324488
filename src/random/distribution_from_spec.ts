/**
 * {@link distributionFromSpec}: the JSON form of a distribution ({@link DistributionSpec}) to
 * the distribution, validating every field under its path and recursing into truncated and
 * mixture specs. It imports every factory module and none imports it, so there is no cycle.
 *
 * @example A nested spec, and an error that names the path of the bad field.
 * ```ts
 * import { distributionFromSpec } from "./distribution_from_spec.ts";
 * import { equal, throws } from "node:assert/strict";
 * const d = distributionFromSpec({
 *   kind: "truncated",
 *   dist: { kind: "uniform", min: 0, max: 10 },
 *   max: 5,
 * });
 * equal(d.mean, 2.5);
 * throws(
 *   () =>
 *     distributionFromSpec({
 *       kind: "mixture",
 *       components: [{ weight: 1, dist: { kind: "pareto", xm: 1, alpha: -1 } }],
 *     }, "runs"),
 *   /runs\.components\[0\]\.dist\.alpha: expected a positive number; received -1/,
 * );
 * ```
 * @module
 */

import { nonNegativeNumber, oneOf, onlyKeys, plainObject, positiveNumber } from "../validate.ts";
import { DISTRIBUTION_KINDS, type DistributionSpec } from "./distribution_spec.ts";
import { type Distribution, fail } from "./distribution.ts";
import {
  exponentialFromRate,
  makeFixed,
  makeGamma,
  makeNormal,
  makePareto,
  makeUniform,
} from "./continuous.ts";
import { makeLognormal } from "./lognormal.ts";
import { makeEmpirical, makeHistogram } from "./empirical.ts";
import { makeTruncated, truncateBounds } from "./truncated.ts";
import { componentList, makeMixture } from "./mixture.ts";

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
