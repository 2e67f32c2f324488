/**
 * Session slots: how many sessions of a given context fit in the engine's KV pool (HBM) and on the
 * NAND tier, and the smallest GPU count for a target number of sessions.
 *
 * hbmSlots = replicas × ⌊KV pool per GPU ÷ KV of one session per GPU⌋, with the pool from
 * `engineKvCapacity` and each session rounded up to whole blocks;
 * nandSlots = replicas × ⌊NAND per GPU ÷ KV of one session per GPU⌋ (each GPU parks its own shard).
 *
 * @example 8 × H100 with Llama-3.1-70B at fp8 KV: 32K-token sessions each take 32,768 × 163,840 B ÷ 8
 * per GPU; a 4 TB NAND per GPU parks far more sessions than HBM holds.
 * ```ts
 * import { maxConcurrentSessions } from "./slots.ts";
 * import { DEFAULT_ARCHITECTURES } from "../catalog/models.ts";
 * import { DEFAULT_GPU_SPECS } from "../catalog/gpus.ts";
 * import { ok } from "node:assert/strict";
 * const s = maxConcurrentSessions(DEFAULT_ARCHITECTURES["llama-3.1-70b"],
 *   { gpu: DEFAULT_GPU_SPECS["h100-sxm"], gpuCount: 8, nandPerGpuGb: 4000, nandBandwidthGBs: 7 },
 *   32_768, "fp8");
 * ok(s.hbmSlots > 0 && s.nandSlots > s.hbmSlots);
 * ```
 * @module
 */

import type { GpuSpec, ModelArchitecture } from "../catalog/types.ts";
import { GB, GiB } from "../units.ts";
import { nonNegativeNumber, oneOf, positiveInteger } from "../validate.ts";
import { engineKvCapacity, type EngineKvResult, pooledSequenceBytes } from "./engine_pool.ts";
import { type HardwareConfig, type ResolvedHardware, resolveHardware } from "./hardware.ts";
import { kvLayout } from "./kv.ts";
import {
  KV_PRECISIONS,
  type KvPrecision,
  WEIGHT_PRECISIONS,
  type WeightPrecision,
} from "./precision.ts";
import { resolveGpu, resolveModel } from "./resolve.ts";

/** Engine settings that change the KV pool. */
export interface EngineSettings {
  /** `gpu_memory_utilization` (default 0.9). */
  gpuMemoryUtilization?: number;
  /** `max_num_batched_tokens` (default: vLLM's for the GPU). */
  maxNumBatchedTokens?: number;
  /** `max_num_seqs` (default: vLLM's for the GPU). */
  maxNumSeqs?: number;
  /** Block size (default 16). */
  blockSize?: number;
}

/** Sessions that fit, and the context they were sized at. */
export interface SessionSlots {
  /** Sessions whose KV fits in HBM at once. */
  hbmSlots: number;
  /** Further sessions parked on NAND. */
  nandSlots: number;
  /** hbmSlots + nandSlots. */
  total: number;
  /** Context each session was sized at, after clamping to the model's maximum. */
  contextTokens: number;
  /** True when the asked context exceeded the model's maximum. */
  clamped: boolean;
}

/** The engine pool of one replica and the per-GPU bytes of sessions of given contexts. */
export interface PoolSizing {
  /** The resolved hardware. */
  hardware: ResolvedHardware;
  /** The engine pool per GPU of one replica. */
  pool: EngineKvResult;
  /** Per-GPU pool bytes a session of `tokens` tokens takes (whole blocks, windows respected). */
  sessionBytesPerGpu: (tokens: number) => number;
}

/**
 * Sizes the engine pool of a deployment.
 * @param model the (checked) model
 * @param hardware the deployment
 * @param kvPrecision KV precision
 * @param weightPrecision weight precision
 * @param maxModelLen longest sequence the engine must admit
 * @param engine engine settings
 * @returns the pool and a per-session sizing function
 */
export function sizePool(
  model: ModelArchitecture,
  hardware: HardwareConfig,
  kvPrecision: KvPrecision,
  weightPrecision: WeightPrecision,
  maxModelLen: number,
  engine: EngineSettings = {},
): PoolSizing {
  const hw = resolveHardware(model, hardware, "hardware", { weightPrecision, ...engine });
  const { tensorParallel, pipelineParallel } = hw.layout;
  const pool = engineKvCapacity({
    model,
    gpu: hw.gpu,
    tensorParallel,
    pipelineParallel,
    weightPrecision,
    kvPrecision,
    maxModelLen,
    ...engine,
  });
  const layout = kvLayout(model, kvPrecision, { tensorParallel, pipelineParallel });
  return {
    hardware: hw,
    pool,
    sessionBytesPerGpu: (tokens) => pooledSequenceBytes(layout, tokens, pool.blockSize),
  };
}

