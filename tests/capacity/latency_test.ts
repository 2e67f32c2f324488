import { equal, ok, throws } from "node:assert/strict";
import { DEFAULT_ARCHITECTURES } from "../../src/catalog/models.ts";
import { DEFAULT_GPU_SPECS } from "../../src/catalog/gpus.ts";
import {
  decodeStep,
  estimateLatency,
  latencyContext,
  peakTflops,
  prefillTime,
} from "../../src/capacity/latency.ts";

const near = (actual: number, expected: number, rel: number, what = "") =>
  ok(
    Math.abs(actual - expected) / Math.abs(expected) <= rel,
    `${what} ${actual} is not within ${rel * 100} % of ${expected}`,
  );
const IDEAL = {
  bandwidth: 1,
  prefillCompute: 1,
  decodeCompute: 1,
  stepOverheadMs: 0,
  prefillOverheadMs: 0,
  allReduceLatencyUs: 0,
};
const llama8b = DEFAULT_ARCHITECTURES["llama-3.1-8b"];

Deno.test("estimateLatency() is within 25 % of vLLM's 13.3 ms per token for Llama-3.1-8B on one A100 40 GB", () => {
  // https://johnmusgrave.com/p/vllm-throughput-latency-sweep-on: "about 75 tokens/sec" at one request.
  const r = estimateLatency({
    model: "llama-3.1-8b",
    gpu: "a100-sxm-40gb",
    promptTokens: 1024,
    outputTokens: 128,
  });
  near(r.tpotMs, 1000 / 75, 0.25, "tpot");
  equal(r.decodeBound, "memory");
});

Deno.test("a decode step streams the weights and the KV cache, not the KV cache alone", () => {
  const ctx = latencyContext({ model: llama8b, gpu: "h100-sxm", efficiency: IDEAL });
  const step = decodeStep(ctx, 1, 1000);
  // Weights read: all of them but the (untied) input embedding, which is only gathered:
  // (8,030,261,248 − 525,336,576) × 2 bytes ÷ 3.35 TB/s.
  near(
    step.breakdown.weightReadMs,
    ((8_030_261_248 - 525_336_576) * 2) / 3.35e12 * 1000,
    1e-12,
    "weights",
  );
  // KV: 1,000 tokens × 131,072 bytes ÷ 3.35 TB/s.
  near(step.breakdown.kvReadMs, (1000 * 131_072) / 3.35e12 * 1000, 1e-12, "kv");
  near(step.ms, step.breakdown.weightReadMs + step.breakdown.kvReadMs, 1e-12, "step");
  // The reference's KV-only TPOT would be over 100× too low here.
  ok(step.ms > 100 * step.breakdown.kvReadMs);
});

Deno.test("decode is memory-bound at batch 1 and compute-bound at a large batch of short contexts", () => {
  const ctx = latencyContext({ model: llama8b, gpu: "h100-sxm" });
  equal(decodeStep(ctx, 1, 100).bound, "memory");
  equal(decodeStep(ctx, 4096, 100).bound, "compute");
});

Deno.test("prefill costs 2 × non-embedding active params × N + the causal attention term", () => {
  const ctx = latencyContext({ model: llama8b, gpu: "h100-sxm", efficiency: IDEAL });
  const n = 4096;
  const linear = 2 * (8_030_261_248 - 1_050_673_152) * n + 2 * 128_256 * 4096;
  // Causal attention: QKᵀ and AV over n²/2 pairs, 2 FLOPs per multiply-add, 32 layers × 32 heads × 128.
  const attention = 2 * n * n * 32 * 32 * 128;
  near(prefillTime(ctx, n), (linear + attention) / 989e12 * 1000, 1e-9, "prefill");
});

Deno.test("fp8 weights prefill about twice as fast as bf16 on Hopper", () => {
  const bf16 = prefillTime(
    latencyContext({ model: llama8b, gpu: "h100-sxm", weightPrecision: "bf16", efficiency: IDEAL }),
    8192,
  );
  const fp8 = prefillTime(
    latencyContext({ model: llama8b, gpu: "h100-sxm", weightPrecision: "fp8", efficiency: IDEAL }),
    8192,
  );
  ok(bf16 / fp8 > 1.6 && bf16 / fp8 < 2, `ratio ${bf16 / fp8}`);
  // No fp8 tensor cores on an A100: fp8 weights compute at the bf16 peak.
  equal(peakTflops(DEFAULT_GPU_SPECS["a100-sxm"], "fp8"), 312);
});

