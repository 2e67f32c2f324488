/**
 * Latency on a `HardwareConfig`, with the reference system's signatures: `estimateTpot`,
 * `singlePrefillMs`, `estimateTtft`, `ttftBreachPoint`. They all use `estimateLatency`'s formulas
 * on one replica of the deployment (TP × PP GPUs), and spread concurrent requests evenly over the
 * replicas. Contexts longer than the model's maximum are clamped to it.
 *
 * Queueing: C prompts that arrive together and are prefilled first come, first served finish at
 * single, 2 × single, … C × single, so their mean TTFT is single × (C + 1) ÷ 2. The breach point is
 * the largest C whose mean TTFT still meets the SLA: ⌊2 × SLA ÷ single⌋ − 1 (0 when one prefill
 * alone misses it) — the reference rounded up, to a concurrency already over the SLA.
 *
 * @example 4 × H100 running Llama-3.1-70B; a 4,096-token prefill takes well under the 5 s SLA, so
 * many users fit before the breach, and one more user breaches it.
 * ```ts
 * import { singlePrefillMs, estimateTtft, ttftBreachPoint } from "./hardware_latency.ts";
 * import { DEFAULT_ARCHITECTURES } from "../catalog/models.ts";
 * import { DEFAULT_GPU_SPECS } from "../catalog/gpus.ts";
 * import { ok } from "node:assert/strict";
 * const arch = DEFAULT_ARCHITECTURES["llama-3.1-70b"];
 * const hw = { gpu: DEFAULT_GPU_SPECS["h100-sxm"], gpuCount: 4, nandPerGpuGb: 0, nandBandwidthGBs: 7 };
 * const c = ttftBreachPoint(arch, hw, 5000, 4096);
 * ok(estimateTtft(arch, 4096, c, hw) <= 5000);
 * ok(estimateTtft(arch, 4096, c + 1, hw) > 5000);
 * ok(Math.abs(estimateTtft(arch, 4096, 3, hw) - 2 * singlePrefillMs(arch, 4096, hw)) < 1e-9);
 * ```
 * @module
 */

import type { ModelArchitecture } from "../catalog/types.ts";
import { nonNegativeNumber, positiveInteger, positiveNumber } from "../validate.ts";
import { type HardwareConfig, resolveHardware } from "./hardware.ts";
import {
  decodeStep,
  type EfficiencyFactors,
  type LatencyContext,
  latencyContext,
  prefillTime,
} from "./latency.ts";
import type { KvPrecision, WeightPrecision } from "./precision.ts";
import { resolveModel } from "./resolve.ts";

/** Efficiency overrides accepted by the hardware-level helpers. */
export interface HardwareLatencyOptions {
  /** Override any efficiency factor. */
  efficiency?: Partial<EfficiencyFactors>;
}

function context(
  arch: ModelArchitecture,
  hardware: HardwareConfig,
  weightPrecision: WeightPrecision,
  kvPrecision: KvPrecision,
  options: HardwareLatencyOptions,
): { ctx: LatencyContext; replicas: number } {
  const model = resolveModel(arch, "arch");
  const hw = resolveHardware(model, hardware, "hardware", { weightPrecision });
  const ctx = latencyContext({
    model,
    gpu: hw.gpu,
    tensorParallel: hw.layout.tensorParallel,
    pipelineParallel: hw.layout.pipelineParallel,
    weightPrecision,
    kvPrecision,
    efficiency: options.efficiency,
  });
  return { ctx, replicas: hw.layout.replicas };
}

/**
 * Time per output token when `batchSize` sequences of `contextTokens` tokens decode together,
 * spread over the deployment's replicas.
 * @param arch the model
 * @param contextTokens tokens in each sequence's context (clamped to the model's maximum)
 * @param batchSize sequences decoding together (integer ≥ 1)
 * @param hardware the deployment
 * @param kvPrecision KV precision (default bf16)
 * @param weightPrecision weight precision (default bf16)
 * @param options efficiency overrides
 * @returns ms per output token
 * @throws {RangeError|TypeError} an invalid argument, named
 */
