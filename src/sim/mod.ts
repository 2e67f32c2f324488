/**
 * Monte Carlo simulation: trials of a synthetic workload through the real bus and profiler,
 * spread over Web Workers, summarised into distributions and overflow probabilities.
 *
 * @example
 * ```ts
 * import { kvPrecisionScale } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * equal(kvPrecisionScale("fp8"), 0.5);
 * ```
 * @module
 */

export * from "./trial.ts";
export * from "./monte_carlo.ts";
export * from "./summarize.ts";
