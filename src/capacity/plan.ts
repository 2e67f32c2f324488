/**
 * Capacity plans: how many sessions of a workload fit in HBM and on NAND, how fast they run, the
 * TTFT SLA breach point and what it costs — the reference system's `planCapacity`, fixed:
 *
 * - memory per GPU from the engine's own budget (`engineKvCapacity`), not one 5 GB overhead for
 *   the whole cluster;
 * - each category sized at its midpoint clamped to the model's maximum context (flagged), not
 *   at 1.25M tokens a 128K model cannot hold;
 * - sessions sized by the mean of their per-category KV bytes (sliding windows respected);
 * - TPOT that reads weights and KV; TTFT from a calibrated prefill; the largest concurrency that
 *   still meets the SLA;
 * - a price from the catalog or the caller, never a silent H100 price.
 *
 * @module
 */

import type { GpuPricing, ModelArchitecture, PricingTier } from "../catalog/types.ts";
import { GiB } from "../units.ts";
import { oneOf, positiveNumber } from "../validate.ts";
import {
  costPerMillionTokens,
  lookupPricing,
  type MonthlyCost,
  monthlyCostByTier,
} from "./cost.ts";
import type { EngineBudget } from "./engine_pool.ts";
import { sizePool, slotsFor } from "./slots.ts";
import { type HardwareConfig, resolveHardware } from "./hardware.ts";
import { ttftBreachForContext } from "./hardware_latency.ts";
import { kvBytesPerToken } from "./kv.ts";
import { decodeStep, type EfficiencyFactors, latencyContext, prefillTime } from "./latency.ts";
import { weightMemory } from "./memory.ts";
import { restoreLatency } from "./nand.ts";
import type { Parallelism } from "./parallel.ts";
import {
  KV_PRECISIONS,
  type KvPrecision,
  WEIGHT_PRECISIONS,
  type WeightPrecision,
} from "./precision.ts";
import { resolveModel } from "./resolve.ts";
import {
  checkMix,
  mixTotal,
  SESSION_CATEGORIES,
  SESSION_TOKEN_MIDPOINTS,
  type SessionCategory,
  type WorkloadMix,
} from "./workload.ts";

/** Options of `planCapacity` beyond the reference's five arguments. */
export interface PlanOptions {
  /** `gpu_memory_utilization` of the engine (default 0.9). */
  gpuMemoryUtilization?: number;
  /** Engine `max_num_batched_tokens` (default: vLLM's for the GPU). */
  maxNumBatchedTokens?: number;
  /** Engine `max_num_seqs` (default: vLLM's for the GPU). */
  maxNumSeqs?: number;
  /** Engine block size (default 16). */
  blockSize?: number;
  /** TTFT SLA for the breach point, ms (default 5,000, as the reference). */
  ttftSlaMs?: number;
  /** Prompt tokens the breach point is computed for (default 4,096, as the reference). */
  breachPromptTokens?: number;
  /** Tokens each category is sized at before clamping (default `SESSION_TOKEN_MIDPOINTS`). */
  sessionTokens?: Partial<Record<SessionCategory, number>>;
  /** Price to use (default: the catalog's price for the GPU; an unknown GPU needs one). */
  pricing?: GpuPricing;
  /** Tier `monthlyGpuCostUsd` uses (default on demand); all three are in `monthlyCostUsd`. */
  pricingTier?: PricingTier;
  /** Latency efficiency overrides. */
  efficiency?: Partial<EfficiencyFactors>;
}

