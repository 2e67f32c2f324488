import { deepEqual, equal, ok, rejects } from "node:assert/strict";
import { sweepPlans } from "../../src/capacity/sweep.ts";
import {
  parseScenario,
  runScenario,
  scenarioModel,
  scenarioWorkload,
} from "../../src/scenario/mod.ts";
import { presetShape } from "../../src/workload/presets.ts";

const small = parseScenario(JSON.stringify({
  model: "llama-3.1-8b",
  gpus: ["l4", "h100-sxm"],
  gpuCounts: [1, 2],
  workload: {
    mix: [{ preset: "chat", weight: 3 }, { preset: "rag", weight: 1 }],
    arrivals: { kind: "poisson", ratePerS: 0.2 },
    horizonS: 600,
    warmupS: 120,
  },
  monteCarlo: { trials: 4, seed: "determinism", samples: 20 },
  expect: [{ metric: "peakLiveSessions", percentile: 50, greaterOrEqual: 1 }],
}));

Deno.test("runScenario() is byte-identical across runs and worker counts", async () => {
  const first = JSON.stringify(await runScenario(small, { workers: 0 }));
  const again = JSON.stringify(await runScenario(small, { workers: 0 }));
  const parallel = JSON.stringify(await runScenario(small, { workers: 2 }));
  equal(again, first);
  equal(parallel, first);
  const other = JSON.stringify(await runScenario(small, { workers: 0, seed: "another" }));
  ok(other !== first, "a different seed changes the result");
});

Deno.test("runScenario() runs the requested trials and reports progress", async () => {
  const progress: number[] = [];
  const result = await runScenario(small, {
    trials: 2,
    workers: 0,
    onProgress: (done) => progress.push(done),
  });
  equal(result.trials, 2);
  equal(result.summary!.trials, 2);
  deepEqual(progress, [1, 2]);
  equal(result.name, "scenario");
  equal(result.plans.length, 2 * 2 * 2); // GPUs × counts × KV precisions (bf16, fp8) × 1 weight
  equal(result.expectations.length, 1);
  equal(result.expectations[0].passed, true);
});

Deno.test("runScenario() sizes the plans for the p99 peak of live sessions, in the mean mix", async () => {
  const result = await runScenario(small, { workers: 0 });
  const total = Object.values(result.planMix).reduce((a, b) => a + b, 0);
  ok(Math.abs(total - result.summary!.peakLiveSessions.p99) < 1e-9);
  const share = result.planMix.light / total;
  ok(Math.abs(share - result.summary!.categoryShares.light.mean) < 0.05);
});

Deno.test("runScenario() stops when aborted", async () => {
  const controller = new AbortController();
  controller.abort();
  await rejects(
    runScenario(small, { workers: 0, signal: controller.signal }),
    (e: unknown) => e instanceof DOMException && e.name === "AbortError",
  );
});

Deno.test("a static scenario is planned without simulation", async () => {
  const s = parseScenario(JSON.stringify({
    model: "llama-3.1-70b",
    gpus: ["h100-sxm"],
    gpuCounts: [4],
    kvPrecisions: ["fp8"],
    nand: { perGpuGb: 1000, bandwidthGBs: 14 },
    workload: { static: { extreme: 1, heavy: 2, medium: 3, light: 4 } },
  }));
  const result = await runScenario(s);
  equal(result.summary, null);
  equal(result.trials, 0);
  deepEqual(result.planMix, { extreme: 1, heavy: 2, medium: 3, light: 4 });
  const [row] = sweepPlans({
    model: "llama-3.1-70b",
    gpus: ["h100-sxm"],
    gpuCounts: [4],
    kvPrecisions: ["fp8"],
    weightPrecisions: ["bf16"],
    workload: result.planMix,
    nandPerGpuGb: 1000,
    nandBandwidthGBs: 14,
  });
  deepEqual(result.plans[0].plan, row.plan);
  ok(result.plans[0].plan.nandSlots > 0);
});

Deno.test("engine.maxModelLen lowers the model's context for the plans", async () => {
  const s = parseScenario(JSON.stringify({
    model: "llama-3.1-8b",
    gpus: ["l4"],
    gpuCounts: [1],
    engine: { maxModelLen: 16384 },
    workload: { static: { medium: 1 } },
  }));
  equal(scenarioModel(s).maxContext, 16384);
  const result = await runScenario(s);
  equal(result.plans[0].plan.contextByCategory.medium, 16384);
});

Deno.test("pricing overrides and the tier reach the plans and the summary", async () => {
  const s = parseScenario(JSON.stringify({
    model: "llama-3.1-8b",
    gpus: ["l4"],
    gpuCounts: [2],
    kvPrecisions: ["fp8"],
    pricing: { tier: "spot", overrides: { l4: { perHourOnDemand: 1, perHourSpot: 0.5 } } },
    workload: { mix: [{ preset: "rag" }], horizonS: 300 },
    monteCarlo: { trials: 1, workers: 0, samples: 5 },
  }));
  const result = await runScenario(s);
  // 2 GPUs × $0.50 × 730 h
  equal(result.plans[0].plan.monthlyGpuCostUsd, 730);
  equal(result.summary!.configs[0].monthlyCostUsd, 730);
});

Deno.test("a preset entry's shape replaces only the fields it gives", () => {
  const s = parseScenario(JSON.stringify({
    model: "llama-3.1-8b",
    gpus: ["l4"],
    gpuCounts: [1],
    workload: {
      mix: [{
        preset: "chat",
        name: "short-chat",
        weight: 2,
        shape: { turns: { kind: "fixed", value: 1 } },
      }],
    },
  }));
  if (!("mix" in s.workload)) throw new Error("expected a simulated workload");
  const w = scenarioWorkload(s.workload);
  deepEqual(w.mix[0].shape.turns, { kind: "fixed", value: 1 });
  deepEqual(w.mix[0].shape.outputTokens, presetShape("chat").outputTokens);
  equal(w.mix[0].name, "short-chat");
  // Mooncake's conversation starts, 6,497 over 3,537 s
  deepEqual(w.arrivals, { kind: "poisson", ratePerS: 1.8366 });
});
