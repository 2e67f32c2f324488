import { equal, ok, throws } from "node:assert/strict";
import { DEFAULT_ARCHITECTURES } from "../../src/catalog/models.ts";
import { DEFAULT_GPU_SPECS } from "../../src/catalog/gpus.ts";
import { compareConfigs, sweepPlans } from "../../src/capacity/sweep.ts";
import { planCapacity } from "../../src/capacity/plan.ts";

const mix = { extreme: 1, heavy: 2, medium: 3, light: 4 };

Deno.test("sweepPlans() covers GPU types × counts × weight × KV precisions, in that order", () => {
  const rows = sweepPlans({
    model: "llama-3.1-70b",
    gpus: ["h100-sxm", "a100-sxm"],
    gpuCounts: [2, 4, 8],
    workload: mix,
  });
  equal(rows.length, 2 * 3 * 3 * 4);
  equal(rows[0].gpu, "h100-sxm");
  equal(rows[0].gpuCount, 2);
  equal(rows[0].weightPrecision, "bf16");
  equal(rows[0].kvPrecision, "bf16");
  equal(rows[1].kvPrecision, "fp8");
  const again = planCapacity(
    DEFAULT_ARCHITECTURES["llama-3.1-70b"],
    {
      gpu: DEFAULT_GPU_SPECS["a100-sxm"],
      gpuCount: 8,
      nandPerGpuGb: 0,
      nandBandwidthGBs: 7,
    },
    mix,
    "int4",
    "int4",
  );
  equal(rows.at(-1)!.plan.hbmSlots, again.hbmSlots);
});

Deno.test("compareConfigs() plans each labelled config with its cost per session", () => {
  const h100 = DEFAULT_GPU_SPECS["h100-sxm"];
  const out = compareConfigs(
    DEFAULT_ARCHITECTURES["llama-3.1-70b"],
    [
      {
        label: "4×H100",
        hardware: { gpu: h100, gpuCount: 4, nandPerGpuGb: 0, nandBandwidthGBs: 7 },
      },
      {
        label: "8×H100",
        hardware: { gpu: h100, gpuCount: 8, nandPerGpuGb: 0, nandBandwidthGBs: 7 },
      },
    ],
    mix,
    "fp8",
    "bf16",
  );
  equal(out.length, 2);
  equal(out[0].label, "4×H100");
  equal(out[1].monthlyCost, out[1].plan.monthlyGpuCostUsd);
  ok(Math.abs(out[0].costPerSession! - out[0].monthlyCost / out[0].plan.totalSessions) < 1e-9);
});

Deno.test("bad sweep arguments throw errors that name the field", () => {
  throws(
    () =>
      sweepPlans({ model: "llama-3.1-70b", gpus: ["h100-sxm"], gpuCounts: [4, 0], workload: mix }),
    {
      name: "RangeError",
      message: /^gpuCounts\[1\]: expected a positive integer; received 0$/,
    },
  );
  throws(
    () =>
      sweepPlans({
        model: "llama-3.1-70b",
        gpus: ["h100-sxm", "h1000"],
        gpuCounts: [4],
        workload: mix,
      }),
    {
      name: "RangeError",
      message: /^gpus\[1\]: expected a known id/,
    },
  );
});
