/**
 * Catalogs: model architectures, GPUs and GPU prices, each entry with its source.
 *
 * @example
 * ```ts
 * import { DEFAULT_ARCHITECTURES, DEFAULT_GPU_SPECS } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * equal(DEFAULT_ARCHITECTURES["llama-3.1-8b"].layers, 32);
 * equal(DEFAULT_GPU_SPECS["h100-sxm"].memoryGiB, 79.18);
 * ```
 * @module
 */

export * from "./types.ts";
export * from "./models.ts";
export * from "./gpus.ts";
export * from "./pricing.ts";
export * from "./lookup.ts";
