/**
 * Published engine measurements capsim's formulas are checked against: KV-pool sizes from vLLM
 * startup logs, and single-request (and a few batch-8) latencies from vLLM, TensorRT-LLM, NVIDIA
 * NIM and LMDeploy benchmarks. Each row names its source; `tests/capacity/accuracy_test.ts`
 * asserts capsim's error on every row and the README's accuracy table is printed from them
 * (`deno task accuracy`).
 *
 * Where a source used a checkpoint the catalog lacks, the row uses the catalog model with the
 * same shapes (Meta-Llama-3-8B → llama-3.1-8b, Meta-Llama-3-70B → llama-3.1-70b, DeepSeek-R1 →
 * deepseek-v3, Mistral-7B-v0.1 → mistral-7b) and says so.
 *
 * @module
 */

import type { KvPrecision, WeightPrecision } from "./precision.ts";

/** One published latency measurement. */
export interface LatencyMeasurement {
  /** URL of the source. */
  source: string;
  /** Engine and version. */
  engine: string;
  /** Catalog model with the measured checkpoint's shapes. */
  model: string;
  /** Catalog GPU. */
  gpu: string;
  /** Tensor-parallel size. */
  tensorParallel: number;
  /** Weight precision (fp16 counted as bf16). */
  weightPrecision: WeightPrecision;
  /** KV precision (TensorRT-LLM fp8 runs: fp8 KV assumed). */
  kvPrecision: KvPrecision;
  /** Prompt tokens. */
  promptTokens: number;
  /** Output tokens. */
  outputTokens: number;
  /** Requests in flight (1 = single request; the vLLM nightly rows use a batch of 8). */
  concurrency: number;
  /** Measured mean TTFT, ms (null when not reported). */
  ttftMs: number | null;
  /** Measured mean TPOT / inter-token latency, ms (null when not reported or not comparable). */
  tpotMs: number | null;
  /** Why a row is expected to fall outside capsim's target, when it is. */
  knownGap?: string;
}

/** One published KV-pool size from a vLLM startup log. */
export interface EngineKvMeasurement {
  /** URL of the source. */
  source: string;
  /** vLLM version. */
  engine: string;
  /** Catalog model. */
  model: string;
  /** Catalog GPU. */
  gpu: string;
  /** Engine options as the run used them (defaults filled from the version and entrypoint). */
  options: {
    tensorParallel?: number;
    gpuMemoryUtilization: number;
    weightPrecision?: WeightPrecision;
    maxModelLen?: number;
    maxNumBatchedTokens?: number;
    maxNumSeqs?: number;
    blockSize?: number;
  };
  /** KV tokens the engine reported, or derived from its logged KV GiB (see `derivedFrom`). */
  tokens: number;
  /** The logged KV GiB the token count was derived from, when the log gave GiB, not tokens. */
  derivedFromKvGiB?: number;
  /** False when the engine refused to start (no room, or fewer tokens than max_model_len). */
  started: boolean;
  /** Why a row is expected to fall outside capsim's target, when it is. */
  knownGap?: string;
}

const MUSGRAVE = "https://johnmusgrave.com/p/vllm-throughput-latency-sweep-on";
const NIM_DOCS = "https://docs.nvidia.com/nim/benchmarking/llm/1.0.0/performance.md";
const NIM_DLI =
  "https://github.com/wbing520/ai-performance-engineering/blob/0e25b2e236211ad01ed2221bd2c1cfa5b3f47b55/code/ch10_inference/inference_gpu_cluster_sizing/dataset/nim.csv";
const TRT09_DLI =
  "https://github.com/wbing520/ai-performance-engineering/blob/5a4d0c37a3231b2ff8a268df7f129be259c48a48/code/ch11_inference/inference_gpu_cluster_sizing/dataset/trt_llm_0_9_0_dli.csv";
const TRT05_DOCS =
  "https://github.com/NVIDIA/TensorRT-LLM/blob/release/0.5.0/docs/source/performance.md";
const DATABRICKS =
  "https://www.databricks.com/blog/llm-inference-performance-engineering-best-practices";
const LMDEPLOY =
  "https://github.com/InternLM/lmdeploy/blob/3e391df4673326f79363eebe030876861a9b7090/docs/en/benchmark/a100_fp16.md";
