/**
 * The report's "Assumptions and sources" section: where every input number comes from (the
 * model's `config.json`, each GPU's datasheet and driver-reported memory, dated GPU prices,
 * the traces the workload presets were fitted to) and the formulas with their calibration
 * (engine KV budget, decode and prefill roofline with `DEFAULT_EFFICIENCY`, and how close both
 * come to published engine measurements, computed live from `src/capacity/accuracy.ts`).
 *
 * @example
 * ```ts
 * import { sourcesSection } from "./sources.ts";
 * import { DEFAULT_ARCHITECTURES, DEFAULT_GPU_SPECS } from "../catalog/mod.ts";
 * import { ok } from "node:assert/strict";
 * const html = sourcesSection({
 *   model: DEFAULT_ARCHITECTURES["llama-3.1-8b"],
 *   gpus: [DEFAULT_GPU_SPECS["h100-sxm"]],
 *   scenario: { workload: { mix: [{ preset: "chat" }] } },
 * });
 * ok(html.includes("huggingface.co/meta-llama/Llama-3.1-8B"));
 * ok(html.includes("Mooncake"));
 * ```
 * @module
 */

import { ACCURACY_TARGETS, engineKvAccuracy, latencyAccuracy } from "../capacity/accuracy.ts";
import { DEFAULT_EFFICIENCY } from "../capacity/latency.ts";
import { DEFAULT_GPU_PRICING } from "../catalog/pricing.ts";
import type { GpuSpec, ModelArchitecture } from "../catalog/types.ts";
import { HOURS_PER_MONTH } from "../units.ts";
import { lookupPreset } from "../workload/presets.ts";
import { escapeHtml, formatNumber, htmlTable, raw, safeLink } from "./html.ts";
import { presetNames, priceOverrides, pricingTier } from "./scenario_view.ts";

/** What the sources section is about. */
export interface SourcesInput {
  /** The model sized (null when unknown). */
  model: ModelArchitecture | null;
  /** The GPU types of the grid. */
  gpus: readonly GpuSpec[];
  /** The parsed scenario (presets, engine settings, prices). */
  scenario: Record<string, unknown>;
}

const usd = (v: unknown) => (typeof v === "number" ? `$${v.toFixed(2)}` : "–");

function modelBlock(model: ModelArchitecture | null): string {
  if (!model) return "<p>Model: not in the result.</p>";
  return `<h3>Model</h3><p>${escapeHtml(model.displayName)} (<code>${
    escapeHtml(model.id)
  }</code>): ` +
    `${escapeHtml(model.layers)} layers, ${escapeHtml(model.kvHeads)} KV heads × head dim ` +
    `${escapeHtml(model.headDim)}, ${escapeHtml(model.attentionType.toUpperCase())}, ` +
    `${formatNumber(model.totalParams / 1e9, 2)} B parameters, maximum context ` +
    `${formatNumber(model.maxContext)} tokens. Source: ${safeLink(model.source)}.</p>`;
}

function gpuBlock(gpus: readonly GpuSpec[]): string {
  const rows = gpus.map((g) => {
    const memorySource = (g as GpuSpec & { memorySource?: unknown }).memorySource;
    return [
      g.name,
      g.id,
      `${g.hbmGb} GB marketed; ${g.memoryGiB} GiB driver-reported`,
      raw(
        typeof memorySource === "string"
          ? safeLink(memorySource, "log")
          : "public engine logs (URL beside the value in src/catalog/gpus.ts)",
      ),
      `${g.bandwidthTBs} TB/s`,
      `${formatNumber(g.bf16Tflops)} / ${g.fp8Tflops === null ? "–" : formatNumber(g.fp8Tflops)}`,
      raw(safeLink(g.source, "datasheet")),
    ];
  });
  return "<h3>GPUs</h3>" + htmlTable(
    ["GPU", "id", "memory", "memory source", "HBM bandwidth", "dense TFLOPS bf16 / fp8", "source"],
    rows,
  ) +
    "<p>Memory is what <code>torch.cuda.mem_get_info()</code> reports (vLLM's " +
    "<code>total_gpu_memory</code>), lower than the marketed size; throughput is dense (sparsity " +
    "figures halved).</p>";
}