Deno.test("a MoE decode step reads only the experts its batch touches", () => {
  const arch = DEFAULT_ARCHITECTURES["mixtral-8x7b"];
  const ctx = latencyContext({
    model: arch,
    gpu: "h100-sxm",
    tensorParallel: 2,
    efficiency: IDEAL,
  });
  const experts = 32 * 8 * 3 * 4096 * 14_336;
  const untiedInput = arch.vocabSize * arch.hiddenDim;
  // Batch 1 touches 2 of 8 experts per layer.
  const bytes1 = ((arch.totalParams - untiedInput - experts * 0.75) * 2) / 2;
  near(decodeStep(ctx, 1, 10).breakdown.weightReadMs, bytes1 / 3.35e12 * 1000, 1e-9, "batch 1");
  // Batch 64 touches nearly all: 1 − (6/8)^64 ≈ 1.
  const bytes64 = ((arch.totalParams - untiedInput - experts * Math.pow(0.75, 64)) * 2) / 2;
  near(decodeStep(ctx, 64, 10).breakdown.weightReadMs, bytes64 / 3.35e12 * 1000, 1e-9, "batch 64");
});

Deno.test("concurrent prompts queue: mean TTFT = single × (C + 1) ÷ 2", () => {
  const one = estimateLatency({ model: "llama-3.1-8b", gpu: "h100-sxm", promptTokens: 2000 });
  const five = estimateLatency({
    model: "llama-3.1-8b",
    gpu: "h100-sxm",
    promptTokens: 2000,
    concurrency: 5,
  });
  near(five.ttftMs, one.prefillMs * 3, 1e-12);
  equal(one.ttftMs, one.prefillMs);
});

Deno.test("tensor parallelism adds two all-reduces per layer", () => {
  const eff = { ...IDEAL, allReduceLatencyUs: 10, linkEfficiency: 1 };
  const tp2 = decodeStep(
    latencyContext({ model: "llama-3.1-70b", gpu: "h100-sxm", tensorParallel: 2, efficiency: eff }),
    1,
    10,
  );
  // 2 × 80 layers × (10 µs + 2·(2−1)/2 × 8,192 × 2 bytes ÷ 450 GB/s).
  near(tp2.breakdown.commMs, 160 * (0.01 + (16_384 / 450e9) * 1000), 1e-9);
});

Deno.test("a prompt longer than the model's context is clamped and flagged", () => {
  const r = estimateLatency({
    model: "llama-2-7b",
    gpu: "a100-sxm",
    promptTokens: 10_000,
    outputTokens: 10,
  });
  equal(r.promptTokens, 4095);
  equal(r.clamped, true);
  equal(
    estimateLatency({ model: "llama-2-7b", gpu: "a100-sxm", promptTokens: 1000 }).clamped,
    false,
  );
});

Deno.test("bad latency options throw errors that name the field", () => {
  throws(() => estimateLatency({ model: "llama-3.1-8b", gpu: "h100-sxm", promptTokens: 0 }), {
    name: "RangeError",
    message: /^promptTokens: expected a positive number; received 0$/,
  });
  throws(
    () =>
      estimateLatency({
        model: "llama-3.1-8b",
        gpu: "h100-sxm",
        promptTokens: 10,
        concurrency: 1.5,
      }),
    {
      name: "RangeError",
      message: /^concurrency: expected a positive integer; received 1.5$/,
    },
  );
  throws(
    () =>
      estimateLatency({
        model: "llama-3.1-8b",
        gpu: "h100-sxm",
        promptTokens: 10,
        efficiency: { bandwidth: 1.2 },
      }),
    {
      name: "RangeError",
      message: /^efficiency\.bandwidth: expected a number in \(0, 1\]; received 1.2$/,
    },
  );
  throws(
    () =>
      estimateLatency({
        model: "llama-3.1-8b",
        gpu: "h100-sxm",
        promptTokens: 10,
        outputTokens: -1,
      }),
    {
      name: "RangeError",
      message: /^outputTokens: expected a positive integer; received -1$/,
    },
  );
  throws(
    () =>
      estimateLatency({
        model: "llama-3.1-8b",
        gpu: "h100-sxm",
        promptTokens: 10,
        weightPrecision: "fp16" as "bf16",
      }),
    {
      name: "TypeError",
      message: /^weightPrecision: expected one of/,
    },
  );
});
