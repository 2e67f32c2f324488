/**
 * Decode (TPOT) and prefill (TTFT) latency from a roofline with measured efficiencies.
 *
 * Decode: every step streams the weights once (for MoE, the experts the batch touches) and the KV
 * cache of every sequence in the batch, and does 2 FLOPs per active parameter per token plus the
 * attention FLOPs. It is memory-bound at small batch and compute-bound at large batch:
 *
 *   step = max(bytes ÷ (bandwidth × η_bw), flops ÷ (peak × η_decode)) + TP all-reduces + overhead
 *
 * Prefill: 2 × non-embedding active params × N + 2 × N² × d_attn per layer (causal), at the peak
 * of the weight precision (fp8 on Hopper ≈ 2× bf16) × MFU, and never faster than one read of the
 * weights. With C requests arriving together and served first come, first served, the mean
 * TTFT is single × (C + 1) ÷ 2.
 *
 * Sources: Kaplan et al. 2020 (2N FLOPs per token), "LLM Inference Performance Engineering"
 * (Databricks, 2023: decode is memory-bound, MBU 55–60 % at batch 1), NVIDIA NCCL tests
 * (all-reduce time = α + 2(n−1)/n × bytes ÷ bus bandwidth). Efficiencies are calibrated on the
 * published measurements in `accuracy.ts`.
 *
 * @module
 */

import type { GpuSpec, ModelArchitecture } from "../catalog/types.ts";
import { GB, MS_PER_S, TB, TFLOPS } from "../units.ts";
import {
  nonNegativeNumber,
  oneOf,
  positiveInteger,
  positiveNumber,
  unitFraction,
} from "../validate.ts";
import { kvLayout, layoutBytesForContext } from "./kv.ts";
import { embeddingParams, weightBytes } from "./memory.ts";
import { resolveParallelism } from "./parallel.ts";
import {
  KV_PRECISIONS,
  type KvPrecision,
  WEIGHT_PRECISIONS,
  WEIGHT_STORAGE_BYTES,
  type WeightPrecision,
} from "./precision.ts";
import { resolveGpu, resolveModel } from "./resolve.ts";

/** The measured fractions of peak that real engines reach, and fixed costs. */
export interface EfficiencyFactors {
  /** Fraction of peak HBM bandwidth a decode step achieves (η_bw, MBU). */
  bandwidth: number;
  /** Model FLOPs utilisation of prefill (MFU), of the weight precision's peak (attention: bf16's). */
  prefillCompute: number;
  /** Fraction of peak compute a compute-bound decode step achieves. */
  decodeCompute: number;
  /** Fixed cost of one decode step in ms (scheduling, sampling, launches CUDA graphs do not hide). */
  stepOverheadMs: number;
  /** Fixed cost of a prefill in ms (tokenizer-side work excluded; scheduling, launches, sampling). */
  prefillOverheadMs: number;
  /** Latency of one small all-reduce in µs (α of the α–β model). */
  allReduceLatencyUs: number;
  /** Fraction of the one-way link bandwidth an all-reduce achieves. */
  linkEfficiency: number;
}

/**
 * Default efficiencies, fitted to the published single-request measurements listed in
 * `ACCURACY_LATENCY` (see the README's accuracy table).
 */
export const DEFAULT_EFFICIENCY: Readonly<EfficiencyFactors> = {
  bandwidth: 0.75,
  prefillCompute: 0.5,
  decodeCompute: 0.5,
  stepOverheadMs: 1.5,
  prefillOverheadMs: 4,
  allReduceLatencyUs: 30,
  linkEfficiency: 0.7,
};

/** Options of `estimateLatency`. */
export interface LatencyOptions {
  /** Catalog id or architecture. */
  model: string | ModelArchitecture;
  /** Catalog id or spec of the GPU. */
  gpu: string | GpuSpec;
  /** Tensor-parallel size (default 1). */
  tensorParallel?: number;
  /** Pipeline-parallel size (default 1). */
  pipelineParallel?: number;
  /** Weight precision (default bf16). */
  weightPrecision?: WeightPrecision;
  /** KV precision (default bf16). */
  kvPrecision?: KvPrecision;
  /** Prompt tokens of each request (clamped to the model's maximum context). */
  promptTokens: number;
  /** Output tokens of each request (default 1). TPOT is taken at prompt + output ÷ 2 context. */
  outputTokens?: number;
  /** Requests in flight together (default 1). */
  concurrency?: number;
  /** Override any efficiency factor. */
  efficiency?: Partial<EfficiencyFactors>;
}

