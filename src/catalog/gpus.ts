/**
 * The GPU catalog: peak bandwidth, dense tensor throughput and interconnect from each vendor's
 * datasheet, plus the device memory the driver actually exposes.
 *
 * How the numbers were obtained:
 *
 * - **Throughput is dense.** NVIDIA's datasheets print most tensor figures "with sparsity"
 *   (2:4 structured sparsity, marked `*`); every such figure is halved here. AMD's datasheets
 *   list dense and sparse side by side; the dense one is used.
 * - **GeForce and RTX cards** are taken from the architecture whitepapers, which list each
 *   tensor rate twice (FP16 accumulate and FP32 accumulate). LLM kernels accumulate in FP32, so
 *   the FP32-accumulate column is used; on GeForce parts it is half the FP16-accumulate one.
 * - **`nvlinkBwGBs`** is the vendor's GPU-to-GPU figure, both directions added (NVLink 4: 900).
 *   Cards without a switched fabric carry their PCIe x16 figure (Gen4: 64, Gen5: 128), even
 *   where a two-card bridge exists, because tensor parallelism beyond a pair goes over PCIe.
 * - **`memoryGiB`** is what `torch.cuda.mem_get_info()[1]` returns (vLLM logs it as
 *   `total_gpu_memory`, PyTorch's OOM message as "total capacity"), taken from public logs;
 *   the comment next to each value gives the URL. It depends slightly on the driver (the H100
 *   has been seen at 79.11–79.22 GiB), so it is a typical value, not a constant of the part.
 *   `nvidia-smi`'s MiB total is higher by the driver's reserve and is not used.
 *
 * @module
 */

import type { GpuSpec } from "./types.ts";

/**
 * GPUs capsim sizes out of the box, keyed by catalog id.
 *
 * Decode is memory-bound, so the bandwidth field is the one that sets single-stream speed: one
 * full read of the weights takes `weightBytes ÷ (bandwidthTBs × 10^12)` seconds. Sources: each
 * entry's `source` (vendor datasheet or whitepaper) and the log URL next to `memoryGiB`.
 *
 * @example An H100 SXM streams 3.35 TB/s, so reading 140 GB of BF16 Llama 3.1 70B weights once
 * takes about 42 ms.
 * ```ts
 * import { equal, ok } from "node:assert/strict";
 * import { DEFAULT_GPU_SPECS } from "./gpus.ts";
 *
 * const h100 = DEFAULT_GPU_SPECS["h100-sxm"];
 * equal(h100.bandwidthTBs, 3.35);
 * // 140e9 bytes ÷ 3.35e12 bytes/s = 0.0418 s
 * ok(Math.abs((140e9 / (h100.bandwidthTBs * 1e12)) * 1000 - 41.8) < 0.1);
 * ```
 */
