/**
 * The shapes of catalog entries: model architectures, GPUs and GPU prices. The field names of
 * the reference system (RadarOS `@radaros/core`) are kept so that its snippets keep working;
 * the fields it lacked (exact parameter counts, MoE, MLA, sliding windows, fp8 peaks, sources)
 * are added.
 *
 * @module
 */

/** Attention layout: how many K/V heads a layer caches, and whether some layers use a window. */
export type AttentionKind = "mha" | "gqa" | "mqa" | "mla" | "hybrid";

/**
 * Multi-head latent attention (DeepSeek-V2/V3, Kimi K2): each layer caches one compressed latent
 * of `kvLoraRank` elements plus a shared rotary key of `qkRopeHeadDim` elements per token,
 * whatever the number of heads. Source: DeepSeek-V2 paper §2.1.3 (arXiv:2405.04434) and vLLM's
 * `MLAAttention`, whose cache entry is `kv_lora_rank + qk_rope_head_dim` wide.
 */
export interface MlaSpec {
  /** Width of the compressed KV latent (`kv_lora_rank`). */
  kvLoraRank: number;
  /** Width of the decoupled rotary key (`qk_rope_head_dim`). */
  qkRopeHeadDim: number;
  /** Per-head query/key width without rotary part (`qk_nope_head_dim`). */
  qkNopeHeadDim: number;
  /** Per-head value width (`v_head_dim`). */
  vHeadDim: number;
  /** Width of the compressed query latent (`q_lora_rank`), when the model has one. */
  qLoraRank?: number;
}

/**
 * Sliding-window attention on some layers: those layers never cache more than `window` tokens
 * per sequence. Interleaved models (Gemma 2/3, gpt-oss) list how many of their layers slide; the
 * rest attend to the whole context.
 */
export interface SlidingWindowSpec {
  /** Window length in tokens. */
  window: number;
  /** How many of the model's layers use the window (≤ layers). */
  layers: number;
}

/** Mixture-of-experts feed-forward layers. */
export interface MoeSpec {
  /** Routed experts per MoE layer (`num_local_experts`, `n_routed_experts`). */
  experts: number;
  /** Routed experts each token uses (`num_experts_per_tok`). */
  activeExperts: number;
  /** Intermediate size of one routed expert (`moe_intermediate_size`, or `intermediate_size`). */
  expertFfnDim: number;
  /** Always-on shared experts per MoE layer (DeepSeek), 0 when none. */
  sharedExperts: number;
  /** Leading layers that use a dense FFN of `ffnDim` instead of experts (`first_k_dense_replace`). */
  denseLayers: number;
}

/**
 * A transformer's shape, as its `config.json` states it, plus exact parameter counts.
 *
 * Weight bytes are never typed in by hand: they derive from `totalParams` × the weight
 * precision (see `weightMemory`), so the two cannot disagree.
 */
export interface ModelArchitecture {
  /** Catalog id, kebab case (`"llama-3.1-70b"`). */
  id: string;
  /** Human name (`"Llama 3.1 70B"`). */
  displayName: string;
  /** Model family (`"llama"`, `"qwen3"`). */
  family: string;
  /** Size label as the vendor writes it (`"70B"`, `"8x7B"`); informative only. */
  params: string;
  /** Exact total parameter count (all experts), e.g. 70.55e9. */
  totalParams: number;
  /** Parameters used per token (equals `totalParams` for dense models). */
  activeParams: number;
  /** Transformer layers (`num_hidden_layers`). */
  layers: number;
  /** Query heads (`num_attention_heads`). */
  attentionHeads: number;
  /** Key/value heads (`num_key_value_heads`); for MLA the attention heads (informative). */
  kvHeads: number;
  /** Per-head dimension (`head_dim`, else hidden ÷ heads). */
  headDim: number;
  /** Model width (`hidden_size`). */
  hiddenDim: number;
  /** Dense FFN intermediate size (`intermediate_size`); 0 for models with MoE on every layer. */
  ffnDim: number;
  /** Vocabulary size (`vocab_size`). */
  vocabSize: number;
  /** Whether the output projection shares the embedding matrix (`tie_word_embeddings`). */
  tiedEmbeddings: boolean;
  /** Longest context the model supports (`max_position_embeddings` or the model card). */
  maxContext: number;
  /** Attention layout. `hybrid` = some layers slide (see `slidingWindow`). */
  attentionType: AttentionKind;
  /** Present for `mla`. */
  mla?: MlaSpec;
  /** Present when some or all layers use a sliding window. */
  slidingWindow?: SlidingWindowSpec;
  /** Present for mixture-of-experts models. */
  moe?: MoeSpec;
  /** URL of the `config.json` (or model card) the numbers come from. */
  source: string;
}

/** A GPU model as its vendor's datasheet and its driver describe it. */
export interface GpuSpec {
  /** Catalog id, kebab case (`"h100-sxm"`). */
  id: string;
  /** Product name. */
  name: string;
  /** Marketed memory in decimal GB (80 for an H100). Informative; sizing uses `memoryGiB`. */
  hbmGb: number;
  /**
   * Total device memory in GiB as the driver reports it (`torch.cuda.mem_get_info()[1]`, which
   * vLLM logs as `total_gpu_memory`): 79.18 for an H100 80 GB.
   */
  memoryGiB: number;
  /** Peak memory bandwidth in TB/s (10^12 bytes/s), datasheet. */
  bandwidthTBs: number;
  /** Dense (no sparsity) BF16 tensor peak in TFLOPS, datasheet. */
  bf16Tflops: number;
  /** Dense FP8 tensor peak in TFLOPS; `null` where the GPU has no FP8 tensor cores. */
  fp8Tflops: number | null;
  /** Dense INT8 tensor peak in TOPS; `null` where unsupported. */
  int8Tops: number | null;
  /**
   * GPU-to-GPU bandwidth in GB/s, both directions added, as vendors quote it (NVLink 4: 900).
   * For GPUs without NVLink, the PCIe figure (PCIe 4.0 x16: 64).
   */
  nvlinkBwGBs: number;
  /** Datasheet URL. */
  source: string;
}

/** Price tiers of a GPU-hour. */
export type PricingTier = "onDemand" | "reserved" | "spot";

/** What one GPU costs per hour, with where and when the figure was read. */
export interface GpuPricing {
  /** GPU catalog id this price is for. */
  id: string;
  /** Offer name (provider and instance type). */
  name: string;
  /** On-demand USD per GPU-hour. */
  perHourOnDemand: number;
  /** Reserved / committed-use USD per GPU-hour. */
  perHourReserved?: number;
  /** Spot / preemptible USD per GPU-hour. */
  perHourSpot?: number;
  /** Date the prices were read (ISO `YYYY-MM-DD`). */
  asOf?: string;
  /** URL of the price sheet. */
  source?: string;
}
