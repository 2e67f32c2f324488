import { deepEqual, equal, ok } from "node:assert/strict";
import { DEFAULT_ARCHITECTURES } from "../../src/catalog/models.ts";
import type { ModelArchitecture } from "../../src/catalog/types.ts";

const ENTRIES: [string, ModelArchitecture][] = Object.entries(DEFAULT_ARCHITECTURES);

/** Relative distance of `actual` from `expected`. */
function relErr(actual: number, expected: number): number {
  return Math.abs(actual - expected) / expected;
}

// Falcon's MLP is dense_h_to_4h → GELU → dense_4h_to_h: two matrices, not a gated three.
// Source: transformers FalconMLP; every other catalog model uses a gated (SwiGLU/GeGLU) MLP,
// gpt-oss included (its gate_up_proj is hidden × 2·ffn).
const PLAIN_MLP = new Set(["falcon-7b", "falcon-40b"]);

/**
 * Weights of a vision tower shipped in the same checkpoint, from the vision_config in the
 * model's config.json (biases, norms and class tokens left out). capsim's entries count them
 * because the serving engine loads them with the language model.
 */
const VISION_PARAMS: Record<string, number> = {
  // SigLIP-So400m (gemma-3-27b-it vision_config): 27 layers of width 1152, MLP 4304, 14-px
  // patches of 896-px images (64 × 64 = 4096 positions), then a 1152 × 5376 projection.
  "gemma-3-27b": 27 * (4 * 1152 * 1152 + 2 * 1152 * 4304) + 3 * 14 * 14 * 1152 + 4096 * 1152 +
    1152 * 5376,
  // Pixtral encoder (Mistral-Small-3.2 vision_config): 24 layers of width 1024 with a gated MLP
  // of 4096 and 14-px patches; the projector merges 2 × 2 patches (4096 → 1024) and maps
  // 1024 → 5120 → 5120 (multimodal_projector_bias false).
  "mistral-small-3.2-24b": 24 * (4 * 1024 * 1024 + 3 * 1024 * 4096) + 3 * 14 * 14 * 1024 +
    4 * 1024 * 1024 + 1024 * 5120 + 5120 * 5120,
};

/**
 * Published active counts that leave the input embedding out (a lookup, not a matmul) but keep
 * the output projection. Source: OpenAI's gpt-oss model card (arXiv:2508.10925, table 1):
 * 5.13B / 3.61B active, which is the per-token sum below with the embedding counted once.
 */
const ACTIVE_COUNTS_ONE_EMBEDDING = new Set(["gpt-oss-20b", "gpt-oss-120b"]);

/** One layer's attention projections; biases and q/k norms are left out (well under 0.1 %). */
function attentionParams(m: ModelArchitecture): number {
  const h = m.hiddenDim;
  const n = m.attentionHeads;
  if (m.mla) {
    // DeepSeek-V2 paper §2.1 / HF DeepseekV3Attention: q_a (h × q_lora), q_b (q_lora × n·(nope +
    // rope)), kv_a_proj_with_mqa (h × (kv_lora + rope)), kv_b (kv_lora × n·(nope + v)), o (n·v × h).
    const { kvLoraRank, qkRopeHeadDim: rope, qkNopeHeadDim: nope, vHeadDim, qLoraRank } = m.mla;
    const q = qLoraRank ? h * qLoraRank + qLoraRank * n * (nope + rope) : h * n * (nope + rope);
    return q + h * (kvLoraRank + rope) + kvLoraRank * n * (nope + vHeadDim) + n * vHeadDim * h;
  }
  return 2 * n * m.headDim * h + 2 * m.kvHeads * m.headDim * h;
}

/** One dense MLP of width `ffn`. */
function mlpParams(m: ModelArchitecture, ffn: number): number {
  return (PLAIN_MLP.has(m.id) ? 2 : 3) * m.hiddenDim * ffn;
}

