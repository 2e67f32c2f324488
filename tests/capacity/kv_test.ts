import { equal, ok, throws } from "node:assert/strict";
import { DEFAULT_ARCHITECTURES } from "../../src/catalog/models.ts";
import {
  kvBytesPerToken,
  kvCacheForContext,
  kvLayout,
  maxContextForMemory,
} from "../../src/capacity/kv.ts";

const A = DEFAULT_ARCHITECTURES;

Deno.test("kvBytesPerToken() is 2 × layers × kvHeads × headDim × bytes for GQA, MHA and MQA", () => {
  // Llama-3.1-70B (GQA): 2 × 80 × 8 × 128 × 2 = 327,680 B.
  equal(kvBytesPerToken(A["llama-3.1-70b"], "bf16"), 327_680);
  // Llama-2-7B (MHA, 32 KV heads): 2 × 32 × 32 × 128 × 2 = 524,288 B.
  equal(kvBytesPerToken(A["llama-2-7b"], "bf16"), 524_288);
  // Falcon-7B (MQA, one KV head of 64): 2 × 32 × 1 × 64 × 2 = 8,192 B.
  equal(kvBytesPerToken(A["falcon-7b"], "bf16"), 8_192);
});

Deno.test("kvBytesPerToken() scales with the KV precision", () => {
  const arch = A["llama-3.1-8b"];
  equal(kvBytesPerToken(arch, "bf16"), 131_072);
  equal(kvBytesPerToken(arch, "fp8"), 65_536);
  equal(kvBytesPerToken(arch, "int8"), 65_536);
  equal(kvBytesPerToken(arch, "int4"), 32_768);
});

Deno.test("MLA caches one latent per layer: DeepSeek-V3 = 61 × (512 + 64) × 2 bytes", () => {
  equal(kvBytesPerToken(A["deepseek-v3"], "bf16"), 61 * 576 * 2);
  // vLLM keeps the whole latent on every TP rank: TP does not shrink it.
  equal(kvBytesPerToken(A["deepseek-v3"], "bf16", { tensorParallel: 8 }), 70_272);
});

Deno.test("tensor parallelism splits KV heads, down to one head per GPU", () => {
  const arch = A["llama-3.1-70b"];
  equal(kvBytesPerToken(arch, "bf16", { tensorParallel: 4 }), 327_680 / 4);
  equal(kvBytesPerToken(arch, "bf16", { tensorParallel: 8 }), 327_680 / 8);
  // TP 16 > 8 KV heads: each head is replicated on two GPUs, so a GPU still holds one head.
  equal(kvBytesPerToken(arch, "bf16", { tensorParallel: 16 }), 327_680 / 8);
});

Deno.test("pipeline parallelism holds the largest stage's layers", () => {
  // 80 layers over 3 stages: the largest has ⌈80 / 3⌉ = 27 layers.
  equal(kvBytesPerToken(A["llama-3.1-70b"], "bf16", { pipelineParallel: 3 }), 27 * 2 * 8 * 128 * 2);
});

Deno.test("sliding-window layers stop growing at their window", () => {
  // gpt-oss-20b: 24 layers, half of them slide over 128 tokens; 8 KV heads of 64 at bf16 = 2,048 B
  // per token and layer. 10,000 tokens: 12 × 10,000 + 12 × 128 layer-tokens.
  const arch = A["gpt-oss-20b"];
  const layout = kvLayout(arch, "bf16");
  equal(layout.layerBytesPerToken, 2_048);
  equal(layout.fullLayers, 12);
  equal(layout.slidingLayers, 12);
  equal(kvCacheForContext(arch, 10_000).bytes, 2_048 * (12 * 10_000 + 12 * 128));
  // Within the window every layer holds the token.
  equal(kvCacheForContext(arch, 100).bytes, 100 * kvBytesPerToken(arch));
});

Deno.test("kvCacheForContext() reports bytes and GiB (gb is GiB, for the reference's callers)", () => {
  const size = kvCacheForContext(A["llama-3.1-8b"], 16_000);
  equal(size.bytes, 16_000 * 131_072);
  equal(size.gib, 1.953125);
  equal(size.gb, size.gib);
});

Deno.test("maxContextForMemory() inverts kvCacheForContext()", () => {
  // 10 GiB of bf16 Llama-3.1-8B cache: 10 × 2^30 ÷ 131,072 = 81,920 tokens.
  equal(maxContextForMemory(A["llama-3.1-8b"], 10), 81_920);
  // Hybrid: beyond the window only the 12 full layers grow.
  const arch = A["gpt-oss-20b"];
  const tokens = maxContextForMemory(arch, 1);
  ok(kvCacheForContext(arch, tokens).bytes <= 2 ** 30);
  ok(kvCacheForContext(arch, tokens + 1).bytes > 2 ** 30);
});

Deno.test("bad KV arguments throw errors that name the field", () => {
  const arch = A["llama-3.1-8b"];
  throws(() => kvCacheForContext(arch, -1), {
    name: "RangeError",
    message: /^tokens: expected a number ≥ 0; received -1$/,
  });
  throws(() => kvCacheForContext(arch, Number.NaN), {
    name: "RangeError",
    message: /^tokens: .*received NaN/,
  });
  throws(() => kvBytesPerToken(arch, "fp4" as "fp8"), {
    name: "TypeError",
    message: /^precision: expected one of "bf16", "fp8", "int8", "int4"; received "fp4"$/,
  });
  throws(() => kvBytesPerToken(arch, "bf16", { tensorParallel: 0 }), {
    name: "RangeError",
    message: /^tensorParallel: expected a positive integer; received 0$/,
  });
  throws(() => maxContextForMemory(arch, -2), { name: "RangeError", message: /^memoryGb: / });
});

Deno.test("a reference-style architecture without totalParams is refused with the reason", () => {
  const legacy = {
    id: "llama-3.1-70b-awq-int4",
    displayName: "Llama 3.1 70B Instruct (AWQ-4bit)",
    family: "llama",
    params: "70B",
    layers: 80,
    attentionHeads: 64,
    kvHeads: 8,
    headDim: 128,
    hiddenDim: 8192,
    ffnDim: 28672,
    maxContext: 65536,
    attentionType: "gqa",
    weightSizeBf16Gb: 140,
  };
  throws(
    // deno-lint-ignore no-explicit-any
    () => kvBytesPerToken(legacy as any),
    {
      name: "TypeError",
      message: /^arch\.totalParams: expected the exact parameter count .*weightSizeBf16Gb/,
    },
  );
});

Deno.test("an architecture with kvHeads > attentionHeads is refused", () => {
  const bad = { ...A["llama-3.1-8b"], kvHeads: 64 };
  throws(() => kvBytesPerToken(bad), {
    name: "RangeError",
    message: /^arch\.kvHeads: expected ≤ attentionHeads \(32\); received 64$/,
  });
});
