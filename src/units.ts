/**
 * Byte and time units, and the conversions between them. Everything in capsim computes in bytes
 * and milliseconds; memory is reported in GiB (2^30 bytes) unless a name says GB (10^9 bytes),
 * which is kept only where vendors quote decimal units (bandwidth, SSD capacity, marketing HBM).
 *
 * @example
 * ```ts
 * import { bytesToGiB, GiB } from "./units.ts";
 * import { equal } from "node:assert/strict";
 * equal(bytesToGiB(3 * GiB), 3);
 * ```
 * @module
 */

/** One gibibyte, 2^30 bytes: the unit drivers and engines (vLLM, PyTorch) report memory in. */
export const GiB = 1024 ** 3;
/** One mebibyte, 2^20 bytes. */
export const MiB = 1024 ** 2;
/** One decimal gigabyte, 10^9 bytes: the unit vendors use for bandwidth and SSD capacity. */
export const GB = 1e9;
/** One decimal terabyte, 10^12 bytes. */
export const TB = 1e12;
/** 10^12 floating-point operations per second. */
export const TFLOPS = 1e12;
/** Milliseconds in a second. */
export const MS_PER_S = 1000;
/**
 * Hours in a billing month, as cloud providers count it (AWS, GCP and Azure price sheets use
 * 730 h = 8,760 h / 12).
 */
export const HOURS_PER_MONTH = 730;

/**
 * Bytes to GiB.
 * @param bytes a byte count
 * @returns the same amount in GiB (2^30 bytes)
 */
export function bytesToGiB(bytes: number): number {
  return bytes / GiB;
}

/**
 * GiB to bytes.
 * @param gib an amount in GiB
 * @returns the same amount in bytes
 */
export function gibToBytes(gib: number): number {
  return gib * GiB;
}

/**
 * Decimal GB to bytes.
 * @param gb an amount in GB (10^9 bytes)
 * @returns the same amount in bytes
 */
export function gbToBytes(gb: number): number {
  return gb * GB;
}
