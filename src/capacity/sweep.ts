/**
 * Many plans at once: `compareConfigs` (the reference's side-by-side of named hardware configs)
 * and `sweepPlans` (every GPU type × GPU count × KV precision × weight precision), the grid the
 * notebooks and the sizing report plot.
 *
 * @example More GPUs never hold fewer sessions.
 * ```ts
 * import { sweepPlans } from "./sweep.ts";
 * import { ok } from "node:assert/strict";
 * const rows = sweepPlans({
 *   model: "llama-3.1-70b", gpus: ["h100-sxm"], gpuCounts: [2, 4, 8],
 *   kvPrecisions: ["fp8"], weightPrecisions: ["bf16"],
 *   workload: { extreme: 1, heavy: 2, medium: 3, light: 4 },
 * });
 * ok(rows[0].plan.hbmSlots <= rows[1].plan.hbmSlots && rows[1].plan.hbmSlots <= rows[2].plan.hbmSlots);
 * ```
 * @module
 */

import type { GpuPricing, GpuSpec, ModelArchitecture } from "../catalog/types.ts";
import { positiveInteger } from "../validate.ts";
import { costPerSession } from "./cost.ts";
import type { HardwareConfig } from "./hardware.ts";
import { type CapacityPlan, planCapacity, type PlanOptions } from "./plan.ts";
import { KV_PRECISIONS, type KvPrecision, type WeightPrecision } from "./precision.ts";
import { resolveGpu, resolveModel } from "./resolve.ts";
import type { WorkloadMix } from "./workload.ts";

/** One configuration of a comparison. */
export interface ConfigComparison {
  /** The caller's label. */
  label: string;
  /** The hardware compared. */
  hardware: HardwareConfig;
  /** Its plan. */
  plan: CapacityPlan;
  /** Monthly cost in the plan's pricing tier, USD. */
  monthlyCost: number;
  /** Monthly cost per session slot, USD; null when no session fits. */
  costPerSession: number | null;
}

/**
 * Plans several hardware configurations for the same model and workload, side by side.
 * @param arch the model
 * @param configs labelled hardware configs
 * @param workload sessions per category
 * @param kvPrecision KV precision (default bf16)
 * @param weightPrecision weight precision (default bf16)
 * @param options plan options (pricing applies to every config)
 * @returns one comparison per config, in order
 * @throws {RangeError|TypeError} an invalid argument, named
 */
export function compareConfigs(
  arch: ModelArchitecture,
  configs: { label: string; hardware: HardwareConfig }[],
  workload: WorkloadMix,
  kvPrecision: KvPrecision = "bf16",
  weightPrecision: WeightPrecision = "bf16",
  options: PlanOptions = {},
): ConfigComparison[] {
  if (!Array.isArray(configs)) {
    throw new TypeError(
      `configs: expected an array of { label, hardware }; received ${typeof configs}`,
    );
  }
  return configs.map(({ label, hardware }) => {
    const plan = planCapacity(arch, hardware, workload, kvPrecision, weightPrecision, options);
    return {
      label,
      hardware,
      plan,
      monthlyCost: plan.monthlyGpuCostUsd,
      costPerSession: costPerSession(plan, options.pricing, options.pricingTier),
    };
  });
}

/** Options of `sweepPlans`. */
export interface SweepOptions {
  /** Catalog id or architecture. */
  model: string | ModelArchitecture;
  /** GPU types (catalog ids or specs). */
  gpus: (string | GpuSpec)[];
  /** GPU counts per configuration (integers ≥ 1). */
  gpuCounts: number[];
  /** KV precisions (default all four). */
  kvPrecisions?: KvPrecision[];
  /** Weight precisions (default bf16, fp8, int4). */
  weightPrecisions?: WeightPrecision[];
  /** Sessions per category. */
  workload: WorkloadMix;
  /** NAND per GPU, GB (default 0). */
  nandPerGpuGb?: number;
  /** NAND read bandwidth per GPU, GB/s (default 7). */
  nandBandwidthGBs?: number;
  /** Prices for GPUs the catalog does not price, by GPU id. */
  pricing?: Record<string, GpuPricing>;
  /** Options passed to every `planCapacity` (its `pricing` is replaced per GPU). */
  plan?: Omit<PlanOptions, "pricing">;
}

/** One cell of a sweep. */
export interface SweepRow {
  /** GPU id. */
  gpu: string;
  /** GPUs. */
  gpuCount: number;
  /** KV precision. */
  kvPrecision: KvPrecision;
  /** Weight precision. */
  weightPrecision: WeightPrecision;
  /** The plan. */
  plan: CapacityPlan;
}

/**
 * Plans every GPU type × GPU count × KV precision × weight precision.
 * @param options the grid and the workload
 * @returns rows in GPU, count, weight precision, KV precision order
 * @throws {RangeError|TypeError} an invalid argument, named
 */
export function sweepPlans(options: SweepOptions): SweepRow[] {
  const model = resolveModel(options.model);
  const gpus = options.gpus.map((g, i) => resolveGpu(g, `gpus[${i}]`));
  options.gpuCounts.forEach((n, i) => positiveInteger(`gpuCounts[${i}]`, n));
  const kvs = options.kvPrecisions ?? [...KV_PRECISIONS];
  const weights = options.weightPrecisions ?? ["bf16", "fp8", "int4"];
  const rows: SweepRow[] = [];
  for (const gpu of gpus) {
    const pricing = options.pricing?.[gpu.id];
    for (const gpuCount of options.gpuCounts) {
      const hardware: HardwareConfig = {
        gpu,
        gpuCount,
        nandPerGpuGb: options.nandPerGpuGb ?? 0,
        nandBandwidthGBs: options.nandBandwidthGBs ?? 7,
      };
      for (const weightPrecision of weights) {
        for (const kvPrecision of kvs) {
          const plan = planCapacity(
            model,
            hardware,
            options.workload,
            kvPrecision,
            weightPrecision,
            {
              ...options.plan,
              pricing,
            },
          );
          rows.push({ gpu: gpu.id, gpuCount, kvPrecision, weightPrecision, plan });
        }
      }
    }
  }
  return rows;
}
