/**
 * What one GPU-hour costs, per catalog GPU, in three tiers: on-demand, reserved and spot.
 *
 * How the numbers were obtained:
 *
 * - Multi-GPU instances are divided by their GPU count (`p5.48xlarge` has 8 H100s, so the
 *   per-GPU price is the instance price ÷ 8); `name` says which instance and how.
 * - Provider price pages render their tables with JavaScript and could not be read directly
 *   from this workspace. The figures were read from dated public transcriptions of those pages
 *   (each comment gives the transcription URL and its date); `source` is the provider's own
 *   price page, where the figure can be re-checked, and `asOf` the date of the on-demand figure.
 * - AWS prices are after the June 2025 cut (P5 about −44 %, P4 about −33 %).
 * - Tiers not published by the chosen provider, or not found, are filled as follows and the
 *   comment on the line says which: **other provider** (a published price from a second
 *   provider), **proxy** (a published price of a closely related offer) or **estimate** (the
 *   on-demand price times one of the ratios below, which themselves come from published rate
 *   cards). Estimates are planning numbers, not quotes.
 *
 * @module
 */

import type { GpuPricing } from "./types.ts";

/**
 * AWS 1-year no-upfront reservations run about 40 % below on-demand (AWS pricing reference,
 * 2026-04-10; AWS's g6.xlarge: $0.51 reserved vs $0.8048 on-demand, 37 % off). Used where no
 * AWS 1-year rate for the instance was found.
 */
const AWS_RESERVED_FRACTION = 0.6;
/**
 * Hyperstack's public rate card (read 2026-08-26) prices reserved capacity at 0.70 × on-demand
 * for H100 PCIe, H200, A100, L40 and A6000. Used for neocloud offers without a reserved price.
 */
const NEOCLOUD_RESERVED_FRACTION = 0.7;
/**
 * The same rate card prices spot at 0.80 × on-demand for H100 PCIe, A100, L40 and A6000. Used
 * for neocloud offers without a spot price.
 */
const NEOCLOUD_SPOT_FRACTION = 0.8;

const AWS = "https://aws.amazon.com/ec2/pricing/on-demand/";
// Transcriptions the figures were read from:
// AWS_2026_11: p4d/p4de/p5 us-east-1 on-demand, retrieved 2026-11-09.
//   https://raw.githubusercontent.com/datareceipts/data-receipts/main/109-gpu-pricing/hyperscalers.json
// HYPERSTACK: on-demand, reserved and spot rate card, read 2026-08-26.
//   https://raw.githubusercontent.com/api-evangelist/nexgen-cloud/refs/heads/main/plans/nexgen-cloud-plans-pricing.yml
// RUNPOD_2026_09: RunPod pod prices (Secure and Community Cloud), checked 2026-09-25.
//   https://raw.githubusercontent.com/tgarg01/silybench-data/main/derived/csv/gpu_prices.csv
// AMD_2026_05: MI300X/MI325X neocloud prices, research note dated 2026-05-18.
//   https://www.cliffcenter.com/research/amd-inference-economics

/**
 * Price of one GPU-hour for every catalog GPU, keyed by the GPU's catalog id.
 *
 * Per-GPU price = instance price ÷ GPUs per instance. Sources: each entry's `source` (the
 * provider's price page) and the dated transcription named in the comment above it.
 *
 * @example An H100 SXM on AWS costs the p5.48xlarge price ÷ 8 = $55.04 ÷ 8 = $6.88 per hour.
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { DEFAULT_GPU_PRICING } from "./pricing.ts";
 *
 * equal(DEFAULT_GPU_PRICING["h100-sxm"].perHourOnDemand, 6.88);
 * ```
 */
