import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { DEFAULT_GPU_SPECS } from "../../src/catalog/gpus.ts";
import {
  activationPeakBytes,
  engineKvCapacity,
  nonTorchGiB,
  vllmDefaults,
} from "../../src/capacity/engine_pool.ts";
import { DEFAULT_ARCHITECTURES } from "../../src/catalog/models.ts";

const near = (actual: number, expected: number, rel: number, what = "") =>
  ok(
    Math.abs(actual - expected) / Math.abs(expected) <= rel,
    `${what} ${actual} is not within ${rel * 100} % of ${expected}`,
  );

// The three facts of DESIGN.md §4, from the llm-d engine memory study (vLLM 0.11, H100 79.18 GiB):
// https://github.com/llm-d/llm-d-benchmark/blob/259334868c5075da530cc6c90b43fceb11b6e6a7/config_explorer/empirical-vllm-memory-results.md
Deno.test("engineKvCapacity() reproduces vLLM 0.11's budget for Llama-3.1-8B on an H100", () => {
  const r = engineKvCapacity({
    model: "llama-3.1-8b",
    gpu: "h100-sxm",
    maxModelLen: 16_000,
    blockSize: 128,
  });
  equal(r.budget.totalGiB, 79.18);
  near(r.budget.usableGiB, 71.26, 0.001, "usable");
  near(r.budget.weightsGiB, 14.99, 0.003, "weights");
  near(r.budget.activationGiB, 4.76, 0.01, "activation");
  near(r.budget.nonTorchGiB, 0.13, 0.01, "non-torch");
  near(r.budget.kvGiB, 51.38, 0.002, "kv");
  // 51.38 GiB ÷ (128 KiB × 128) → 3,288 blocks of 128 = 420,864 tokens.
  near(r.tokens, 420_864, 0.01, "tokens");
  equal(r.tokens % 128, 0);
  ok(r.fits);
});

Deno.test("engineKvCapacity() sizes Mistral-Small-3.2-24B at util 0.95 within 10 % of vLLM's 184,832 tokens", () => {
  const r = engineKvCapacity({
    model: "mistral-small-3.2-24b",
    gpu: "h100-sxm",
    gpuMemoryUtilization: 0.95,
    maxModelLen: 16_000,
    blockSize: 128,
  });
  near(r.tokens, 184_832, 0.1, "tokens");
  // vLLM: "Maximum concurrency for 16,000 tokens per request: 11.55x".
  near(r.maxConcurrency, 11.55, 0.1, "concurrency");
});

Deno.test("engineKvCapacity() sizes Llama-3.1-8B on an RTX 3090 (vLLM V0, 20,000-token profile) within 10 % of 31,232", () => {
  // https://github.com/vllm-project/vllm/issues/10517: 1,952 blocks of 16.
  const r = engineKvCapacity({
    model: "llama-3.1-8b",
    gpu: "rtx-3090",
    maxModelLen: 20_000,
    maxNumBatchedTokens: 20_000,
    maxNumSeqs: 256,
  });
  near(r.tokens, 31_232, 0.1, "tokens");
  equal(r.blockSize, 16);
  equal(r.blocks * 16, r.tokens);
});

Deno.test("the activation peak is the larger of the forward pass and the sampler", () => {
  const arch = DEFAULT_ARCHITECTURES["llama-3.1-8b"];
  // Forward: 20,000 × (3 × 14,336 + 3 × 4,096) × 2 bytes.
  equal(activationPeakBytes(arch, 1, 20_000, 256), 20_000 * (3 * 14_336 + 3 * 4_096) * 2);
  // Sampler: 1,024 × 128,256 × 9.7 × 4 bytes.
  equal(activationPeakBytes(arch, 1, 8_192, 1_024), 1_024 * 128_256 * 9.7 * 4);
});

Deno.test("non-torch memory grows with tensor parallelism (0.13 GiB at TP 1, 0.55 at TP 2, ≈ 2.1 at TP 8)", () => {
  equal(nonTorchGiB(1), 0.13);
  near(nonTorchGiB(2), 0.55, 0.001);
  near(nonTorchGiB(8), 2.1, 0.03);
});

Deno.test("vLLM's defaults depend on the GPU: ≥ 70 GiB non-A100 cards batch more", () => {
  deepEqual(vllmDefaults(DEFAULT_GPU_SPECS["h100-sxm"]), {
    maxNumBatchedTokens: 8_192,
    maxNumSeqs: 1_024,
  });
  deepEqual(vllmDefaults(DEFAULT_GPU_SPECS["h100-sxm"], "llm"), {
    maxNumBatchedTokens: 16_384,
    maxNumSeqs: 1_024,
  });
  deepEqual(vllmDefaults(DEFAULT_GPU_SPECS["a100-sxm"]), {
    maxNumBatchedTokens: 2_048,
    maxNumSeqs: 256,
  });
  deepEqual(vllmDefaults(DEFAULT_GPU_SPECS["l4"]), { maxNumBatchedTokens: 2_048, maxNumSeqs: 256 });
});