const VLLM_CI_H200 = "https://buildkite.com/vllm/performance-benchmark/builds/9513";
const VLLM_CI_A100 = "https://buildkite.com/vllm/performance-benchmark/builds/9523";
const ORACLE_MI300X =
  "https://blogs.oracle.com/cloud-infrastructure/post/serving-llama-31-405b-model-with-amd-mi300x-gpus";
const VLLM_20469 = "https://github.com/vllm-project/vllm/issues/20469";
const TRT_5929 = "https://github.com/NVIDIA/TensorRT-LLM/issues/5929";
const LLMD_OLD =
  "https://github.com/llm-d/llm-d-benchmark/blob/259334868c5075da530cc6c90b43fceb11b6e6a7/config_explorer/empirical-vllm-memory-results.md";
const LLMD =
  "https://github.com/llm-d/llm-d-benchmark/blob/4f4d44943c39b76b28e30dfa1fb0dfaf1ee894b5/config_explorer/empirical-vllm-memory-results.md";
const VLLM_10517 = "https://github.com/vllm-project/vllm/issues/10517";
const VLLM_21348 = "https://github.com/vllm-project/vllm/issues/21348";

/**
 * Published latency measurements (TTFT and TPOT), one row per configuration.
 *
 * @example
 * ```ts
 * import { LATENCY_MEASUREMENTS } from "./measurements.ts";
 * import { ok } from "node:assert/strict";
 * ok(LATENCY_MEASUREMENTS.length >= 6);
 * ```
 */
