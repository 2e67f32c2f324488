/**
 * Distributions built from data: {@link empirical} resamples observed values (the bootstrap),
 * {@link histogram} draws from binned counts, uniformly within the bin it picks (the inverse of
 * its piecewise-linear CDF, found from a guide table).
 *
 * @example One observation always comes back; one bin [0, 10] has mean 5.
 * ```ts
 * import { createPrng, empirical, histogram } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * equal(empirical([7]).sample(createPrng(1)), 7);
 * equal(histogram({ edges: [0, 10], counts: [1] }).mean, 5);
 * ```
 * @module
 */

import { nonNegativeNumber, onlyKeys, plainObject } from "../validate.ts";
import type { HistogramParams } from "./distribution_spec.ts";
import { above, build, type Distribution, fail, numberArray } from "./distribution.ts";

/** {@link empirical}, with errors named under `field` (for the spec compiler). */
export function makeEmpirical(samples: unknown, field: string): Distribution {
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

/** {@link histogram}, with errors named under `field` (for the spec compiler). */
export function makeHistogram(
  params: unknown,
  field: string,
  extraKeys: readonly string[],
): Distribution {
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
