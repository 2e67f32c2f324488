import { deepEqual, equal, ok } from "node:assert/strict";
import { DEFAULT_GPU_SPECS } from "../../src/catalog/gpus.ts";
import { DEFAULT_GPU_PRICING } from "../../src/catalog/pricing.ts";
import type { GpuPricing } from "../../src/catalog/types.ts";

const ENTRIES: [string, GpuPricing][] = Object.entries(DEFAULT_GPU_PRICING);

/** Prices are read no earlier than AWS's June 2025 GPU price cut and no later than the catalog. */
const OLDEST = "2025-06-01";
const NEWEST = "2026-12-31";

Deno.test("every GPU has all three price tiers, dated and sourced", () => {
  deepEqual(Object.keys(DEFAULT_GPU_PRICING).sort(), Object.keys(DEFAULT_GPU_SPECS).sort());
  for (const [key, price] of ENTRIES) {
    equal(price.id, key, `${key}: id`);
    ok(price.name.length > 0, `${key}: name`);
    for (const tier of [price.perHourOnDemand, price.perHourReserved, price.perHourSpot]) {
      ok(typeof tier === "number" && Number.isFinite(tier) && tier > 0, `${key}: tier ${tier}`);
    }
    ok(typeof price.asOf === "string" && /^\d{4}-\d{2}-\d{2}$/.test(price.asOf), `${key}: asOf`);
    const asOf = price.asOf as string;
    equal(new Date(`${asOf}T00:00:00Z`).toISOString().slice(0, 10), asOf, `${key}: real date`);
    ok(asOf >= OLDEST && asOf <= NEWEST, `${key}: asOf ${asOf} in range`);
    ok(price.source?.startsWith("https://"), `${key}: source`);
  }
});

Deno.test("reserved ≤ on-demand and spot ≤ on-demand", () => {
  for (const [key, price] of ENTRIES) {
    ok((price.perHourReserved as number) <= price.perHourOnDemand, `${key}: reserved`);
    ok((price.perHourSpot as number) <= price.perHourOnDemand, `${key}: spot`);
  }
});

Deno.test("AWS prices are the instance price divided by its GPU count", () => {
  // p5.48xlarge (8 × H100) $55.04/h and p5en.48xlarge (8 × H200) $63.296/h in us-east-1 after
  // the June 2025 cut; hand division: 55.04 / 8 = 6.88, 63.296 / 8 = 7.912.
  equal(DEFAULT_GPU_PRICING["h100-sxm"].perHourOnDemand, 6.88);
  ok(Math.abs(DEFAULT_GPU_PRICING.h200.perHourOnDemand - 7.912) < 1e-9);
  ok(DEFAULT_GPU_PRICING["h100-sxm"].name.includes("÷ 8"));
  // p4d.24xlarge $21.957642/h ÷ 8 = $2.7447 (rounded as the transcription rounds it).
  equal(Math.round(DEFAULT_GPU_PRICING["a100-sxm-40gb"].perHourOnDemand * 1e4) / 1e4, 2.7447);
});

Deno.test("serverless per-second rates are converted to hours", () => {
  // RunPod Serverless 24 GB tier: $0.00019/s flex = 0.684 $/h; $0.00013/s active = 0.468 $/h.
  const price = DEFAULT_GPU_PRICING["rtx-3090"];
  ok(Math.abs(price.perHourOnDemand - 0.684) < 1e-9);
  ok(Math.abs((price.perHourReserved as number) - 0.468) < 1e-9);
});

Deno.test("the pricing catalog is frozen", () => {
  ok(Object.isFrozen(DEFAULT_GPU_PRICING));
  for (const [, price] of ENTRIES) ok(Object.isFrozen(price));
});
