/**
 * Weight memory: what a checkpoint occupies on the GPUs, derived from the exact parameter count.
 *
 * Quantized checkpoints (FP8-Dynamic, W8A8, AWQ, GPTQ) quantize the linear layers only; the
 * embedding and the output head stay at bf16 (llm-compressor and AutoAWQ both leave `lm_head` and
 * `embed_tokens` unquantized). So
 * `bytes = (totalParams − embeddingParams) × storageBytes(precision) + embeddingParams × 2`, where
 * `embeddingParams = vocab × hidden × (tied ? 1 : 2)`. Under TP every matrix, embeddings included,
 * is split across the GPUs (vLLM `VocabParallelEmbedding`, `ParallelLMHead`).
 *
 * @example Llama-3.1-8B (8,030,261,248 parameters) at bf16 is 14.96 GiB, what vLLM logs as
 * "Model loading took 14.99 GiB" (the remainder is buffers such as RoPE caches).
 * ```ts
 * import { weightMemory } from "./memory.ts";
 * import { DEFAULT_ARCHITECTURES } from "../catalog/models.ts";
 * import { ok } from "node:assert/strict";
 * const gib = weightMemory(DEFAULT_ARCHITECTURES["llama-3.1-8b"], "bf16");
 * ok(Math.abs(gib - 8_030_261_248 * 2 / 2 ** 30) < 1e-9);
 * ```
 * @module
 */

import type { ModelArchitecture } from "../catalog/types.ts";
import { GiB } from "../units.ts";
import { oneOf } from "../validate.ts";
import { layersPerStage } from "./parallel.ts";
import type { KvLayoutOptions } from "./kv.ts";
import { WEIGHT_PRECISIONS, WEIGHT_STORAGE_BYTES, type WeightPrecision } from "./precision.ts";
import { resolveModel } from "./resolve.ts";

/**
 * Parameters in the input embedding and the output head (one matrix when tied).
 * @param arch the model
 * @returns vocab × hidden × (tied ? 1 : 2)
 */
export function embeddingParams(arch: ModelArchitecture): number {
  return arch.vocabSize * arch.hiddenDim * (arch.tiedEmbeddings ? 1 : 2);
}

/**
 * Weight bytes on one GPU (the most loaded one under pipeline parallelism).
 * @param arch the model
 * @param precision weight precision (default bf16)
 * @param options tensor/pipeline-parallel sizes (default 1 and 1)
 * @returns bytes per GPU
 * @throws {RangeError|TypeError} an invalid model, precision or layout
 */
export function weightBytes(
  arch: ModelArchitecture,
  precision: WeightPrecision = "bf16",
  options: KvLayoutOptions = {},
): number {
  const model = resolveModel(arch, "arch");
  const storage = WEIGHT_STORAGE_BYTES[oneOf("weightPrecision", precision, WEIGHT_PRECISIONS)];
  const tp = options.tensorParallel ?? 1;
  const pp = options.pipelineParallel ?? 1;
  const embed = embeddingParams(model);
  const linear = model.totalParams - embed;
  if (pp === 1) return (linear * storage + embed * WEIGHT_STORAGE_BYTES.bf16) / tp;
  const stageShare = layersPerStage(model, pp) / model.layers;
  // An end stage holds one of the two vocabulary matrices (a copy of it when tied).
  const stageEmbed = model.vocabSize * model.hiddenDim;
  return (linear * stageShare * storage + stageEmbed * WEIGHT_STORAGE_BYTES.bf16) / tp;
}

/**
 * Total weight memory of one copy of the model, in GiB (the reference system's function; it
 * returned decimal-ish "GB" from a hand-typed size, this derives it from the parameter count).
 * @param arch the model
 * @param precision weight precision (default bf16)
 * @returns GiB
 * @throws {RangeError|TypeError} an invalid model or precision
 */
export function weightMemory(arch: ModelArchitecture, precision: WeightPrecision = "bf16"): number {
  return weightBytes(arch, precision) / GiB;
}
