import { deepEqual, equal, ok } from "node:assert/strict";
import { DEFAULT_GPU_SPECS } from "../../src/catalog/gpus.ts";
import type { GpuSpec } from "../../src/catalog/types.ts";

const ENTRIES: [string, GpuSpec][] = Object.entries(DEFAULT_GPU_SPECS);

Deno.test("DEFAULT_GPU_SPECS lists exactly the thirteen catalog GPUs", () => {
  deepEqual(
    Object.keys(DEFAULT_GPU_SPECS).sort(),
    [
      "a100-sxm",
      "a100-sxm-40gb",
      "b200",
      "h100-pcie",
      "h100-sxm",
      "h200",
      "l4",
      "l40s",
      "mi300x",
      "mi325x",
      "rtx-3090",
      "rtx-4090",
      "rtx-a5000",
    ],
  );
});

Deno.test("every GPU spec is internally consistent", () => {
  for (const [key, gpu] of ENTRIES) {
    equal(gpu.id, key, `${key}: id`);
    ok(gpu.name.length > 0, `${key}: name`);
    for (const field of ["hbmGb", "memoryGiB", "bandwidthTBs", "bf16Tflops", "nvlinkBwGBs"]) {
      const value = gpu[field as keyof GpuSpec] as number;
      ok(Number.isFinite(value) && value > 0, `${key}: ${field} = ${value}`);
    }
    // FP8 halves the operand width, so a part that has FP8 tensor cores runs it at least as fast
    // as BF16 (2× on Hopper, Blackwell, Ada and CDNA 3).
    if (gpu.fp8Tflops !== null) ok(gpu.fp8Tflops >= gpu.bf16Tflops, `${key}: fp8 >= bf16`);
    if (gpu.int8Tops !== null) ok(gpu.int8Tops >= gpu.bf16Tflops, `${key}: int8 >= bf16`);
    // Memory bound. Vendors count DRAM capacity in binary units: an "80 GB" H100 carries an
    // 80 GiB framebuffer (nvidia-smi: 81,559 of 81,920 MiB usable), a "192 GB" MI300X 192 GiB.
    // So `hbmGb`, read as GiB, is an upper bound on what the driver can expose, and the driver,
    // firmware and (on GDDR parts) ECC reserve less than 10 % of it: the worst catalog case is
    // the L4, 22.03 of 24 (8.2 %). Reading `hbmGb` as decimal GB instead (80e9 / 2^30 = 74.5
    // GiB) would put every HBM part *above* its bound, which is how one can tell the units.
    ok(gpu.memoryGiB <= gpu.hbmGb, `${key}: memoryGiB ${gpu.memoryGiB} <= ${gpu.hbmGb}`);
    ok(gpu.memoryGiB >= 0.9 * gpu.hbmGb, `${key}: memoryGiB ${gpu.memoryGiB} >= 0.9 × hbmGb`);
    ok(gpu.source.startsWith("https://"), `${key}: source`);
  }
});

Deno.test("GPUs without FP8 tensor cores report null FP8", () => {
  // A100 (Ampere GA100) and GA102 (RTX 3090, RTX A5000) have no FP8 datapath; Hopper,
  // Blackwell, Ada and CDNA 3 do.
  const noFp8 = ENTRIES.filter(([, gpu]) => gpu.fp8Tflops === null).map(([key]) => key).sort();
  deepEqual(noFp8, ["a100-sxm", "a100-sxm-40gb", "rtx-3090", "rtx-a5000"]);
});

Deno.test("H100 SXM matches the NVIDIA datasheet with sparsity figures halved", () => {
  // https://www.nvidia.com/en-us/data-center/h100/ (H100 SXM column): 3.35 TB/s; BF16 1,979*
  // TFLOPS and FP8 3,958* TFLOPS, * = with sparsity, so dense = 1,979 / 2 and 3,958 / 2.
  const h100 = DEFAULT_GPU_SPECS["h100-sxm"];
  equal(h100.bandwidthTBs, 3.35);
  equal(h100.bf16Tflops, Math.floor(1979 / 2));
  equal(h100.bf16Tflops, 989);
  equal(h100.fp8Tflops, 3958 / 2);
  equal(h100.fp8Tflops, 1979);
  equal(h100.nvlinkBwGBs, 900);
});

Deno.test("A100 80 GB matches the NVIDIA datasheet: 2,039 GB/s and 312 dense BF16 TFLOPS", () => {
  // https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/a100/pdf/nvidia-a100-datasheet-us-nvidia-1758950-r4-web.pdf
  // A100 80GB SXM: GPU memory bandwidth 2,039 GB/s; BF16 Tensor Core 312 | 624* TFLOPS.
  const a100 = DEFAULT_GPU_SPECS["a100-sxm"];
  equal(a100.bandwidthTBs, 2039 / 1000);
  equal(a100.bf16Tflops, 312);
  equal(a100.hbmGb, 80);
});

Deno.test("RTX 3090 exposes 23.58 GiB, as vLLM logs its total_gpu_memory", () => {
  // vLLM: "the current vLLM instance can use total_gpu_memory (23.58GiB) x
  // gpu_memory_utilization (0.99)", https://github.com/vllm-project/vllm/pull/14447
  equal(DEFAULT_GPU_SPECS["rtx-3090"].memoryGiB, 23.58);
});

Deno.test("GeForce tensor rates use the FP32-accumulate column of the whitepaper", () => {
  // Ada whitepaper, RTX 4090: FP16/BF16 tensor 330.3 TFLOPS with FP16 accumulate, 165.2 with
  // FP32 accumulate (dense). GA102 whitepaper, RTX 3090: 142 vs 71.
  equal(DEFAULT_GPU_SPECS["rtx-4090"].bf16Tflops, 165.2);
  equal(DEFAULT_GPU_SPECS["rtx-3090"].bf16Tflops, 71);
});

Deno.test("MI300X memory is the rocminfo VRAM pool converted from KiB to GiB", () => {
  // rocminfo: "Size: 201310208(0xbffc000) KB" (KiB), https://github.com/ROCm/legacy-rocm-build/issues/4414
  const gib = 201_310_208 / 1024 / 1024;
  equal(Math.round(gib * 100) / 100, DEFAULT_GPU_SPECS.mi300x.memoryGiB);
});

Deno.test("the catalog is frozen", () => {
  ok(Object.isFrozen(DEFAULT_GPU_SPECS));
  for (const [, gpu] of ENTRIES) ok(Object.isFrozen(gpu));
});