/** Where a decode step's time goes, in ms. */
export interface DecodeBreakdown {
  /** Reading the weights at η_bw. */
  weightReadMs: number;
  /** Reading the batch's KV cache at η_bw. */
  kvReadMs: number;
  /** The step's FLOPs at η_decode. */
  computeMs: number;
  /** Tensor- and pipeline-parallel communication. */
  commMs: number;
  /** Fixed per-step overhead. */
  overheadMs: number;
}

/** Result of `estimateLatency`. */
export interface LatencyResult {
  /** Mean time to first token over the concurrent requests, ms. */
  ttftMs: number;
  /** Time per output token (inter-token latency) at the given concurrency, ms. */
  tpotMs: number;
  /** One prefill with no queue, ms. */
  prefillMs: number;
  /** TTFT + TPOT × (outputTokens − 1), ms. */
  e2eMs: number;
  /** Output tokens per second across all concurrent requests. */
  decodeTokensPerS: number;
  /** What limits a decode step. */
  decodeBound: "memory" | "compute";
  /** The decode step's parts. */
  decode: DecodeBreakdown;
  /** Prompt tokens used after clamping. */
  promptTokens: number;
  /** True when the prompt (or prompt + output) was clamped to the model's maximum context. */
  clamped: boolean;
}

/** A model, GPU and layout with everything checked, ready for the latency formulas. */
export interface LatencyContext {
  /** The checked model. */
  model: ModelArchitecture;
  /** The checked GPU. */
  gpu: GpuSpec;
  /** Tensor-parallel size of one replica. */
  tensorParallel: number;
  /** Pipeline-parallel size of one replica. */
  pipelineParallel: number;
  /** Weight precision. */
  weightPrecision: WeightPrecision;
  /** KV precision. */
  kvPrecision: KvPrecision;
  /** Efficiencies, defaults and overrides merged. */
  efficiency: EfficiencyFactors;
}

/** Fields shared by `LatencyOptions` and the reference-style helpers. */
export type LatencyContextOptions = Omit<
  LatencyOptions,
  "promptTokens" | "outputTokens" | "concurrency"
>;

/**
 * Checks a model/GPU/layout once, for many latency evaluations.
 * @param options model, GPU, layout, precisions, efficiency overrides
 * @returns the checked context
 * @throws {RangeError|TypeError} any invalid field, named
 */
export function latencyContext(options: LatencyContextOptions): LatencyContext {
  const model = resolveModel(options.model);
  const gpu = resolveGpu(options.gpu);
  const tp = options.tensorParallel ?? 1;
  const pp = options.pipelineParallel ?? 1;
  resolveParallelism(
    model,
    positiveInteger("tensorParallel", tp) * positiveInteger("pipelineParallel", pp),
    {
      tensorParallel: tp,
      pipelineParallel: pp,
    },
  );
  const efficiency = { ...DEFAULT_EFFICIENCY, ...options.efficiency };
  unitFraction("efficiency.bandwidth", efficiency.bandwidth);
  unitFraction("efficiency.prefillCompute", efficiency.prefillCompute);
  nonNegativeNumber("efficiency.prefillOverheadMs", efficiency.prefillOverheadMs);
  unitFraction("efficiency.decodeCompute", efficiency.decodeCompute);
  unitFraction("efficiency.linkEfficiency", efficiency.linkEfficiency);
  nonNegativeNumber("efficiency.stepOverheadMs", efficiency.stepOverheadMs);
  nonNegativeNumber("efficiency.allReduceLatencyUs", efficiency.allReduceLatencyUs);
  return {
    model,
    gpu,
    tensorParallel: tp,
    pipelineParallel: pp,
    weightPrecision: oneOf("weightPrecision", options.weightPrecision ?? "bf16", WEIGHT_PRECISIONS),
    kvPrecision: oneOf("kvPrecision", options.kvPrecision ?? "bf16", KV_PRECISIONS),
    efficiency,
  };
}

/**
 * Dense peak TFLOPS a GPU reaches with weights at a precision: fp8 and int8 weights run at the
 * GPU's fp8/int8 tensor peak (W8A8), falling back to bf16 where the GPU lacks them (W8A16 kernels
 * such as Marlin dequantize to bf16); int4 weights (W4A16) compute at bf16.
 * @param gpu the GPU
 * @param precision weight precision
 * @returns TFLOPS
 */
