/**
 * Turns Monte Carlo trials into distributions a planner can act on: category shares with 90 %
 * intervals, live-KV percentile bands over time and of the per-trial peak, and for every
 * (GPU type × GPU count × KV precision × weight precision) the engine's KV budget, the probability
 * that live KV exceeds it, TTFT/TPOT at the observed concurrency and the monthly cost — plus the
 * smallest GPU count that meets a target overflow probability (and the SLAs).
 *
 * P(overflow) = share of trials whose peak live KV (at the KV precision) exceeds the budget:
 * the engine pool's tokens (`engineKvCapacity`, default layout) × replicas × KV bytes per token.
 * Percentiles are type 7 (numpy's default) across trials.
 *
 * @example
 * ```ts
 * import { percentile } from "./summarize.ts";
 * import { equal } from "node:assert/strict";
 * equal(percentile([4, 1, 3, 2], 0.5), 2.5);
 * ```
 * @module
 */

import type { GpuPricing, GpuSpec, ModelArchitecture, PricingTier } from "../catalog/types.ts";
import { lookupPricing, monthlyCostByTier } from "../capacity/cost.ts";
import { kvBytesPerToken } from "../capacity/kv.ts";
import { decodeStep, latencyContext, prefillTime } from "../capacity/latency.ts";
import type { Parallelism } from "../capacity/parallel.ts";
import type { KvPrecision, WeightPrecision } from "../capacity/precision.ts";
import { resolveGpu, resolveModel } from "../capacity/resolve.ts";
import { type EngineSettings, sizePool } from "../capacity/slots.ts";
import { SESSION_CATEGORIES, type SessionCategory } from "../capacity/workload.ts";
import { quantile } from "../stats/summary.ts";
import { GiB } from "../units.ts";
import { positiveInteger, positiveNumber, probability } from "../validate.ts";
import type { MonteCarloResult } from "./monte_carlo.ts";
import { kvPrecisionScale, type TrialResult } from "./trial.ts";

/** The configurations to evaluate. */
export interface SummaryGrid {
  /** GPU types (catalog ids or specs). */
  gpus: (string | GpuSpec)[];
  /** GPU counts. */
  gpuCounts: number[];
  /** KV precisions. */
  kvPrecisions: KvPrecision[];
  /** Weight precisions. */
  weightPrecisions: WeightPrecision[];
}

/** Options of `summarizeMonteCarlo`. */
export interface SummarizeOptions {
  /** The simulated model (as in the run). */
  model: string | ModelArchitecture;
  /** The simulated horizon, s (for the time axis). */
  horizonS: number;
  /** The warm-up simulated before the horizon, s (default 0; with the horizon it gives run rates). */
  warmupS?: number;
  /** Configurations to evaluate. */
  grid: SummaryGrid;
  /** Largest acceptable P(overflow) (default 0.01). */
  targetOverflowProbability?: number;
  /** Engine settings for the KV pool. */
  engine?: EngineSettings;
  /** Prices for GPUs the catalog lacks, by GPU id. */
  pricing?: Record<string, GpuPricing>;
  /** Pricing tier of `monthlyCostUsd` (default on demand). */
  pricingTier?: PricingTier;
  /** TTFT and TPOT SLAs, ms; a configuration meets them at the p99 concurrency. */
  slas?: { ttftMs?: number; tpotMs?: number };
}

/** p5/p50/p95 and mean of a quantity across trials (p5–p95 is the 90 % interval). */
export interface Interval {
  /** Mean across trials. */
  mean: number;
  /** 5th percentile. */
  p5: number;
  /** Median. */
  p50: number;
  /** 95th percentile. */
  p95: number;
}

/** Percentiles of the per-trial peak. */
export interface PeakPercentiles {
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
}

/** Percentile bands over time, one value per grid point. */
export interface Bands {
  /** Median across trials at each time. */
  p50: number[];
  /** 90th percentile. */
  p90: number[];
  /** 95th percentile. */
  p95: number[];
  /** 99th percentile. */
  p99: number[];
}

