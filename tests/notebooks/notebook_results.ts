/**
 * What each notebook's `RESULT {...}` line must say: the numbers are recomputed here by calling
 * the library directly with the inputs the notebook reports (and, where a value can be worked
 * out by hand, checked against that too), so a notebook cannot drift from the library or hide
 * logic of its own.
 *
 * @module
 */

import { deepEqual, equal, ok } from "node:assert/strict";
import {
  type ClassificationBasis,
  DEFAULT_ARCHITECTURES,
  DEFAULT_GPU_SPECS,
  EventBus,
  mixTotal,
  planCapacity,
  presetWorkload,
  runMonteCarlo,
  SESSION_CATEGORIES,
  SessionProfiler,
  summarizeMonteCarlo,
} from "../../mod.ts";
import { parseScenario, runScenario } from "../../src/scenario/mod.ts";

// deno-lint-ignore no-explicit-any
type Json = any;

/** Llama-3.1-70B KV bytes per token: 2 (K and V) × 80 layers × 8 KV heads × 128 dims × bytes. */
const LLAMA_70B_KV_BYTES = (bytes: number) => 2 * 80 * 8 * 128 * bytes;
const GiB = 2 ** 30;

/**
 * 01: the reference's three runs replayed through a fresh bus and profiler, hand-computed token
 * and KV figures, and `planCapacity` on the observed mix.
 * @param r the notebook's RESULT object
 */
export function verifyQuickstart(r: Json): void {
  deepEqual(r.inputs.runs, [
    { sessionId: "s1", promptTokens: 1_200, completionTokens: 300 },
    { sessionId: "s1", promptTokens: 1_800, completionTokens: 400 },
    { sessionId: "s2", promptTokens: 900, completionTokens: 100 },
  ]);
  const bus = new EventBus();
  const profiler = new SessionProfiler({ modelArch: DEFAULT_ARCHITECTURES["llama-3.1-70b"] });
  profiler.attach(bus);
  r.inputs.runs.forEach((run: Json, i: number) =>
    bus.emit("run.complete", {
      runId: `run-${i + 1}`,
      output: {
        sessionId: run.sessionId,
        usage: {
          promptTokens: run.promptTokens,
          completionTokens: run.completionTokens,
          totalTokens: run.promptTokens + run.completionTokens,
        },
      },
    })
  );
  const stats = profiler.getSessionStats();
  deepEqual(r.stats, {
    byCategory: stats.byCategory,
    totalTokens: stats.totalTokens,
    estimatedKvGb: stats.estimatedKvGb,
  });
  // By hand: 1,500 + 2,200 + 1,000 tokens; both sessions light.
  equal(r.stats.totalTokens, 4_700);
  equal(r.stats.estimatedKvGb, (4_700 * LLAMA_70B_KV_BYTES(2)) / GiB);
  deepEqual(r.mix, { extreme: 0, heavy: 0, medium: 0, light: 2 });
  const plan = planCapacity(
    DEFAULT_ARCHITECTURES["llama-3.1-70b"],
    { gpu: DEFAULT_GPU_SPECS["h100-sxm"], gpuCount: 4, nandPerGpuGb: 0, nandBandwidthGBs: 7 },
    r.mix,
    "fp8",
    "bf16",
  );
  deepEqual(r.plan, {
    hbmSlots: plan.hbmSlots,
    tpotMs: plan.tpotMs,
    ttftMs: plan.ttftMs,
    ttftBreachPoint: plan.ttftBreachPoint,
    monthlyGpuCostUsd: plan.monthlyGpuCostUsd,
  });
  // The agent: 40 runs, prompt 8,000 + 2,500 m plus 500 output tokens (m = 0 … 39).
  equal(r.live.agentCumulativeTokens, 40 * 8_500 + 2_500 * (39 * 40) / 2);
  equal(r.live.agentResidentTokens, 8_000 + 2_500 * 39 + 500);
  equal(r.live.agentResidentKvGiB, (106_000 * LLAMA_70B_KV_BYTES(1)) / GiB);
  // Reference estimate: every billed token (agent + four 3,400-token chats) at bf16.
  equal(r.live.estimatedKvGb, ((2_290_000 + 4 * 3_400) * LLAMA_70B_KV_BYTES(2)) / GiB);
  ok(r.live.peakLiveKvGiB >= r.live.agentResidentKvGiB, "the peak includes the agent's context");
}

/**
 * 02: every preset × basis re-simulated; the shares must match exactly, and peak-context
 * classification can never exceed *medium* on a 131,072-token model.
 * @param r the notebook's RESULT object
 */
export async function verifyCategories(r: Json): Promise<void> {
  const { model, horizonS, samples, trials, seed, presets, bases } = r.inputs;
  deepEqual(presets, ["chat", "rag", "coding-agent", "research-agent"]);
  deepEqual(bases, ["cumulative", "peakContext", "newTokens"]);
  equal(r.shares.length, presets.length * bases.length);
  const grid = {
    gpus: ["h100-sxm"],
    gpuCounts: [4],
    kvPrecisions: ["fp8" as const],
    weightPrecisions: ["bf16" as const],
  };
  for (const row of r.shares) {
    const run = await runMonteCarlo({
      model,
      workload: presetWorkload(row.preset),
      classificationBasis: row.basis as ClassificationBasis,
      horizonS,
      samples,
      trials,
      seed,
      workers: 0,
    });
    const summary = summarizeMonteCarlo(run, { model, horizonS, grid });
    const mean = Object.fromEntries(
      SESSION_CATEGORIES.map((c) => [c, summary.categoryShares[c].mean]),
    );
    deepEqual(row.mean, mean, `${row.preset} / ${row.basis}`);
    if (row.basis === "peakContext") {
      equal(row.mean.heavy + row.mean.extreme, 0, `${row.preset}: no peak context above 131K`);
    }
  }
}

