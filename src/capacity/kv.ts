/**
 * KV-cache size: bytes per token and per context, per GPU of a tensor/pipeline-parallel group.
 *
 * - MHA/GQA/MQA: each layer caches a key and a value vector per KV head:
 *   `2 × layers × kvHeads × headDim × bytes(precision)` per token (vLLM `FullAttentionSpec.page_size_bytes`).
 * - MLA (DeepSeek-V2/V3): each layer caches one latent of `kvLoraRank + qkRopeHeadDim` elements
 *   (vLLM `MLAAttentionSpec`; DeepSeek-V2 paper §2.1.3), and every TP rank holds it whole.
 * - Sliding-window layers never hold more than `window` tokens of a sequence.
 * - Under TP each GPU holds kvHeads ÷ TP heads (at least one); under PP the largest stage's layers.
 *
 * @example Llama-3.1-70B at bf16: 2 × 80 × 8 × 128 × 2 = 327,680 bytes per token, on one GPU;
 * split over TP 4, each GPU holds a quarter.
 * ```ts
 * import { kvBytesPerToken } from "./kv.ts";
 * import { DEFAULT_ARCHITECTURES } from "../catalog/models.ts";
 * import { equal } from "node:assert/strict";
 * const llama70b = DEFAULT_ARCHITECTURES["llama-3.1-70b"];
 * equal(kvBytesPerToken(llama70b, "bf16"), 327_680);
 * equal(kvBytesPerToken(llama70b, "fp8", { tensorParallel: 4 }), 40_960);
 * ```
 * @module
 */

import type { ModelArchitecture } from "../catalog/types.ts";
import { GiB } from "../units.ts";
import { nonNegativeNumber, oneOf, positiveInteger } from "../validate.ts";
import { kvHeadsPerGpu, layersPerStage } from "./parallel.ts";
import { KV_PRECISIONS, type KvPrecision, PRECISION_BYTES } from "./precision.ts";
import { resolveModel } from "./resolve.ts";

/** How the model is split, for per-GPU figures. Both default to 1 (the whole model). */
export interface KvLayoutOptions {
  /** Tensor-parallel size: KV heads are split across these GPUs. */
  tensorParallel?: number;
  /** Pipeline-parallel size: layers are split into this many stages (figures are the largest stage's). */
  pipelineParallel?: number;
}

/** A KV-cache size in the units callers want. */
export interface KvCacheSize {
  /** Bytes. */
  bytes: number;
  /** GiB (2^30 bytes). Named `gb` for compatibility with the reference system; it is GiB. */
  gb: number;
  /** GiB (2^30 bytes). */
  gib: number;
}

/** The layer groups of a model's KV cache on one GPU: full-attention and sliding-window layers. */
export interface KvLayout {
  /** Bytes one token costs in one layer on one GPU. */
  layerBytesPerToken: number;
  /** Full-attention layers on the GPU (fractional for uneven pipeline stages of hybrid models). */
  fullLayers: number;
  /** Sliding-window layers on the GPU. */
  slidingLayers: number;
  /** Window of the sliding layers in tokens (`Infinity` when there are none). */
  window: number;
}

function layoutArgs(options: KvLayoutOptions): { tp: number; pp: number } {
  return {
    tp: options.tensorParallel === undefined
      ? 1
      : positiveInteger("tensorParallel", options.tensorParallel),
    pp: options.pipelineParallel === undefined
      ? 1
      : positiveInteger("pipelineParallel", options.pipelineParallel),
  };
}

/**
 * The per-GPU layer groups of a model's KV cache.
 * @param arch the model
 * @param precision KV precision (default bf16)
 * @param options tensor/pipeline-parallel sizes
 * @returns bytes per token per layer and the number of full and sliding layers on one GPU
 * @throws {RangeError|TypeError} an invalid architecture, precision or layout
 */
export function kvLayout(
  arch: ModelArchitecture,
  precision: KvPrecision = "bf16",
  options: KvLayoutOptions = {},
): KvLayout {
  const model = resolveModel(arch, "arch");
  const bytes = PRECISION_BYTES[oneOf("precision", precision, KV_PRECISIONS)];
  const { tp, pp } = layoutArgs(options);
  const width = model.attentionType === "mla"
    ? model.mla!.kvLoraRank + model.mla!.qkRopeHeadDim
    : 2 * kvHeadsPerGpu(model, tp) * model.headDim;
  const share = layersPerStage(model, pp) / model.layers;
  const sliding = model.slidingWindow?.layers ?? 0;
  return {
    layerBytesPerToken: width * bytes,
    fullLayers: (model.layers - sliding) * share,
    slidingLayers: sliding * share,
    window: model.slidingWindow?.window ?? Infinity,
  };
}

