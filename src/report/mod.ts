/**
 * The sizing report: `buildReport` turns a `ScenarioResult` into one self-contained HTML page
 * (recommendation first, then the scenario, the simulated workload, live KV against budgets,
 * P(overflow), every plan, the expectations and the sources) plus its charts as SVG;
 * `writeReport` writes the page, `summary.json` and a PNG per chart to a folder.
 *
 * @example
 * ```ts
 * import { buildReport } from "./mod.ts";
 * import { sweepPlans } from "../capacity/sweep.ts";
 * import { ok } from "node:assert/strict";
 * const mix = { extreme: 0, heavy: 0, medium: 1, light: 4 };
 * const plans = sweepPlans({ model: "llama-3.1-8b", gpus: ["h100-sxm"], gpuCounts: [1],
 *   kvPrecisions: ["fp8"], weightPrecisions: ["bf16"], workload: mix });
 * const { html } = buildReport({ name: "demo", scenario: { description: "<b>x</b>" }, trials: 0,
 *   summary: null, plans, planMix: mix, expectations: [] });
 * ok(html.includes("&lt;b&gt;x&lt;/b&gt;") && !html.includes("<script"));
 * ```
 * @module
 */

export * from "./report.ts";
export * from "./write.ts";

// The report's input and the types it is made of, re-exported so this module documents on its
// own (the root mod.ts exports them too; a name re-exported twice from one source is one binding).
export type { ExpectationResult, ScenarioResult } from "../scenario/result.ts";
export type {
  Bands,
  ConfigRisk,
  Interval,
  MonteCarloSummary,
  PeakPercentiles,
  Recommendation,
} from "../sim/summarize.ts";
export type { SweepRow } from "../capacity/sweep.ts";
export type { CapacityPlan } from "../capacity/plan.ts";
export type { KvPrecision, WeightPrecision } from "../capacity/precision.ts";
export type { SessionCategory } from "../capacity/workload.ts";
export type { EngineBudget } from "../capacity/engine_pool.ts";
export type { HardwareConfig } from "../capacity/hardware.ts";
export type { MonthlyCost } from "../capacity/cost.ts";
export type { Parallelism } from "../capacity/parallel.ts";
export type {
  AttentionKind,
  GpuSpec,
  MlaSpec,
  ModelArchitecture,
  MoeSpec,
  SlidingWindowSpec,
} from "../catalog/types.ts";