/** Parameters a token touches in one layer's feed-forward, or all of them when `active` is off. */
function ffnParams(m: ModelArchitecture, active: boolean): number[] {
  const { moe } = m;
  if (!moe) return Array(m.layers).fill(mlpParams(m, m.ffnDim));
  const experts = (active ? moe.activeExperts : moe.experts) + moe.sharedExperts;
  const moeLayer = experts * mlpParams(m, moe.expertFfnDim) + m.hiddenDim * moe.experts; // + router
  return Array.from(
    { length: m.layers },
    (_, i) => i < moe.denseLayers ? mlpParams(m, m.ffnDim) : moeLayer,
  );
}

/** Parameter count from the shapes alone: embeddings + attention + MLP/experts (+ vision). */
function estimateParams(m: ModelArchitecture, active = false): number {
  const embedding = m.vocabSize * m.hiddenDim;
  const embeddings = active && ACTIVE_COUNTS_ONE_EMBEDDING.has(m.id)
    ? embedding
    : embedding * (m.tiedEmbeddings ? 1 : 2);
  const layers = ffnParams(m, active).reduce((sum, ffn) => sum + attentionParams(m) + ffn, 0);
  return embeddings + layers + (active ? 0 : VISION_PARAMS[m.id] ?? 0);
}

Deno.test("every architecture's parameter count matches its shapes within 2 %", () => {
  // The estimate leaves out norms and biases, so it lands a hair under the exact safetensors
  // count; 2 % would still catch a wrong layer count, FFN width or tied/untied flag.
  for (const [id, m] of ENTRIES) {
    const estimate = estimateParams(m);
    ok(
      relErr(estimate, m.totalParams) < 0.02,
      `${id}: shapes give ${estimate.toLocaleString("en-US")}, catalog says ${
        m.totalParams.toLocaleString("en-US")
      }`,
    );
  }
});

Deno.test("every MoE model's published active count matches its shapes within 3 %", () => {
  // Vendors round active counts (12.9B, 3.3B, 37B), hence the looser bound.
  const moeModels = ENTRIES.filter(([, m]) => m.moe);
  equal(moeModels.length, 7);
  for (const [id, m] of moeModels) {
    const estimate = estimateParams(m, true);
    ok(
      relErr(estimate, m.activeParams) < 0.03,
      `${id}: shapes give ${estimate.toLocaleString("en-US")} active, catalog says ${
        m.activeParams.toLocaleString("en-US")
      }`,
    );
  }
});

Deno.test("dense models count every parameter as active", () => {
  for (const [id, m] of ENTRIES) {
    if (!m.moe) equal(m.activeParams, m.totalParams, id);
  }
});

Deno.test("deepseek-v3 counts the 671B main model and leaves the MTP module out", () => {
  // deepseek-ai/DeepSeek-V3 README_WEIGHTS.md: main model 671B; the multi-token-prediction
  // module adds 11.5B unique parameters (one more MoE layer, an eh_proj of 2·hidden × hidden and
  // norms) and keeps its own copies of the 0.9B embedding and 0.9B output head in the
  // checkpoint, which the model page totals as 685B. So the "extra 14B" is 11.5B + 2 × 0.9B.
  const m = DEFAULT_ARCHITECTURES["deepseek-v3"];
  ok(relErr(m.totalParams, 671e9) < 0.001);
  const moeLayer = attentionParams(m) + ffnParams(m, false)[m.layers - 1];
  const mtpUnique = moeLayer + 2 * m.hiddenDim * m.hiddenDim;
  ok(relErr(mtpUnique, 11.5e9) < 0.02, `MTP module: ${mtpUnique}`);
  const checkpoint = m.totalParams + mtpUnique + 2 * m.vocabSize * m.hiddenDim;
  ok(relErr(checkpoint, 685e9) < 0.005, `checkpoint: ${checkpoint}`);
});