/** One evaluated configuration. */
export interface ConfigRisk {
  /** GPU id. */
  gpu: string;
  /** GPUs. */
  gpuCount: number;
  /** KV precision. */
  kvPrecision: KvPrecision;
  /** Weight precision. */
  weightPrecision: WeightPrecision;
  /** The layout used (TP × PP × replicas, idle GPUs). */
  layout: Parallelism;
  /** False when the weights leave no KV pool. */
  fits: boolean;
  /** KV budget of the whole deployment, GiB at this precision. */
  budgetGiB: number;
  /** Share of trials whose peak live KV exceeded the budget. */
  pOverflow: number;
  /** p99 of the per-trial peak live KV at this precision, GiB. */
  peakKvP99GiB: number;
  /**
   * Mean TTFT at the observed run rate, ms: each run prefills its uncached prompt (prefix caching),
   * prefills queue as an M/D/1 server per replica, TTFT = S + ρS ÷ (2(1 − ρ)). `null` when the
   * prefills alone need more than the replicas' time (ρ ≥ 1: the queue grows without bound).
   */
  ttftMs: number | null;
  /** ρ: the share of each replica's time prefills take at the observed run rate. */
  prefillUtilization: number;
  /** TPOT with the p99 runs in flight decoding together (spread over replicas), ms. */
  tpotMs: number;
  /** True when no SLA is given or both are met. */
  meetsSlas: boolean;
  /** Monthly cost in the chosen tier, USD. */
  monthlyCostUsd: number;
}

/** The cheapest safe size for one GPU type and precision pair. */
export interface Recommendation {
  /** GPU id. */
  gpu: string;
  /** KV precision. */
  kvPrecision: KvPrecision;
  /** Weight precision. */
  weightPrecision: WeightPrecision;
  /** Smallest GPU count in the grid meeting the overflow target and the SLAs; null if none. */
  gpuCount: number | null;
  /** Its configuration, when one qualifies. */
  config: ConfigRisk | null;
}

/** The Monte Carlo summary. */
export interface MonteCarloSummary {
  /** Trials summarised. */
  trials: number;
  /** Time of each grid point after the warm-up, s. */
  timesS: number[];
  /** Share of sessions per category (cumulative-token classification), across trials. */
  categoryShares: Record<SessionCategory, Interval>;
  /** Sessions that arrived per trial. */
  sessionsPerTrial: Interval;
  /** Runs completed per trial. */
  runsPerTrial: Interval;
  /** Live KV at bf16 over time, GiB. */
  liveKvGiB: Bands;
  /** Live sessions over time. */
  liveSessions: Bands;
  /** Per-trial peak live KV at bf16, GiB. */
  peakLiveKvGiB: PeakPercentiles;
  /** Every trial's peak live KV at bf16, GiB, in trial order (for histograms and ECDFs). */
  peakLiveKvGiBPerTrial: number[];
  /** Per-trial peak live sessions. */
  peakLiveSessions: PeakPercentiles;
  /** Runs in flight over all grid points of all trials. */
  runsInFlight: { mean: number; p99: number };
  /** Mean prompt, uncached prompt and output tokens per run. */
  tokensPerRun: { prompt: number; uncachedPrompt: number; output: number };
  /** Every evaluated configuration. */
  configs: ConfigRisk[];
  /** The smallest safe GPU count per GPU type × KV precision × weight precision. */
  recommendations: Recommendation[];
  /** The overflow target used. */
  targetOverflowProbability: number;
}

