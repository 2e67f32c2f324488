/**
 * Empirical quantiles and summaries of samples: `quantile` (Hyndman & Fan type 7, numpy's
 * default) and `summarize` (count, mean, min, p50, p90, p99, max).
 *
 * @example
 * ```ts
 * import { quantile, summarize } from "./summary.ts";
 * import { equal } from "node:assert/strict";
 * equal(quantile([1, 2, 3, 4, 7, 10], 0.5), 3.5); // numpy: percentile([[10, 7, 4], [3, 2, 1]], 50)
 * equal(summarize([2, 4])?.mean, 3);
 * ```
 * @module
 */

import { probability } from "../validate.ts";

/**
 * The p-quantile of ascending values by linear interpolation between order statistics
 * (Hyndman & Fan 1996 type 7; the default of numpy's `quantile`, R's `quantile` and Excel's
 * `PERCENTILE.INC`): with h = (n − 1)·p, q = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]).
 * @param sortedValues the values, sorted ascending (not checked)
 * @param p the probability, in [0, 1]
 * @returns the quantile
 * @throws {RangeError} an empty array, or `p` outside [0, 1]
 * @throws {TypeError} `p` not a number
 * @example
 * ```ts
 * import { quantile } from "./summary.ts";
 * import { equal } from "node:assert/strict";
 * // h = 3 × 0.5 = 1.5 → 20 + 0.5 × (30 − 20)
 * equal(quantile([10, 20, 30, 40], 0.5), 25);
 * // h = 3 × 0.9 = 2.7 → 30 + 0.7 × (40 − 30)
 * equal(quantile([10, 20, 30, 40], 0.9), 37);
 * ```
 */
export function quantile(sortedValues: ArrayLike<number>, p: number): number {
  probability("p", p);
  const n = sortedValues.length;
  if (n === 0) throw new RangeError("sortedValues: expected a non-empty array; received []");
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sortedValues[lo] + (h - lo) * (sortedValues[hi] - sortedValues[lo]);
}

/** Count, mean, extremes and the quantiles (type 7) of a set of values. */
export interface DistributionSummary {
  /** How many values. */
  count: number;
  /** Arithmetic mean. */
  mean: number;
  /** Smallest value. */
  min: number;
  /** Median. */
  p50: number;
  /** 90th percentile. */
  p90: number;
  /** 99th percentile. */
  p99: number;
  /** Largest value. */
  max: number;
}

/**
 * Summarises values: count, mean, min, p50, p90, p99 (type 7, see {@linkcode quantile}), max.
 * @param values the values, in any order (not modified)
 * @returns the summary, or `null` when there are no values
 * @throws {RangeError} a value that is not a finite number
 * @example
 * ```ts
 * import { summarize } from "./summary.ts";
 * import { equal } from "node:assert/strict";
 * const s = summarize([3, 1, 2, 10]);
 * equal(s?.mean, 4);
 * equal(s?.p50, 2.5);
 * equal(summarize([]), null);
 * ```
 */
export function summarize(values: readonly number[]): DistributionSummary | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (!Number.isFinite(sorted[i])) {
      throw new RangeError(`values: expected finite numbers; received ${sorted[i]}`);
    }
    sum += sorted[i];
  }
  return {
    count: sorted.length,
    mean: sum / sorted.length,
    min: sorted[0],
    p50: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    p99: quantile(sorted, 0.99),
    max: sorted[sorted.length - 1],
  };
}
