import { equal, ok, throws } from "node:assert/strict";
import { DEFAULT_ARCHITECTURES } from "../../src/catalog/models.ts";
import { DEFAULT_GPU_SPECS } from "../../src/catalog/gpus.ts";
import {
  estimateTpot,
  estimateTtft,
  singlePrefillMs,
  ttftBreachPoint,
} from "../../src/capacity/hardware_latency.ts";
import { estimateLatency } from "../../src/capacity/latency.ts";

const arch = DEFAULT_ARCHITECTURES["llama-3.1-70b"];
const hw = {
  gpu: DEFAULT_GPU_SPECS["h100-sxm"],
  gpuCount: 4,
  nandPerGpuGb: 0,
  nandBandwidthGBs: 7,
};

Deno.test("the reference-style helpers agree with estimateLatency() on one replica", () => {
  const r = estimateLatency({
    model: arch,
    gpu: "h100-sxm",
    tensorParallel: 4,
    promptTokens: 4096,
    concurrency: 3,
  });
  equal(singlePrefillMs(arch, 4096, hw), r.prefillMs);
  equal(estimateTtft(arch, 4096, 3, hw), r.ttftMs);
  equal(estimateTpot(arch, 4096.5, 3, hw), r.tpotMs);
});

Deno.test("the breach point is the largest concurrency that still meets the SLA", () => {
  for (const sla of [200, 1000, 5000, 20_000]) {
    const c = ttftBreachPoint(arch, hw, sla, 4096);
    if (c > 0) ok(estimateTtft(arch, 4096, c, hw) <= sla, `c=${c} misses ${sla}`);
    ok(estimateTtft(arch, 4096, c + 1, hw) > sla, `c+1=${c + 1} still meets ${sla}`);
  }
});

Deno.test("the breach point is 0 when one prefill alone misses the SLA", () => {
  const single = singlePrefillMs(arch, 100_000, hw);
  equal(ttftBreachPoint(arch, hw, single * 0.99, 100_000), 0);
  equal(ttftBreachPoint(arch, hw, single, 100_000), 1);
});

Deno.test("replicas serve their own queues: the breach point scales with them", () => {
  const one = ttftBreachPoint(
    DEFAULT_ARCHITECTURES["llama-3.1-8b"],
    { ...hw, gpuCount: 1 },
    2000,
    4096,
  );
  const four = ttftBreachPoint(
    DEFAULT_ARCHITECTURES["llama-3.1-8b"],
    { ...hw, gpuCount: 4, tensorParallel: 1 },
    2000,
    4096,
  );
  equal(four, 4 * one);
});

Deno.test("prompts and contexts beyond the model's maximum are clamped", () => {
  equal(singlePrefillMs(arch, 1_000_000, hw), singlePrefillMs(arch, 131_072, hw));
  equal(estimateTpot(arch, 1_000_000, 1, hw), estimateTpot(arch, 131_072, 1, hw));
});

Deno.test("bad helper arguments throw errors that name the field", () => {
  throws(() => ttftBreachPoint(arch, hw, 0), {
    name: "RangeError",
    message: /^ttftSlaMs: expected a positive number; received 0$/,
  });
  throws(() => estimateTtft(arch, 4096, 0, hw), {
    name: "RangeError",
    message: /^concurrentUsers: expected a positive integer; received 0$/,
  });
  throws(() => estimateTpot(arch, 100, 2.5, hw), {
    name: "RangeError",
    message: /^batchSize: expected a positive integer; received 2.5$/,
  });
  throws(() => singlePrefillMs(arch, -1, hw), {
    name: "RangeError",
    message: /^promptTokens: expected a positive number; received -1$/,
  });
  throws(() => singlePrefillMs(arch, 10, { ...hw, gpu: { ...hw.gpu, bandwidthTBs: 0 } }), {
    name: "RangeError",
    message: /^hardware\.gpu\.bandwidthTBs: expected a positive number; received 0$/,
  });
});
