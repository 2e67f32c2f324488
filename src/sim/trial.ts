/**
 * One Monte Carlo trial: a fresh `EventBus` and `SessionProfiler`, the synthetic generator
 * emitting into the bus, and the profiler's live sessions and live KV sampled on a fixed
 * simulated-time grid. The same code runs on the main thread and in workers.
 *
 * Live KV is measured at bf16 (whole model, every layer, sliding windows respected); other KV
 * precisions scale it by their bytes per element (`kvPrecisionScale`), which is exact because a
 * layout's bytes are linear in the element size.
 *
 * @example A steady Poisson stream of fixed two-run sessions.
 * ```ts
 * import { runTrial } from "./trial.ts";
 * import { ok } from "node:assert/strict";
 * const fixed = (value: number) => ({ kind: "fixed" as const, value });
 * const r = runTrial({
 *   model: "llama-3.1-8b", seed: 1, horizonS: 600, samples: 10,
 *   workload: {
 *     mix: [{ name: "chat", weight: 1, shape: { turns: fixed(2), firstInputTokens: fixed(1000),
 *       newInputTokens: fixed(100), outputTokens: fixed(200), thinkTimeS: fixed(10), modelTimeS: fixed(5) } }],
 *     arrivals: { kind: "poisson", ratePerS: 1 },
 *   },
 * }, 0);
 * ok(r.mix.light > 0 && r.liveSessions.length === 10);
 * ```
 * @module
 */

import type { ModelArchitecture } from "../catalog/types.ts";
import { resolveModel } from "../capacity/resolve.ts";
import { type KvPrecision, PRECISION_BYTES } from "../capacity/precision.ts";
import type { WorkloadMix } from "../capacity/workload.ts";
import { EventBus } from "../events/event_bus.ts";
import { SessionProfiler } from "../profiler/session_profiler.ts";
import type { ClassificationBasis } from "../profiler/profiler_config.ts";
import type { PrngSeed } from "../random/prng.ts";
import { nonNegativeNumber, plainObject, positiveInteger, positiveNumber } from "../validate.ts";
import { type ArrivalSpec, checkArrivals } from "../workload/arrivals.ts";
import { generateTrial, type TrialCounts } from "../workload/session_generator.ts";
import { compileSessionShape, type SessionShapeSpec } from "../workload/session_shape.ts";

/** One component of a simulated workload. */
export interface WorkloadComponent {
  /** Name (a preset name, or your own). */
  name: string;
  /** Relative weight (> 0). */
  weight: number;
  /** The session shape. */
  shape: SessionShapeSpec;
}

/** A simulated workload: a mix of session shapes and an arrival process. */
export interface WorkloadSpec {
  /** Session shapes and their weights. */
  mix: WorkloadComponent[];
  /** When sessions arrive. */
  arrivals: ArrivalSpec;
}

/** What one trial needs (serialisable, so workers can receive it). */
export interface TrialOptions {
  /** Catalog id or architecture (its maximum context bounds prompts; its shapes size the KV). */
  model: string | ModelArchitecture;
  /** The workload. */
  workload: WorkloadSpec;
  /** Simulated time after the warm-up, s. */
  horizonS: number;
  /** Simulated time before sampling starts, s (default 0). */
  warmupS?: number;
  /** Grid points over the horizon (default 120). */
  samples?: number;
  /** Master seed. */
  seed: PrngSeed;
  /** A session idle longer than this stops counting as live, s (default 3,600). */
  idleTimeoutS?: number;
  /** What classifies a session (default `cumulative`, the reference's rule). */
  classificationBasis?: ClassificationBasis;
  /** Most sessions arriving in a trial (default 1,000,000). */
  maxSessionsPerTrial?: number;
}

/** What one trial observed. */
export interface TrialResult {
  /** Trial index. */
  trial: number;
  /** Sessions per category at the end (the profiler's `getWorkloadMix()`). */
  mix: WorkloadMix;
  /** Live sessions at each grid point. */
  liveSessions: number[];
  /** Live KV at bf16 at each grid point, GiB. */
  liveKvGiB: number[];
  /** Runs in flight at each grid point. */
  runsInFlight: number[];
  /** Largest live KV at bf16 after the warm-up, GiB (between grid points too). */
  peakLiveKvGiB: number;
  /** Largest live-session count on the grid. */
  peakLiveSessions: number;
  /** Runs the profiler counted. */
  runs: number;
  /** Runs the profiler rejected (must be 0 for generated traffic). */
  rejectedRuns: number;
  /** Billed tokens of the tracked sessions. */
  totalTokens: number;
  /** What the generator produced. */
  counts: TrialCounts;
}

