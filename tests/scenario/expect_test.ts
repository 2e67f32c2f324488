import { deepEqual, equal, ok } from "node:assert/strict";
import { sweepPlans } from "../../src/capacity/sweep.ts";
import {
  evaluateExpectations,
  type Expectation,
  parseScenario,
  runScenario,
  type ScenarioResult,
} from "../../src/scenario/mod.ts";

const fixed = (value: number) => ({ kind: "fixed", value });

/**
 * Four sessions arrive at t = 0, each with two runs of fixed size: run 1 has a 10,000-token
 * prompt and 1,000 output tokens (resident context 11,000 from t = 10 s), run 2 reads that
 * history (11,000 tokens, no new input) and writes 1,000 more (12,000) at t = 120 s, then the
 * session ends. The first session to finish briefly holds 12,000 tokens while the other three
 * hold 11,000: peak live KV = 45,000 tokens × 131,072 B (Llama-3.1-8B at bf16: 2 × 32 layers ×
 * 8 KV heads × 128 × 2 B) = 5.4931640625 GiB, in every trial. Each session bills 23,000 tokens:
 * all light.
 */
const scenario = parseScenario(
  JSON.stringify({
    model: "llama-3.1-8b",
    gpus: ["l4", "h100-sxm"],
    gpuCounts: [1, 2],
    kvPrecisions: ["bf16", "fp8"],
    workload: {
      mix: [{
        name: "fixed",
        shape: {
          turns: fixed(2),
          firstInputTokens: fixed(10_000),
          newInputTokens: fixed(0),
          outputTokens: fixed(1_000),
          thinkTimeS: fixed(100),
          modelTimeS: fixed(10),
        },
      }],
      arrivals: { kind: "trace", timesS: [0, 0, 0, 0] },
      horizonS: 300,
    },
    monteCarlo: { trials: 3, samples: 30, workers: 0 },
  }),
  "fixed.json",
);

let cached: ScenarioResult | undefined;
async function result(): Promise<ScenarioResult> {
  cached ??= await runScenario(scenario);
  return cached;
}

async function check(e: Expectation) {
  const [r] = evaluateExpectations(await result(), [e]);
  return r;
}

const PEAK_BF16_GIB = (45_000 * 131_072) / 2 ** 30;
const at = (gpu: string, gpuCount: number, kvPrecision = "bf16") =>
  ({ gpu, gpuCount, kvPrecision, weightPrecision: "bf16" }) as Expectation["where"];

Deno.test("peakLiveKvGiB and peakLiveSessions match the hand computation", async () => {
  equal(PEAK_BF16_GIB, 5.4931640625);
  equal(
    (await check({ metric: "peakLiveKvGiB", percentile: 99, equal: PEAK_BF16_GIB })).passed,
    true,
  );
  const fp8 = await check({
    metric: "peakLiveKvGiB",
    percentile: 50,
    where: { kvPrecision: "fp8" },
    equal: PEAK_BF16_GIB / 2,
  });
  equal(fp8.observed, PEAK_BF16_GIB / 2);
  equal(fp8.passed, true);
  equal((await check({ metric: "peakLiveSessions", percentile: 90, equal: 4 })).observed, 4);
});

Deno.test("categoryShare reads the category and the statistic", async () => {
  const light = await check({ metric: "categoryShare", category: "light", stat: "p5", equal: 1 });
  equal(light.observed, 1);
  equal(light.description, "categoryShare light p5 = 1");
  equal((await check({ metric: "categoryShare", category: "extreme", equal: 0 })).passed, true);
});

Deno.test("pOverflow and gpusNeeded come from the Monte Carlo summary", async () => {
  // Llama-3.1-8B's bf16 weights (15 GiB) leave an L4 (22 GiB) ≈ 3.5 GiB of KV pool, less than
  // the 5.49 GiB peak; an H100 keeps ≈ 51 GiB (vLLM's log: 51.38 GiB at max_model_len 16,000).
  equal((await check({ metric: "pOverflow", where: at("l4", 1), equal: 1 })).observed, 1);
  equal((await check({ metric: "pOverflow", where: at("h100-sxm", 1), equal: 0 })).observed, 0);
  const r = await result();
  const rec = r.summary!.recommendations.find((x) =>
    x.gpu === "l4" && x.kvPrecision === "bf16" && x.weightPrecision === "bf16"
  )!;
  const needed = await check({
    metric: "gpusNeeded",
    where: { gpu: "l4", kvPrecision: "bf16" },
    lessOrEqual: 2,
  });
  equal(needed.observed, rec.gpuCount);
  equal(needed.observed, 2);
  equal(
    (await check({
      metric: "gpusNeeded",
      where: { gpu: "h100-sxm", kvPrecision: "fp8" },
      equal: 1,
    }))
      .passed,
    true,
  );
});