export const DEFAULT_GPU_SPECS: Readonly<Record<string, GpuSpec>> = freezeAll({
  // Datasheet: BF16 1,979* / FP8 3,958* / INT8 3,958* TOPS (* = with sparsity), 3.35 TB/s,
  // NVLink 900 GB/s.
  "h100-sxm": {
    id: "h100-sxm",
    name: "NVIDIA H100 SXM5 80 GB",
    hbmGb: 80,
    // vLLM 0.11 logs "Free memory on device (78.57/79.18 GiB)" on an H100 80GB HBM3 (llm-d's
    // engine memory study, the calibration data of engineKvCapacity):
    // https://github.com/llm-d/llm-d-benchmark/blob/4f4d44943c39b76b28e30dfa1fb0dfaf1ee894b5/config_explorer/empirical-vllm-memory-results.md
    // Older drivers report 79.22 (vllm PR #12126, #10511) and driver 535 reports 79.11
    // (vllm issue #27508).
    memoryGiB: 79.18,
    bandwidthTBs: 3.35,
    bf16Tflops: 989,
    fp8Tflops: 1979,
    int8Tops: 1979,
    nvlinkBwGBs: 900,
    source: "https://www.nvidia.com/en-us/data-center/h100/",
  },
  // Datasheet (H100 PCIe column): BF16 1,513* / FP8 3,026* / INT8 3,026*, 2 TB/s, PCIe Gen5
  // 128 GB/s (an NVLink bridge joins pairs at 600 GB/s; not counted, see module doc).
  "h100-pcie": {
    id: "h100-pcie",
    name: "NVIDIA H100 PCIe 80 GB",
    hbmGb: 80,
    // No H100 PCIe log found. Same 80 GB framebuffer as the SXM part (nvidia-smi shows
    // 81,559 MiB on both), so the SXM value above is assumed.
    memoryGiB: 79.18,
    bandwidthTBs: 2.0,
    bf16Tflops: 756,
    fp8Tflops: 1513,
    int8Tops: 1513,
    nvlinkBwGBs: 128,
    source: "https://www.nvidia.com/en-us/data-center/h100/",
  },
  // Datasheet: BF16 1,979* / FP8 3,958* / INT8 3,958*, 4.8 TB/s, NVLink 900 GB/s.
  h200: {
    id: "h200",
    name: "NVIDIA H200 SXM 141 GB",
    hbmGb: 141,
    // vLLM 0.7.3 on 8 × H200 (driver 570) logs "total_gpu_memory (139.81GiB)"; PyTorch OOM
    // messages on H200 read 139.80–139.81 GiB; nvidia-smi shows 143,771 MiB. Seen only in
    // copies found by code search; no issue URL located.
    memoryGiB: 139.81,
    bandwidthTBs: 4.8,
    bf16Tflops: 989,
    fp8Tflops: 1979,
    int8Tops: 1979,
    nvlinkBwGBs: 900,
    source: "https://www.nvidia.com/en-us/data-center/h200/",
  },
  // HGX B200 datasheet, per GPU: BF16 4.5 PF* / FP8 9 PF* / INT8 9 POPS*, 8 TB/s, NVLink 5
  // 1.8 TB/s. HGX B200 exposes 180 GB of each GPU's 192 GB HBM3e (1.44 TB per 8 GPUs).
  b200: {
    id: "b200",
    name: "NVIDIA B200 (HGX) 180 GB",
    hbmGb: 180,
    // cudaDeviceProp.totalGlobalMem printed as "178.35 GB" (GiB units):
    // https://github.com/pytorch/ao/pull/4002 (nvidia-smi: 183,359 MiB,
    // https://github.com/NVIDIA/TensorRT-LLM/issues/10278).
    memoryGiB: 178.35,
    bandwidthTBs: 8.0,
    bf16Tflops: 2250,
    fp8Tflops: 4500,
    int8Tops: 4500,
    nvlinkBwGBs: 1800,
    source: "https://www.nvidia.com/en-us/data-center/hgx/",
  },
  // Datasheet: BF16 312 (624*), INT8 624 (1,248*), 2,039 GB/s, NVLink 600 GB/s; no FP8 units.
  "a100-sxm": {
    id: "a100-sxm",
    name: "NVIDIA A100 SXM4 80 GB",
    hbmGb: 80,
    // PyTorch OOM "total capacity of 79.14 GiB" on an A100 80 GB (form factor not stated):
    // https://github.com/lianqi1008/Control-GIC/issues/6
    memoryGiB: 79.14,
    bandwidthTBs: 2.039,
    bf16Tflops: 312,
    fp8Tflops: null,
    int8Tops: 624,
    nvlinkBwGBs: 600,
    source:
      "https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/a100/pdf/nvidia-a100-datasheet-us-nvidia-1758950-r4-web.pdf",
  },
  // Same datasheet, 40 GB SXM column: 1,555 GB/s.
  "a100-sxm-40gb": {
    id: "a100-sxm-40gb",
    name: "NVIDIA A100 SXM4 40 GB",
    hbmGb: 40,
    // deviceQuery on "NVIDIA A100-SXM4-40GB": 42,298,834,944 bytes = 39.39 GiB:
    // https://github.com/bottlerocket-os/bottlerocket/pull/3873 (other drivers: 39.50–39.59).
    memoryGiB: 39.39,
    bandwidthTBs: 1.555,
    bf16Tflops: 312,
    fp8Tflops: null,
    int8Tops: 624,
    nvlinkBwGBs: 600,
    source:
      "https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/a100/pdf/nvidia-a100-datasheet-us-nvidia-1758950-r4-web.pdf",
  },
  // Datasheet: BF16 362.05 (733*), FP8 733 (1,466*), INT8 733 (1,466*), 864 GB/s GDDR6,
  // PCIe Gen4 x16 64 GB/s, no NVLink.
  l40s: {
    id: "l40s",
    name: "NVIDIA L40S 48 GB",
    hbmGb: 48,
    // PyTorch OOM "total capacity of 44.42 GiB" on 8 × L40S (ECC on):
    // https://github.com/stepfun-ai/Step-Video-T2V/issues/8
    memoryGiB: 44.42,
    bandwidthTBs: 0.864,
    bf16Tflops: 362.05,
    fp8Tflops: 733,
    int8Tops: 733,
    nvlinkBwGBs: 64,
    source: "https://www.nvidia.com/en-us/data-center/l40s/",
  },
  // Datasheet: BF16 242* / FP8 485* / INT8 485*, 300 GB/s GDDR6, PCIe Gen4 x16 64 GB/s.
  l4: {
    id: "l4",
    name: "NVIDIA L4 24 GB",
    hbmGb: 24,
    // PyTorch OOM "total capacity of 22.03 GiB" on an L4 (ECC on):
    // https://github.com/ArcInstitute/evo2/issues/190
    memoryGiB: 22.03,
    bandwidthTBs: 0.3,
    bf16Tflops: 121,
    fp8Tflops: 242.5,
    int8Tops: 242.5,
    nvlinkBwGBs: 64,
    source: "https://www.nvidia.com/en-us/data-center/l4/",
  },
  // Ada whitepaper, RTX 4090 column, FP32-accumulate rates: BF16 165.2 dense (330.3 with FP16
  // accumulate), FP8 330.3 dense; INT8 660.6 dense; 1,008 GB/s GDDR6X; PCIe Gen4 x16.
  "rtx-4090": {
    id: "rtx-4090",
    name: "NVIDIA GeForce RTX 4090 24 GB",
    hbmGb: 24,
    // PyTorch OOM "total capacity of 23.64 GiB" on an RTX 4090:
    // https://github.com/ali-vilab/VGen/issues/104
    memoryGiB: 23.64,
    bandwidthTBs: 1.008,
    bf16Tflops: 165.2,
    fp8Tflops: 330.3,
    int8Tops: 660.6,
    nvlinkBwGBs: 64,
    source:
      "https://images.nvidia.com/aem-dam/Solutions/geforce/ada/nvidia-ada-gpu-architecture.pdf",
  },
  // GA102 whitepaper, RTX 3090 column, FP32-accumulate rates: BF16 71 dense (142 with FP16
  // accumulate); INT8 284 dense; 936 GB/s GDDR6X; PCIe Gen4 x16 (a 2-card NVLink bridge gives
  // 112.5 GB/s, not counted); no FP8 units.
  "rtx-3090": {
    id: "rtx-3090",
    name: "NVIDIA GeForce RTX 3090 24 GB",
    hbmGb: 24,
    // vLLM logs "total_gpu_memory (23.58GiB)" on an RTX 3090 rig:
    // https://github.com/vllm-project/vllm/pull/14447 and
    // https://github.com/vllm-project/vllm/issues/15340
    memoryGiB: 23.58,
    bandwidthTBs: 0.936,
    bf16Tflops: 71,
    fp8Tflops: null,
    int8Tops: 284,
    nvlinkBwGBs: 64,
    source:
      "https://www.nvidia.com/content/PDF/nvidia-ampere-ga-102-gpu-architecture-whitepaper-v2.pdf",
  },
  // Datasheet: tensor 222.2 TFLOPS* (sparse FP16) → 111.1 dense; professional GA102 parts
  // accumulate in FP32 at full rate. INT8 222.2 dense. 768 GB/s GDDR6, PCIe Gen4 x16 (2-card
  // NVLink bridge 112.5 GB/s, not counted); no FP8 units.
  "rtx-a5000": {
    id: "rtx-a5000",
    name: "NVIDIA RTX A5000 24 GB",
    hbmGb: 24,
    // No RTX A5000 log found. Same GA102 24 GB framebuffer as the RTX 3090 (ECC off by
    // default), so the 3090 value is assumed; enabling ECC costs about 1/16 of it.
    memoryGiB: 23.58,
    bandwidthTBs: 0.768,
    bf16Tflops: 111.1,
    fp8Tflops: null,
    int8Tops: 222.2,
    nvlinkBwGBs: 64,
    source:
      "https://www.nvidia.com/content/dam/en-zz/Solutions/gtcs21/rtx-a5000/nvidia-rtx-a5000-datasheet.pdf",
  },
  // Datasheet: BF16 1,307.4 (2,614.9 sparse), FP8 2,614.9, INT8 2,614.9 TOPS, 5.3 TB/s,
  // Infinity Fabric 7 links × 128 GB/s = 896 GB/s aggregate.
  mi300x: {
    id: "mi300x",
    name: "AMD Instinct MI300X 192 GB",
    hbmGb: 192,
    // rocminfo on an MI300X: VRAM pool 201,310,208 KiB = 191.98 GiB (192 GiB − 16 MiB):
    // https://github.com/ROCm/legacy-rocm-build/issues/4414
    memoryGiB: 191.98,
    bandwidthTBs: 5.3,
    bf16Tflops: 1307.4,
    fp8Tflops: 2614.9,
    int8Tops: 2614.9,
    nvlinkBwGBs: 896,
    source:
      "https://www.amd.com/content/dam/amd/en/documents/instinct-tech-docs/data-sheets/amd-instinct-mi300x-data-sheet.pdf",
  },
  // Datasheet: same CDNA 3 compute as the MI300X (BF16 1,307.4, FP8 2,614.9, INT8 2,614.9
  // dense), 256 GB HBM3E at 6 TB/s, 8 Infinity Fabric links of 128 GB/s (7 to peers: 896).
  mi325x: {
    id: "mi325x",
    name: "AMD Instinct MI325X 256 GB",
    hbmGb: 256,
    // No MI325X log found. Derived: 256 GiB − 16 MiB, the reserve the MI300X shows above.
    memoryGiB: 255.98,
    bandwidthTBs: 6.0,
    bf16Tflops: 1307.4,
    fp8Tflops: 2614.9,
    int8Tops: 2614.9,
    nvlinkBwGBs: 896,
    source:
      "https://www.amd.com/content/dam/amd/en/documents/instinct-tech-docs/product-briefs/instinct-mi325x-datasheet.pdf",
  },
});

function freezeAll(catalog: Record<string, GpuSpec>): Readonly<Record<string, GpuSpec>> {
  for (const gpu of Object.values(catalog)) Object.freeze(gpu);
  return Object.freeze(catalog);
}