/**
 * KV-cache bytes one token costs on one GPU, when every layer holds it (always true for MHA, GQA,
 * MQA and MLA; for sliding-window layers, true within the window — use `kvCacheForContext` for a
 * whole context).
 * @param arch the model
 * @param precision KV precision (default bf16)
 * @param options tensor/pipeline-parallel sizes (default: the whole model on one GPU)
 * @returns bytes per token
 * @throws {RangeError|TypeError} an invalid architecture, precision or layout
 */
export function kvBytesPerToken(
  arch: ModelArchitecture,
  precision: KvPrecision = "bf16",
  options: KvLayoutOptions = {},
): number {
  const layout = kvLayout(arch, precision, options);
  return layout.layerBytesPerToken * (layout.fullLayers + layout.slidingLayers);
}

/**
 * Bytes a KV layout holds for one sequence of `tokens` tokens: full layers hold every token,
 * sliding layers at most their window.
 * @param layout from `kvLayout`
 * @param tokens context length in tokens (≥ 0)
 * @returns bytes on one GPU
 */
export function layoutBytesForContext(layout: KvLayout, tokens: number): number {
  return layout.layerBytesPerToken *
    (layout.fullLayers * tokens + layout.slidingLayers * Math.min(tokens, layout.window));
}

/**
 * KV cache one sequence of `tokens` tokens holds on one GPU.
 * @param arch the model
 * @param tokens context length in tokens (≥ 0; not clamped here — callers clamp to `maxContext`)
 * @param precision KV precision (default bf16)
 * @param options tensor/pipeline-parallel sizes
 * @returns the size in bytes and GiB
 * @throws {RangeError|TypeError} negative or non-finite tokens, or an invalid model or precision
 * @example Llama-3.1-8B, 16,000 tokens at bf16: 16,000 × 131,072 B = 1.953125 GiB.
 * ```ts
 * import { kvCacheForContext } from "./kv.ts";
 * import { DEFAULT_ARCHITECTURES } from "../catalog/models.ts";
 * import { equal } from "node:assert/strict";
 * equal(kvCacheForContext(DEFAULT_ARCHITECTURES["llama-3.1-8b"], 16_000).gib, 1.953125);
 * ```
 */
export function kvCacheForContext(
  arch: ModelArchitecture,
  tokens: number,
  precision: KvPrecision = "bf16",
  options: KvLayoutOptions = {},
): KvCacheSize {
  nonNegativeNumber("tokens", tokens);
  const bytes = layoutBytesForContext(kvLayout(arch, precision, options), tokens);
  return { bytes, gb: bytes / GiB, gib: bytes / GiB };
}

/**
 * How many tokens of KV cache fit in a memory budget: budget ÷ bytes per token. For hybrid models
 * whose sequence outgrows the window, only the full-attention layers keep growing, so this is the
 * longest single sequence that fits: (budget − sliding layers × window) ÷ full-layer bytes per
 * token. Not clamped to the model's maximum context.
 * @param arch the model
 * @param memoryGb budget in GiB (named `Gb` for compatibility with the reference system)
 * @param precision KV precision (default bf16)
 * @param options tensor/pipeline-parallel sizes
 * @returns whole tokens (≥ 0)
 * @throws {RangeError|TypeError} a negative or non-finite budget, or an invalid model or precision
 */
export function maxContextForMemory(
  arch: ModelArchitecture,
  memoryGb: number,
  precision: KvPrecision = "bf16",
  options: KvLayoutOptions = {},
): number {
  const budget = nonNegativeNumber("memoryGb", memoryGb) * GiB;
  const layout = kvLayout(arch, precision, options);
  const all = layout.layerBytesPerToken * (layout.fullLayers + layout.slidingLayers);
  const withinWindow = Math.floor(budget / all);
  if (withinWindow <= layout.window || layout.fullLayers === 0) return withinWindow;
  const slidingBytes = layout.layerBytesPerToken * layout.slidingLayers * layout.window;
  return Math.floor((budget - slidingBytes) / (layout.layerBytesPerToken * layout.fullLayers));
}
