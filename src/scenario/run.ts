/**
 * Runs a scenario: builds its workload, runs the Monte Carlo trials, summarises them over the
 * grid (GPU types × counts × KV precisions × weight precisions), plans every configuration with
 * `sweepPlans`, and evaluates the `expect` block.
 *
 * The plans are sized for the simulated population: the mean category mix of the trials (each
 * trial's `getWorkloadMix()`, averaged), rescaled so that its total is the p99 of the per-trial
 * peak of live sessions — the sessions that hold KV at once, rather than every session that
 * arrived over the horizon (which would make the plans' TTFT and TPOT those of thousands of
 * sessions decoding together). A static workload's plans use its population as given.
 *
 * The result is a pure function of the scenario and the seed: `JSON.stringify` of it is the
 * same byte for byte for any number of workers (timings are left out).
 *
 * @example Without `arrivals`, sessions arrive at the presets' own rate: the coding-agent preset
 * starts 0.0096 sessions a second (Weka's Claude Code trace).
 * ```ts
 * import { parseScenario } from "./load.ts";
 * import { scenarioWorkload } from "./run.ts";
 * import { isStaticWorkload } from "./types.ts";
 * import { deepEqual, equal } from "node:assert/strict";
 * const s = parseScenario(JSON.stringify({
 *   model: "llama-3.1-70b", gpus: ["h100-sxm"], gpuCounts: [8],
 *   workload: { mix: [{ preset: "coding-agent" }] },
 * }));
 * if (isStaticWorkload(s.workload)) throw new Error("simulated");
 * const w = scenarioWorkload(s.workload);
 * deepEqual(w.arrivals, { kind: "poisson", ratePerS: 0.0096 });
 * equal(w.mix[0].name, "coding-agent");
 * ```
 * @module
 */

import type { GpuPricing, ModelArchitecture } from "../catalog/types.ts";
import { resolveModel } from "../capacity/resolve.ts";
import { sweepPlans } from "../capacity/sweep.ts";
import { mixTotal, SESSION_CATEGORIES, type WorkloadMix } from "../capacity/workload.ts";
import { runMonteCarlo } from "../sim/monte_carlo.ts";
import { type MonteCarloSummary, summarizeMonteCarlo } from "../sim/summarize.ts";
import type { WorkloadSpec } from "../sim/trial.ts";
import { presetWorkload } from "../workload/presets.ts";
import { positiveInteger } from "../validate.ts";
import { evaluateExpectations } from "./expect.ts";
import type { ScenarioResult } from "./result.ts";
import { entryShape } from "./semantic_workload.ts";
import { isStaticWorkload, type Scenario, type SimulatedWorkload } from "./types.ts";

/** Options of `runScenario`. */
export interface RunScenarioOptions {
  /** Trials to run instead of the scenario's (tests pass `monteCarlo.testTrials`). */
  trials?: number;
  /** Seed instead of the scenario's. */
  seed?: string | number;
  /** Web Workers instead of the scenario's (0: on the calling thread). Results do not change. */
  workers?: number;
  /** Called after each trial with trials done and total. */
  onProgress?: (done: number, total: number) => void;
  /** Aborts the Monte Carlo run (the promise rejects with an AbortError). */
  signal?: AbortSignal;
}

/**
 * The scenario's model with the engine's `maxModelLen` applied (a shorter context serves
 * shorter prompts: the generator and the plans both clamp to it).
 * @param scenario the scenario
 * @returns the architecture used throughout
 */
export function scenarioModel(scenario: Scenario): ModelArchitecture {
  const model = resolveModel(scenario.model);
  const maxLen = scenario.engine.maxModelLen;
  return maxLen === undefined || maxLen >= model.maxContext
    ? model
    : { ...model, maxContext: maxLen };
}

/**
 * The simulated workload of a scenario: each mix entry's shape (a preset's, with the entry's
 * fields replacing its own) and the arrivals (default: as `presetWorkload` — one preset keeps its
 * own process, a mix arrives as Poisson at the presets' weighted mean rate).
 * @param workload the scenario's simulated workload
 * @returns the workload for `runMonteCarlo`
 */