Deno.test("every entry has consistent fields", () => {
  const kebab = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;
  const configUrl = /^https:\/\/huggingface\.co\/[\w.-]+\/[\w.-]+\/blob\/main\/config\.json$/;
  for (const [key, m] of ENTRIES) {
    equal(m.id, key);
    ok(kebab.test(key), `${key} is not kebab case`);
    ok(configUrl.test(m.source), `${key}: source ${m.source}`);
    ok(m.displayName.length > 0 && m.family.length > 0 && m.params.length > 0, key);
    for (
      const field of [
        "totalParams",
        "activeParams",
        "layers",
        "attentionHeads",
        "kvHeads",
        "headDim",
        "hiddenDim",
        "vocabSize",
        "maxContext",
      ] as const
    ) {
      ok(Number.isInteger(m[field]) && m[field] > 0, `${key}.${field} = ${m[field]}`);
    }
    ok(Number.isInteger(m.ffnDim) && m.ffnDim >= 0, `${key}.ffnDim`);
    ok(m.activeParams <= m.totalParams, `${key}: active > total`);
    ok(Object.isFrozen(m), `${key} is not frozen`);

    // ffnDim is 0 exactly when experts sit on every layer.
    equal(m.ffnDim === 0, m.moe !== undefined && m.moe.denseLayers === 0, `${key}.ffnDim`);
    if (m.moe) {
      const { experts, activeExperts, expertFfnDim, sharedExperts, denseLayers } = m.moe;
      ok(0 < activeExperts && activeExperts < experts, `${key}.moe experts`);
      ok(expertFfnDim > 0 && sharedExperts >= 0, `${key}.moe widths`);
      ok(0 <= denseLayers && denseLayers < m.layers, `${key}.moe.denseLayers`);
      ok(m.activeParams < m.totalParams, `${key}: MoE active should be below total`);
    }

    if (m.mla) {
      equal(m.attentionType, "mla", key);
      equal(m.kvHeads, m.attentionHeads, `${key}: MLA kvHeads is informative, = heads`);
    } else {
      equal(m.attentionHeads % m.kvHeads, 0, `${key}: kvHeads must divide heads`);
      const expected = m.slidingWindow
        ? "hybrid"
        : m.kvHeads === m.attentionHeads
        ? "mha"
        : m.kvHeads === 1
        ? "mqa"
        : "gqa";
      equal(m.attentionType, expected, key);
    }
    if (m.slidingWindow) {
      const { window, layers } = m.slidingWindow;
      ok(0 < layers && layers < m.layers, `${key}: hybrid models keep some full layers`);
      ok(0 < window && window < m.maxContext, `${key}.slidingWindow.window`);
    }
  }
});

Deno.test("the catalog holds every model the reference had and the newer ones", () => {
  // The reference system's (RadarOS) catalog ids, then the models added for capsim.
  const reference = [
    "llama-3.1-8b",
    "llama-3.1-70b",
    "llama-3.1-405b",
    "llama-2-7b",
    "llama-2-13b",
    "llama-2-70b",
    "mixtral-8x7b",
    "mixtral-8x22b",
    "falcon-7b",
    "falcon-40b",
    "mistral-7b",
    "phi-3-mini",
    "gemma-2-9b",
    "gemma-2-27b",
  ];
  const newer = [
    "llama-3.3-70b",
    "llama-3.2-1b",
    "llama-3.2-3b",
    "qwen2.5-7b",
    "qwen2.5-14b",
    "qwen2.5-32b",
    "qwen2.5-72b",
    "qwen3-8b",
    "qwen3-14b",
    "qwen3-32b",
    "qwen3-30b-a3b",
    "qwen3-235b-a22b",
    "mistral-small-3.2-24b",
    "deepseek-v3",
    "gpt-oss-20b",
    "gpt-oss-120b",
    "gemma-3-27b",
  ];
  deepEqual(Object.keys(DEFAULT_ARCHITECTURES).sort(), [...reference, ...newer].sort());
});

Deno.test("llama-3.1-8b has the shapes of its config.json", () => {
  // huggingface.co/meta-llama/Llama-3.1-8B config.json: num_hidden_layers 32,
  // num_key_value_heads 8, hidden_size 4096 / num_attention_heads 32 = 128, vocab_size 128256.
  const m = DEFAULT_ARCHITECTURES["llama-3.1-8b"];
  deepEqual(
    [m.layers, m.kvHeads, m.headDim, m.vocabSize, m.maxContext],
    [32, 8, 128, 128_256, 131_072],
  );
  // 2 × 32 layers × 8 heads × 128 × 2 bytes: 128 KiB of BF16 cache per token.
  equal(2 * m.layers * m.kvHeads * m.headDim * 2, 131_072);
});

