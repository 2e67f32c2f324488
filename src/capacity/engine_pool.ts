/**
 * The KV-cache pool an engine like vLLM allocates, per GPU, as its startup log reports it
 * (`Available KV cache memory: X GiB`, `GPU KV cache size: N tokens`).
 *
 *   kv = total memory × gpu_memory_utilization − weights − activation peak − non-torch − CUDA graphs
 *   tokens = ⌊kv ÷ (KV bytes per token per GPU × block size)⌋ × block size
 *
 * This is vLLM's own budget (PR #10511, "overhaul memory profiling", used by V0 ≥ 0.6.5 and V1
 * through 0.11+): `gpu_memory_utilization` is a fraction of the device's **total** memory.
 *
 * The activation peak is what vLLM's profiling run measures: a forward pass over
 * `max_num_batched_tokens` tokens, then a dummy sampler run over `max_num_seqs` rows of fp32 logits.
 * The larger of the two is the peak (they do not overlap):
 *
 *   forward = T × (3 × FFN ÷ TP + 3 × hidden) × 2 bytes   (MoE: k active experts' FFN per token)
 *   sampler = 9.7 × max_num_seqs × vocab × 4 bytes
 *
 * Both constants are fitted to published vLLM logs (`ENGINE_KV_MEASUREMENTS`): the sampler factor
 * 9.6–9.9 holds on 11 runs across V0 0.6.5 → V1 0.11 and four GPU types; the forward term fits the
 * V0 RTX 3090 runs (+0.92 GiB per +9,000 tokens). Non-torch memory (CUDA context extras, NCCL and
 * custom all-reduce buffers) grows with the GPUs of a replica: 0.13 GiB at TP 1, 0.55 at TP 2, ≈ 2.1 at
 * TP 8, fitted as 0.13 + 0.42 × (n − 1)^0.8 GiB. CUDA graphs were captured outside the budget through vLLM 0.20
 * (default 0 here; vLLM ≥ 0.21 subtracts an estimate: pass `cudaGraphGiB`).
 *
 * @module
 */

import type { GpuSpec, ModelArchitecture } from "../catalog/types.ts";
import { GiB } from "../units.ts";
import { nonNegativeNumber, oneOf, positiveInteger, unitFraction } from "../validate.ts";
import { type KvLayout, kvLayout, layoutBytesForContext } from "./kv.ts";
import { weightBytes } from "./memory.ts";
import { resolveParallelism } from "./parallel.ts";
import {
  KV_PRECISIONS,
  type KvPrecision,
  WEIGHT_PRECISIONS,
  type WeightPrecision,
} from "./precision.ts";
import { resolveGpu, resolveModel } from "./resolve.ts";

/** How the engine was started: vLLM's defaults differ between `vllm serve` and the `LLM` class. */
export type EngineEntrypoint = "serve" | "llm";

/** Options of `engineKvCapacity`, named as vLLM's flags are. */
export interface EngineKvOptions {
  /** Catalog id or architecture. */
  model: string | ModelArchitecture;
  /** Catalog id or spec of the GPU. */
  gpu: string | GpuSpec;
  /** `--tensor-parallel-size` (default 1). */
  tensorParallel?: number;
  /** `--pipeline-parallel-size` (default 1). */
  pipelineParallel?: number;
  /** `--gpu-memory-utilization`, a fraction of total device memory (default 0.9). */
  gpuMemoryUtilization?: number;
  /** Weight precision (default bf16). */
  weightPrecision?: WeightPrecision;
  /** `--kv-cache-dtype` (default bf16 = `auto` for bf16 models). */
  kvPrecision?: KvPrecision;
  /** `--max-model-len` (default: the model's maximum context). */
  maxModelLen?: number;
  /** `--max-num-batched-tokens` (default: vLLM V1's default for the GPU and entrypoint). */
  maxNumBatchedTokens?: number;
  /** `--max-num-seqs` (default: vLLM V1's default for the GPU). */
  maxNumSeqs?: number;
  /** `--block-size` (default 16). */
  blockSize?: number;
  /** Which defaults apply (default `"serve"`). */
  entrypoint?: EngineEntrypoint;
  /** Override the modelled activation peak, GiB. */
  activationGiB?: number;
  /** Override the modelled non-torch memory, GiB. */
  nonTorchGiB?: number;
  /** CUDA-graph memory the engine subtracts, GiB (default 0: vLLM ≤ 0.20 does not). */
  cudaGraphGiB?: number;
}

