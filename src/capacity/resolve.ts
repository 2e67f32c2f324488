/**
 * Turns what a caller passed as a model or a GPU (a catalog id or an object) into a checked
 * `ModelArchitecture` or `GpuSpec`, or throws an error naming the bad field. Objects are checked
 * once and remembered, so sweeps that pass the same object many times pay once.
 *
 * @example
 * ```ts
 * import { resolveModel } from "./resolve.ts";
 * import { equal, throws } from "node:assert/strict";
 * equal(resolveModel("llama-3.1-70b").layers, 80);
 * throws(() => resolveModel("llama-3.1-7b"), /did you mean/);
 * ```
 * @module
 */

import { DEFAULT_ARCHITECTURES } from "../catalog/models.ts";
import { DEFAULT_GPU_SPECS } from "../catalog/gpus.ts";
import type { GpuSpec, ModelArchitecture } from "../catalog/types.ts";
import {
  describe,
  lookupOrThrow,
  nonEmptyString,
  nonNegativeInteger,
  nonNegativeNumber,
  oneOf,
  plainObject,
  positiveInteger,
  positiveNumber,
} from "../validate.ts";

const checked = new WeakSet<object>();

const ATTENTION_KINDS = ["mha", "gqa", "mqa", "mla", "hybrid"] as const;

function checkArchitecture(field: string, arch: ModelArchitecture): void {
  const f = (name: string) => `${field}.${name}`;
  nonEmptyString(f("id"), arch.id);
  if (arch.totalParams === undefined && "weightSizeBf16Gb" in arch) {
    throw new TypeError(
      `${
        f("totalParams")
      }: expected the exact parameter count (e.g. 70.55e9); received undefined. ` +
        `capsim derives weight bytes from totalParams × precision and ignores weightSizeBf16Gb.`,
    );
  }
  const total = positiveNumber(f("totalParams"), arch.totalParams);
  const active = positiveNumber(f("activeParams"), arch.activeParams);
  if (active > total) {
    throw new RangeError(
      `${f("activeParams")}: expected ≤ totalParams (${total}); received ${describe(active)}`,
    );
  }
  for (
    const key of [
      "layers",
      "attentionHeads",
      "kvHeads",
      "headDim",
      "hiddenDim",
      "vocabSize",
    ] as const
  ) positiveInteger(f(key), arch[key]);
  nonNegativeInteger(f("ffnDim"), arch.ffnDim);
  positiveInteger(f("maxContext"), arch.maxContext);
  const kind = oneOf(f("attentionType"), arch.attentionType, ATTENTION_KINDS);
  if (kind === "mla") {
    const mla = plainObject(f("mla"), arch.mla);
    positiveInteger(f("mla.kvLoraRank"), mla.kvLoraRank);
    positiveInteger(f("mla.qkRopeHeadDim"), mla.qkRopeHeadDim);
    positiveInteger(f("mla.qkNopeHeadDim"), mla.qkNopeHeadDim);
    positiveInteger(f("mla.vHeadDim"), mla.vHeadDim);
  } else if (arch.kvHeads > arch.attentionHeads) {
    throw new RangeError(
      `${
        f("kvHeads")
      }: expected ≤ attentionHeads (${arch.attentionHeads}); received ${arch.kvHeads}`,
    );
  }
  if (kind === "hybrid" && arch.slidingWindow === undefined) {
    throw new TypeError(
      `${f("slidingWindow")}: expected { window, layers } for a hybrid model; received undefined`,
    );
  }
  if (arch.slidingWindow !== undefined) {
    const sw = plainObject(f("slidingWindow"), arch.slidingWindow);
    positiveInteger(f("slidingWindow.window"), sw.window);
    const layers = positiveInteger(f("slidingWindow.layers"), sw.layers);
    if (layers > arch.layers) {
      throw new RangeError(
        `${f("slidingWindow.layers")}: expected ≤ layers (${arch.layers}); received ${layers}`,
      );
    }
  }
  if (arch.moe !== undefined) {
    const moe = plainObject(f("moe"), arch.moe);
    const experts = positiveInteger(f("moe.experts"), moe.experts);
    const activeExperts = positiveInteger(f("moe.activeExperts"), moe.activeExperts);
    if (activeExperts > experts) {
      throw new RangeError(
        `${f("moe.activeExperts")}: expected ≤ moe.experts (${experts}); received ${activeExperts}`,
      );
    }
    positiveInteger(f("moe.expertFfnDim"), moe.expertFfnDim);
    nonNegativeInteger(f("moe.sharedExperts"), moe.sharedExperts);
    nonNegativeInteger(f("moe.denseLayers"), moe.denseLayers);
  } else if (arch.ffnDim === 0) {
    throw new RangeError(
      `${f("ffnDim")}: expected a positive integer for a dense model; received 0`,
    );
  }
}

/**
 * A model architecture from a catalog id or an object, checked.
 * @param model a `DEFAULT_ARCHITECTURES` id or a `ModelArchitecture`
 * @param field the argument's name, for error messages (default `"model"`)
 * @returns the checked architecture
 * @throws {RangeError} unknown id (the message lists close matches) or a field out of range;
 *   {TypeError} a field of the wrong type
 */
export function resolveModel(
  model: string | ModelArchitecture,
  field = "model",
): ModelArchitecture {
  if (typeof model === "string") return lookupOrThrow(field, model, DEFAULT_ARCHITECTURES);
  const arch = plainObject(field, model) as unknown as ModelArchitecture;
  if (!checked.has(arch)) {
    checkArchitecture(field, arch);
    checked.add(arch);
  }
  return arch;
}

/**
 * A GPU spec from a catalog id or an object, checked.
 * @param gpu a `DEFAULT_GPU_SPECS` id or a `GpuSpec`
 * @param field the argument's name, for error messages (default `"gpu"`)
 * @returns the checked spec
 * @throws {RangeError} unknown id (the message lists close matches) or a field out of range;
 *   {TypeError} a field of the wrong type
 */
export function resolveGpu(gpu: string | GpuSpec, field = "gpu"): GpuSpec {
  if (typeof gpu === "string") return lookupOrThrow(field, gpu, DEFAULT_GPU_SPECS);
  const spec = plainObject(field, gpu) as unknown as GpuSpec;
  if (!checked.has(spec)) {
    const f = (name: string) => `${field}.${name}`;
    nonEmptyString(f("id"), spec.id);
    if (spec.memoryGiB === undefined && "hbmGb" in spec) {
      throw new TypeError(
        `${
          f("memoryGiB")
        }: expected the memory the driver reports, in GiB (79.18 for an H100 80 GB); ` +
          `received undefined`,
      );
    }
    positiveNumber(f("memoryGiB"), spec.memoryGiB);
    positiveNumber(f("bandwidthTBs"), spec.bandwidthTBs);
    positiveNumber(f("bf16Tflops"), spec.bf16Tflops);
    if (spec.fp8Tflops !== null && spec.fp8Tflops !== undefined) {
      positiveNumber(f("fp8Tflops"), spec.fp8Tflops);
    }
    nonNegativeNumber(f("nvlinkBwGBs"), spec.nvlinkBwGBs);
    checked.add(spec);
  }
  return spec;
}
