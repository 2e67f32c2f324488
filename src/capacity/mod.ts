/**
 * Capacity math (pure functions): KV bytes, weight memory, the engine's KV pool, latency, session
 * slots, plans, sweeps and cost.
 *
 * @example
 * ```ts
 * import { kvBytesPerToken, planCapacity } from "./mod.ts";
 * import { DEFAULT_ARCHITECTURES, DEFAULT_GPU_SPECS } from "../catalog/mod.ts";
 * import { equal, ok } from "node:assert/strict";
 * const arch = DEFAULT_ARCHITECTURES["llama-3.1-70b"];
 * equal(kvBytesPerToken(arch, "fp8"), 163_840);
 * const plan = planCapacity(arch, { gpu: DEFAULT_GPU_SPECS["h100-sxm"], gpuCount: 4, nandPerGpuGb: 0, nandBandwidthGBs: 7 },
 *   { extreme: 1, heavy: 2, medium: 3, light: 4 }, "fp8", "bf16");
 * ok(plan.fits && plan.hbmSlots > 0);
 * ```
 * @module
 */

export * from "./precision.ts";
export * from "./workload.ts";
export * from "./parallel.ts";
export * from "./resolve.ts";
export * from "./kv.ts";
export * from "./memory.ts";
export * from "./engine_pool.ts";
export * from "./latency.ts";
export * from "./layout.ts";
export * from "./hardware.ts";
export * from "./hardware_latency.ts";
export * from "./nand.ts";
export * from "./slots.ts";
export * from "./plan.ts";
export * from "./sweep.ts";
export * from "./cost.ts";
export * from "./measurements.ts";
export * from "./accuracy.ts";
