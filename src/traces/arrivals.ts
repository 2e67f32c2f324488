/**
 * Arrival statistics of a trace: how often sessions (or requests) start, and how far the
 * process is from Poisson. Two measures of burstiness, both 1 for a Poisson process:
 *
 * - the **coefficient of variation** of inter-arrival times, CV = s ÷ mean (s the sample standard
 *   deviation): exponential gaps have CV = 1, bursty traffic CV ≫ 1;
 * - the **index of dispersion** of counts in fixed bins (default 1 s), variance ÷ mean of the
 *   number of arrivals per bin (Cox & Lewis, *The Statistical Analysis of Series of Events*,
 *   1966): Poisson counts have variance = mean.
 *
 * Only meaningful where timestamps are absolute across sessions (Azure, Mooncake, RAGPulse,
 * SWE-bench); Weka's `t_s` restarts at 0 for every session, so its arrivals are unknown.
 *
 * @example
 * ```ts
 * import { arrivalStats } from "./arrivals.ts";
 * import type { TraceSession } from "./canonical.ts";
 * import { equal } from "node:assert/strict";
 * const at = (tS: number): TraceSession => ({ sessionId: null, runs: [{ sessionId: null, run: 0,
 *   tS, inputTokens: 1, outputTokens: 1, reusedPrefixTokens: null, split: "fit" }] });
 * const a = arrivalStats([at(0), at(2), at(4), at(6)]);
 * equal(a.ratePerS, 0.5); // 3 gaps of 2 s
 * equal(a.interArrivalCv, 0); // perfectly regular
 * ```
 * @module
 */

import { nonNegativeNumber, oneOf, plainObject, positiveNumber } from "../validate.ts";
import type { TraceSession } from "./canonical.ts";
import { type DistributionSummary, summarize } from "../stats/summary.ts";

/** Options of {@linkcode arrivalStats}. */
export interface ArrivalStatsOptions {
  /** Count session starts (first runs, default) or every request (run). */
  of?: "sessions" | "requests";
  /** Bin width for the index of dispersion, seconds (default 1). */
  binS?: number;
}

/** What {@linkcode arrivalStats} returns. Times in seconds. */
export interface ArrivalStats {
  /** Arrivals counted (sessions or requests). */
  arrivals: number;
  /** Last arrival − first arrival. */
  spanS: number;
  /** (arrivals − 1) ÷ span: the reciprocal of the mean inter-arrival time; `null` if span is 0. */
  ratePerS: number | null;
  /** Gaps between consecutive arrivals (sorted by time); `null` with fewer than 2 arrivals. */
  interArrivalS: DistributionSummary | null;
  /** Sample standard deviation ÷ mean of the gaps; `null` with fewer than 3 arrivals or mean 0. */
  interArrivalCv: number | null;
  /** Bin width used for the counts, seconds. */
  binS: number;
  /** Bins spanning [first arrival, last arrival]: ⌈span ÷ binS⌉, at least 1. */
  bins: number;
  /** Sample variance ÷ mean of arrivals per bin; `null` with fewer than 2 bins. */
  dispersionIndex: number | null;
}

/**
 * Arrival rate and burstiness of session starts (or of all requests).
 * @param sessions sessions from `groupSessions`, with absolute timestamps
 * @param options `of` (`"sessions"` or `"requests"`), `binS` (default 1 s)
 * @returns rate, inter-arrival distribution and CV, index of dispersion
 * @throws {TypeError} `sessions` is not an array, or a bad option, naming it
 * @throws {RangeError} no arrivals, or `binS` ≤ 0
 * @example
 * ```ts
 * import { arrivalStats } from "./arrivals.ts";
 * import type { TraceSession } from "./canonical.ts";
 * import { equal } from "node:assert/strict";
 * const at = (tS: number): TraceSession => ({ sessionId: null, runs: [{ sessionId: null, run: 0,
 *   tS, inputTokens: 1, outputTokens: 1, reusedPrefixTokens: null, split: "fit" }] });
 * // 4 arrivals in bin [0, 1), none in [1, 2), 1 in [2, 3]: counts 4, 0, 1 → mean 5/3,
 * // sample variance ((7/3)² + (5/3)² + (2/3)²) / 2 = 13/3 → index 13/5
 * const a = arrivalStats([at(0), at(0.1), at(0.2), at(0.3), at(3)]);
 * equal(a.bins, 3);
 * equal(Math.round(a.dispersionIndex! * 1e9) / 1e9, 2.6);
 * ```
 */
export function arrivalStats(
  sessions: readonly TraceSession[],
  options: ArrivalStatsOptions = {},
): ArrivalStats {
  if (!Array.isArray(sessions as unknown)) {
    throw new TypeError(`sessions: expected an array of sessions; received ${typeof sessions}`);
  }
  const opts = plainObject("options", options) as ArrivalStatsOptions;
  const of = oneOf("options.of", opts.of ?? "sessions", ["sessions", "requests"]);
  const binS = positiveNumber("options.binS", opts.binS ?? 1);
  const times = of === "sessions"
    ? sessions.map((s) => s.runs[0].tS)
    : sessions.flatMap((s) => s.runs.map((r) => r.tS));
  if (times.length === 0) {
    throw new RangeError(`sessions: expected at least one ${of.slice(0, -1)}`);
  }
  times.forEach((t, i) => nonNegativeNumber(`arrival time ${i}`, t));
  times.sort((a, b) => a - b);
  const first = times[0];
  const spanS = times[times.length - 1] - first;
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  const bins = Math.max(1, Math.ceil(spanS / binS));
  const counts = new Float64Array(bins);
  for (const t of times) counts[Math.min(bins - 1, Math.floor((t - first) / binS))]++;
  return {
    arrivals: times.length,
    spanS,
    ratePerS: spanS > 0 ? (times.length - 1) / spanS : null,
    interArrivalS: summarize(gaps),
    interArrivalCv: coefficientOfVariation(gaps),
    binS,
    bins,
    dispersionIndex: bins < 2 ? null : sampleVariance(counts) / (times.length / bins),
  };
}

/** Sample standard deviation ÷ mean; `null` with fewer than 2 values or a mean of 0. */
function coefficientOfVariation(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return mean === 0 ? null : Math.sqrt(sampleVariance(values)) / mean;
}

/** Σ (x − mean)² ÷ (n − 1), for n ≥ 2. */
function sampleVariance(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i] - mean) ** 2;
  return squares / (values.length - 1);
}