export const DEFAULT_GPU_PRICING: Readonly<Record<string, GpuPricing>> = freezeAll({
  "h100-sxm": {
    id: "h100-sxm",
    name: "AWS p5.48xlarge (8× H100 SXM, us-east-1) ÷ 8",
    perHourOnDemand: 55.04 / 8, // AWS_2026_11
    // Estimate: AWS 1-year rate for p5 not found. Hyperstack's published H100 SXM reserved
    // price is $2.72 (HYPERSTACK), for comparison.
    perHourReserved: (55.04 / 8) * AWS_RESERVED_FRACTION,
    // us-east-1 spot $30.24/instance "as of March 2026" (AWS figures transcribed in a public
    // reference table found by code search; no stable URL). Spot moves daily.
    perHourSpot: 30.24 / 8,
    asOf: "2026-11-09",
    source: AWS,
  },
  "h100-pcie": {
    id: "h100-pcie",
    name: "Hyperstack H100 PCIe 80 GB, 1 GPU",
    perHourOnDemand: 2.5, // HYPERSTACK ("NVIDIA H100")
    perHourReserved: 1.75, // HYPERSTACK, reserved "from"
    perHourSpot: 2.0, // HYPERSTACK spot ("NVIDIA H100 PCIe")
    asOf: "2026-08-26",
    source: "https://www.hyperstack.cloud/gpu-pricing",
  },
  h200: {
    id: "h200",
    name: "AWS p5en.48xlarge (8× H200, us-east-1) ÷ 8",
    // On-demand $63.296 and us-east-1 spot $27.1988 per instance, `dstack offer` output
    // (AWS price API) of 2026-08-06: https://github.com/dstackai/dstack/pull/4110
    perHourOnDemand: 63.296 / 8,
    // Estimate. Published alternatives: EC2 Capacity Block $41.61/instance (since 2026-01-04,
    // short-term, ÷ 8 = $5.20); Hyperstack H200 reserved $2.79 (HYPERSTACK).
    perHourReserved: (63.296 / 8) * AWS_RESERVED_FRACTION,
    perHourSpot: 27.1988 / 8,
    asOf: "2026-08-06",
    source: AWS,
  },
  b200: {
    id: "b200",
    name: "AWS p6-b200.48xlarge (8× B200) ÷ 8",
    // On-demand $113.9328/instance; spot $40.94 in us-west-2d queried 2026-08-07 (AWS figures
    // transcribed in public notes found by code search; no stable URL).
    perHourOnDemand: 113.9328 / 8,
    // Estimate. Hyperstack's published B200 reserved price is $5.10 (HYPERSTACK).
    perHourReserved: (113.9328 / 8) * AWS_RESERVED_FRACTION,
    perHourSpot: 40.94 / 8,
    asOf: "2026-08-07",
    source: AWS,
  },
  "a100-sxm": {
    id: "a100-sxm",
    name: "AWS p4de.24xlarge (8× A100 SXM 80 GB, us-east-1) ÷ 8",
    perHourOnDemand: 27.44705 / 8, // AWS_2026_11
    // Estimate. Hyperstack's published A100 SXM reserved price is $1.36 (HYPERSTACK).
    perHourReserved: (27.44705 / 8) * AWS_RESERVED_FRACTION,
    // Proxy: no p4de spot figure found; the p4d (same A100 SXM, 40 GB) spot price is used.
    perHourSpot: 10.7 / 8,
    asOf: "2026-11-09",
    source: AWS,
  },
  "a100-sxm-40gb": {
    id: "a100-sxm-40gb",
    name: "AWS p4d.24xlarge (8× A100 SXM 40 GB, us-east-1) ÷ 8",
    perHourOnDemand: 21.957642 / 8, // AWS_2026_11
    perHourReserved: (21.957642 / 8) * AWS_RESERVED_FRACTION, // estimate
    // us-east-1 spot $10.70/instance, "instances.vantage.sh, verified 2026-03-22" (public
    // notes found by code search).
    perHourSpot: 10.7 / 8,
    asOf: "2026-11-09",
    source: AWS,
  },
  l40s: {
    id: "l40s",
    name: "AWS g6e.xlarge (1× L40S, us-east-1)",
    // On-demand $1.861, spot $1.04, "as of March 2026" (AWS figures transcribed in public
    // reference tables found by code search; the source gives the month only).
    perHourOnDemand: 1.861,
    perHourReserved: 1.861 * AWS_RESERVED_FRACTION, // estimate
    perHourSpot: 1.04,
    asOf: "2026-03-01",
    source: AWS,
  },
  l4: {
    id: "l4",
    name: "AWS g6.xlarge (1× L4, us-east-1)",
    // $0.8048 list; "$0.80/h, checked via the AWS Pricing API on 2026-09-23" (public notes).
    perHourOnDemand: 0.8048,
    // "Reserved Instance (1yr) g6.xlarge ~$0.51/hr" (undated public notes; approximate).
    perHourReserved: 0.51,
    // Estimate: no g6 spot figure found; the g6e.xlarge spot/on-demand ratio (1.04 / 1.861,
    // March 2026) applied to the g6.xlarge price.
    perHourSpot: 0.8048 * (1.04 / 1.861),
    asOf: "2026-09-23",
    source: AWS,
  },
  // Consumer and workstation cards: marketplace/neocloud prices (RunPod), no hyperscaler sells
  // them.
  "rtx-4090": {
    id: "rtx-4090",
    name: "RunPod Secure Cloud, 1× RTX 4090 (spot column: RunPod Community Cloud)",
    perHourOnDemand: 0.74, // RUNPOD_2026_09, Secure Cloud
    perHourReserved: 0.74 * NEOCLOUD_RESERVED_FRACTION, // estimate
    // Proxy: RunPod's interruptible price for this card was not found; Community Cloud (third-
    // party hosts, no datacentre SLA) is the cheapest RunPod offer, $0.34 (RUNPOD_2026_09).
    perHourSpot: 0.34,
    asOf: "2026-09-25",
    source: "https://www.runpod.io/pricing",
  },
  // RunPod Serverless prices one 24 GB tier for "L4, A5000, 3090": flex workers (scale to
  // zero) $0.00019/s, active workers (always on, billed continuously: RunPod's commitment
  // discount) $0.00013/s. Read from https://docs.runpod.io/serverless/pricing; the page is
  // undated, so `asOf` is the day the stored copy was read. No dated pod price was found.
  "rtx-3090": {
    id: "rtx-3090",
    name: "RunPod Serverless 24 GB tier (L4 / RTX A5000 / RTX 3090), flex worker",
    perHourOnDemand: 0.00019 * 3600,
    perHourReserved: 0.00013 * 3600, // active worker; not a 1-year term
    perHourSpot: 0.00019 * 3600 * NEOCLOUD_SPOT_FRACTION, // estimate
    asOf: "2026-11-25",
    source: "https://docs.runpod.io/serverless/pricing",
  },
  "rtx-a5000": {
    id: "rtx-a5000",
    name: "RunPod Serverless 24 GB tier (L4 / RTX A5000 / RTX 3090), flex worker",
    perHourOnDemand: 0.00019 * 3600,
    perHourReserved: 0.00013 * 3600, // active worker; not a 1-year term
    perHourSpot: 0.00019 * 3600 * NEOCLOUD_SPOT_FRACTION, // estimate
    asOf: "2026-11-25",
    source: "https://docs.runpod.io/serverless/pricing",
  },
  mi300x: {
    id: "mi300x",
    name: "Vultr MI300X, 1 GPU (spot column: Crusoe)",
    perHourOnDemand: 1.85, // AMD_2026_05
    perHourReserved: 1.85 * NEOCLOUD_RESERVED_FRACTION, // estimate
    perHourSpot: 1.71, // other provider: Crusoe spot (AMD_2026_05)
    asOf: "2026-05-18",
    source: "https://www.vultr.com/pricing/",
  },
  mi325x: {
    id: "mi325x",
    name: "TensorWave MI325X, 1 GPU",
    perHourOnDemand: 1.95, // AMD_2026_05
    perHourReserved: 1.95 * NEOCLOUD_RESERVED_FRACTION, // estimate
    perHourSpot: 1.95 * NEOCLOUD_SPOT_FRACTION, // estimate
    asOf: "2026-05-18",
    source: "https://tensorwave.com/pricing",
  },
});

function freezeAll(catalog: Record<string, GpuPricing>): Readonly<Record<string, GpuPricing>> {
  for (const price of Object.values(catalog)) Object.freeze(price);
  return Object.freeze(catalog);
}