export const LATENCY_MEASUREMENTS: readonly LatencyMeasurement[] = [
  {
    source: MUSGRAVE,
    engine: "vLLM 0.23.0",
    model: "llama-3.1-8b",
    gpu: "a100-sxm-40gb",
    tensorParallel: 1,
    weightPrecision: "bf16",
    kvPrecision: "bf16",
    promptTokens: 1024,
    outputTokens: 128,
    concurrency: 1,
    ttftMs: null,
    tpotMs: 13.3,
  },
  {
    source: NIM_DOCS,
    engine: "NIM 1.8.0",
    model: "llama-3.3-70b",
    gpu: "h100-sxm",
    tensorParallel: 2,
    weightPrecision: "fp8",
    kvPrecision: "bf16",
    promptTokens: 5000,
    outputTokens: 500,
    concurrency: 1,
    ttftMs: 406.77,
    tpotMs: 18.58,
  },
  {
    source: NIM_DOCS,
    engine: "NIM 1.8.0",
    model: "llama-3.3-70b",
    gpu: "h100-sxm",
    tensorParallel: 2,
    weightPrecision: "fp8",
    kvPrecision: "bf16",
    promptTokens: 500,
    outputTokens: 2000,
    concurrency: 1,
    ttftMs: 47.77,
    tpotMs: 18.91,
  },
  {
    source: NIM_DLI,
    engine: "NIM (TensorRT-LLM)",
    model: "llama-3.1-8b",
    gpu: "a100-sxm",
    tensorParallel: 2,
    weightPrecision: "bf16",
    kvPrecision: "bf16",
    promptTokens: 200,
    outputTokens: 1000,
    concurrency: 1,
    ttftMs: 21.43,
    tpotMs: 8.33,
  },
  {
    source: NIM_DLI,
    engine: "NIM (TensorRT-LLM)",
    model: "llama-3.1-8b",
    gpu: "a100-sxm",
    tensorParallel: 2,
    weightPrecision: "bf16",
    kvPrecision: "bf16",
    promptTokens: 200,
    outputTokens: 2000,
    concurrency: 1,
    ttftMs: 23.4,
    tpotMs: 8.53,
  },
  {
    source: NIM_DLI,
    engine: "NIM (TensorRT-LLM)",
    model: "llama-3.1-8b",
    gpu: "a100-sxm",
    tensorParallel: 2,
    weightPrecision: "bf16",
    kvPrecision: "bf16",
    promptTokens: 2000,
    outputTokens: 2000,
    concurrency: 1,
    ttftMs: 91.38,
    tpotMs: 9.24,
  },
  {
    source: NIM_DLI,
    engine: "NIM (TensorRT-LLM)",
    model: "llama-3.1-8b",
    gpu: "a100-sxm",
    tensorParallel: 2,
    weightPrecision: "bf16",
    kvPrecision: "bf16",
    promptTokens: 7000,
    outputTokens: 1000,
    concurrency: 1,
    ttftMs: 319.86,
    tpotMs: 10.99,
  },
  {
    source: TRT09_DLI,
    engine: "TensorRT-LLM 0.9.0",
    model: "llama-2-7b",
    gpu: "h100-sxm",
    tensorParallel: 1,
    weightPrecision: "fp8",
    kvPrecision: "fp8",
    promptTokens: 128,
    outputTokens: 128,
    concurrency: 1,
    ttftMs: 6.36,
    tpotMs: 4.1,
  },
  {
    source: TRT09_DLI,
    engine: "TensorRT-LLM 0.9.0",
    model: "llama-2-7b",
    gpu: "h100-sxm",
    tensorParallel: 1,
    weightPrecision: "bf16",
    kvPrecision: "bf16",
    promptTokens: 128,
    outputTokens: 128,
    concurrency: 1,
    ttftMs: 9.09,
    tpotMs: 6.76,
  },
  {
    source: TRT09_DLI,
    engine: "TensorRT-LLM 0.9.0",
    model: "llama-2-7b",
    gpu: "a100-sxm",
    tensorParallel: 1,
    weightPrecision: "bf16",
    kvPrecision: "bf16",
    promptTokens: 128,
    outputTokens: 128,
    concurrency: 1,
    ttftMs: 16.27,
    tpotMs: 10.17,
  },
  {
    source: TRT09_DLI,
    engine: "TensorRT-LLM 0.9.0",
    model: "llama-2-13b",
    gpu: "a100-sxm",
    tensorParallel: 1,
    weightPrecision: "bf16",
    kvPrecision: "bf16",
    promptTokens: 128,
    outputTokens: 128,
    concurrency: 1,
    ttftMs: 28.61,
    tpotMs: 18.55,
  },
  {
    source: TRT09_DLI,
    engine: "TensorRT-LLM 0.9.0",
    model: "llama-2-13b",
    gpu: "h100-sxm",
    tensorParallel: 1,
    weightPrecision: "bf16",
    kvPrecision: "bf16",
    promptTokens: 128,
    outputTokens: 128,
    concurrency: 1,
    ttftMs: 14.55,
    tpotMs: 11.43,
  },
  {
    source: TRT09_DLI,
    engine: "TensorRT-LLM 0.9.0",
    model: "llama-2-13b",
    gpu: "h100-sxm",
    tensorParallel: 1,
    weightPrecision: "fp8",
    kvPrecision: "fp8",
    promptTokens: 128,
    outputTokens: 128,
    concurrency: 1,
    ttftMs: 9.59,
    tpotMs: 6.71,
  },
  {
    source: TRT09_DLI,
    engine: "TensorRT-LLM 0.9.0",
    model: "mistral-7b",
    gpu: "a100-sxm",
    tensorParallel: 1,
    weightPrecision: "bf16",
    kvPrecision: "bf16",
    promptTokens: 128,
    outputTokens: 128,
    concurrency: 1,
    ttftMs: 16.36,
    tpotMs: 11.17,
  },
  {
    source: TRT09_DLI,
    engine: "TensorRT-LLM 0.9.0",
    model: "mistral-7b",
    gpu: "h100-sxm",
    tensorParallel: 1,
    weightPrecision: "fp8",
    kvPrecision: "fp8",
    promptTokens: 128,
    outputTokens: 128,
    concurrency: 1,
    ttftMs: 6.55,
    tpotMs: 4.33,
  },
  {
    source: TRT09_DLI,
    engine: "TensorRT-LLM 0.9.0",
    model: "mistral-7b",
    gpu: "h100-sxm",
    tensorParallel: 1,
    weightPrecision: "bf16",
    kvPrecision: "bf16",
    promptTokens: 2048,
    outputTokens: 128,
    concurrency: 1,
    ttftMs: 63.95,
    tpotMs: 7.34,
  },
  {
    source: TRT09_DLI,
    engine: "TensorRT-LLM 0.9.0",
    model: "mistral-7b",
    gpu: "l40s",
    tensorParallel: 1,
    weightPrecision: "fp8",
    kvPrecision: "fp8",
    promptTokens: 128,
    outputTokens: 2048,
    concurrency: 1,
    ttftMs: 15.43,
    tpotMs: 12.47,
  },
  {
    source: TRT09_DLI,
    engine: "TensorRT-LLM 0.9.0",
    model: "llama-2-70b",
    gpu: "h100-sxm",
    tensorParallel: 1,
    weightPrecision: "fp8",
    kvPrecision: "fp8",
    promptTokens: 128,
    outputTokens: 128,
    concurrency: 1,
    ttftMs: 36.19,
    tpotMs: 27.04,
  },
  {
    source: TRT09_DLI,
    engine: "TensorRT-LLM 0.9.0",
    model: "llama-2-70b",
    gpu: "h100-sxm",
    tensorParallel: 2,
    weightPrecision: "fp8",
    kvPrecision: "fp8",
    promptTokens: 128,
    outputTokens: 128,
    concurrency: 1,
    ttftMs: 25.67,
    tpotMs: 17.27,
  },
  {
    source: TRT09_DLI,
    engine: "TensorRT-LLM 0.9.0",
    model: "llama-2-70b",
    gpu: "h100-sxm",
    tensorParallel: 4,
    weightPrecision: "fp8",
    kvPrecision: "fp8",
    promptTokens: 128,
    outputTokens: 128,
    concurrency: 1,
    ttftMs: 19.64,
    tpotMs: 12.03,
  },
  {
    source: TRT09_DLI,
    engine: "TensorRT-LLM 0.9.0",
    model: "llama-2-70b",
    gpu: "h100-sxm",
    tensorParallel: 4,
    weightPrecision: "bf16",
    kvPrecision: "bf16",
    promptTokens: 128,
    outputTokens: 128,
    concurrency: 1,
    ttftMs: 25.91,
    tpotMs: 17.48,
  },
  {
    source: TRT09_DLI,
    engine: "TensorRT-LLM 0.9.0",
    model: "llama-2-70b",
    gpu: "a100-sxm",
    tensorParallel: 2,
    weightPrecision: "bf16",
    kvPrecision: "bf16",
    promptTokens: 128,
    outputTokens: 128,
    concurrency: 1,
    ttftMs: 70.87,
    tpotMs: 48.99,
  },
  {
    source: TRT09_DLI,
    engine: "TensorRT-LLM 0.9.0",
    model: "llama-2-70b",
    gpu: "a100-sxm",
    tensorParallel: 4,
    weightPrecision: "bf16",
    kvPrecision: "bf16",
    promptTokens: 128,
    outputTokens: 4096,
    concurrency: 1,
    ttftMs: 45.61,
    tpotMs: 29.66,
  },
  {
    source: TRT09_DLI,
    engine: "TensorRT-LLM 0.9.0",
    model: "llama-2-70b",
    gpu: "h200",
    tensorParallel: 1,
    weightPrecision: "fp8",
    kvPrecision: "fp8",
    promptTokens: 128,
    outputTokens: 128,
    concurrency: 1,
    ttftMs: 32.26,
    tpotMs: 20.99,
  },
  {
    source: TRT09_DLI,
    engine: "TensorRT-LLM 0.9.0",
    model: "llama-2-70b",
    gpu: "h200",
    tensorParallel: 4,
    weightPrecision: "fp8",
    kvPrecision: "fp8",
    promptTokens: 2048,
    outputTokens: 2048,
    concurrency: 1,
    ttftMs: 103.1,
    tpotMs: 12.11,
  },
  {
    source: TRT09_DLI,
    engine: "TensorRT-LLM 0.9.0",
    model: "llama-2-70b",
    gpu: "l40s",
    tensorParallel: 2,
    weightPrecision: "fp8",
    kvPrecision: "fp8",
    promptTokens: 2048,
    outputTokens: 2048,
    concurrency: 1,
    ttftMs: 735.12,
    tpotMs: 64.08,
  },
  {
    source: TRT09_DLI,
    engine: "TensorRT-LLM 0.9.0",
    model: "llama-2-70b",
    gpu: "l40s",
    tensorParallel: 4,
    weightPrecision: "fp8",
    kvPrecision: "fp8",
    promptTokens: 128,
    outputTokens: 4096,
    concurrency: 1,
    ttftMs: 73.04,
    tpotMs: 32.87,
  },
  {
    source: TRT05_DOCS,
    engine: "TensorRT-LLM 0.5.0",
    model: "llama-2-7b",
    gpu: "h100-sxm",
    tensorParallel: 1,
    weightPrecision: "fp8",
    kvPrecision: "fp8",
    promptTokens: 128,
    outputTokens: 1,
    concurrency: 1,
    ttftMs: 7,
    tpotMs: null,
  },
  {
    source: TRT05_DOCS,
    engine: "TensorRT-LLM 0.5.0",
    model: "llama-2-7b",
    gpu: "h100-sxm",
    tensorParallel: 1,
    weightPrecision: "fp8",
    kvPrecision: "fp8",
    promptTokens: 2048,
    outputTokens: 1,
    concurrency: 1,
    ttftMs: 36,
    tpotMs: null,
  },
  {
    source: TRT05_DOCS,
    engine: "TensorRT-LLM 0.5.0",
    model: "llama-2-70b",
    gpu: "h100-sxm",
    tensorParallel: 4,
    weightPrecision: "fp8",
    kvPrecision: "fp8",
    promptTokens: 128,
    outputTokens: 1,
    concurrency: 1,
    ttftMs: 26,
    tpotMs: null,
  },
  {
    source: TRT05_DOCS,
    engine: "TensorRT-LLM 0.5.0",
    model: "llama-2-70b",
    gpu: "h100-sxm",
    tensorParallel: 4,
    weightPrecision: "fp8",
    kvPrecision: "fp8",
    promptTokens: 2048,
    outputTokens: 1,
    concurrency: 1,
    ttftMs: 109,
    tpotMs: null,
  },
  {
    source: TRT05_DOCS,
    engine: "TensorRT-LLM 0.5.0",
    model: "llama-2-7b",
    gpu: "l40s",
    tensorParallel: 1,
    weightPrecision: "fp8",
    kvPrecision: "fp8",
    promptTokens: 128,
    outputTokens: 1,
    concurrency: 1,
    ttftMs: 14,
    tpotMs: null,
  },
  {
    source: TRT05_DOCS,
    engine: "TensorRT-LLM 0.5.0",
    model: "llama-2-7b",
    gpu: "l40s",
    tensorParallel: 1,
    weightPrecision: "fp8",
    kvPrecision: "fp8",
    promptTokens: 2048,
    outputTokens: 1,
    concurrency: 1,
    ttftMs: 73,
    tpotMs: null,
  },
  {
    source: TRT05_DOCS,
    engine: "TensorRT-LLM 0.5.0",
    model: "llama-2-7b",
    gpu: "a100-sxm",
    tensorParallel: 1,
    weightPrecision: "bf16",
    kvPrecision: "bf16",
    promptTokens: 128,
    outputTokens: 1,
    concurrency: 1,
    ttftMs: 16,
    tpotMs: null,
  },
  {
    source: TRT05_DOCS,
    engine: "TensorRT-LLM 0.5.0",
    model: "llama-2-7b",
    gpu: "a100-sxm",
    tensorParallel: 1,
    weightPrecision: "bf16",
    kvPrecision: "bf16",
    promptTokens: 2048,
    outputTokens: 1,
    concurrency: 1,
    ttftMs: 133,
    tpotMs: null,
  },
  {
    source: TRT05_DOCS,
    engine: "TensorRT-LLM 0.5.0",
    model: "llama-2-70b",
    gpu: "a100-sxm",
    tensorParallel: 4,
    weightPrecision: "bf16",
    kvPrecision: "bf16",
    promptTokens: 128,
    outputTokens: 1,
    concurrency: 1,
    ttftMs: 47,
    tpotMs: null,
  },
  {
    source: TRT05_DOCS,
    engine: "TensorRT-LLM 0.5.0",
    model: "llama-2-70b",
    gpu: "a100-sxm",
    tensorParallel: 4,
    weightPrecision: "bf16",
    kvPrecision: "bf16",
    promptTokens: 2048,
    outputTokens: 1,
    concurrency: 1,
    ttftMs: 377,
    tpotMs: null,
  },
  {
    source: DATABRICKS,
    engine: "Databricks (TensorRT-LLM based)",
    model: "llama-2-70b",
    gpu: "a100-sxm-40gb",
    tensorParallel: 4,
    weightPrecision: "bf16",
    kvPrecision: "bf16",
    promptTokens: 512,
    outputTokens: 1,
    concurrency: 1,
    ttftMs: 154,
    tpotMs: null,
  },
  {
    source: DATABRICKS,
    engine: "Databricks (TensorRT-LLM based)",
    model: "llama-2-70b",
    gpu: "a100-sxm-40gb",
    tensorParallel: 8,
    weightPrecision: "bf16",
    kvPrecision: "bf16",
    promptTokens: 512,
    outputTokens: 1,
    concurrency: 1,
    ttftMs: 114,
    tpotMs: null,
  },
  {
    source: LMDEPLOY,
    engine: "LMDeploy TurboMind 0.1.0a1",
    model: "llama-2-7b",
    gpu: "a100-sxm",
    tensorParallel: 1,
    weightPrecision: "bf16",
    kvPrecision: "bf16",
    promptTokens: 1,
    outputTokens: 128,
    concurrency: 1,
    ttftMs: 11,
    tpotMs: 10,
  },
  {
    source: LMDEPLOY,
    engine: "LMDeploy TurboMind 0.1.0a1",
    model: "llama-2-7b",
    gpu: "a100-sxm",
    tensorParallel: 1,
    weightPrecision: "bf16",
    kvPrecision: "bf16",
    promptTokens: 2048,
    outputTokens: 128,
    concurrency: 1,
    ttftMs: 139,
    tpotMs: 10,
  },
  {
    source: LMDEPLOY,
    engine: "LMDeploy TurboMind 0.1.0a1",
    model: "llama-2-13b",
    gpu: "a100-sxm",
    tensorParallel: 1,
    weightPrecision: "bf16",
    kvPrecision: "bf16",
    promptTokens: 1,
    outputTokens: 128,
    concurrency: 1,
    ttftMs: 18,
    tpotMs: 17,
  },
  {
    source: LMDEPLOY,
    engine: "LMDeploy TurboMind 0.1.0a1",
    model: "llama-2-13b",
    gpu: "a100-sxm",
    tensorParallel: 1,
    weightPrecision: "bf16",
    kvPrecision: "bf16",
    promptTokens: 2048,
    outputTokens: 128,
    concurrency: 1,
    ttftMs: 242,
    tpotMs: 19,
    knownGap:
      "a long prompt on A100: engines reach 0.6–0.7 of the bf16 peak on Ampere (TensorRT-LLM 0.5, LMDeploy), above the 0.5 MFU fitted across all rows, most of them Hopper",
  },
  {
    source: LMDEPLOY,
    engine: "LMDeploy TurboMind 0.1.0a1",
    model: "llama-2-70b",
    gpu: "a100-sxm",
    tensorParallel: 4,
    weightPrecision: "bf16",
    kvPrecision: "bf16",
    promptTokens: 128,
    outputTokens: 128,
    concurrency: 1,
    ttftMs: 74,
    tpotMs: 29,
    knownGap:
      "TP 4 at a 128-token prompt: a short prefill over 4 GPUs is dominated by launch and all-reduce costs capsim counts once per pass",
  },
  {
    source: LMDEPLOY,
    engine: "LMDeploy TurboMind 0.1.0a1",
    model: "llama-2-70b",
    gpu: "a100-sxm",
    tensorParallel: 4,
    weightPrecision: "bf16",
    kvPrecision: "bf16",
    promptTokens: 2048,
    outputTokens: 128,
    concurrency: 1,
    ttftMs: 402,
    tpotMs: 31,
  },
  {
    source: VLLM_CI_H200,
    engine: "vLLM (2024 nightly)",
    model: "llama-3.1-8b",
    gpu: "h200",
    tensorParallel: 1,
    weightPrecision: "bf16",
    kvPrecision: "bf16",
    promptTokens: 32,
    outputTokens: 128,
    concurrency: 8,
    ttftMs: null,
    tpotMs: 6.52,
  },
  {
    source: VLLM_CI_H200,
    engine: "vLLM (2024 nightly)",
    model: "llama-3.1-70b",
    gpu: "h200",
    tensorParallel: 4,
    weightPrecision: "bf16",
    kvPrecision: "bf16",
    promptTokens: 32,
    outputTokens: 128,
    concurrency: 8,
    ttftMs: null,
    tpotMs: 16.21,
  },
  {
    source: VLLM_CI_H200,
    engine: "vLLM (2024 nightly)",
    model: "mixtral-8x7b",
    gpu: "h200",
    tensorParallel: 2,
    weightPrecision: "bf16",
    kvPrecision: "bf16",
    promptTokens: 32,
    outputTokens: 128,
    concurrency: 8,
    ttftMs: null,
    tpotMs: 15.01,
  },
  {
    source: VLLM_CI_A100,
    engine: "vLLM (2024 nightly)",
    model: "llama-3.1-8b",
    gpu: "a100-sxm",
    tensorParallel: 1,
    weightPrecision: "bf16",
    kvPrecision: "bf16",
    promptTokens: 32,
    outputTokens: 128,
    concurrency: 8,
    ttftMs: null,
    tpotMs: 12.34,
  },
  {
    source: VLLM_CI_A100,
    engine: "vLLM (2024 nightly)",
    model: "llama-3.1-70b",
    gpu: "a100-sxm",
    tensorParallel: 4,
    weightPrecision: "bf16",
    kvPrecision: "bf16",
    promptTokens: 32,
    outputTokens: 128,
    concurrency: 8,
    ttftMs: null,
    tpotMs: 31.18,
  },
  {
    source: VLLM_CI_A100,
    engine: "vLLM (2024 nightly)",
    model: "mixtral-8x7b",
    gpu: "a100-sxm",
    tensorParallel: 2,
    weightPrecision: "bf16",
    kvPrecision: "bf16",
    promptTokens: 32,
    outputTokens: 128,
    concurrency: 8,
    ttftMs: null,
    tpotMs: 28.47,
  },
  {
    source: ORACLE_MI300X,
    engine: "vLLM ROCm (Oct 2024)",
    model: "llama-3.1-405b",
    gpu: "mi300x",
    tensorParallel: 8,
    weightPrecision: "fp8",
    kvPrecision: "bf16",
    promptTokens: 128,
    outputTokens: 128,
    concurrency: 1,
    ttftMs: null,
    tpotMs: 27.6,
  },
  {
    source: VLLM_20469,
    engine: "vLLM 0.9.1",
    model: "qwen3-14b",
    gpu: "a100-sxm",
    tensorParallel: 1,
    weightPrecision: "int4",
    kvPrecision: "bf16",
    promptTokens: 16000,
    outputTokens: 200,
    concurrency: 1,
    ttftMs: 3345.37,
    tpotMs: null,
  },
  {
    source: TRT_5929,
    engine: "TensorRT-LLM 0.21.0rc2",
    model: "deepseek-v3",
    gpu: "h200",
    tensorParallel: 8,
    weightPrecision: "fp8",
    kvPrecision: "fp8",
    promptTokens: 1600,
    outputTokens: 600,
    concurrency: 1,
    ttftMs: 164.63,
    tpotMs: 13.78,
    knownGap:
      "MoE + MLA at batch 1 on TP 8: expert GEMMs of one token run far below the bandwidth roofline, and capsim has no per-expert kernel cost",
  },
];

