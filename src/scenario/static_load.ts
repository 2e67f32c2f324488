/**
 * A static workload: a fixed population of concurrent sessions per category (the reference
 * system's `{ extreme: 1, heavy: 2, medium: 3, light: 4 }`), each sized at its category midpoint
 * (35K / 130K / 325K / 1.25M tokens) clamped to the model's context — exactly how `planCapacity`
 * sizes a mix. Nothing is random, so there is no Monte Carlo:
 *
 * - live KV = Σ sessions × KV of the clamped midpoint (whole model, windows respected), at bf16
 *   like the simulation's, scaled by the KV precision's bytes;
 * - a configuration overflows when the population does not fit its HBM: the plan does not fit,
 *   or population > `planCapacity`'s `hbmSlots` (which is ⌊pool ÷ mean session KV⌋ per replica,
 *   so "population ≤ hbmSlots" is "Σ session KV ≤ pool"). P(overflow) is 1 or 0;
 * - GPUs needed = the smallest count in the grid that holds the population and meets the SLAs
 *   (the plan's TTFT and TPOT, all sessions active together).
 *
 * @example The seed's 10 sessions of Llama-3.1-70B at fp8 KV: 4 × H100 hold 9, 8 hold them all.
 * Mean session = (4 × 35,000 + 3 × 130,000 + 3 × 131,072) ÷ 10 = 92,321.6 tokens × 160 KiB per
 * token (fp8) = 14.09 GiB; 4 GPUs leave ≈ 130 GiB of KV pool after the weights → ⌊130 ÷ 14.09⌋ = 9.
 * ```ts
 * import { sweepPlans } from "../capacity/sweep.ts";
 * import { staticLiveKvGiB, staticOverflow } from "./static_load.ts";
 * import { equal, ok } from "node:assert/strict";
 * const mix = { extreme: 1, heavy: 2, medium: 3, light: 4 };
 * const [four, eight] = sweepPlans({ model: "llama-3.1-70b", gpus: ["h100-sxm"], gpuCounts: [4, 8],
 *   kvPrecisions: ["fp8"], weightPrecisions: ["bf16"], workload: mix });
 * equal(four.plan.hbmSlots, 9);
 * equal(staticOverflow(four.plan, mix), 1);
 * equal(staticOverflow(eight.plan, mix), 0);
 * // 923,216 tokens × 327,680 B (bf16) = 281.74 GiB
 * ok(Math.abs(staticLiveKvGiB(four.plan, mix) - 281.74) < 0.01);
 * ```
 * @module
 */

import type { SweepRow } from "../capacity/sweep.ts";
import type { CapacityPlan } from "../capacity/plan.ts";
import { kvCacheForContext } from "../capacity/kv.ts";
import type { KvPrecision } from "../capacity/precision.ts";
import { mixTotal, SESSION_CATEGORIES, type WorkloadMix } from "../capacity/workload.ts";
import { kvPrecisionScale } from "../sim/trial.ts";
import { GiB } from "../units.ts";

/**
 * Live KV of a static population, GiB.
 * @param plan any plan of the scenario (for the model and the clamped contexts)
 * @param mix sessions per category
 * @param kvPrecision KV precision (default bf16)
 * @returns GiB
 */
export function staticLiveKvGiB(
  plan: CapacityPlan,
  mix: WorkloadMix,
  kvPrecision: KvPrecision = "bf16",
): number {
  let bytes = 0;
  for (const c of SESSION_CATEGORIES) {
    bytes += mix[c] * kvCacheForContext(plan.model, plan.contextByCategory[c], "bf16").bytes;
  }
  return (bytes / GiB) * kvPrecisionScale(kvPrecision);
}

/**
 * Whether a static population overflows a configuration's HBM: 1 when it does, else 0.
 * @param plan the configuration's plan (sized for this mix)
 * @param mix sessions per category
 * @returns 1 or 0
 */
export function staticOverflow(plan: CapacityPlan, mix: WorkloadMix): number {
  return !plan.fits || mixTotal(mix) > plan.hbmSlots ? 1 : 0;
}

/**
 * The smallest GPU count of the grid that holds a static population and meets the SLAs.
 * @param rows the plans of one GPU type × KV precision × weight precision
 * @param mix sessions per category
 * @param slas TTFT and TPOT targets, ms (either may be absent)
 * @returns the GPU count, or null when none in the grid suffices
 */
export function staticGpusNeeded(
  rows: readonly SweepRow[],
  mix: WorkloadMix,
  slas: { ttftMs?: number; tpotMs?: number } = {},
): number | null {
  const ok = rows
    .filter(({ plan }) =>
      staticOverflow(plan, mix) === 0 &&
      (slas.ttftMs === undefined || plan.ttftMs <= slas.ttftMs) &&
      (slas.tpotMs === undefined || plan.tpotMs <= slas.tpotMs)
    )
    .map((r) => r.gpuCount);
  return ok.length === 0 ? null : Math.min(...ok);
}