/** A capacity plan: the reference's fields (memory fields in GiB despite their `Gb` names) and more. */
export interface CapacityPlan {
  /** The model planned for. */
  model: ModelArchitecture;
  /** The hardware planned on. */
  hardware: HardwareConfig;
  /** KV precision. */
  kvPrecision: KvPrecision;
  /** Weight precision. */
  weightPrecision: WeightPrecision;
  /** Device memory of all GPUs, GiB (driver-reported). */
  totalHbmGb: number;
  /** Weights of one copy of the model, GiB. */
  weightMemoryGb: number;
  /** KV pool of all GPUs, GiB. */
  freeHbmForKvGb: number;
  /** KV bytes per token of the whole model (all layers, all heads). */
  kvBytesPerToken: number;
  /** Sessions whose KV fits in HBM at once. */
  hbmSlots: number;
  /** Further sessions parked on NAND. */
  nandSlots: number;
  /** hbmSlots + nandSlots. */
  totalSessions: number;
  /** Time per output token when the workload's sessions decode together (capped at HBM slots), ms. */
  tpotMs: number;
  /** Mean TTFT of a cold prefill of a session's sized context with all sessions arriving at once, ms. */
  ttftMs: number;
  /** Time to restore one session from NAND (each GPU restores its shard in parallel), ms; null without NAND. */
  restoreLatencyMs: number | null;
  /** Largest number of concurrent requests whose mean TTFT meets the SLA (`breachPromptTokens` prompts); 0 when nothing fits. */
  ttftBreachPoint: number;
  /** Monthly GPU cost in the chosen tier (default on demand), USD. */
  monthlyGpuCostUsd: number;
  /** False when the weights do not fit, or no session does; see `reason`. */
  fits: boolean;
  /** Why it does not fit; null when it does. */
  reason: string | null;
  /** TP × PP × replicas used. */
  parallelism: Parallelism;
  /** Memory budget of one GPU, GiB. */
  budgetPerGpu: EngineBudget;
  /** KV tokens all replicas hold. */
  poolTokens: number;
  /** Context each category was sized at, after clamping to the model's maximum. */
  contextByCategory: Record<SessionCategory, number>;
  /** True when any category's tokens exceeded the model's maximum context and were clamped. */
  contextClamped: boolean;
  /** Mean sized context per session of the mix, tokens. */
  sessionContextTokens: number;
  /** Mean KV bytes one session occupies over the GPUs of its replica (replicated KV heads counted). */
  kvBytesPerSession: number;
  /** Monthly cost in each pricing tier, USD. */
  monthlyCostUsd: MonthlyCost;
  /** Output tokens per second when the workload's sessions decode together. */
  decodeTokensPerS: number;
  /** Monthly cost ÷ tokens generated at that rate all month, USD per million; null when nothing runs. */
  costPerMillionTokensUsd: number | null;
  /** TTFT SLA used for the breach point, ms. */
  ttftSlaMs: number;
}

/** Per-category sized context: the midpoint (or override) clamped to the model's maximum. */
function categoryContexts(
  model: ModelArchitecture,
  overrides: Partial<Record<SessionCategory, number>> = {},
): { tokens: Record<SessionCategory, number>; clamped: boolean } {
  let clamped = false;
  const tokens = {} as Record<SessionCategory, number>;
  for (const c of SESSION_CATEGORIES) {
    const asked = overrides[c] === undefined
      ? SESSION_TOKEN_MIDPOINTS[c]
      : positiveNumber(`options.sessionTokens.${c}`, overrides[c]);
    tokens[c] = Math.min(asked, model.maxContext);
    if (asked > model.maxContext) clamped = true;
  }
  return { tokens, clamped };
}

/** Mean per-GPU pool bytes and mean tokens of one session of the mix (empty mix: one medium). */
function sessionSize(
  mix: WorkloadMix,
  contexts: Record<SessionCategory, number>,
  bytesPerGpu: (tokens: number) => number,
): { bytesPerGpu: number; tokens: number } {
  const total = mixTotal(mix);
  const shares = total === 0 ? { light: 0, medium: 1, heavy: 0, extreme: 0 } : mix;
  const n = total === 0 ? 1 : total;
  let bytes = 0;
  let tokens = 0;
  for (const c of SESSION_CATEGORIES) {
    bytes += (shares[c] / n) * bytesPerGpu(contexts[c]);
    tokens += (shares[c] / n) * contexts[c];
  }
  return { bytesPerGpu: bytes, tokens };
}

/**
 * A full capacity plan for a model, hardware and workload mix.
 * @param arch the model
 * @param hardware GPUs, their count, the NAND tier and (optionally) TP/PP sizes
 * @param workload sessions per category (an empty mix is sized as one medium session)
 * @param kvPrecision KV precision (default bf16)
 * @param weightPrecision weight precision (default bf16)
 * @param options engine, SLA, sizing and pricing options
 * @returns the plan; "does not fit" is `fits: false` with a reason, not an exception
 * @throws {RangeError|TypeError} an invalid argument, named; a GPU with no known price and none given
 */