export function estimateTpot(
  arch: ModelArchitecture,
  contextTokens: number,
  batchSize: number,
  hardware: HardwareConfig,
  kvPrecision: KvPrecision = "bf16",
  weightPrecision: WeightPrecision = "bf16",
  options: HardwareLatencyOptions = {},
): number {
  nonNegativeNumber("contextTokens", contextTokens);
  positiveInteger("batchSize", batchSize);
  const { ctx, replicas } = context(arch, hardware, weightPrecision, kvPrecision, options);
  return decodeStep(
    ctx,
    Math.ceil(batchSize / replicas),
    Math.min(contextTokens, ctx.model.maxContext),
  ).ms;
}

/**
 * One prefill of `promptTokens` tokens with no queue.
 * @param arch the model
 * @param promptTokens prompt tokens (clamped to the model's maximum context)
 * @param hardware the deployment
 * @param weightPrecision weight precision (default bf16)
 * @param options efficiency overrides
 * @returns ms
 * @throws {RangeError|TypeError} an invalid argument, named
 */
export function singlePrefillMs(
  arch: ModelArchitecture,
  promptTokens: number,
  hardware: HardwareConfig,
  weightPrecision: WeightPrecision = "bf16",
  options: HardwareLatencyOptions = {},
): number {
  positiveNumber("promptTokens", promptTokens);
  const { ctx } = context(arch, hardware, weightPrecision, "bf16", options);
  return prefillTime(ctx, Math.min(promptTokens, ctx.model.maxContext));
}

/**
 * Mean TTFT when `concurrentUsers` prompts arrive together: single × (c + 1) ÷ 2 with c the users
 * per replica.
 * @param arch the model
 * @param promptTokens prompt tokens (clamped to the model's maximum context)
 * @param concurrentUsers prompts arriving together (integer ≥ 1)
 * @param hardware the deployment
 * @param weightPrecision weight precision (default bf16)
 * @param options efficiency overrides
 * @returns ms
 * @throws {RangeError|TypeError} an invalid argument, named
 */
export function estimateTtft(
  arch: ModelArchitecture,
  promptTokens: number,
  concurrentUsers: number,
  hardware: HardwareConfig,
  weightPrecision: WeightPrecision = "bf16",
  options: HardwareLatencyOptions = {},
): number {
  positiveNumber("promptTokens", promptTokens);
  positiveInteger("concurrentUsers", concurrentUsers);
  const { ctx, replicas } = context(arch, hardware, weightPrecision, "bf16", options);
  const single = prefillTime(ctx, Math.min(promptTokens, ctx.model.maxContext));
  return (single * (Math.ceil(concurrentUsers / replicas) + 1)) / 2;
}

/**
 * The largest number of concurrent prompts per replica whose mean TTFT meets the SLA.
 * @param ctx from `latencyContext`
 * @param ttftSlaMs the SLA, ms
 * @param promptTokens prompt tokens (already clamped)
 * @returns a count ≥ 0
 */
export function ttftBreachForContext(
  ctx: LatencyContext,
  ttftSlaMs: number,
  promptTokens: number,
): number {
  const single = prefillTime(ctx, promptTokens);
  let c = Math.max(0, Math.floor((2 * ttftSlaMs) / single) - 1);
  while (c > 0 && (single * (c + 1)) / 2 > ttftSlaMs) c--;
  while ((single * (c + 2)) / 2 <= ttftSlaMs) c++;
  return c;
}

/**
 * The largest number of concurrent users whose mean TTFT still meets the SLA (0 when a single
 * prefill already misses it), over all replicas.
 * @param arch the model
 * @param hardware the deployment
 * @param ttftSlaMs the TTFT SLA, ms
 * @param promptTokens prompt tokens of each request (default 4,096; clamped to the maximum context)
 * @param weightPrecision weight precision (default bf16)
 * @param options efficiency overrides
 * @returns concurrent users (integer ≥ 0)
 * @throws {RangeError|TypeError} an invalid argument, named
 */
export function ttftBreachPoint(
  arch: ModelArchitecture,
  hardware: HardwareConfig,
  ttftSlaMs: number,
  promptTokens = 4_096,
  weightPrecision: WeightPrecision = "bf16",
  options: HardwareLatencyOptions = {},
): number {
  positiveNumber("ttftSlaMs", ttftSlaMs);
  positiveNumber("promptTokens", promptTokens);
  const { ctx, replicas } = context(arch, hardware, weightPrecision, "bf16", options);
  return replicas *
    ttftBreachForContext(ctx, ttftSlaMs, Math.min(promptTokens, ctx.model.maxContext));
}