export function scenarioWorkload(workload: SimulatedWorkload): WorkloadSpec {
  const mix = workload.mix.map((entry, i) => ({
    name: entry.name ?? entry.preset ?? `mix[${i}]`,
    weight: entry.weight,
    shape: entryShape(entry),
  }));
  const arrivals = workload.arrivals ??
    presetWorkload(workload.mix.map((e) => ({ preset: e.preset!, weight: e.weight }))).arrivals;
  return { mix, arrivals };
}

function pricing(scenario: Scenario): Record<string, GpuPricing> {
  const out: Record<string, GpuPricing> = {};
  for (const [id, p] of Object.entries(scenario.pricing.overrides)) {
    out[id] = { id, ...p, name: p.name ?? "scenario price" };
  }
  return out;
}

function planMixOf(summary: MonteCarloSummary, mixes: WorkloadMix[]): WorkloadMix {
  const mean = {} as WorkloadMix;
  for (const c of SESSION_CATEGORIES) {
    mean[c] = mixes.reduce((a, m) => a + m[c], 0) / mixes.length;
  }
  const total = mixTotal(mean);
  const population = summary.peakLiveSessions.p99;
  if (total === 0) return mean;
  const out = {} as WorkloadMix;
  for (const c of SESSION_CATEGORIES) out[c] = (mean[c] / total) * population;
  return out;
}

/**
 * Runs a scenario and evaluates its expectations.
 * @param scenario a parsed scenario (`parseScenario`, `loadScenario`)
 * @param options trials, seed and workers overrides; progress; abort signal
 * @returns the result (deterministic for a given scenario, trials and seed)
 * @throws {RangeError} a bad `trials` override; DOMException `AbortError` when aborted
 */
export async function runScenario(
  scenario: Scenario,
  options: RunScenarioOptions = {},
): Promise<ScenarioResult> {
  const model = scenarioModel(scenario);
  const grid = {
    gpus: scenario.gpus,
    gpuCounts: scenario.gpuCounts,
    kvPrecisions: scenario.kvPrecisions,
    weightPrecisions: scenario.weightPrecisions,
  };
  const engine = {
    gpuMemoryUtilization: scenario.engine.gpuMemoryUtilization,
    maxNumBatchedTokens: scenario.engine.maxNumBatchedTokens,
    maxNumSeqs: scenario.engine.maxNumSeqs,
    blockSize: scenario.engine.blockSize,
  };
  const prices = pricing(scenario);
  const tier = scenario.pricing.tier;
  let summary: MonteCarloSummary | null = null;
  let planMix: WorkloadMix;
  let trials = 0;
  if (isStaticWorkload(scenario.workload)) {
    planMix = { ...scenario.workload.static };
  } else {
    const w = scenario.workload;
    const mc = scenario.monteCarlo;
    trials = positiveInteger("trials", options.trials ?? mc.trials);
    const run = await runMonteCarlo({
      model,
      workload: scenarioWorkload(w),
      horizonS: w.horizonS,
      warmupS: w.warmupS,
      samples: mc.samples,
      seed: options.seed ?? mc.seed,
      idleTimeoutS: w.idleTimeoutS,
      classificationBasis: w.classificationBasis,
      maxSessionsPerTrial: w.maxSessionsPerTrial,
      trials,
      workers: options.workers ?? mc.workers,
      onProgress: options.onProgress,
      signal: options.signal,
    });
    summary = summarizeMonteCarlo(run, {
      model,
      horizonS: w.horizonS,
      warmupS: w.warmupS,
      grid,
      targetOverflowProbability: scenario.slas.overflowProbability,
      engine,
      pricing: prices,
      pricingTier: tier,
      slas: { ttftMs: scenario.slas.ttftMs, tpotMs: scenario.slas.tpotMs },
    });
    planMix = planMixOf(summary, run.trials.map((t) => t.mix));
  }
  const plans = sweepPlans({
    model,
    ...grid,
    workload: planMix,
    nandPerGpuGb: scenario.nand.perGpuGb,
    nandBandwidthGBs: scenario.nand.bandwidthGBs,
    pricing: prices,
    plan: { ...engine, pricingTier: tier, ttftSlaMs: scenario.slas.ttftMs },
  });
  const observed = {
    name: scenario.name,
    scenario: scenario as unknown as Record<string, unknown>,
    trials,
    summary,
    plans,
    planMix,
  };
  return { ...observed, expectations: evaluateExpectations(observed, scenario.expect) };
}