export function peakTflops(gpu: GpuSpec, precision: WeightPrecision): number {
  if (precision === "fp8") return gpu.fp8Tflops ?? gpu.bf16Tflops;
  if (precision === "int8") return gpu.int8Tops ?? gpu.bf16Tflops;
  return gpu.bf16Tflops;
}

/** Width of the attention's QK and AV products per token and layer, summed over heads. */
function attentionWidth(model: ModelArchitecture): number {
  if (model.mla) {
    const m = model.mla;
    return (model.attentionHeads * (m.qkNopeHeadDim + m.qkRopeHeadDim + m.vHeadDim)) / 2;
  }
  return model.attentionHeads * model.headDim;
}

/** Expert parameters of a MoE model (all layers, all routed experts). */
function routedExpertParams(model: ModelArchitecture): number {
  if (!model.moe) return 0;
  const moeLayers = model.layers - model.moe.denseLayers;
  const params = moeLayers * model.moe.experts * 3 * model.hiddenDim * model.moe.expertFfnDim;
  return Math.min(params, model.totalParams - embeddingParams(model));
}

/**
 * Weight bytes one decode step reads per GPU. The input embedding is only gathered (one row per
 * token), so an untied embedding matrix is not streamed; for MoE, of E routed experts with k per
 * token a batch of B touches E × (1 − (1 − k/E)^B) per layer in expectation.
 */
function decodeWeightBytes(ctx: LatencyContext, batch: number): number {
  const { model, tensorParallel: tp } = ctx;
  const storage = WEIGHT_STORAGE_BYTES[ctx.weightPrecision];
  let bytes = weightBytes(model, ctx.weightPrecision, { tensorParallel: tp });
  if (!model.tiedEmbeddings) bytes -= (model.vocabSize * model.hiddenDim * 2) / tp;
  if (model.moe) {
    const { experts, activeExperts } = model.moe;
    const touched = 1 - Math.pow(1 - activeExperts / experts, batch);
    bytes -= (routedExpertParams(model) * storage * (1 - touched)) / tp;
  }
  return bytes;
}

/** Time of one all-reduce of `bytes` over the TP group, ms (ring: 2(n−1)/n × bytes on the wire). */
function allReduceMs(ctx: LatencyContext, bytes: number): number {
  const tp = ctx.tensorParallel;
  if (tp === 1) return 0;
  const oneWayBytesPerS = (ctx.gpu.nvlinkBwGBs / 2) * GB * ctx.efficiency.linkEfficiency;
  return ctx.efficiency.allReduceLatencyUs / 1000 +
    ((2 * (tp - 1)) / tp) * (bytes / oneWayBytesPerS) * MS_PER_S;
}

/** Communication of one forward pass over `tokens` tokens: two all-reduces per layer, PP hops. */
function commMs(ctx: LatencyContext, tokens: number): number {
  const { model } = ctx;
  const tpMs = 2 * model.layers * allReduceMs(ctx, tokens * model.hiddenDim * 2);
  const ppMs = (ctx.pipelineParallel - 1) * (ctx.efficiency.allReduceLatencyUs / 1000);
  return tpMs + ppMs;
}

/** Attention FLOPs of `queries` new tokens each attending over `context` tokens, all layers. */
function attentionFlops(ctx: LatencyContext, queries: number, context: number): number {
  const { model } = ctx;
  const sliding = model.slidingWindow?.layers ?? 0;
  const window = model.slidingWindow?.window ?? Infinity;
  const keys = (model.layers - sliding) * context + sliding * Math.min(context, window);
  return 4 * queries * keys * attentionWidth(model);
}

/**
 * One decode step for `batch` sequences of `contextTokens` tokens each.
 * @param ctx from `latencyContext`
 * @param batch sequences decoding together (≥ 1)
 * @param contextTokens tokens already in each sequence's context
 * @returns the step time and its breakdown
 */