/**
 * The p-quantile of values in any order (type 7).
 * @param values the values (not modified)
 * @param p probability in [0, 1]
 * @returns the quantile (0 for no values)
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  return quantile([...values].sort((a, b) => a - b), p);
}

function interval(values: number[]): Interval {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    mean: values.reduce((a, b) => a + b, 0) / Math.max(1, values.length),
    p5: quantile(sorted, 0.05),
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
  };
}

function peaks(values: number[]): PeakPercentiles {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    max: sorted[sorted.length - 1],
  };
}

function bands(series: number[][]): Bands {
  const points = Math.min(...series.map((s) => s.length));
  const out: Bands = { p50: [], p90: [], p95: [], p99: [] };
  for (let i = 0; i < points; i++) {
    const sorted = series.map((s) => s[i]).sort((a, b) => a - b);
    out.p50.push(quantile(sorted, 0.5));
    out.p90.push(quantile(sorted, 0.9));
    out.p95.push(quantile(sorted, 0.95));
    out.p99.push(quantile(sorted, 0.99));
  }
  return out;
}

function categoryShares(trials: TrialResult[]): Record<SessionCategory, Interval> {
  const out = {} as Record<SessionCategory, Interval>;
  for (const c of SESSION_CATEGORIES) {
    out[c] = interval(trials.map((t) => {
      const n = t.mix.light + t.mix.medium + t.mix.heavy + t.mix.extreme;
      return n === 0 ? 0 : t.mix[c] / n;
    }));
  }
  return out;
}

/**
 * Summarises a Monte Carlo run against a grid of configurations.
 * @param result the run (from `runMonteCarlo`)
 * @param options model, horizon, grid, overflow target, engine settings, prices, SLAs
 * @returns the summary (deterministic for a deterministic run)
 * @throws {TypeError|RangeError} invalid options, named; a GPU with no known price
 */
export function summarizeMonteCarlo(
  result: MonteCarloResult,
  options: SummarizeOptions,
): MonteCarloSummary {
  const trials = result.trials;
  if (trials.length === 0) {
    throw new RangeError("result.trials: expected at least one trial; received 0");
  }
  const model = resolveModel(options.model);
  const horizonS = positiveNumber("horizonS", options.horizonS);
  const target = probability(
    "targetOverflowProbability",
    options.targetOverflowProbability ?? 0.01,
  );
  const points = Math.min(...trials.map((t) => t.liveKvGiB.length));
  const timesS = Array.from({ length: points }, (_, i) => ((i + 1) * horizonS) / points);
  const peakKv = trials.map((t) => t.peakLiveKvGiB);
  const inFlight = trials.flatMap((t) => t.runsInFlight);
  const inFlightP99 = percentile(inFlight, 0.99);
  const runs = trials.reduce((a, t) => a + t.counts.runs, 0);
  const perRun = (f: (t: TrialResult) => number) =>
    trials.reduce((a, t) => a + f(t), 0) / Math.max(1, runs);
  const tokensPerRun = {
    prompt: perRun((t) => t.counts.promptTokens),
    uncachedPrompt: perRun((t) => t.counts.uncachedPromptTokens),
    output: perRun((t) => t.counts.outputTokens),
  };
  const simulatedS = horizonS + (options.warmupS ?? 0);
  const runRatePerS = runs / trials.length / simulatedS;
  const configs = evaluateGrid(model, options, peakKv, inFlightP99, runRatePerS, tokensPerRun);
  return {
    trials: trials.length,
    timesS,
    categoryShares: categoryShares(trials),
    sessionsPerTrial: interval(trials.map((t) => t.counts.sessions)),
    runsPerTrial: interval(trials.map((t) => t.counts.runs)),
    liveKvGiB: bands(trials.map((t) => t.liveKvGiB)),
    liveSessions: bands(trials.map((t) => t.liveSessions)),
    peakLiveKvGiB: peaks(peakKv),
    peakLiveKvGiBPerTrial: peakKv,
    peakLiveSessions: peaks(trials.map((t) => t.peakLiveSessions)),
    runsInFlight: {
      mean: inFlight.reduce((a, b) => a + b, 0) / Math.max(1, inFlight.length),
      p99: inFlightP99,
    },
    tokensPerRun,
    configs,
    recommendations: recommend(configs, target),
    targetOverflowProbability: target,
  };
}

