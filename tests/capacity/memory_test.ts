import { equal, ok, throws } from "node:assert/strict";
import { DEFAULT_ARCHITECTURES } from "../../src/catalog/models.ts";
import { embeddingParams, weightBytes, weightMemory } from "../../src/capacity/memory.ts";
import { WEIGHT_STORAGE_BYTES } from "../../src/capacity/precision.ts";
import { GiB } from "../../src/units.ts";

const A = DEFAULT_ARCHITECTURES;
const near = (actual: number, expected: number, rel: number) =>
  ok(
    Math.abs(actual - expected) / expected <= rel,
    `${actual} is not within ${rel * 100} % of ${expected}`,
  );

Deno.test("bf16 weights are 2 bytes per parameter: Llama-3.1-8B = 8,030,261,248 × 2 bytes", () => {
  equal(weightBytes(A["llama-3.1-8b"], "bf16"), 8_030_261_248 * 2);
  // vLLM 0.11 logs "Model loading took 14.99 GiB" (llm-d engine memory study); the extra 0.03 GiB
  // is buffers such as the RoPE cache.
  near(weightMemory(A["llama-3.1-8b"], "bf16"), 14.99, 0.003);
});

Deno.test("fp8 checkpoints keep embeddings and the output head at bf16", () => {
  const arch = A["llama-3.1-8b"];
  // 128,256 × 4,096 × 2 (untied) = 1,050,673,152 embedding parameters.
  equal(embeddingParams(arch), 1_050_673_152);
  equal(weightBytes(arch, "fp8"), (8_030_261_248 - 1_050_673_152) * 1 + 1_050_673_152 * 2);
});

Deno.test("weights match vLLM's logged per-GPU load sizes within 0.3 %", () => {
  // llm-d engine memory study, vLLM 0.11 (H100): "model weights take …".
  near(weightBytes(A["llama-3.3-70b"], "fp8", { tensorParallel: 2 }) / GiB, 33.88, 0.003);
  near(weightBytes(A["llama-3.3-70b"], "fp8") / GiB, 67.72, 0.003);
  near(weightBytes(A["qwen3-32b"], "bf16") / GiB, 61.03, 0.003);
  near(weightBytes(A["qwen3-32b"], "bf16", { tensorParallel: 2 }) / GiB, 30.59, 0.003);
  near(weightBytes(A["mistral-small-3.2-24b"], "bf16") / GiB, 44.76, 0.003);
});

Deno.test("int4 weights carry a fp16 scale and a 4-bit zero per group of 128", () => {
  equal(WEIGHT_STORAGE_BYTES.int4, (4 + 20 / 128) / 8);
  const arch = A["llama-3.1-70b"];
  const embed = embeddingParams(arch);
  equal(weightBytes(arch, "int4"), (arch.totalParams - embed) * 0.51953125 + embed * 2);
});

Deno.test("pipeline stages hold their layers and one vocabulary matrix", () => {
  const arch = A["llama-3.1-70b"];
  const perLayer = (arch.totalParams - embeddingParams(arch)) / 80;
  equal(
    weightBytes(arch, "bf16", { pipelineParallel: 2 }),
    (perLayer * 40 + arch.vocabSize * arch.hiddenDim) * 2,
  );
});

Deno.test("an unknown weight precision is refused by name", () => {
  throws(() => weightMemory(A["llama-3.1-8b"], "fp4" as "fp8"), {
    name: "TypeError",
    message: /^weightPrecision: expected one of "bf16", "fp8", "int8", "int4"; received "fp4"$/,
  });
});