/** Where each GPU's memory goes, GiB. */
export interface EngineBudget {
  /** Device memory as the driver reports it. */
  totalGiB: number;
  /** total × gpu_memory_utilization. */
  usableGiB: number;
  /** Weights on this GPU. */
  weightsGiB: number;
  /** Activation peak of the profiling run. */
  activationGiB: number;
  /** Memory outside PyTorch's allocator (NCCL, cuBLAS workspaces). */
  nonTorchGiB: number;
  /** CUDA graphs, when the engine budgets them. */
  cudaGraphGiB: number;
  /** What is left for the KV cache (negative when nothing is). */
  kvGiB: number;
}

/** The engine settings a KV-pool result was computed with, defaults filled in. */
export interface EngineSettingsUsed {
  /** Tensor-parallel size. */
  tensorParallel: number;
  /** Pipeline-parallel size. */
  pipelineParallel: number;
  /** Fraction of device memory the engine may use. */
  gpuMemoryUtilization: number;
  /** Longest sequence admitted, tokens. */
  maxModelLen: number;
  /** Tokens in the profiling batch. */
  maxNumBatchedTokens: number;
  /** Sequences in the profiling batch. */
  maxNumSeqs: number;
  /** Weight precision. */
  weightPrecision: WeightPrecision;
  /** KV precision. */
  kvPrecision: KvPrecision;
}

/** Result of `engineKvCapacity`. */
export interface EngineKvResult {
  /** KV tokens one replica holds (`GPU KV cache size`); 0 when nothing fits. */
  tokens: number;
  /** KV blocks per GPU. */
  blocks: number;
  /** Tokens per block. */
  blockSize: number;
  /** KV-cache memory per GPU, GiB (whole blocks). */
  kvGiBPerGpu: number;
  /** KV bytes one token costs on one GPU, every layer counted (as vLLM counts tokens). */
  kvBytesPerTokenPerGpu: number;
  /** Sequences of `maxModelLen` tokens the pool holds at once (vLLM's `Maximum concurrency`). */
  maxConcurrency: number;
  /** False when the weights and activations leave no room, or not even one `maxModelLen` sequence fits. */
  fits: boolean;
  /** Why it does not fit; `null` when it does. */
  reason: string | null;
  /** Per-GPU memory budget. */
  budget: EngineBudget;
  /** Settings used, defaults filled in. */
  settings: EngineSettingsUsed;
}

/** Sampler bytes per (sequence × vocabulary entry): 9.7 fp32 copies. */
export const SAMPLER_BYTES_PER_LOGIT = 9.7 * 4;

/**
 * vLLM V1's default `max_num_batched_tokens` and `max_num_seqs` (vllm/engine/arg_utils.py): GPUs with
 * ≥ 70 GiB that are not A100s get 16,384 (`LLM`) / 8,192 (`serve`) tokens and 1,024 sequences;
 * others 8,192 / 2,048 tokens and 256 sequences.
 * @param gpu the GPU
 * @param entrypoint `serve` or `llm`
 * @returns the defaults
 */
export function vllmDefaults(
  gpu: GpuSpec,
  entrypoint: EngineEntrypoint = "serve",
): { maxNumBatchedTokens: number; maxNumSeqs: number } {
  const large = gpu.memoryGiB >= 70 && !/a100/i.test(gpu.id);
  if (large) {
    return { maxNumBatchedTokens: entrypoint === "llm" ? 16_384 : 8_192, maxNumSeqs: 1_024 };
  }
  return { maxNumBatchedTokens: entrypoint === "llm" ? 8_192 : 2_048, maxNumSeqs: 256 };
}

/**
 * The activation peak of vLLM's profiling run, bytes per GPU: the larger of the forward pass over
 * `maxNumBatchedTokens` tokens and the sampler over `maxNumSeqs` rows of logits.
 * @param arch the model
 * @param tensorParallel TP size (splits the FFN; logits are gathered whole on every rank)
 * @param maxNumBatchedTokens tokens in the profiling batch
 * @param maxNumSeqs sequences in the profiling batch
 * @returns bytes
 */