function priceBlock(gpus: readonly GpuSpec[], scenario: Record<string, unknown>): string {
  const overrides = priceOverrides(scenario);
  const rows = gpus.map((g) => {
    const o = overrides[g.id];
    const p = (o ?? DEFAULT_GPU_PRICING[g.id]) as Record<string, unknown> | undefined;
    if (!p) return [g.id, "no price", "–", "–", "–", "–", "–"];
    return [
      g.id,
      String(p.name ?? (o ? "scenario price" : "")),
      usd(p.perHourOnDemand),
      usd(p.perHourReserved),
      usd(p.perHourSpot),
      String(p.asOf ?? (o ? "given in the scenario" : "–")),
      raw(typeof p.source === "string" ? safeLink(p.source, "price sheet") : "–"),
    ];
  });
  return "<h3>Prices (USD per GPU-hour)</h3>" + htmlTable(
    ["GPU", "offer", "on demand", "reserved", "spot", "as of", "source"],
    rows,
    { numeric: [2, 3, 4] },
  ) +
    `<p>Monthly cost = GPUs × price × ${HOURS_PER_MONTH} h. Costs in the recommendation use the ` +
    `<code>${escapeHtml(pricingTier(scenario))}</code> tier; the plans table shows on-demand. ` +
    "Multi-GPU instance prices are divided by their GPU count; tiers a provider does not publish " +
    "are estimated from published rate-card ratios (see <code>src/catalog/pricing.ts</code>).</p>";
}

function formulaBlock(): string {
  const e = DEFAULT_EFFICIENCY;
  const kv = engineKvAccuracy();
  const lat = latencyAccuracy();
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  return "<h3>Formulas and calibration</h3>" +
    "<p><strong>Engine KV budget</strong> (vLLM's own, per GPU): <code>kv = total memory × " +
    "gpu_memory_utilization − weights − activation peak − non-torch memory − CUDA graphs</code>; " +
    "<code>tokens = ⌊kv ÷ (KV bytes per token per GPU × block size)⌋ × block size</code>. KV bytes " +
    "per token = 2 × layers × KV heads × head dim × bytes per element (MLA: the latent; sliding " +
    "windows capped). P(overflow) = share of trials whose peak live KV exceeds that pool × " +
    "replicas.</p>" +
    "<p><strong>Decode (TPOT)</strong>: <code>max(bytes ÷ (bandwidth × η_bw), FLOPs ÷ (peak × " +
    "η_decode)) + tensor-parallel all-reduces + step overhead</code>, reading the weights once " +
    "and every active sequence's KV per step. <strong>Prefill (TTFT)</strong>: <code>(2 × active " +
    "params × N + attention FLOPs) ÷ (peak of the weight precision × MFU)</code>; C requests " +
    "arriving together wait on average (C + 1) ÷ 2 prefills.</p>" +
    htmlTable(
      ["DEFAULT_EFFICIENCY", "value"],
      [
        ["η_bw: share of peak HBM bandwidth in decode", e.bandwidth],
        ["MFU of prefill", e.prefillCompute],
        ["share of peak compute in compute-bound decode", e.decodeCompute],
        ["decode step overhead, ms", e.stepOverheadMs],
        ["prefill overhead, ms", e.prefillOverheadMs],
        ["all-reduce latency, µs", e.allReduceLatencyUs],
        ["interconnect efficiency", e.linkEfficiency],
      ],
      { numeric: [1] },
    ) +
    `<p><strong>Accuracy</strong> against published engine measurements: KV pool within ` +
    `±${pct(ACCURACY_TARGETS.kvTokens)} on ${kv.filter((r) => r.withinTarget).length} of ` +
    `${kv.length} vLLM logs; latency within target (TPOT ±${pct(ACCURACY_TARGETS.tpot)}, TTFT ` +
    `±${pct(ACCURACY_TARGETS.ttft)}) on ${lat.filter((r) => r.withinTarget).length} of ` +
    `${lat.length} measurements. The rows, their sources and the reasons for each miss are in ` +
    "the Accuracy section of capsim's README (<code>deno task accuracy</code> prints it).</p>";
}

function traceBlock(scenario: Record<string, unknown>): string {
  const names = presetNames(scenario);
  if (names.length === 0) {
    return "<h3>Workload</h3><p>No preset: the workload's distributions are the scenario's own " +
      "(see the scenario above).</p>";
  }
  const rows = names.map((name) => {
    try {
      const p = lookupPreset(name);
      return [
        name,
        raw(safeLink(p.source.url, p.source.dataset)),
        p.source.licence,
        p.source.fittedOn,
      ];
    } catch {
      return [name, "unknown preset", "–", "–"];
    }
  });
  return "<h3>Workload presets</h3>" +
    htmlTable(["preset", "fitted to", "licence", "fitted on"], rows);
}

/**
 * The assumptions-and-sources section's inner HTML.
 * @param input the model, GPUs and scenario of the report
 * @returns HTML (every text escaped)
 */
export function sourcesSection(input: SourcesInput): string {
  return modelBlock(input.model) + gpuBlock(input.gpus) + priceBlock(input.gpus, input.scenario) +
    formulaBlock() + traceBlock(input.scenario);
}
