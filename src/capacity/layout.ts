/**
 * The default layout of a deployment: how capsim splits one model replica over the GPUs it is
 * given when the caller does not pin TP and PP.
 *
 * Every valid TP × PP split of k ≤ gpuCount GPUs is sized with `engineKvCapacity` and the one
 * with the most KV tokens wins; exact ties go to the larger TP (lower latency), then to fewer GPUs. GPUs no split uses to advantage stay idle and are reported, and still
 * paid for: 9 × H100 for Llama-3.1-8B is TP 8 with one idle GPU, because a ninth GPU cannot share
 * 8 KV heads. Because the candidates for n + 1 GPUs include those for n, more GPUs never give a
 * smaller pool. Tensor parallelism suits GQA models until TP exceeds the KV heads (heads are then
 * replicated); MLA latents are replicated on every TP rank, so pipeline stages hold more of them.
 *
 * @example
 * ```ts
 * import { bestLayout } from "./layout.ts";
 * import { DEFAULT_ARCHITECTURES } from "../catalog/models.ts";
 * import { DEFAULT_GPU_SPECS } from "../catalog/gpus.ts";
 * import { deepEqual } from "node:assert/strict";
 * deepEqual(bestLayout(DEFAULT_ARCHITECTURES["llama-3.1-8b"], DEFAULT_GPU_SPECS["h100-sxm"], 9), {
 *   tensorParallel: 8, pipelineParallel: 1, replicas: 1, idleGpus: 1,
 * });
 * ```
 * @module
 */

import type { GpuSpec, ModelArchitecture } from "../catalog/types.ts";
import { positiveInteger } from "../validate.ts";
import { engineKvCapacity } from "./engine_pool.ts";
import { isValidTensorParallel, type Parallelism } from "./parallel.ts";
import type { WeightPrecision } from "./precision.ts";

/** Engine settings that change which layout holds the most KV. */
export interface LayoutOptions {
  /** Weight precision (default bf16). */
  weightPrecision?: WeightPrecision;
  /** `gpu_memory_utilization` (default 0.9). */
  gpuMemoryUtilization?: number;
  /** `max_num_batched_tokens` (default: vLLM's for the GPU). */
  maxNumBatchedTokens?: number;
  /** `max_num_seqs` (default: vLLM's for the GPU). */
  maxNumSeqs?: number;
}

const memo = new WeakMap<ModelArchitecture, WeakMap<GpuSpec, Map<string, Parallelism>>>();

/**
 * The TP × PP split of at most `gpuCount` GPUs that gives one replica the largest KV pool.
 * @param arch the (checked) model
 * @param gpu the (checked) GPU
 * @param gpuCount GPUs available (integer ≥ 1)
 * @param options engine settings the pool depends on
 * @returns the layout, with `replicas: 1` and the GPUs it leaves idle
 * @throws {RangeError} a GPU count that is not a positive integer
 */
export function bestLayout(
  arch: ModelArchitecture,
  gpu: GpuSpec,
  gpuCount: number,
  options: LayoutOptions = {},
): Parallelism {
  positiveInteger("gpuCount", gpuCount);
  const key = `${gpuCount}|${options.weightPrecision}|${options.gpuMemoryUtilization}|` +
    `${options.maxNumBatchedTokens}|${options.maxNumSeqs}`;
  let byGpu = memo.get(arch);
  if (!byGpu) memo.set(arch, byGpu = new WeakMap());
  let byKey = byGpu.get(gpu);
  if (!byKey) byGpu.set(gpu, byKey = new Map());
  const cached = byKey.get(key);
  if (cached) return { ...cached };

  let best: Parallelism = {
    tensorParallel: 1,
    pipelineParallel: 1,
    replicas: 1,
    idleGpus: gpuCount - 1,
  };
  let bestTokens = -1;
  for (let tp = gpuCount; tp >= 1; tp--) {
    if (!isValidTensorParallel(arch, tp)) continue;
    for (let pp = Math.min(Math.floor(gpuCount / tp), arch.layers); pp >= 1; pp--) {
      const tokens = engineKvCapacity({
        model: arch,
        gpu,
        tensorParallel: tp,
        pipelineParallel: pp,
        maxModelLen: 1,
        ...options,
      }).tokens;
      if (tokens > bestTokens) {
        best = {
          tensorParallel: tp,
          pipelineParallel: pp,
          replicas: 1,
          idleGpus: gpuCount - tp * pp,
        };
        bestTokens = tokens;
      }
    }
  }
  byKey.set(key, best);
  return { ...best };
}
