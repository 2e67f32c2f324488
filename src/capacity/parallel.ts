/**
 * How a model is laid out over GPUs: tensor parallelism (TP) splits every layer's heads and FFN
 * across GPUs, pipeline parallelism (PP) splits the layers into stages, and data-parallel replicas
 * each hold a whole copy. vLLM's rules: TP must divide the attention heads, and the KV heads must
 * divide by TP or TP by the KV heads (then each KV head is replicated on TP ÷ kvHeads GPUs).
 * Source: vLLM `ModelConfig.verify_with_parallel_config` and `QKVParallelLinear`.
 *
 * @example
 * ```ts
 * import { resolveParallelism } from "./parallel.ts";
 * import { deepEqual } from "node:assert/strict";
 * import { DEFAULT_ARCHITECTURES } from "../catalog/models.ts";
 * // Llama-3.1-70B has 64 heads: 6 GPUs cannot be TP 6, so the default is TP 2 × PP 3.
 * deepEqual(resolveParallelism(DEFAULT_ARCHITECTURES["llama-3.1-70b"], 6), {
 *   tensorParallel: 2, pipelineParallel: 3, replicas: 1, idleGpus: 0,
 * });
 * ```
 * @module
 */

import type { ModelArchitecture } from "../catalog/types.ts";
import { positiveInteger } from "../validate.ts";

/** A layout of one model over a GPU count. */
export interface Parallelism {
  /** GPUs each layer is split over. */
  tensorParallel: number;
  /** Pipeline stages (layer groups). */
  pipelineParallel: number;
  /** Independent copies of the model (data parallel). */
  replicas: number;
  /** GPUs of the deployment left unused because no valid layout uses them to advantage. */
  idleGpus: number;
}

/** Options of `resolveParallelism`. */
export interface ParallelismOptions {
  /** Tensor-parallel size; default: the largest valid divisor of the GPU count. */
  tensorParallel?: number;
  /** Pipeline-parallel size; default 1 when `tensorParallel` is given, else GPUs ÷ TP. */
  pipelineParallel?: number;
}

/**
 * Whether vLLM accepts this tensor-parallel size for the model.
 * @param arch the model
 * @param tp the tensor-parallel size
 * @returns true when `tp` divides the attention heads and the KV heads divide by `tp` (or `tp`
 *   by them); MLA caches are replicated, so only the heads matter there
 */
export function isValidTensorParallel(arch: ModelArchitecture, tp: number): boolean {
  if (arch.attentionHeads % tp !== 0) return false;
  if (arch.attentionType === "mla") return true;
  return arch.kvHeads % tp === 0 || tp % arch.kvHeads === 0;
}

/**
 * KV heads each GPU of a tensor-parallel group caches: kvHeads ÷ TP, or 1 when TP exceeds the
 * KV heads (vLLM replicates them). MLA's latent is not split by head: every GPU caches it whole.
 * @param arch the model
 * @param tp the tensor-parallel size
 * @returns KV heads per GPU (for MLA, 1 latent "head")
 */
export function kvHeadsPerGpu(arch: ModelArchitecture, tp: number): number {
  if (arch.attentionType === "mla") return 1;
  return Math.max(1, arch.kvHeads / tp);
}

/**
 * Layers on the most loaded pipeline stage: ⌈layers ÷ PP⌉.
 * @param arch the model
 * @param pp the pipeline-parallel size
 * @returns the layer count of the largest stage
 */
export function layersPerStage(arch: ModelArchitecture, pp: number): number {
  return Math.ceil(arch.layers / pp);
}

/**
 * Chooses (or checks) TP × PP × replicas for a GPU count.
 * @param arch the model
 * @param gpuCount GPUs available (integer ≥ 1)
 * @param options explicit TP and PP sizes
 * @returns the layout; TP × PP × replicas = gpuCount (no idle GPUs)
 * @throws {RangeError} a size that is not a positive integer, that does not divide the GPU count,
 *   or a TP that the model's head counts do not allow
 */
export function resolveParallelism(
  arch: ModelArchitecture,
  gpuCount: number,
  options: ParallelismOptions = {},
): Parallelism {
  positiveInteger("gpuCount", gpuCount);
  if (options.tensorParallel === undefined) {
    if (options.pipelineParallel !== undefined) {
      positiveInteger("pipelineParallel", options.pipelineParallel);
    }
    const pp = options.pipelineParallel ?? 1;
    if (gpuCount % pp !== 0) {
      throw new RangeError(
        `pipelineParallel: expected a divisor of gpuCount (${gpuCount}); received ${pp}`,
      );
    }
    const perStage = gpuCount / pp;
    let tp = perStage;
    while (tp > 1 && !(perStage % tp === 0 && isValidTensorParallel(arch, tp))) tp--;
    const stages = options.pipelineParallel ?? perStage / tp;
    return checkStages(arch, {
      tensorParallel: tp,
      pipelineParallel: stages,
      replicas: gpuCount / (tp * stages),
      idleGpus: 0,
    });
  }
  const tp = positiveInteger("tensorParallel", options.tensorParallel);
  const pp = positiveInteger("pipelineParallel", options.pipelineParallel ?? 1);
  if (!isValidTensorParallel(arch, tp)) {
    throw new RangeError(
      `tensorParallel: expected a divisor of ${arch.id}'s ${arch.attentionHeads} attention heads ` +
        `compatible with its ${arch.kvHeads} KV heads; received ${tp}`,
    );
  }
  if (gpuCount % (tp * pp) !== 0) {
    throw new RangeError(
      `tensorParallel × pipelineParallel: expected a divisor of gpuCount (${gpuCount}); received ${
        tp * pp
      }`,
    );
  }
  return checkStages(arch, {
    tensorParallel: tp,
    pipelineParallel: pp,
    replicas: gpuCount / (tp * pp),
    idleGpus: 0,
  });
}

function checkStages(arch: ModelArchitecture, layout: Parallelism): Parallelism {
  if (layout.pipelineParallel > arch.layers) {
    throw new RangeError(
      `pipelineParallel: expected ≤ ${arch.id}'s ${arch.layers} layers; received ${layout.pipelineParallel}`,
    );
  }
  return layout;
}
