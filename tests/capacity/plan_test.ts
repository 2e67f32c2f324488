import { equal, ok, throws } from "node:assert/strict";
import { DEFAULT_ARCHITECTURES } from "../../src/catalog/models.ts";
import { DEFAULT_GPU_SPECS } from "../../src/catalog/gpus.ts";
import { DEFAULT_GPU_PRICING } from "../../src/catalog/pricing.ts";
import { engineKvCapacity } from "../../src/capacity/engine_pool.ts";
import { estimateTtft } from "../../src/capacity/hardware_latency.ts";
import { planCapacity } from "../../src/capacity/plan.ts";
import { estimateGpuCount, maxConcurrentSessions } from "../../src/capacity/slots.ts";
import { GiB } from "../../src/units.ts";

const llama70b = DEFAULT_ARCHITECTURES["llama-3.1-70b"];
const h100 = DEFAULT_GPU_SPECS["h100-sxm"];
const seedMix = { extreme: 1, heavy: 2, medium: 3, light: 4 };
const hw4 = { gpu: h100, gpuCount: 4, nandPerGpuGb: 0, nandBandwidthGBs: 7 };

Deno.test("planCapacity() sizes the seed page's example: Llama-3.1-70B on 4 × H100, fp8 KV", () => {
  const plan = planCapacity(llama70b, hw4, seedMix, "fp8", "bf16");
  // Categories are sized at their midpoints clamped to the 131,072-token context.
  equal(plan.contextByCategory.extreme, 131_072);
  equal(plan.contextByCategory.heavy, 131_072);
  equal(plan.contextByCategory.medium, 130_000);
  equal(plan.contextByCategory.light, 35_000);
  equal(plan.contextClamped, true);
  equal(plan.parallelism.tensorParallel, 4);
  // fp8 KV over TP 4: 2 × 80 layers × 2 heads × 128 × 1 byte = 40,960 bytes per token per GPU;
  // sessions round up to 16-token blocks (35,000 → 35,008).
  const meanBytesPerGpu = 40_960 * (131_072 + 2 * 131_072 + 3 * 130_000 + 4 * 35_008) / 10;
  const pool = engineKvCapacity({
    model: llama70b,
    gpu: h100,
    tensorParallel: 4,
    kvPrecision: "fp8",
    maxModelLen: 131_072,
  });
  equal(plan.hbmSlots, Math.floor((pool.blocks * 16 * 40_960) / meanBytesPerGpu));
  ok(plan.hbmSlots > 0 && plan.fits);
  equal(plan.nandSlots, 0);
  equal(plan.restoreLatencyMs, null);
  equal(plan.kvBytesPerToken, 163_840);
  equal(plan.totalHbmGb, 4 * 79.18);
  equal(plan.freeHbmForKvGb, 4 * pool.kvGiBPerGpu);
  // 4 GPUs × on-demand price × 730 h.
  equal(plan.monthlyGpuCostUsd, 4 * DEFAULT_GPU_PRICING["h100-sxm"].perHourOnDemand * 730);
});

Deno.test("planCapacity()'s TTFT is a clamped cold prefill, not the reference's 10 minutes", () => {
  const plan = planCapacity(llama70b, hw4, seedMix, "fp8", "bf16");
  const meanTokens = (131_072 + 2 * 131_072 + 3 * 130_000 + 4 * 35_000) / 10;
  ok(Math.abs(plan.sessionContextTokens - meanTokens) < 1e-6);
  ok(Math.abs(plan.ttftMs - estimateTtft(llama70b, meanTokens, 10, hw4)) < 1e-6);
  ok(plan.ttftMs < 10 * 60_000 / 5, `${plan.ttftMs} ms`);
});

Deno.test("an empty mix is sized as one medium session", () => {
  const plan = planCapacity(
    llama70b,
    hw4,
    { extreme: 0, heavy: 0, medium: 0, light: 0 },
    "fp8",
    "bf16",
  );
  equal(plan.sessionContextTokens, 130_000);
  ok(plan.hbmSlots > 0);
});

Deno.test("weights that do not fit give fits: false with the reason, and zero slots", () => {
  const plan = planCapacity(llama70b, { ...hw4, gpuCount: 1 }, seedMix, "fp8", "bf16");
  equal(plan.fits, false);
  equal(plan.hbmSlots, 0);
  ok(/no room for KV cache/.test(plan.reason ?? ""));
  equal(plan.costPerMillionTokensUsd, null);
});

Deno.test("NAND parks each GPU's shard: slots and restore time follow the per-GPU session size", () => {
  const plan = planCapacity(
    llama70b,
    { ...hw4, nandPerGpuGb: 3840, nandBandwidthGBs: 7 },
    seedMix,
    "fp8",
    "bf16",
  );
  const meanBytesPerGpu = 40_960 * (131_072 + 2 * 131_072 + 3 * 130_000 + 4 * 35_008) / 10;
  equal(plan.nandSlots, Math.floor(3840e9 / meanBytesPerGpu));
  equal(plan.totalSessions, plan.hbmSlots + plan.nandSlots);
  ok(Math.abs(plan.restoreLatencyMs! - (meanBytesPerGpu / 7e9 * 1000 + 0.1)) < 1e-6);
});