/**
 * Published vLLM KV-pool sizes. Token counts come from the log's `GPU KV cache size` or block
 * count where it has one, else from its `Available KV cache memory` GiB ÷ (KV bytes per token ×
 * block size), rounded down to whole blocks (`derivedFromKvGiB`).
 *
 * @example
 * ```ts
 * import { ENGINE_KV_MEASUREMENTS } from "./measurements.ts";
 * import { ok } from "node:assert/strict";
 * ok(ENGINE_KV_MEASUREMENTS.filter((m) => m.started).length >= 6);
 * ```
 */
export const ENGINE_KV_MEASUREMENTS: readonly EngineKvMeasurement[] = [
  {
    source: LLMD_OLD,
    engine: "vLLM 0.11.0 serve",
    model: "llama-3.1-8b",
    gpu: "h100-sxm",
    options: { gpuMemoryUtilization: 0.9, maxModelLen: 16_000, blockSize: 128 },
    tokens: 420_864,
    derivedFromKvGiB: 51.38,
    started: true,
  },
  {
    source: LLMD,
    engine: "vLLM 0.11.0 serve",
    model: "mistral-small-3.2-24b",
    gpu: "h100-sxm",
    options: { gpuMemoryUtilization: 0.95, maxModelLen: 16_000, blockSize: 128 },
    tokens: 184_832,
    started: true,
  },
  {
    source: LLMD,
    engine: "vLLM 0.11.0 serve",
    model: "gpt-oss-20b",
    gpu: "h100-sxm",
    options: {
      gpuMemoryUtilization: 0.9,
      weightPrecision: "int4",
      maxModelLen: 16_000,
      blockSize: 128,
    },
    tokens: 1_098_368,
    derivedFromKvGiB: 50.28,
    started: true,
  },
  {
    source: LLMD,
    engine: "vLLM 0.11.0 serve",
    model: "gpt-oss-120b",
    gpu: "h100-sxm",
    options: {
      gpuMemoryUtilization: 0.95,
      weightPrecision: "int4",
      maxModelLen: 16_000,
      blockSize: 128,
    },
    tokens: 48_384,
    derivedFromKvGiB: 3.33,
    started: true,
    knownGap:
      "MXFP4 experts (4.25 bits) with bf16 attention weigh 64.38 GiB; capsim's int4 (4.16 bits, embeddings only at bf16) gives 58.1 GiB, and 6 GiB is most of this run's 3.3 GiB pool",
  },
  {
    source: LLMD,
    engine: "vLLM 0.11.0 serve",
    model: "llama-3.3-70b",
    gpu: "h100-sxm",
    options: {
      tensorParallel: 2,
      gpuMemoryUtilization: 0.9,
      weightPrecision: "fp8",
      maxModelLen: 16_000,
      blockSize: 128,
    },
    tokens: 209_664,
    derivedFromKvGiB: 32.0,
    started: true,
  },
  {
    source: LLMD,
    engine: "vLLM 0.11.0 serve",
    model: "llama-3.3-70b",
    gpu: "h100-sxm",
    options: {
      gpuMemoryUtilization: 0.9,
      weightPrecision: "fp8",
      maxModelLen: 16_000,
      blockSize: 128,
    },
    tokens: 0,
    started: false,
  },
  {
    source: LLMD,
    engine: "vLLM 0.11.0 serve",
    model: "qwen3-32b",
    gpu: "h100-sxm",
    options: { gpuMemoryUtilization: 0.9, maxModelLen: 16_000, blockSize: 128 },
    tokens: 18_176,
    derivedFromKvGiB: 4.45,
    started: true,
  },
  {
    source: LLMD,
    engine: "vLLM 0.11.0 serve",
    model: "qwen3-32b",
    gpu: "h100-sxm",
    options: { tensorParallel: 2, gpuMemoryUtilization: 0.9, maxModelLen: 16_000, blockSize: 128 },
    tokens: 282_496,
    derivedFromKvGiB: 34.49,
    started: true,
  },
  {
    // vLLM V0 (0.6.4) without chunked prefill profiles max(max_model_len, 2048) tokens, 256 seqs.
    source: VLLM_10517,
    engine: "vLLM 0.6.4 (V0)",
    model: "llama-3.1-8b",
    gpu: "rtx-3090",
    options: {
      gpuMemoryUtilization: 0.9,
      maxModelLen: 20_000,
      maxNumBatchedTokens: 20_000,
      maxNumSeqs: 256,
    },
    tokens: 31_232,
    started: true,
  },
  {
    // Same run at 29,000: 1,478 blocks = 23,648 tokens < max_model_len, so vLLM refused to start.
    source: VLLM_10517,
    engine: "vLLM 0.6.4 (V0)",
    model: "llama-3.1-8b",
    gpu: "rtx-3090",
    options: {
      gpuMemoryUtilization: 0.9,
      maxModelLen: 29_000,
      maxNumBatchedTokens: 29_000,
      maxNumSeqs: 256,
    },
    tokens: 23_648,
    started: false,
  },
  {
    source: VLLM_21348,
    engine: "vLLM V1 serve",
    model: "qwen3-235b-a22b",
    gpu: "h100-sxm",
    options: { tensorParallel: 4, gpuMemoryUtilization: 0.9, weightPrecision: "fp8" },
    tokens: 178_880,
    started: true,
    knownGap:
      "the log shows only the KV result: weights and non-torch memory of a TP 4 fp8 MoE are not logged, and vLLM sizes the pool on the rank with the least free memory",
  },
];