Deno.test("plan metrics read the sweep row of the configuration", async () => {
  const r = await result();
  const [row] = sweepPlans({
    model: "llama-3.1-8b",
    gpus: ["h100-sxm"],
    gpuCounts: [2],
    kvPrecisions: ["fp8"],
    weightPrecisions: ["bf16"],
    workload: r.planMix,
  });
  const where = at("h100-sxm", 2, "fp8");
  const metric = async (m: Expectation["metric"]) =>
    (await check({ metric: m, where, greaterOrEqual: 0 })).observed;
  equal(await metric("hbmSlots"), row.plan.hbmSlots);
  equal(await metric("nandSlots"), 0);
  equal(await metric("totalSessions"), row.plan.hbmSlots);
  equal(await metric("tpotMs"), row.plan.tpotMs);
  equal(await metric("ttftMs"), row.plan.ttftMs);
  equal(await metric("ttftBreachPoint"), row.plan.ttftBreachPoint);
  // 2 GPUs × $6.88 an hour (AWS p5.48xlarge ÷ 8) × 730 h
  ok(Math.abs((await metric("monthlyCostUsd"))! - 2 * 6.88 * 730) < 1e-6);
  const config = r.summary!.configs.find((c) =>
    c.gpu === "h100-sxm" && c.gpuCount === 2 && c.kvPrecision === "fp8"
  )!;
  const sim = await check({ metric: "ttftMs", from: "simulation", where, lessThan: 1e9 });
  equal(sim.observed, config.ttftMs);
  equal(
    sim.description,
    "ttftMs (simulation) where gpu=h100-sxm, gpuCount=2, kvPrecision=fp8, weightPrecision=bf16 < 1000000000",
  );
});

Deno.test("a missing value fails every comparison and says why", async () => {
  const restore = await check({ metric: "restoreLatencyMs", where: at("l4", 1), lessOrEqual: 1e9 });
  equal(restore.observed, null);
  equal(restore.passed, false);
  equal(
    restore.description,
    "restoreLatencyMs where gpu=l4, gpuCount=1, kvPrecision=bf16, weightPrecision=bf16 ≤ 1000000000 (no value: no NAND tier)",
  );
});

Deno.test("each comparator holds or fails on the observed value", async () => {
  const cases: [Partial<Expectation>, boolean][] = [
    [{ lessOrEqual: 4 }, true],
    [{ lessOrEqual: 3 }, false],
    [{ greaterOrEqual: 4 }, true],
    [{ greaterOrEqual: 5 }, false],
    [{ lessThan: 5 }, true],
    [{ lessThan: 4 }, false],
    [{ greaterThan: 3 }, true],
    [{ greaterThan: 4 }, false],
    [{ equal: 4 }, true],
    [{ equal: 4.5 }, false],
    [{ between: [4, 4] }, true],
    [{ between: [5, 9] }, false],
  ];
  for (const [comparator, passed] of cases) {
    const r = await check({ metric: "peakLiveSessions", percentile: 99, ...comparator });
    equal(r.passed, passed, JSON.stringify(comparator));
    equal(r.observed, 4);
  }
});

Deno.test("a failing expectation reports its observed value, description and path", async () => {
  const r = await result();
  const evaluated = evaluateExpectations(r, [
    { metric: "peakLiveSessions", percentile: 99, lessOrEqual: 10 },
    { metric: "peakLiveKvGiB", percentile: 99, where: { kvPrecision: "fp8" }, lessThan: 2 },
  ]);
  deepEqual(evaluated[1], {
    expectation: {
      metric: "peakLiveKvGiB",
      percentile: 99,
      where: { kvPrecision: "fp8" },
      lessThan: 2,
    },
    path: "expect[1]",
    description: "peakLiveKvGiB p99 where kvPrecision=fp8 < 2",
    observed: PEAK_BF16_GIB / 2,
    passed: false,
  });
  equal(evaluated[0].passed, true);
});

Deno.test("a static population's metrics are exact", async () => {
  const s = parseScenario(JSON.stringify({
    model: "llama-3.1-8b",
    gpus: ["h100-sxm"],
    gpuCounts: [1],
    kvPrecisions: ["fp8"],
    workload: { static: { medium: 1, light: 3 } },
  }));
  const r = await runScenario(s);
  const value = (e: Expectation) => evaluateExpectations(r, [e])[0].observed;
  // 130,000 + 3 × 35,000 tokens × 131,072 B at bf16
  equal(
    value({ metric: "peakLiveKvGiB", percentile: 99, equal: 0 }),
    (235_000 * 131_072) / 2 ** 30,
  );
  equal(value({ metric: "peakLiveSessions", percentile: 50, equal: 0 }), 4);
  equal(value({ metric: "categoryShare", category: "light", equal: 0 }), 0.75);
  equal(value({ metric: "pOverflow", equal: 0 }), 0);
  equal(value({ metric: "gpusNeeded", equal: 0 }), 1);
});

Deno.test("gpusNeeded is null when no GPU count of the grid qualifies", async () => {
  const s = parseScenario(JSON.stringify({
    model: "llama-3.1-70b",
    gpus: ["l4"],
    gpuCounts: [1],
    kvPrecisions: ["fp8"],
    workload: { static: { light: 1 } },
  }));
  const [r] = evaluateExpectations(await runScenario(s), [{
    metric: "gpusNeeded",
    lessOrEqual: 100,
  }]);
  equal(r.observed, null);
  equal(r.passed, false);
  equal(
    r.description,
    "gpusNeeded ≤ 100 (no value: no GPU count in the grid meets the overflow target and the SLAs)",
  );
});