export function activationPeakBytes(
  arch: ModelArchitecture,
  tensorParallel: number,
  maxNumBatchedTokens: number,
  maxNumSeqs: number,
): number {
  const ffnPerToken = arch.moe
    ? (arch.moe.activeExperts + arch.moe.sharedExperts) * arch.moe.expertFfnDim
    : arch.ffnDim;
  const forward = maxNumBatchedTokens * (3 * ffnPerToken / tensorParallel + 3 * arch.hiddenDim) * 2;
  const sampler = Math.min(maxNumSeqs, maxNumBatchedTokens) * arch.vocabSize *
    SAMPLER_BYTES_PER_LOGIT;
  return Math.max(forward, sampler);
}

/**
 * Non-torch memory per GPU, GiB: 0.13 + 0.42 × (n − 1)^0.8 for a replica of n GPUs, fitted to
 * vLLM 0.11 on H100 (0.13 at TP 1, 0.55 at TP 2) and V0 on 8 × A100 (2.10 at TP 8). The published
 * points are all tensor-parallel; pipeline stages also hold NCCL communicator buffers, so capsim
 * charges TP × PP the same way (an assumption, not a measurement).
 * @param gpusPerReplica TP × PP
 * @returns GiB
 */
export function nonTorchGiB(gpusPerReplica: number): number {
  return 0.13 + 0.42 * Math.pow(gpusPerReplica - 1, 0.8);
}

/**
 * Tokens of KV one sequence of `maxModelLen` tokens reserves on one GPU, as vLLM's concurrency
 * estimate counts them: full layers hold the whole length; a sliding layer holds
 * min(window − 1 + maxNumBatchedTokens, maxModelLen) tokens plus one block.
 */
function sequenceBytes(
  layout: KvLayout,
  maxModelLen: number,
  batched: number,
  block: number,
): number {
  const roundUp = (t: number) => Math.ceil(t / block) * block;
  const full = layout.layerBytesPerToken * layout.fullLayers * roundUp(maxModelLen);
  if (layout.slidingLayers === 0) return full;
  const slidingTokens = roundUp(Math.min(layout.window - 1 + batched, maxModelLen)) + block;
  return full + layout.layerBytesPerToken * layout.slidingLayers * slidingTokens;
}

/**
 * The KV-cache pool vLLM allocates for a model on a GPU, per GPU of one replica.
 * @param options model, GPU, layout and engine flags (see `EngineKvOptions`)
 * @returns tokens, blocks, GiB per GPU, max concurrency and the whole memory budget
 * @throws {RangeError|TypeError} any invalid option, named
 * @example vLLM 0.11 on an H100 (79.18 GiB), util 0.90, Llama-3.1-8B bf16, block size 128: the log
 * says 51.38 GiB for KV, i.e. ⌊51.38 GiB ÷ (128 KiB × 128)⌋ × 128 = 420,864 tokens.
 * ```ts
 * import { engineKvCapacity } from "./engine_pool.ts";
 * import { ok } from "node:assert/strict";
 * const r = engineKvCapacity({ model: "llama-3.1-8b", gpu: "h100-sxm", blockSize: 128, maxModelLen: 16_000 });
 * ok(Math.abs(r.tokens - 420_864) / 420_864 < 0.10);
 * ```
 */