function evaluateGrid(
  model: ModelArchitecture,
  options: SummarizeOptions,
  peakKvBf16: number[],
  inFlightP99: number,
  runRatePerS: number,
  tokensPerRun: { prompt: number; uncachedPrompt: number; output: number },
): ConfigRisk[] {
  const { grid } = options;
  const gpus = grid.gpus.map((g, i) => resolveGpu(g, `grid.gpus[${i}]`));
  grid.gpuCounts.forEach((n, i) => positiveInteger(`grid.gpuCounts[${i}]`, n));
  const out: ConfigRisk[] = [];
  for (const gpu of gpus) {
    const pricing = options.pricing?.[gpu.id] ?? lookupPricing(gpu.id);
    for (const gpuCount of grid.gpuCounts) {
      const cost = monthlyCostByTier(gpuCount, pricing)[options.pricingTier ?? "onDemand"];
      if (cost === null) {
        throw new RangeError(
          `pricing.${gpu.id}: expected a "${options.pricingTier}" price; received none`,
        );
      }
      const hardware = { gpu, gpuCount, nandPerGpuGb: 0, nandBandwidthGBs: 0 };
      for (const weightPrecision of grid.weightPrecisions) {
        for (const kvPrecision of grid.kvPrecisions) {
          const sizing = sizePool(model, hardware, kvPrecision, weightPrecision, 1, options.engine);
          const layout = sizing.hardware.layout;
          const budgetGiB =
            (sizing.pool.tokens * layout.replicas * kvBytesPerToken(model, kvPrecision)) / GiB;
          const scale = kvPrecisionScale(kvPrecision);
          const over = peakKvBf16.filter((p) => p * scale > budgetGiB).length;
          const ctx = latencyContext({
            model,
            gpu,
            tensorParallel: layout.tensorParallel,
            pipelineParallel: layout.pipelineParallel,
            weightPrecision,
            kvPrecision,
          });
          const batch = Math.max(1, Math.ceil(inFlightP99 / layout.replicas));
          const prompt = Math.max(1, Math.min(tokensPerRun.uncachedPrompt, model.maxContext));
          const service = prefillTime(ctx, prompt);
          const rho = (runRatePerS / layout.replicas) * (service / 1000);
          const ttftMs = rho < 1 ? service + (rho * service) / (2 * (1 - rho)) : null;
          const tpotMs = decodeStep(
            ctx,
            batch,
            Math.min(tokensPerRun.prompt + tokensPerRun.output / 2, model.maxContext),
          ).ms;
          const slas = options.slas ?? {};
          out.push({
            gpu: gpu.id,
            gpuCount,
            kvPrecision,
            weightPrecision,
            layout,
            fits: sizing.pool.blocks > 0,
            budgetGiB,
            pOverflow: over / peakKvBf16.length,
            peakKvP99GiB: percentile(peakKvBf16, 0.99) * scale,
            ttftMs,
            tpotMs,
            prefillUtilization: rho,
            meetsSlas: ttftMs !== null && (slas.ttftMs === undefined || ttftMs <= slas.ttftMs) &&
              (slas.tpotMs === undefined || tpotMs <= slas.tpotMs),
            monthlyCostUsd: cost,
          });
        }
      }
    }
  }
  return out;
}

function recommend(configs: ConfigRisk[], target: number): Recommendation[] {
  const groups = new Map<string, ConfigRisk[]>();
  for (const c of configs) {
    const key = `${c.gpu}|${c.kvPrecision}|${c.weightPrecision}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.values()].map((group) => {
    const ok = group
      .filter((c) => c.fits && c.pOverflow <= target && c.meetsSlas)
      .sort((a, b) => a.gpuCount - b.gpuCount);
    const best = ok[0] ?? null;
    return {
      gpu: group[0].gpu,
      kvPrecision: group[0].kvPrecision,
      weightPrecision: group[0].weightPrecision,
      gpuCount: best?.gpuCount ?? null,
      config: best,
    };
  });
}
