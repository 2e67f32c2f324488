/**
 * capsim: how much GPU do LLM sessions need, and how sure can you be?
 *
 * Capacity math that matches what real engines allocate, a session profiler for live traffic,
 * a Prometheus exporter, public trace readers, and a seeded Monte Carlo simulator that drives
 * the same profiler.
 *
 * @example Size the reference system's example workload on 4 × H100 with fp8 KV.
 * ```ts
 * import { DEFAULT_ARCHITECTURES, DEFAULT_GPU_SPECS, planCapacity } from "./mod.ts";
 * import { ok } from "node:assert/strict";
 * const plan = planCapacity(
 *   DEFAULT_ARCHITECTURES["llama-3.1-70b"],
 *   { gpu: DEFAULT_GPU_SPECS["h100-sxm"], gpuCount: 4, nandPerGpuGb: 0, nandBandwidthGBs: 7 },
 *   { extreme: 1, heavy: 2, medium: 3, light: 4 },
 *   "fp8",
 *   "bf16",
 * );
 * ok(plan.contextClamped); // the 1.25M-token "extreme" midpoint exceeds the 131,072-token context
 * ok(plan.hbmSlots > 0);
 * ```
 * @module
 */

export * from "./src/units.ts";
export * from "./src/catalog/mod.ts";
export * from "./src/capacity/mod.ts";
export * from "./src/events/mod.ts";
export * from "./src/profiler/mod.ts";
export * from "./src/metrics/mod.ts";
export * from "./src/traces/mod.ts";
export * from "./src/random/mod.ts";
export * from "./src/workload/mod.ts";
export * from "./src/sim/mod.ts";
export * from "./src/scenario/mod.ts";
export * from "./src/charts/mod.ts";
export * from "./src/report/mod.ts";