export function engineKvCapacity(options: EngineKvOptions): EngineKvResult {
  const model = resolveModel(options.model);
  const gpu = resolveGpu(options.gpu);
  const tp = positiveInteger("tensorParallel", options.tensorParallel ?? 1);
  const pp = positiveInteger("pipelineParallel", options.pipelineParallel ?? 1);
  resolveParallelism(model, tp * pp, { tensorParallel: tp, pipelineParallel: pp });
  const util = unitFraction("gpuMemoryUtilization", options.gpuMemoryUtilization ?? 0.9);
  const weightPrecision = oneOf(
    "weightPrecision",
    options.weightPrecision ?? "bf16",
    WEIGHT_PRECISIONS,
  );
  const kvPrecision = oneOf("kvPrecision", options.kvPrecision ?? "bf16", KV_PRECISIONS);
  const maxModelLen = positiveInteger("maxModelLen", options.maxModelLen ?? model.maxContext);
  if (maxModelLen > model.maxContext) {
    throw new RangeError(
      `maxModelLen: expected ≤ ${model.id}'s maximum context (${model.maxContext}); received ${maxModelLen}`,
    );
  }
  const defaults = vllmDefaults(
    gpu,
    oneOf<EngineEntrypoint>("entrypoint", options.entrypoint ?? "serve", ["serve", "llm"]),
  );
  const batched = positiveInteger(
    "maxNumBatchedTokens",
    options.maxNumBatchedTokens ?? defaults.maxNumBatchedTokens,
  );
  const maxNumSeqs = positiveInteger("maxNumSeqs", options.maxNumSeqs ?? defaults.maxNumSeqs);
  const block = positiveInteger("blockSize", options.blockSize ?? 16);

  const weightsGiB =
    weightBytes(model, weightPrecision, { tensorParallel: tp, pipelineParallel: pp }) / GiB;
  const activationGiB = options.activationGiB === undefined
    ? activationPeakBytes(model, tp, batched, maxNumSeqs) / GiB
    : nonNegativeNumber("activationGiB", options.activationGiB);
  const nonTorch = options.nonTorchGiB === undefined
    ? nonTorchGiB(tp * pp)
    : nonNegativeNumber("nonTorchGiB", options.nonTorchGiB);
  const cudaGraphGiB = nonNegativeNumber("cudaGraphGiB", options.cudaGraphGiB ?? 0);
  const usableGiB = gpu.memoryGiB * util;
  const kvGiB = usableGiB - weightsGiB - activationGiB - nonTorch - cudaGraphGiB;

  const layout = kvLayout(model, kvPrecision, { tensorParallel: tp, pipelineParallel: pp });
  const perToken = layout.layerBytesPerToken * (layout.fullLayers + layout.slidingLayers);
  const blocks = Math.max(0, Math.floor((kvGiB * GiB) / (perToken * block)));
  const poolBytes = blocks * block * perToken;
  const maxConcurrency = poolBytes / sequenceBytes(layout, maxModelLen, batched, block);
  let reason: string | null = null;
  if (blocks === 0) {
    reason =
      `weights (${weightsGiB.toFixed(2)} GiB), activations (${activationGiB.toFixed(2)} GiB) and ` +
      `non-torch memory (${nonTorch.toFixed(2)} GiB) leave no room for KV cache in ` +
      `${usableGiB.toFixed(2)} GiB (${gpu.memoryGiB} GiB × ${util})`;
  } else if (maxConcurrency < 1) {
    reason = `the KV pool (${blocks * block} tokens) cannot hold one sequence of maxModelLen ` +
      `${maxModelLen} tokens; lower maxModelLen or add GPUs`;
  }
  return {
    tokens: blocks * block,
    blocks,
    blockSize: block,
    kvGiBPerGpu: poolBytes / GiB,
    kvBytesPerTokenPerGpu: perToken,
    maxConcurrency,
    fits: reason === null,
    reason,
    budget: {
      totalGiB: gpu.memoryGiB,
      usableGiB,
      weightsGiB,
      activationGiB,
      nonTorchGiB: nonTorch,
      cudaGraphGiB,
      kvGiB,
    },
    settings: {
      tensorParallel: tp,
      pipelineParallel: pp,
      gpuMemoryUtilization: util,
      maxModelLen,
      maxNumBatchedTokens: batched,
      maxNumSeqs,
      weightPrecision,
      kvPrecision,
    },
  };
}

/**
 * KV bytes one sequence of `tokens` tokens occupies in the engine's pool on one GPU, rounded up to
 * whole blocks (sliding layers capped at their window).
 * @param layout from `kvLayout`
 * @param tokens the sequence's context
 * @param blockSize tokens per block
 * @returns bytes
 */
export function pooledSequenceBytes(layout: KvLayout, tokens: number, blockSize: number): number {
  return layoutBytesForContext(layout, Math.ceil(tokens / blockSize) * blockSize);
}
