/**
 * The scenario file's shape as plain TypeScript: what `parseScenario` returns, every default
 * filled in. The zod schema in `schema.ts` is checked at compile time to produce exactly these
 * types, so the library's public surface never exposes zod.
 *
 * @module
 */

import type { GpuSpec, ModelArchitecture, PricingTier } from "../catalog/types.ts";
import type { KvPrecision, WeightPrecision } from "../capacity/precision.ts";
import type { SessionCategory, WorkloadMix } from "../capacity/workload.ts";
import type { ClassificationBasis } from "../profiler/profiler_config.ts";
import type { DistributionSpec } from "../random/distributions.ts";
import type { ArrivalSpec } from "../workload/arrivals.ts";
import type { CompactionSpec } from "../workload/session_shape.ts";

/** Engine settings (vLLM's names in camel case). */
export interface ScenarioEngine {
  /** `gpu_memory_utilization`: fraction of total device memory the engine may use (default 0.9). */
  gpuMemoryUtilization: number;
  /** `max_model_len`: the longest context served; lowers the model's own maximum when set. */
  maxModelLen?: number;
  /** `max_num_batched_tokens` (default: vLLM's for the GPU). */
  maxNumBatchedTokens?: number;
  /** `max_num_seqs` (default: vLLM's for the GPU). */
  maxNumSeqs?: number;
  /** KV block size, tokens (default 16). */
  blockSize: number;
}

/** The NAND (SSD) tier sessions can be parked on; plans only. */
export interface ScenarioNand {
  /** SSD capacity per GPU, decimal GB (default 0: no NAND tier). */
  perGpuGb: number;
  /** Sustained SSD read bandwidth per GPU, GB/s (default 7, PCIe 4.0 NVMe). */
  bandwidthGBs: number;
}

/** A price per GPU-hour given in the scenario, for a GPU id. */
export interface ScenarioPrice {
  /** On-demand USD per GPU-hour. */
  perHourOnDemand: number;
  /** Reserved USD per GPU-hour. */
  perHourReserved?: number;
  /** Spot USD per GPU-hour. */
  perHourSpot?: number;
  /** Offer name (default "scenario price"). */
  name?: string;
  /** Date the price was read (ISO). */
  asOf?: string;
  /** URL of the price sheet. */
  source?: string;
}

/** Which price tier the costs use, and prices that replace or add to the catalog's. */
export interface ScenarioPricing {
  /** Tier of `monthlyCostUsd` everywhere (default `onDemand`). */
  tier: PricingTier;
  /** Prices by GPU id (default none: the catalog's). */
  overrides: Record<string, ScenarioPrice>;
}

/** A session shape in a scenario: any field may be omitted when a preset provides it. */
export interface ScenarioShape {
  /** Runs per session. */
  turns?: DistributionSpec;
  /** Prompt tokens of the first run. */
  firstInputTokens?: DistributionSpec;
  /** Tokens each later run adds beyond the history. */
  newInputTokens?: DistributionSpec;
  /** Output tokens per run. */
  outputTokens?: DistributionSpec;
  /** Seconds between a run's end and the next run's start. */
  thinkTimeS?: DistributionSpec;
  /** Seconds a run takes. */
  modelTimeS?: DistributionSpec;
  /** Context compaction near the limit. */
  compaction?: CompactionSpec;
}

/**
 * One component of a simulated workload: a preset (optionally with some of its distributions
 * replaced by `shape`'s), or an explicit `shape` with all six distributions.
 */
export interface ScenarioMixEntry {
  /** A preset name (`chat`, `rag`, `coding-agent`, `research-agent`). */
  preset?: string;
  /** Component name (default: the preset's name; required for an explicit shape). */
  name?: string;
  /** Relative weight > 0 (default 1). */
  weight: number;
  /** The shape, or the preset fields it replaces. */
  shape?: ScenarioShape;
}

/** A simulated workload: sessions arrive and run; Monte Carlo trials observe them. */
export interface SimulatedWorkload {
  /** Session shapes and their weights (at least one). */
  mix: ScenarioMixEntry[];
  /** Arrivals (default: Poisson at the presets' weighted mean rate; required with explicit shapes). */
  arrivals?: ArrivalSpec;
  /** Simulated time observed after the warm-up, s (default 3,600). */
  horizonS: number;
  /** Simulated time before observation starts, s (default 0). */
  warmupS: number;
  /** A session idle longer than this stops being live, s (default 3,600). */
  idleTimeoutS: number;
  /** What classifies a session into light…extreme (default `cumulative`, the reference's rule). */
  classificationBasis: ClassificationBasis;
  /** Most sessions arriving in one trial (default 1,000,000). */
  maxSessionsPerTrial?: number;
}

/**
 * A static workload: a fixed population of concurrent sessions per category, each sized at its
 * category midpoint clamped to the model context (the reference system's example). No Monte
 * Carlo: plans only, and live KV is deterministic, so P(overflow) is 0 or 1 per configuration.
 */