Deno.test("explicit head_dim wins over hidden ÷ heads", () => {
  // gemma-2-9b config: head_dim 256, hidden 3584, 16 heads (3584 / 16 = 224).
  // Qwen3-32B config: head_dim 128, hidden 5120, 64 heads (80). gpt-oss: head_dim 64, hidden 2880,
  // 64 heads (45). Mistral-Small-3.2 text_config: head_dim 128, hidden 5120, 32 heads (160).
  for (
    const [id, headDim, derived] of [
      ["gemma-2-9b", 256, 224],
      ["qwen3-32b", 128, 80],
      ["gpt-oss-120b", 64, 45],
      ["mistral-small-3.2-24b", 128, 160],
    ] as const
  ) {
    const m = DEFAULT_ARCHITECTURES[id];
    equal(m.headDim, headDim, id);
    equal(m.hiddenDim / m.attentionHeads, derived, id);
  }
});

Deno.test("sliding-layer counts follow each model's layer pattern", () => {
  const count = (layers: number, slides: (i: number) => boolean): number =>
    Array.from({ length: layers }, (_, i) => i).filter(slides).length;
  // transformers Gemma2DecoderLayer: is_sliding = not bool(layer_idx % 2).
  equal(DEFAULT_ARCHITECTURES["gemma-2-9b"].slidingWindow?.layers, count(42, (i) => i % 2 === 0));
  equal(DEFAULT_ARCHITECTURES["gemma-2-27b"].slidingWindow?.layers, count(46, (i) => i % 2 === 0));
  // gemma-3 sliding_window_pattern 6: layer i is global when (i + 1) % 6 == 0 → 52 local, 10 global.
  const gemma3 = DEFAULT_ARCHITECTURES["gemma-3-27b"].slidingWindow;
  deepEqual(gemma3, { window: 1024, layers: count(62, (i) => (i + 1) % 6 !== 0) });
  equal(gemma3?.layers, 52);
  // gpt-oss-120b config layer_types: ["sliding_attention", "full_attention"] × 18.
  deepEqual(DEFAULT_ARCHITECTURES["gpt-oss-120b"].slidingWindow, { window: 128, layers: 18 });
  deepEqual(DEFAULT_ARCHITECTURES["gpt-oss-20b"].slidingWindow, { window: 128, layers: 12 });
});

Deno.test("deepseek-v3 caches one 576-wide latent per layer", () => {
  // config.json: kv_lora_rank 512, qk_rope_head_dim 64, 61 layers → 61 × 576 × 2 bytes (BF16).
  const m = DEFAULT_ARCHITECTURES["deepseek-v3"];
  const mla = m.mla;
  ok(mla);
  equal(m.layers * (mla.kvLoraRank + mla.qkRopeHeadDim) * 2, 70_272);
  deepEqual(m.moe, {
    experts: 256,
    activeExperts: 8,
    expertFfnDim: 2048,
    sharedExperts: 1,
    denseLayers: 3,
  });
});

Deno.test("falcon-7b is multi-query with a 2048-token context", () => {
  // tiiuae/falcon-7b config: multi_query true, 71 heads of 4544 / 71 = 64, no
  // max_position_embeddings (FalconConfig default 2048, the training length); not 8192.
  const m = DEFAULT_ARCHITECTURES["falcon-7b"];
  deepEqual([m.attentionType, m.kvHeads, m.headDim, m.maxContext], ["mqa", 1, 64, 2048]);
});

Deno.test("small models that tie embeddings are marked tied", () => {
  // tie_word_embeddings: true in Llama-3.2-1B/3B and (by default) Gemma; false in Qwen2.5-7B.
  for (const id of ["llama-3.2-1b", "llama-3.2-3b", "gemma-2-9b", "gemma-3-27b"]) {
    equal(DEFAULT_ARCHITECTURES[id].tiedEmbeddings, true, id);
  }
  equal(DEFAULT_ARCHITECTURES["qwen2.5-7b"].tiedEmbeddings, false);
});
