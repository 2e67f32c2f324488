/**
 * A realistic `ScenarioResult` for the chart and report tests, made by the real pipeline: the
 * chat preset (Mooncake fit) at 0.4 sessions/s on Llama-3.1-8B, 8 trials of one simulated hour
 * after a 30-minute warm-up, summarised over H100 SXM and L40S × 1–4 GPUs × bf16/fp8 KV ×
 * bf16/fp8 weights, and `sweepPlans` over the same grid.
 *
 * The plans are sized for the concurrent population the simulation saw: the mean category
 * shares × the p99 of the per-trial peak of live sessions.
 *
 * @module
 */

import { presetWorkload, runMonteCarlo, summarizeMonteCarlo, sweepPlans } from "../../mod.ts";
import type { KvPrecision, WeightPrecision } from "../../mod.ts";
import type { ScenarioResult } from "../../src/scenario/result.ts";

/** The description carries markup, so every test also sees it escaped. */
export const FIXTURE_DESCRIPTION = 'Chat on Llama 3.1 8B <script>alert("pwned")</script> & friends';

const GRID = {
  gpus: ["h100-sxm", "l40s"],
  gpuCounts: [1, 2, 3, 4],
  kvPrecisions: ["bf16", "fp8"] as KvPrecision[],
  weightPrecisions: ["bf16", "fp8"] as WeightPrecision[],
};

let cached: Promise<ScenarioResult> | undefined;

async function build(): Promise<ScenarioResult> {
  const horizonS = 3600;
  const warmupS = 1800;
  const trials = 8;
  const arrivals = { kind: "poisson" as const, ratePerS: 0.4 };
  const mc = await runMonteCarlo({
    model: "llama-3.1-8b",
    workload: presetWorkload("chat", arrivals),
    horizonS,
    warmupS,
    samples: 24,
    seed: "report-fixture",
    trials,
    workers: 0,
  });
  const summary = summarizeMonteCarlo(mc, {
    model: "llama-3.1-8b",
    horizonS,
    grid: GRID,
    targetOverflowProbability: 0.05,
    slas: { ttftMs: 3000 },
  });
  const live = summary.peakLiveSessions.p99;
  const s = summary.categoryShares;
  const planMix = {
    light: s.light.mean * live,
    medium: s.medium.mean * live,
    heavy: s.heavy.mean * live,
    extreme: s.extreme.mean * live,
  };
  const plans = sweepPlans({
    model: "llama-3.1-8b",
    ...GRID,
    workload: planMix,
    plan: { ttftSlaMs: 3000 },
  });
  const scenario = {
    name: "chat-8b",
    description: FIXTURE_DESCRIPTION,
    model: "llama-3.1-8b",
    ...GRID,
    engine: { gpuMemoryUtilization: 0.9, blockSize: 16 },
    nand: { perGpuGb: 0, bandwidthGBs: 7 },
    pricing: { tier: "onDemand", overrides: {} },
    workload: {
      mix: [{ preset: "chat", weight: 1 }],
      arrivals,
      horizonS,
      warmupS,
      idleTimeoutS: 3600,
      classificationBasis: "cumulative",
    },
    monteCarlo: { trials, seed: "report-fixture", samples: 24, testTrials: trials },
    slas: { ttftMs: 3000, overflowProbability: 0.05 },
    expect: [
      { metric: "gpusNeeded", where: { gpu: "h100-sxm", kvPrecision: "fp8" }, lessOrEqual: 4 },
      { metric: "pOverflow", where: { gpu: "l40s", gpuCount: 1 }, lessOrEqual: 0.01 },
    ],
  };
  const h100 = summary.recommendations.find((r) =>
    r.gpu === "h100-sxm" && r.kvPrecision === "fp8" && r.weightPrecision === "bf16"
  );
  const l40s = summary.configs.find((c) =>
    c.gpu === "l40s" && c.gpuCount === 1 && c.kvPrecision === "bf16" && c.weightPrecision === "bf16"
  );
  return {
    name: "chat-8b",
    scenario,
    trials,
    summary,
    plans,
    planMix,
    expectations: [
      {
        expectation: scenario.expect[0],
        path: "expect[0]",
        description: "gpusNeeded where gpu=h100-sxm, kvPrecision=fp8 ≤ 4",
        observed: h100?.gpuCount ?? null,
        passed: h100?.gpuCount !== null && (h100?.gpuCount ?? 99) <= 4,
      },
      {
        expectation: scenario.expect[1],
        path: "expect[1]",
        description: "pOverflow where gpu=l40s, gpuCount=1 ≤ 0.01",
        observed: l40s?.pOverflow ?? null,
        passed: (l40s?.pOverflow ?? 1) <= 0.01,
      },
    ],
  };
}

/**
 * The fixture (built once per test module).
 * @returns a scenario result
 */
export function fixtureResult(): Promise<ScenarioResult> {
  cached ??= build();
  return cached;
}