export interface StaticWorkload {
  /** Concurrent sessions per category (each default 0; at least one session in all). */
  static: WorkloadMix;
}

/** The workload: simulated, or a static population. */
export type ScenarioWorkload = SimulatedWorkload | StaticWorkload;

/** Monte Carlo settings. */
export interface ScenarioMonteCarlo {
  /** Trials (default 200). */
  trials: number;
  /** Master seed (default `"capsim"`). */
  seed: string | number;
  /** Web Workers (default: the machine's cores; results do not depend on it). */
  workers?: number;
  /** Grid points per trial over the horizon (default 120). */
  samples: number;
  /** Trials `deno test` runs, capped at `trials` (default 20). */
  testTrials: number;
}

/** Service-level targets. */
export interface ScenarioSlas {
  /** Time to first token, ms: configurations must meet it; also the plans' breach-point SLA. */
  ttftMs?: number;
  /** Time per output token, ms. */
  tpotMs?: number;
  /** Largest acceptable probability that live KV exceeds the HBM budget (default 0.01). */
  overflowProbability: number;
}

/** The metrics an expectation can assert on. */
export type ExpectationMetric =
  | "gpusNeeded"
  | "pOverflow"
  | "peakLiveKvGiB"
  | "peakLiveSessions"
  | "categoryShare"
  | "hbmSlots"
  | "nandSlots"
  | "totalSessions"
  | "restoreLatencyMs"
  | "tpotMs"
  | "ttftMs"
  | "ttftBreachPoint"
  | "monthlyCostUsd";

/** Which configuration (or precision) an expectation reads. */
export interface ExpectationWhere {
  /** GPU id. */
  gpu?: string;
  /** GPU count. */
  gpuCount?: number;
  /** KV precision. */
  kvPrecision?: KvPrecision;
  /** Weight precision. */
  weightPrecision?: WeightPrecision;
}

/** One assertion over a scenario's results: a metric, its selectors and one comparator. */
export interface Expectation {
  /** What is measured. */
  metric: ExpectationMetric;
  /** The configuration it is read on (dimensions with one value in the grid may be left out). */
  where?: ExpectationWhere;
  /** Percentile of the per-trial peak (`peakLiveKvGiB`, `peakLiveSessions`). */
  percentile?: 50 | 90 | 95 | 99;
  /** Session category (`categoryShare`). */
  category?: SessionCategory;
  /** Statistic across trials (`categoryShare`; default `mean`). */
  stat?: "mean" | "p5" | "p50" | "p95";
  /** `tpotMs`/`ttftMs` from the capacity plan (default) or the simulation's p99 concurrency. */
  from?: "plan" | "simulation";
  /** Free text: why this threshold (observed value, margin). */
  note?: string;
  /** Holds when observed ≤ this. */
  lessOrEqual?: number;
  /** Holds when observed ≥ this. */
  greaterOrEqual?: number;
  /** Holds when observed < this. */
  lessThan?: number;
  /** Holds when observed > this. */
  greaterThan?: number;
  /** Holds when observed = this exactly. */
  equal?: number;
  /** Holds when lo ≤ observed ≤ hi. */
  between?: [number, number];
}

/** A parsed scenario, every default filled in. */
export interface Scenario {
  /** The JSON Schema reference editors use (`./scenario.schema.json`); ignored. */
  $schema?: string;
  /** Name (default: the file name without `.json`). */
  name: string;
  /** What the scenario is and why its thresholds are what they are. */
  description?: string;
  /** A catalog model id, or an inline architecture. */
  model: string | ModelArchitecture;
  /** GPU candidates: catalog ids or inline specs (at least one). */
  gpus: (string | GpuSpec)[];
  /** GPU counts to evaluate (at least one). */
  gpuCounts: number[];
  /** KV precisions to evaluate (default bf16 and fp8). */
  kvPrecisions: KvPrecision[];
  /** Weight precisions to evaluate (default bf16). */
  weightPrecisions: WeightPrecision[];
  /** Engine settings. */
  engine: ScenarioEngine;
  /** NAND tier. */
  nand: ScenarioNand;
  /** Prices. */
  pricing: ScenarioPricing;
  /** The workload. */
  workload: ScenarioWorkload;
  /** Monte Carlo settings (ignored for a static workload). */
  monteCarlo: ScenarioMonteCarlo;
  /** SLAs and the overflow target. */
  slas: ScenarioSlas;
  /** Assertions `deno test` checks (default none). */
  expect: Expectation[];
}

/**
 * Whether a workload is a static population.
 * @param workload the scenario's workload
 * @returns true for `{ static: … }`
 */
export function isStaticWorkload(workload: ScenarioWorkload): workload is StaticWorkload {
  return "static" in workload;
}