/**
 * 03: the coding-agent fleet re-simulated and summarised over the same grid.
 * @param r the notebook's RESULT object
 */
export async function verifyKvPressure(r: Json): Promise<void> {
  const { model, preset, arrivals, grid, ...sim } = r.inputs;
  const run = await runMonteCarlo({
    model,
    workload: presetWorkload(preset, arrivals),
    horizonS: sim.horizonS,
    warmupS: sim.warmupS,
    samples: sim.samples,
    trials: sim.trials,
    seed: sim.seed,
    workers: 0,
  });
  const summary = summarizeMonteCarlo(run, {
    model,
    horizonS: sim.horizonS,
    grid,
    targetOverflowProbability: 0.01,
  });
  deepEqual(r.peakLiveKvGiB, summary.peakLiveKvGiB);
  equal(r.liveKvP99LastGiB, summary.liveKvGiB.p99.at(-1));
  deepEqual(
    r.configs,
    summary.configs.map((c) => ({
      gpu: c.gpu,
      gpuCount: c.gpuCount,
      kvPrecision: c.kvPrecision,
      budgetGiB: c.budgetGiB,
      pOverflow: c.pOverflow,
    })),
  );
  deepEqual(
    r.recommended,
    summary.recommendations.map((x) => ({
      gpu: x.gpu,
      kvPrecision: x.kvPrecision,
      gpuCount: x.gpuCount,
    })),
  );
  // P(overflow) is the share of trial peaks above the budget (fp8 halves the bf16 peaks).
  for (const c of r.configs) {
    const scale = c.kvPrecision === "fp8" ? 0.5 : 1;
    const over = run.trials.filter((t) => t.peakLiveKvGiB * scale > c.budgetGiB).length;
    equal(c.pOverflow, over / run.trials.length, `${c.gpuCount} × ${c.gpu} ${c.kvPrecision}`);
  }
}

/**
 * 04: the widened scenario re-run; the cheapest qualifying configuration is found here
 * independently (lowest monthly cost, then fewest GPUs).
 * @param r the notebook's RESULT object
 */
export async function verifySweep(r: Json): Promise<void> {
  const input = r.inputs.scenario;
  deepEqual(input.gpuCounts, Array.from({ length: 16 }, (_, i) => i + 1));
  deepEqual(input.gpus, ["h100-sxm", "h200"]);
  deepEqual(input.kvPrecisions, ["bf16", "fp8", "int4"]);
  deepEqual(input.weightPrecisions, ["bf16", "fp8", "int4"]);
  const result = await runScenario(parseScenario(JSON.stringify(input), r.inputs.file));
  equal(result.plans.length, 2 * 16 * 3 * 3);
  deepEqual(r.planMix, result.planMix);
  const summary = result.summary!;
  deepEqual(
    r.recommendations,
    summary.recommendations.map((x) => ({
      gpu: x.gpu,
      kvPrecision: x.kvPrecision,
      weightPrecision: x.weightPrecision,
      gpuCount: x.gpuCount,
    })),
  );
  const qualifying = summary.configs.filter((c) =>
    c.fits && c.meetsSlas && c.pOverflow <= input.slas.overflowProbability
  );
  const cheapest = qualifying.reduce((a, b) =>
    b.monthlyCostUsd < a.monthlyCostUsd ||
      (b.monthlyCostUsd === a.monthlyCostUsd && b.gpuCount < a.gpuCount)
      ? b
      : a
  );
  equal(r.cheapest.monthlyCostUsd, cheapest.monthlyCostUsd);
  equal(r.cheapest.gpuCount, cheapest.gpuCount);
  equal(r.cheapest.pOverflow, cheapest.pOverflow);
  const plan = result.plans.find((p) =>
    p.gpu === r.cheapest.gpu && p.gpuCount === r.cheapest.gpuCount &&
    p.kvPrecision === r.cheapest.kvPrecision && p.weightPrecision === r.cheapest.weightPrecision
  )!;
  equal(r.cheapest.hbmSlots, plan.plan.hbmSlots);
}

/**
 * 05: the scenario built from the knobs re-run; the scenario must reflect the knobs.
 * @param r the notebook's RESULT object
 */
export async function verifyWhatIf(r: Json): Promise<void> {
  const { knobs, scenario } = r.inputs;
  equal(scenario.model, knobs.model);
  deepEqual(scenario.gpus, [knobs.gpu]);
  deepEqual(scenario.gpuCounts, knobs.gpuCounts);
  equal(scenario.workload.arrivals.ratePerS, knobs.sessionsPerHour / 3600);
  deepEqual(scenario.workload.mix, knobs.mix);
  equal(scenario.monteCarlo.seed, knobs.seed);
  const result = await runScenario(parseScenario(JSON.stringify(scenario)));
  const summary = result.summary!;
  const pick = summary.recommendations[0];
  equal(r.recommendedGpus, pick.gpuCount);
  equal(r.monthlyCostUsd, pick.config?.monthlyCostUsd ?? null);
  equal(r.peakLiveKvP99GiB, summary.peakLiveKvGiB.p99);
  equal(r.planSessions, mixTotal(result.planMix));
  deepEqual(
    r.pOverflow,
    summary.configs.map((c) => ({ gpuCount: c.gpuCount, pOverflow: c.pOverflow })),
  );
  if (r.recommendedGpus !== null) {
    const smaller = summary.configs.filter((c) => c.gpuCount < r.recommendedGpus);
    ok(
      smaller.every((c) =>
        !c.fits || !c.meetsSlas || c.pOverflow > scenario.slas.overflowProbability
      ),
      "no smaller count qualifies",
    );
  }
}
