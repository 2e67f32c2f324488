/**
 * `deno task sizing`: the capacity plan of the default configuration — Llama-3.1-70B on H100 SXM,
 * 1–8 GPUs × bf16/fp8/int4 KV, bf16 weights, the reference system's example workload mix — as a
 * table on stdout.
 *
 * @module
 */

import { DEFAULT_ARCHITECTURES } from "../catalog/models.ts";
import { DEFAULT_GPU_SPECS } from "../catalog/gpus.ts";
import { sweepPlans } from "../capacity/sweep.ts";
import type { KvPrecision } from "../capacity/precision.ts";
import { formatTable } from "./table.ts";

const MODEL = "llama-3.1-70b";
const GPU = "h100-sxm";
const WORKLOAD = { extreme: 1, heavy: 2, medium: 3, light: 4 };
const KV: KvPrecision[] = ["bf16", "fp8", "int4"];

/**
 * The default configuration's plans as a text table.
 * @returns the report
 */
export function defaultSizingReport(): string {
  const rows = sweepPlans({
    model: MODEL,
    gpus: [GPU],
    gpuCounts: [1, 2, 3, 4, 5, 6, 7, 8],
    kvPrecisions: KV,
    weightPrecisions: ["bf16"],
    workload: WORKLOAD,
  });
  const table = formatTable(
    [
      "GPUs",
      "layout",
      "KV",
      "KV GiB/GPU",
      "HBM slots",
      "TPOT ms",
      "TTFT s",
      "breach@5s",
      "$/month",
      "note",
    ],
    rows.map(({ gpuCount, kvPrecision, plan }) => {
      const l = plan.parallelism;
      return [
        gpuCount,
        `TP${l.tensorParallel}×PP${l.pipelineParallel}${l.idleGpus ? ` +${l.idleGpus} idle` : ""}`,
        kvPrecision,
        Number(Math.max(0, plan.budgetPerGpu.kvGiB).toFixed(1)),
        plan.hbmSlots,
        plan.fits ? Number(plan.tpotMs.toFixed(1)) : "–",
        plan.fits ? Number((plan.ttftMs / 1000).toFixed(1)) : "–",
        plan.ttftBreachPoint,
        Math.round(plan.monthlyGpuCostUsd),
        plan.fits
          ? ""
          : plan.budgetPerGpu.kvGiB <= 0
          ? "weights leave no KV room"
          : "a session does not fit",
      ];
    }),
  );
  const arch = DEFAULT_ARCHITECTURES[MODEL];
  const gpu = DEFAULT_GPU_SPECS[GPU];
  const clamped = rows[0].plan.contextByCategory;
  return [
    `capsim sizing — ${arch.displayName} on ${gpu.name} (${gpu.memoryGiB} GiB), bf16 weights, vLLM-style KV pool (util 0.9)`,
    `workload: extreme ${WORKLOAD.extreme} / heavy ${WORKLOAD.heavy} / medium ${WORKLOAD.medium} / light ${WORKLOAD.light} sessions; ` +
    `sized at ${clamped.extreme} / ${clamped.heavy} / ${clamped.medium} / ${clamped.light} tokens ` +
    `(midpoints clamped to the ${arch.maxContext}-token context)`,
    "",
    table,
    "",
    "HBM slots: sessions whose KV fits at once. TPOT/TTFT: all sessions active together, cold prefill.",
    "breach@5s: largest number of concurrent 4,096-token prompts whose mean TTFT stays under 5 s.",
  ].join("\n");
}

if (import.meta.main) console.log(defaultSizingReport());
