/**
 * Real LLM traces: readers for the canonical trace CSV and the etalon ShareGPT lengths, sessions,
 * and the statistics the simulator's presets are fitted to (fit on `split = "fit"` rows only).
 * The trace files live outside the repository, in `../shared/data/traces` (or `$CAPSIM_TRACES`).
 *
 * @example
 * ```ts
 * import { groupSessions, parseCanonicalCsv, traceStats } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * const csv = "session_id,run,t_s,input_tokens,output_tokens,reused_prefix_tokens,split\n" +
 *   "a,0,0,20000,500,0,fit\n" +
 *   "a,1,18,21000,400,20480,fit\n" +
 *   "b,0,5,3000,200,,holdout\n";
 * const { rows } = parseCanonicalCsv(csv, { split: "fit" });
 * const stats = traceStats(groupSessions(rows));
 * equal(stats.sessions, 1);
 * equal(stats.turns.p50, 2);
 * equal(stats.gapS?.p50, 18);
 * // billed 20,500 + 21,400 = 41,900 tokens → light
 * equal(stats.cumulativeTokens.billed.shares.light, 1);
 * ```
 * @module
 */

export * from "./errors.ts";
export * from "./canonical.ts";
export * from "./sharegpt.ts";
export * from "./stats.ts";
export * from "./arrivals.ts";
export * from "./traces_dir.ts";
/** The category counts `traceStats` reports use the capacity module's mix type. */
export type { WorkloadMix } from "../capacity/workload.ts";