export function decodeStep(
  ctx: LatencyContext,
  batch: number,
  contextTokens: number,
): { ms: number; bound: "memory" | "compute"; breakdown: DecodeBreakdown } {
  const { model, gpu, efficiency: eff, tensorParallel: tp } = ctx;
  const bytesPerS = gpu.bandwidthTBs * TB * eff.bandwidth;
  const weightReadMs = (decodeWeightBytes(ctx, batch) / bytesPerS) * MS_PER_S;
  const layout = kvLayout(model, ctx.kvPrecision, { tensorParallel: tp });
  const kvReadMs = ((batch * layoutBytesForContext(layout, contextTokens)) / bytesPerS) * MS_PER_S;
  const linearFlops = 2 *
    (model.activeParams - embeddingParams(model) + model.vocabSize * model.hiddenDim) * batch;
  const flops = (linearFlops + attentionFlops(ctx, batch, contextTokens)) / tp;
  const computeMs = (flops / (peakTflops(gpu, ctx.weightPrecision) * TFLOPS * eff.decodeCompute)) *
    MS_PER_S;
  const memoryMs = weightReadMs + kvReadMs;
  const breakdown = {
    weightReadMs,
    kvReadMs,
    computeMs,
    commMs: commMs(ctx, batch),
    overheadMs: eff.stepOverheadMs,
  };
  return {
    ms: Math.max(memoryMs, computeMs) + breakdown.commMs + breakdown.overheadMs,
    bound: computeMs > memoryMs ? "compute" : "memory",
    breakdown,
  };
}

/**
 * One prefill of `promptTokens` tokens with no queue, ms: compute at the weight precision's peak ×
 * MFU, never less than one read of the weights, plus TP communication and step overhead.
 * @param ctx from `latencyContext`
 * @param promptTokens tokens to prefill (≥ 1)
 * @returns ms
 */
export function prefillTime(ctx: LatencyContext, promptTokens: number): number {
  const { model, gpu, efficiency: eff, tensorParallel: tp } = ctx;
  const linearFlops = 2 * (model.activeParams - embeddingParams(model)) * promptTokens +
    2 * model.vocabSize * model.hiddenDim;
  const linearRate = peakTflops(gpu, ctx.weightPrecision) * TFLOPS * eff.prefillCompute;
  // Attention runs at 16-bit in the engines measured; causal masking halves the pairs.
  const attnRate = gpu.bf16Tflops * TFLOPS * eff.prefillCompute;
  const attnFlops = attentionFlops(ctx, promptTokens, promptTokens) / 2;
  const computeMs = ((linearFlops / linearRate + attnFlops / attnRate) / tp) * MS_PER_S;
  const readMs = (decodeWeightBytes(ctx, promptTokens) / (gpu.bandwidthTBs * TB * eff.bandwidth)) *
    MS_PER_S;
  return Math.max(computeMs, readMs) + commMs(ctx, promptTokens) + eff.prefillOverheadMs;
}

/**
 * TTFT, TPOT and end-to-end latency of requests on one model replica.
 * @param options model, GPU, layout, precisions, prompt/output tokens, concurrency
 * @returns latencies in ms, throughput, what bounds decode, and whether the context was clamped
 * @throws {RangeError|TypeError} any invalid option, named
 * @example Llama-3.1-8B bf16 on one A100 40 GB, 1,024-token prompt, one request: vLLM measures
 * ≈ 75 tokens/s, i.e. ≈ 13.3 ms per token.
 * ```ts
 * import { estimateLatency } from "./latency.ts";
 * import { ok } from "node:assert/strict";
 * const r = estimateLatency({ model: "llama-3.1-8b", gpu: "a100-sxm-40gb", promptTokens: 1024, outputTokens: 128 });
 * ok(Math.abs(r.tpotMs - 13.3) / 13.3 < 0.25);
 * ```
 */
export function estimateLatency(options: LatencyOptions): LatencyResult {
  const ctx = latencyContext(options);
  const prompt = positiveNumber("promptTokens", options.promptTokens);
  const output = positiveInteger("outputTokens", options.outputTokens ?? 1);
  const concurrency = positiveInteger("concurrency", options.concurrency ?? 1);
  const max = ctx.model.maxContext;
  const promptTokens = Math.min(prompt, max - 1);
  const clamped = prompt > promptTokens || promptTokens + output > max;
  const prefillMs = prefillTime(ctx, promptTokens);
  const ttftMs = (prefillMs * (concurrency + 1)) / 2;
  const step = decodeStep(ctx, concurrency, Math.min(promptTokens + output / 2, max));
  return {
    ttftMs,
    tpotMs: step.ms,
    prefillMs,
    e2eMs: ttftMs + step.ms * (output - 1),
    decodeTokensPerS: (concurrency / step.ms) * MS_PER_S,
    decodeBound: step.bound,
    decode: step.breakdown,
    promptTokens,
    clamped,
  };
}