Deno.test("weights that leave no room are a result with a reason, not an exception", () => {
  // vLLM 0.11 refused Llama-3.3-70B FP8 on one H100: KV −1.44 GiB.
  const r = engineKvCapacity({
    model: "llama-3.3-70b",
    gpu: "h100-sxm",
    weightPrecision: "fp8",
    maxModelLen: 16_000,
  });
  equal(r.fits, false);
  equal(r.tokens, 0);
  ok(r.budget.kvGiB < 0);
  ok(/leave no room for KV cache/.test(r.reason ?? ""));
});

Deno.test("a pool smaller than one max_model_len sequence is flagged, as vLLM refuses to start", () => {
  const r = engineKvCapacity({
    model: "llama-3.1-8b",
    gpu: "rtx-3090",
    maxModelLen: 29_000,
    maxNumBatchedTokens: 29_000,
    maxNumSeqs: 256,
  });
  equal(r.fits, false);
  ok(r.tokens > 0 && r.tokens < 29_000);
  ok(/cannot hold one sequence/.test(r.reason ?? ""));
});

Deno.test("sliding-window layers reserve window + batch tokens per sequence, as vLLM's concurrency estimate does", () => {
  // gpt-oss-20b: 12 full layers hold 16,000 tokens; 12 sliding layers (window 128) hold
  // ⌈(128 − 1 + 8,192) ÷ 16⌉ × 16 + 16 = 8,336 tokens, so one sequence costs 12 × 16,000 + 12 × 8,336
  // layer-tokens against the pool's 24 layer-tokens per token.
  const r = engineKvCapacity({
    model: "gpt-oss-20b",
    gpu: "h100-sxm",
    weightPrecision: "int4",
    maxModelLen: 16_000,
  });
  near(r.maxConcurrency, (r.tokens * 24) / (12 * 16_000 + 12 * 8_336), 1e-12);
  ok(r.maxConcurrency > r.tokens / 16_000);
});

Deno.test("more memory utilisation never gives fewer tokens", () => {
  let last = -1;
  for (const util of [0.5, 0.6, 0.7, 0.8, 0.9, 0.95]) {
    const t = engineKvCapacity({
      model: "qwen3-32b",
      gpu: "h100-sxm",
      gpuMemoryUtilization: util,
      maxModelLen: 8_192,
    }).tokens;
    ok(t >= last);
    last = t;
  }
});

Deno.test("bad engine options throw errors that name the field", () => {
  throws(
    () => engineKvCapacity({ model: "llama-3.1-8b", gpu: "h100-sxm", gpuMemoryUtilization: 0 }),
    {
      name: "RangeError",
      message: /^gpuMemoryUtilization: expected a number in \(0, 1\]; received 0$/,
    },
  );
  throws(
    () => engineKvCapacity({ model: "llama-3.1-8b", gpu: "h100-sxm", gpuMemoryUtilization: 1.5 }),
    {
      name: "RangeError",
      message: /^gpuMemoryUtilization: expected a number in \(0, 1\]; received 1.5$/,
    },
  );
  throws(() => engineKvCapacity({ model: "llama-3.1-8b", gpu: "h100-sxm", maxModelLen: 200_000 }), {
    name: "RangeError",
    message: /^maxModelLen: expected ≤ llama-3.1-8b's maximum context \(131072\); received 200000$/,
  });
  throws(() => engineKvCapacity({ model: "llama-3.1-70b", gpu: "h100-sxm", tensorParallel: 3 }), {
    name: "RangeError",
    message: /^tensorParallel: expected a divisor of llama-3.1-70b's 64 attention heads/,
  });
  throws(() => engineKvCapacity({ model: "llama-3.1-8b", gpu: "h100" }), {
    name: "RangeError",
    message:
      /^gpu: expected a known id \(did you mean "h100-pcie", "h100-sxm", "h200"\?\); received "h100"/,
  });
  throws(() => engineKvCapacity({ model: "llama-3.1-7b", gpu: "h100-sxm" }), {
    name: "RangeError",
    message:
      /^model: expected a known id \(did you mean .*"llama-3.1-8b".*\); received "llama-3.1-7b"/,
  });
  throws(() => engineKvCapacity({ model: "llama-3.1-8b", gpu: "h100-sxm", blockSize: 0 }), {
    name: "RangeError",
    message: /^blockSize: expected a positive integer; received 0$/,
  });
  throws(
    () => engineKvCapacity({ model: "llama-3.1-8b", gpu: "h100-sxm", maxNumBatchedTokens: 1.5 }),
    {
      name: "RangeError",
      message: /^maxNumBatchedTokens: expected a positive integer; received 1.5$/,
    },
  );
});
