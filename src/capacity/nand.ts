/**
 * The NAND tier: sessions whose KV cache is parked on NVMe SSDs and restored into HBM when they
 * come back (as LMCache and NVIDIA Dynamo's KV block manager do).
 *
 * restore time = session KV bytes ÷ (SSD read bandwidth ÷ concurrent restores) + device latency.
 * The device latency default, 0.1 ms, is a 4 KiB random read on a datacenter NVMe drive (Samsung
 * PM1743 datasheet: 85 µs typical); streaming the bytes dominates for any real session.
 *
 * @example 10 GiB restored at 7 GB/s: 10 × 2^30 ÷ 7 × 10^9 = 1,533.9 ms (+ 0.1 ms).
 * ```ts
 * import { restoreLatency } from "./nand.ts";
 * import { ok } from "node:assert/strict";
 * ok(Math.abs(restoreLatency(10, 7) - (10 * 2 ** 30 / 7e9 * 1000 + 0.1)) < 1e-9);
 * ```
 * @module
 */

import { GB, GiB, MS_PER_S } from "../units.ts";
import { nonNegativeNumber, positiveInteger, positiveNumber } from "../validate.ts";

/** Options of `restoreLatency`. */
export interface RestoreOptions {
  /** Fixed device latency added to each restore, ms (default 0.1). */
  deviceLatencyMs?: number;
}

/** Default NVMe device latency per restore, ms. */
export const NAND_DEVICE_LATENCY_MS = 0.1;

/**
 * Time to restore a KV cache from SSD into HBM.
 * @param kvSizeGb KV to restore per SSD, in GiB (named `Gb` for compatibility with the reference)
 * @param nandBandwidthGBs sustained SSD read bandwidth, decimal GB/s
 * @param parallelism restores sharing that SSD at once (default 1)
 * @param options device latency
 * @returns ms
 * @throws {RangeError|TypeError} negative size, non-positive bandwidth or parallelism
 */
export function restoreLatency(
  kvSizeGb: number,
  nandBandwidthGBs: number,
  parallelism = 1,
  options: RestoreOptions = {},
): number {
  const bytes = nonNegativeNumber("kvSizeGb", kvSizeGb) * GiB;
  const bytesPerS = (positiveNumber("nandBandwidthGBs", nandBandwidthGBs) * GB) /
    positiveInteger("parallelism", parallelism);
  const latency = nonNegativeNumber(
    "deviceLatencyMs",
    options.deviceLatencyMs ?? NAND_DEVICE_LATENCY_MS,
  );
  return (bytes / bytesPerS) * MS_PER_S + latency;
}
