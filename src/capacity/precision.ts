/**
 * Numeric precisions for KV caches and weights, and what one element of each costs in bytes.
 *
 * @example
 * ```ts
 * import { PRECISION_BYTES } from "./precision.ts";
 * import { equal } from "node:assert/strict";
 * equal(PRECISION_BYTES.fp8, 1);
 * ```
 * @module
 */

/** Precision a KV cache is stored at. vLLM offers bf16 (`auto`) and fp8; int8/int4 are LMDeploy's and TensorRT-LLM's. */
export type KvPrecision = "bf16" | "fp8" | "int8" | "int4";
/** Precision of the linear layers' weights: bf16, fp8 (e.g. FP8-Dynamic), int8 (W8A8), int4 (AWQ/GPTQ). */
export type WeightPrecision = "bf16" | "fp8" | "int8" | "int4";

/** Every KV precision, widest first. */
export const KV_PRECISIONS: readonly KvPrecision[] = ["bf16", "fp8", "int8", "int4"];
/** Every weight precision, widest first. */
export const WEIGHT_PRECISIONS: readonly WeightPrecision[] = ["bf16", "fp8", "int8", "int4"];

/** Bytes per element of each precision (the reference system's table; fp16 costs what bf16 does). */
export const PRECISION_BYTES: Readonly<Record<KvPrecision | WeightPrecision, number>> = {
  bf16: 2,
  fp8: 1,
  int8: 1,
  int4: 0.5,
};

/**
 * Bytes one quantized linear-layer weight really takes, scales included.
 *
 * - bf16: 2 bytes.
 * - fp8 and int8 (per-channel or per-tensor scales, as in llm-compressor's FP8-Dynamic and W8A8
 *   checkpoints): 1 byte; one fp32 scale per output row is < 0.1 % and ignored.
 * - int4 (AWQ and GPTQ, group size 128): 0.5 byte + one fp16 scale and one packed 4-bit zero point
 *   per group of 128 → (4 + (16 + 4) / 128) / 8 = 0.51953125 bytes.
 *   Source: AutoAWQ `WQLinear_GEMM` buffers (`qweight`, `qzeros`, `scales`).
 */
export const WEIGHT_STORAGE_BYTES: Readonly<Record<WeightPrecision, number>> = {
  bf16: 2,
  fp8: 1,
  int8: 1,
  int4: (4 + (16 + 4) / 128) / 8,
};
