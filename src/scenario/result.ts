/**
 * What running a scenario produces: the scenario as parsed (defaults filled), the Monte Carlo
 * summary, the capacity plans across the grid, and each expectation with its observed value.
 * This is what `deno task sizing --json` prints and what the report renders.
 *
 * @module
 */

import type { SweepRow } from "../capacity/sweep.ts";
import type { MonteCarloSummary } from "../sim/summarize.ts";

/** One `expect` assertion and what was observed. */
export interface ExpectationResult {
  /** The assertion as written in the scenario. */
  expectation: Record<string, unknown>;
  /** Its JSON path in the scenario file (`expect[2]`). */
  path: string;
  /** A one-line description (`gpusNeeded where gpu=h100-sxm, kvPrecision=fp8 ≤ 8`). */
  description: string;
  /** The observed value (`null` when there is none, e.g. no GPU count in the grid suffices). */
  observed: number | null;
  /** Whether the assertion holds. */
  passed: boolean;
}

/** The result of running a scenario. */
export interface ScenarioResult {
  /** The scenario's name (its file name without `.json` unless the file names it). */
  name: string;
  /** The parsed scenario, every default filled in. */
  scenario: Record<string, unknown>;
  /** Trials actually run (may be fewer than the file's in tests). */
  trials: number;
  /** The Monte Carlo summary; null for a static (plan-only) workload. */
  summary: MonteCarloSummary | null;
  /** `planCapacity` for every GPU type × count × KV precision × weight precision of the grid. */
  plans: SweepRow[];
  /**
   * The workload mix the plans were sized for: the static mix, or the simulation's mean category
   * shares scaled to the p99 of the per-trial peak of live sessions (the sessions that are live
   * together, which is what the plans' TTFT and TPOT should see).
   */
  planMix: { extreme: number; heavy: number; medium: number; light: number };
  /** Every `expect` assertion with its observed value. */
  expectations: ExpectationResult[];
}