/**
 * HBM and NAND slots for sessions whose KV takes `bytesPerGpu` on each GPU.
 * @param sizing from `sizePool`
 * @param bytesPerGpu one session's KV per GPU
 * @returns HBM slots, NAND slots
 */
export function slotsFor(
  sizing: PoolSizing,
  bytesPerGpu: number,
): { hbmSlots: number; nandSlots: number } {
  const { pool, hardware } = sizing;
  const replicas = hardware.layout.replicas;
  return {
    hbmSlots: replicas * Math.floor((pool.kvGiBPerGpu * GiB) / bytesPerGpu),
    nandSlots: hardware.nandPerGpuGb > 0
      ? replicas * Math.floor((hardware.nandPerGpuGb * GB) / bytesPerGpu)
      : 0,
  };
}

/**
 * Sessions of `avgContextTokens` tokens that fit in HBM and on NAND.
 * @param arch the model
 * @param hardware the deployment
 * @param avgContextTokens resident context of each session (clamped to the model's maximum)
 * @param kvPrecision KV precision (default bf16)
 * @param weightPrecision weight precision (default bf16)
 * @param engine engine settings
 * @returns slots and the context used
 * @throws {RangeError|TypeError} an invalid argument, named
 */
export function maxConcurrentSessions(
  arch: ModelArchitecture,
  hardware: HardwareConfig,
  avgContextTokens: number,
  kvPrecision: KvPrecision = "bf16",
  weightPrecision: WeightPrecision = "bf16",
  engine: EngineSettings = {},
): SessionSlots {
  const model = resolveModel(arch, "arch");
  const asked = nonNegativeNumber("avgContextTokens", avgContextTokens);
  oneOf("kvPrecision", kvPrecision, KV_PRECISIONS);
  oneOf("weightPrecision", weightPrecision, WEIGHT_PRECISIONS);
  const contextTokens = Math.min(Math.max(asked, 1), model.maxContext);
  const sizing = sizePool(
    model,
    hardware,
    kvPrecision,
    weightPrecision,
    Math.ceil(contextTokens),
    engine,
  );
  const { hbmSlots, nandSlots } = slotsFor(sizing, sizing.sessionBytesPerGpu(contextTokens));
  return {
    hbmSlots,
    nandSlots,
    total: hbmSlots + nandSlots,
    contextTokens,
    clamped: asked > model.maxContext,
  };
}

/** Largest GPU count `estimateGpuCount` tries before it gives up. */
export const MAX_GPU_COUNT = 4096;

/**
 * The smallest GPU count whose HBM holds `targetUsers` concurrent sessions of `avgContextTokens`
 * tokens (one replica over all GPUs by default, NAND ignored).
 * @param arch the model
 * @param targetUsers sessions that must be resident at once (integer ≥ 1)
 * @param avgContextTokens resident context per session (clamped to the model's maximum)
 * @param kvPrecision KV precision (default bf16)
 * @param weightPrecision weight precision (default bf16)
 * @param gpu the GPU (default the catalog's h100-sxm, as in the reference)
 * @param engine engine settings
 * @returns GPUs needed
 * @throws {RangeError|TypeError} an invalid argument, or no count up to 4,096 GPUs suffices
 */
export function estimateGpuCount(
  arch: ModelArchitecture,
  targetUsers: number,
  avgContextTokens: number,
  kvPrecision: KvPrecision = "bf16",
  weightPrecision: WeightPrecision = "bf16",
  gpu: GpuSpec | string = "h100-sxm",
  engine: EngineSettings = {},
): number {
  const model = resolveModel(arch, "arch");
  const spec = resolveGpu(gpu);
  positiveInteger("targetUsers", targetUsers);
  const slots = (gpuCount: number) =>
    maxConcurrentSessions(
      model,
      { gpu: spec, gpuCount, nandPerGpuGb: 0, nandBandwidthGBs: 0 },
      avgContextTokens,
      kvPrecision,
      weightPrecision,
      engine,
    ).hbmSlots;
  for (let n = 1; n <= MAX_GPU_COUNT; n++) {
    if (slots(n) >= targetUsers) return n;
  }
  throw new RangeError(
    `targetUsers: expected a count ${MAX_GPU_COUNT} × ${spec.id} can hold at ${avgContextTokens} tokens each; ` +
      `received ${targetUsers}`,
  );
}
