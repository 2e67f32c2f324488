/**
 * A deployment's hardware, in the reference system's shape (`{ gpu, gpuCount, nandPerGpuGb,
 * nandBandwidthGBs }`), with an optional explicit parallel layout.
 *
 * @example
 * ```ts
 * import { resolveHardware } from "./hardware.ts";
 * import { DEFAULT_GPU_SPECS } from "../catalog/gpus.ts";
 * import { DEFAULT_ARCHITECTURES } from "../catalog/models.ts";
 * import { equal } from "node:assert/strict";
 * const hw = resolveHardware(DEFAULT_ARCHITECTURES["llama-3.1-70b"], {
 *   gpu: DEFAULT_GPU_SPECS["h100-sxm"], gpuCount: 4, nandPerGpuGb: 0, nandBandwidthGBs: 7,
 * });
 * equal(hw.layout.tensorParallel, 4);
 * ```
 * @module
 */

import type { GpuSpec, ModelArchitecture } from "../catalog/types.ts";
import { nonNegativeNumber, plainObject, positiveInteger } from "../validate.ts";
import { bestLayout, type LayoutOptions } from "./layout.ts";
import { type Parallelism, resolveParallelism } from "./parallel.ts";
import { resolveGpu } from "./resolve.ts";

/** GPUs, their NAND tier and (optionally) how the model is laid out over them. */
export interface HardwareConfig {
  /** The GPU (a catalog entry or your own spec). */
  gpu: GpuSpec;
  /** GPUs in the deployment. */
  gpuCount: number;
  /** NAND SSD capacity per GPU for parked sessions, in decimal GB (0 = no NAND tier). */
  nandPerGpuGb: number;
  /** Sustained SSD read bandwidth per GPU in GB/s (≈ 7 for PCIe 4.0 NVMe, ≈ 14 for 5.0). */
  nandBandwidthGBs: number;
  /** Host DRAM per node in GB (informative). */
  cpuDramGb?: number;
  /**
   * Tensor-parallel size. Default (neither TP nor PP given): one replica split the way that gives
   * the largest KV pool, possibly leaving GPUs idle (`bestLayout`; ties go to the larger TP).
   */
  tensorParallel?: number;
  /** Pipeline-parallel size (default 1 when `tensorParallel` is given). */
  pipelineParallel?: number;
}

/** A checked hardware config with its resolved layout. */
export interface ResolvedHardware {
  /** The checked GPU spec. */
  gpu: GpuSpec;
  /** GPUs in the deployment. */
  gpuCount: number;
  /** NAND per GPU, GB. */
  nandPerGpuGb: number;
  /** NAND read bandwidth per GPU, GB/s. */
  nandBandwidthGBs: number;
  /** TP × PP × replicas. */
  layout: Parallelism;
}

/**
 * Checks a hardware config and resolves its parallel layout for a model.
 * @param arch the (checked) model
 * @param hardware the config
 * @param field the argument's name for errors (default `"hardware"`)
 * @param layoutOptions engine settings the default layout depends on (see `bestLayout`)
 * @returns the checked config with its layout
 * @throws {RangeError|TypeError} any invalid field, named (`hardware.gpuCount`, …)
 */
export function resolveHardware(
  arch: ModelArchitecture,
  hardware: HardwareConfig,
  field = "hardware",
  layoutOptions: LayoutOptions = {},
): ResolvedHardware {
  const hw = plainObject(field, hardware) as unknown as HardwareConfig;
  const gpu = resolveGpu(hw.gpu, `${field}.gpu`);
  const nandPerGpuGb = nonNegativeNumber(`${field}.nandPerGpuGb`, hw.nandPerGpuGb ?? 0);
  const nandBandwidthGBs = nonNegativeNumber(`${field}.nandBandwidthGBs`, hw.nandBandwidthGBs ?? 0);
  if (nandPerGpuGb > 0 && nandBandwidthGBs === 0) {
    throw new RangeError(
      `${field}.nandBandwidthGBs: expected a positive bandwidth when nandPerGpuGb > 0; received 0`,
    );
  }
  let layout: Parallelism;
  try {
    layout = hw.tensorParallel === undefined && hw.pipelineParallel === undefined
      ? bestLayout(arch, gpu, positiveInteger("gpuCount", hw.gpuCount), layoutOptions)
      : resolveParallelism(arch, hw.gpuCount, {
        tensorParallel: hw.tensorParallel,
        pipelineParallel: hw.pipelineParallel,
      });
  } catch (error) {
    if (error instanceof Error) error.message = `${field}.${error.message}`;
    throw error;
  }
  return { gpu, gpuCount: hw.gpuCount, nandPerGpuGb, nandBandwidthGBs, layout };
}
