/**
 * The full sweep of DESIGN.md §8: GPU counts 1–16 × 4 KV precisions × 3 weight precisions × every
 * catalog GPU type, for Llama-3.1-70B and the seed's workload mix. Target: < 50 ms.
 */
import { DEFAULT_GPU_SPECS } from "../src/catalog/gpus.ts";
import { sweepPlans } from "../src/capacity/sweep.ts";
import { engineKvCapacity } from "../src/capacity/engine_pool.ts";
import { estimateLatency } from "../src/capacity/latency.ts";

const gpuCounts = Array.from({ length: 16 }, (_, i) => i + 1);
const gpus = Object.keys(DEFAULT_GPU_SPECS);
const workload = { extreme: 1, heavy: 2, medium: 3, light: 4 };

Deno.bench({
  name:
    `full sweep: ${gpus.length} GPU types × 16 counts × 4 KV × 3 weight precisions (llama-3.1-70b)`,
  group: "sweep",
  baseline: true,
  fn() {
    sweepPlans({ model: "llama-3.1-70b", gpus, gpuCounts, workload });
  },
});

Deno.bench({
  name: "engineKvCapacity (one configuration)",
  group: "single",
  fn() {
    engineKvCapacity({
      model: "llama-3.1-70b",
      gpu: "h100-sxm",
      tensorParallel: 4,
      kvPrecision: "fp8",
    });
  },
});

Deno.bench({
  name: "estimateLatency (one configuration)",
  group: "single",
  fn() {
    estimateLatency({
      model: "llama-3.1-70b",
      gpu: "h100-sxm",
      tensorParallel: 4,
      promptTokens: 4096,
      outputTokens: 256,
    });
  },
});