Deno.test("an unknown GPU needs an explicit price; with one it plans", () => {
  const custom = { ...h100, id: "h100-custom", name: "my H100" };
  throws(() => planCapacity(llama70b, { ...hw4, gpu: custom }, seedMix), {
    name: "RangeError",
    message: /^pricing: expected a known id; received "h100-custom".*pass one as options\.pricing/,
  });
  const plan = planCapacity(llama70b, { ...hw4, gpu: custom }, seedMix, "fp8", "bf16", {
    pricing: { id: "h100-custom", name: "colo", perHourOnDemand: 1.5 },
  });
  equal(plan.monthlyGpuCostUsd, 4 * 1.5 * 730);
  equal(plan.monthlyCostUsd.reserved, null);
});

Deno.test("the TTFT breach point uses the SLA and prompt options", () => {
  const loose = planCapacity(llama70b, hw4, seedMix, "fp8", "bf16", { ttftSlaMs: 10_000 });
  const tight = planCapacity(llama70b, hw4, seedMix, "fp8", "bf16", { ttftSlaMs: 1_000 });
  ok(loose.ttftBreachPoint > tight.ttftBreachPoint);
  equal(tight.ttftSlaMs, 1_000);
});

Deno.test("maxConcurrentSessions() clamps the context and counts HBM and NAND slots", () => {
  const s = maxConcurrentSessions(llama70b, { ...hw4, gpuCount: 8 }, 1_000_000, "fp8");
  equal(s.contextTokens, 131_072);
  equal(s.clamped, true);
  equal(s.total, s.hbmSlots + s.nandSlots);
});

Deno.test("estimateGpuCount() returns the smallest count whose HBM holds the sessions", () => {
  const n = estimateGpuCount(llama70b, 40, 32_768, "fp8", "bf16", "h100-sxm");
  const fits = (g: number) =>
    maxConcurrentSessions(
      llama70b,
      { gpu: h100, gpuCount: g, nandPerGpuGb: 0, nandBandwidthGBs: 0 },
      32_768,
      "fp8",
    ).hbmSlots;
  ok(fits(n) >= 40);
  ok(fits(n - 1) < 40);
});

Deno.test("bad plan arguments throw errors that name the field", () => {
  throws(() => planCapacity(llama70b, { ...hw4, gpuCount: 0 }, seedMix), {
    name: "RangeError",
    message: /^hardware\.gpuCount: expected a positive integer; received 0$/,
  });
  throws(() => planCapacity(llama70b, { ...hw4, gpuCount: 2.5 }, seedMix), {
    name: "RangeError",
    message: /^hardware\.gpuCount: expected a positive integer; received 2.5$/,
  });
  throws(() => planCapacity(llama70b, hw4, { ...seedMix, heavy: -1 }), {
    name: "RangeError",
    message: /^workload\.heavy: expected a number ≥ 0; received -1$/,
  });
  throws(() => planCapacity(llama70b, hw4, { ...seedMix, light: Number.NaN }), {
    name: "RangeError",
    message: /^workload\.light: expected a number ≥ 0; received NaN$/,
  });
  throws(() => planCapacity(llama70b, hw4, seedMix, "fp4" as "fp8"), {
    name: "TypeError",
    message: /^kvPrecision: expected one of/,
  });
  throws(
    () => planCapacity(llama70b, { ...hw4, nandPerGpuGb: 100, nandBandwidthGBs: 0 }, seedMix),
    {
      name: "RangeError",
      message:
        /^hardware\.nandBandwidthGBs: expected a positive bandwidth when nandPerGpuGb > 0; received 0$/,
    },
  );
  throws(() => planCapacity(llama70b, { ...hw4, tensorParallel: 3, gpuCount: 3 }, seedMix), {
    name: "RangeError",
    message: /^hardware\.tensorParallel: expected a divisor of llama-3.1-70b's 64 attention heads/,
  });
  throws(() => planCapacity(llama70b, hw4, seedMix, "fp8", "bf16", { ttftSlaMs: -5 }), {
    name: "RangeError",
    message: /^options\.ttftSlaMs: expected a positive number; received -5$/,
  });
});

Deno.test("data-parallel replicas multiply slots", () => {
  const one = planCapacity(llama70b, { ...hw4, tensorParallel: 4 }, seedMix, "fp8", "bf16");
  const two = planCapacity(
    llama70b,
    { ...hw4, gpuCount: 8, tensorParallel: 4 },
    seedMix,
    "fp8",
    "bf16",
  );
  equal(two.parallelism.replicas, 2);
  equal(two.hbmSlots, 2 * one.hbmSlots);
  equal(two.poolTokens, 2 * one.poolTokens);
  ok(two.budgetPerGpu.kvGiB * GiB > 0);
});