/**
 * KV bytes at a precision relative to bf16.
 * @param precision KV precision
 * @returns bytes(precision) ÷ 2
 */
export function kvPrecisionScale(precision: KvPrecision): number {
  return PRECISION_BYTES[precision] / PRECISION_BYTES.bf16;
}

/**
 * Checks trial options (the whole workload compiles) and returns the resolved model.
 * @param options the options
 * @returns the checked model architecture
 * @throws {TypeError|RangeError} any invalid field, named by its path
 */
export function checkTrialOptions(options: TrialOptions): ModelArchitecture {
  plainObject("options", options);
  const model = resolveModel(options.model);
  positiveNumber("horizonS", options.horizonS);
  if (options.warmupS !== undefined) nonNegativeNumber("warmupS", options.warmupS);
  if (options.samples !== undefined) positiveInteger("samples", options.samples);
  if (options.idleTimeoutS !== undefined) positiveNumber("idleTimeoutS", options.idleTimeoutS);
  if (options.maxSessionsPerTrial !== undefined) {
    positiveInteger("maxSessionsPerTrial", options.maxSessionsPerTrial);
  }
  const workload = plainObject("workload", options.workload);
  if (!Array.isArray(workload.mix) || workload.mix.length === 0) {
    throw new TypeError(
      "workload.mix: expected a non-empty array of { name, weight, shape }; received none",
    );
  }
  checkArrivals(options.workload.arrivals, "workload.arrivals");
  workload.mix.forEach((c: WorkloadComponent, i: number) => {
    plainObject(`workload.mix[${i}]`, c);
    positiveNumber(`workload.mix[${i}].weight`, c.weight);
    compileSessionShape(c.shape, `workload.mix[${i}].shape`);
  });
  return model;
}

/**
 * Runs trial `trial`: its randomness depends only on (seed, trial), never on other trials.
 * @param options the simulation settings
 * @param trial the trial index (integer ≥ 0)
 * @returns the trial's observations
 * @throws {TypeError|RangeError} invalid options, named
 */
export function runTrial(options: TrialOptions, trial: number): TrialResult {
  const model = checkTrialOptions(options);
  const samples = options.samples ?? 120;
  const warmupMs = (options.warmupS ?? 0) * 1000;
  const horizonMs = warmupMs + options.horizonS * 1000;
  const stepMs = (options.horizonS * 1000) / samples;
  const bus = new EventBus();
  let now = 0;
  const profiler = new SessionProfiler({
    modelArch: model,
    kvPrecision: "bf16",
    idleTimeoutMs: (options.idleTimeoutS ?? 3600) * 1000,
    classificationBasis: options.classificationBasis,
    clock: () => now,
  });
  profiler.attach(bus);
  const liveSessions: number[] = [];
  const liveKvGiB: number[] = [];
  const runsInFlight: number[] = [];
  let peakAfterWarmup = 0;
  let warmed = warmupMs === 0;
  const counts = generateTrial(bus, {
    shapes: options.workload.mix.map((c, i) => ({
      name: c.name,
      weight: c.weight,
      shape: compileSessionShape(c.shape, `workload.mix[${i}].shape`),
    })),
    arrivals: options.workload.arrivals,
    horizonMs,
    maxContext: model.maxContext,
    maxSessions: options.maxSessionsPerTrial,
    seed: options.seed,
    trialIndex: trial,
  }, {
    // Sample on the warm-up + horizon grid; keep the points after the warm-up.
    sampleEveryMs: stepMs,
    onSample: (t, inFlight) => {
      now = t;
      profiler.expireIdle(t);
      if (!warmed && t >= warmupMs) {
        warmed = true;
        profiler.resetPeak();
      }
      if (t <= warmupMs - stepMs / 2) return;
      const live = profiler.getLiveStats();
      liveSessions.push(live.liveSessions);
      liveKvGiB.push(live.liveKvGiB);
      runsInFlight.push(inFlight);
    },
  });
  const stats = profiler.getSessionStats();
  peakAfterWarmup = stats.peakLiveKvGiB;
  return {
    trial,
    mix: profiler.getWorkloadMix(),
    liveSessions: liveSessions.slice(-samples),
    liveKvGiB: liveKvGiB.slice(-samples),
    runsInFlight: runsInFlight.slice(-samples),
    peakLiveKvGiB: peakAfterWarmup,
    peakLiveSessions: Math.max(0, ...liveSessions.slice(-samples)),
    runs: stats.runs,
    rejectedRuns: stats.rejectedRuns.total,
    totalTokens: stats.totalTokens,
    counts,
  };
}
