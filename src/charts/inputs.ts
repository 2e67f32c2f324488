/**
 * The data the chart builders read, as the smallest shapes that hold it. A `MonteCarloSummary`
 * (src/sim/summarize.ts) and the `SweepRow`s of `sweepPlans` fit these shapes as they are, so
 * charts need nothing from the simulation but its numbers, and a notebook can chart numbers from
 * anywhere.
 *
 * @example A MonteCarloSummary's category shares are a `CategorySharesInput`.
 * ```ts
 * import type { CategorySharesInput } from "./inputs.ts";
 * import { ok } from "node:assert/strict";
 * const i = { mean: 0.25, p5: 0.2, p50: 0.25, p95: 0.3 };
 * const input: CategorySharesInput = {
 *   trials: 3,
 *   categoryShares: { light: i, medium: i, heavy: i, extreme: i },
 * };
 * ok(input.categoryShares.light.p50 === 0.25);
 * ```
 * @module
 */

import type { KvPrecision } from "../capacity/precision.ts";
import type { SessionCategory } from "../capacity/workload.ts";

/** A share across trials: median and 90 % interval, 0–1. */
export interface ShareInterval {
  /** 5th percentile. */
  p5: number;
  /** Median. */
  p50: number;
  /** 95th percentile. */
  p95: number;
}

/** Category shares across trials (`MonteCarloSummary.categoryShares`). */
export interface CategorySharesInput {
  /** Trials behind the shares. */
  trials: number;
  /** Share of sessions per category. */
  categoryShares: Record<SessionCategory, ShareInterval>;
}

/** Live KV percentiles over time (`MonteCarloSummary.timesS`, `.liveKvGiB`), at bf16. */
export interface LiveKvInput {
  /** Trials behind the bands. */
  trials: number;
  /** Sample times after the warm-up, s. */
  timesS: readonly number[];
  /** Percentiles across trials at each time, GiB at bf16. */
  liveKvGiB: {
    /** Median. */
    p50: readonly number[];
    /** 90th percentile. */
    p90: readonly number[];
    /** 99th percentile. */
    p99: readonly number[];
  };
}

/** Percentiles of the per-trial peak of live KV (`MonteCarloSummary.peakLiveKvGiB`), at bf16. */
export interface PeakKvInput {
  /** Trials behind the percentiles. */
  trials: number;
  /** Peak percentiles, GiB at bf16. */
  peakLiveKvGiB: {
    /** Median. */
    p50: number;
    /** 90th percentile. */
    p90: number;
    /** 95th percentile. */
    p95: number;
    /** 99th percentile. */
    p99: number;
    /** Largest. */
    max: number;
  };
}

/** One evaluated configuration's overflow risk (a `ConfigRisk`). */
export interface OverflowConfig {
  /** GPU id. */
  gpu: string;
  /** GPUs. */
  gpuCount: number;
  /** KV precision. */
  kvPrecision: KvPrecision;
  /** Weight precision (`bf16`, `fp8`, `int8`, `int4`). */
  weightPrecision: string;
  /** Share of trials whose peak live KV exceeded the budget, 0–1. */
  pOverflow: number;
  /** False when the weights leave no KV pool. */
  fits: boolean;
}

/** Overflow risk across the grid (`MonteCarloSummary.configs` and its target). */
export interface OverflowInput {
  /** Trials behind the probabilities. */
  trials: number;
  /** The largest acceptable P(overflow). */
  targetOverflowProbability: number;
  /** Every evaluated configuration. */
  configs: readonly OverflowConfig[];
}

/** One capacity plan of a sweep (a `SweepRow`, with the plan fields charts read). */
export interface PlanChartRow {
  /** GPU id. */
  gpu: string;
  /** GPUs. */
  gpuCount: number;
  /** KV precision. */
  kvPrecision: KvPrecision;
  /** Weight precision. */
  weightPrecision: string;
  /** The plan's fields used. */
  plan: {
    /** Sessions that fit in HBM. */
    hbmSlots: number;
    /** False when nothing fits. */
    fits: boolean;
    /** Largest concurrency within the TTFT SLA. */
    ttftBreachPoint: number;
    /** Monthly GPU cost, USD. */
    monthlyGpuCostUsd: number;
  };
}