export function planCapacity(
  arch: ModelArchitecture,
  hardware: HardwareConfig,
  workload: WorkloadMix,
  kvPrecision: KvPrecision = "bf16",
  weightPrecision: WeightPrecision = "bf16",
  options: PlanOptions = {},
): CapacityPlan {
  const model = resolveModel(arch, "arch");
  oneOf("kvPrecision", kvPrecision, KV_PRECISIONS);
  oneOf("weightPrecision", weightPrecision, WEIGHT_PRECISIONS);
  const engine = {
    gpuMemoryUtilization: options.gpuMemoryUtilization,
    maxNumBatchedTokens: options.maxNumBatchedTokens,
    maxNumSeqs: options.maxNumSeqs,
  };
  const hw = resolveHardware(model, hardware, "hardware", { weightPrecision, ...engine });
  const mix = checkMix(workload);
  const { tensorParallel: tp, pipelineParallel: pp, replicas } = hw.layout;
  const pricing = options.pricing ?? lookupPricing(hw.gpu.id);
  const monthlyCostUsd = monthlyCostByTier(hw.gpuCount, pricing);
  const tier = options.pricingTier ?? "onDemand";
  const monthlyGpuCostUsd = monthlyCostUsd[tier];
  if (monthlyGpuCostUsd === null) {
    throw new RangeError(
      `options.pricing: expected a "${tier}" price for ${hw.gpu.id}; received none`,
    );
  }
  const { tokens: contexts, clamped } = categoryContexts(model, options.sessionTokens);
  const sizing = sizePool(
    model,
    hardware,
    kvPrecision,
    weightPrecision,
    Math.max(...Object.values(contexts)),
    {
      gpuMemoryUtilization: options.gpuMemoryUtilization,
      maxNumBatchedTokens: options.maxNumBatchedTokens,
      maxNumSeqs: options.maxNumSeqs,
      blockSize: options.blockSize,
    },
  );
  const pool = sizing.pool;
  const session = sessionSize(mix, contexts, sizing.sessionBytesPerGpu);
  const { hbmSlots, nandSlots } = slotsFor(sizing, session.bytesPerGpu);
  const slotsPerReplica = hbmSlots / replicas;

  const latency = latencyContext({
    model,
    gpu: hw.gpu,
    tensorParallel: tp,
    pipelineParallel: pp,
    weightPrecision,
    kvPrecision,
    efficiency: options.efficiency,
  });
  const users = Math.max(1, mixTotal(mix));
  const perReplica = Math.ceil(users / replicas);
  const batch = Math.max(1, Math.min(perReplica, slotsPerReplica));
  const step = decodeStep(latency, batch, session.tokens);
  const ttftMs = (prefillTime(latency, session.tokens) * (perReplica + 1)) / 2;
  const ttftSlaMs = positiveNumber("options.ttftSlaMs", options.ttftSlaMs ?? 5_000);
  const breachPrompt = positiveNumber(
    "options.breachPromptTokens",
    options.breachPromptTokens ?? 4_096,
  );
  // A deployment whose weights leave no KV pool serves nobody.
  const ttftBreachPoint = pool.blocks === 0
    ? 0
    : replicas * ttftBreachForContext(latency, ttftSlaMs, Math.min(breachPrompt, model.maxContext));
  const decodeTokensPerS = slotsPerReplica > 0 ? (replicas * batch * 1000) / step.ms : 0;

  const fits = pool.blocks > 0 && slotsPerReplica > 0;
  const reason = pool.blocks === 0
    ? pool.reason
    : slotsPerReplica === 0
    ? `one session of ${Math.round(session.tokens)} tokens needs ${
      (session.bytesPerGpu / GiB).toFixed(2)
    } GiB of KV per GPU; the pool has ${pool.kvGiBPerGpu.toFixed(2)} GiB`
    : null;
  return {
    model,
    hardware,
    kvPrecision,
    weightPrecision,
    totalHbmGb: hw.gpu.memoryGiB * hw.gpuCount,
    weightMemoryGb: weightMemory(model, weightPrecision),
    freeHbmForKvGb: pool.kvGiBPerGpu * hw.gpuCount,
    kvBytesPerToken: kvBytesPerToken(model, kvPrecision),
    hbmSlots,
    nandSlots,
    totalSessions: hbmSlots + nandSlots,
    tpotMs: step.ms,
    ttftMs,
    restoreLatencyMs: hw.nandPerGpuGb > 0
      ? restoreLatency(session.bytesPerGpu / GiB, hw.nandBandwidthGBs)
      : null,
    ttftBreachPoint,
    monthlyGpuCostUsd,
    fits,
    reason,
    parallelism: hw.layout,
    budgetPerGpu: pool.budget,
    poolTokens: pool.tokens * replicas,
    contextByCategory: contexts,
    contextClamped: clamped,
    sessionContextTokens: session.tokens,
    kvBytesPerSession: session.bytesPerGpu * tp * pp,
    monthlyCostUsd,
    decodeTokensPerS,
    costPerMillionTokensUsd: costPerMillionTokens(monthlyGpuCostUsd, decodeTokensPerS),
    ttftSlaMs,
  };
}
