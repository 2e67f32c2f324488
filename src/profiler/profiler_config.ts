/**
 * The `SessionProfiler`'s options, their defaults, and their validation: every bad option throws
 * a `TypeError` or `RangeError` naming it, e.g.
 * `kvWarningThresholdGb: expected a positive number; received -1`.
 *
 * @example
 * ```ts
 * import { resolveProfilerConfig } from "./profiler_config.ts";
 * import { equal, throws } from "node:assert/strict";
 * const config = resolveProfilerConfig({ modelArch: "llama-3.1-70b", kvPrecision: "fp8" });
 * equal(config.kvBytesPerToken, 163_840); // 2 × 80 layers × 8 KV heads × 128 × 1 byte
 * equal(config.idleTimeoutMs, 1_800_000);
 * throws(() => resolveProfilerConfig({ kvWarningThresholdGb: -1 }), {
 *   name: "RangeError", message: "kvWarningThresholdGb: expected a positive number; received -1",
 * });
 * ```
 * @module
 */

import type { ModelArchitecture } from "../catalog/types.ts";
import { kvBytesPerToken, type KvLayout, kvLayout } from "../capacity/kv.ts";
import { KV_PRECISIONS, type KvPrecision } from "../capacity/precision.ts";
import { resolveModel } from "../capacity/resolve.ts";
import { GiB } from "../units.ts";
import {
  closeMatches,
  describe,
  oneOf,
  plainObject,
  positiveInteger,
  positiveNumber,
} from "../validate.ts";

/**
 * What a session is classified by:
 * - `cumulative` (default, the reference's rule): Σ billed total tokens over its runs;
 * - `peakContext`: its largest single run's input + output;
 * - `newTokens`: Σ (uncached input + output) over its runs.
 */
export type ClassificationBasis = "cumulative" | "peakContext" | "newTokens";

/** Every classification basis. */
export const CLASSIFICATION_BASES: readonly ClassificationBasis[] = [
  "cumulative",
  "peakContext",
  "newTokens",
];

/** Default idle timeout: 30 minutes. */
export const DEFAULT_IDLE_TIMEOUT_MS = 30 * 60 * 1000;
/** Default hysteresis of warnings: 10 %. */
export const DEFAULT_HYSTERESIS = 0.1;
/** Default cap on tracked sessions. */
export const DEFAULT_MAX_TRACKED_SESSIONS = 1_000_000;

/** Options of `new SessionProfiler()`. All optional. */
export interface SessionProfilerConfig {
  /** The served model (catalog id or architecture). Without it, KV figures are 0 and
   * `kv_pressure` warnings never fire. */
  modelArch?: string | ModelArchitecture;
  /** Live KV (GiB, 2^30 bytes; named `Gb` for compatibility) above which a `kv_pressure`
   * warning fires. */
  kvWarningThresholdGb?: number;
  /** Precision of the KV cache for live-KV figures (default `"bf16"`). */
  kvPrecision?: KvPrecision;
  /** What sessions are classified by (default `"cumulative"`). */
  classificationBasis?: ClassificationBasis;
  /** A session not seen for longer than this stops being live (ms; default 30 min;
   * `Infinity` disables expiry). */
  idleTimeoutMs?: number;
  /** Live sessions above which a `session_limit` warning fires (default: none). */
  sessionLimit?: number;
  /** After a warning, the next of its type fires only once the value fell below
   * threshold × (1 − hysteresis) and crossed again (in [0, 1); default 0.1). */
  hysteresis?: number;
  /** Tracked sessions kept; beyond it the least recently seen is evicted (default 1,000,000). */
  maxTrackedSessions?: number;
  /** Time source (ms) for events without `at` (default `Date.now`). */
  clock?: () => number;
}

/** Options checked and turned into what the hot path needs. */
export interface ResolvedProfilerConfig {
  /** The model, or `undefined`. */
  arch: ModelArchitecture | undefined;
  /** KV layout at `kvPrecision`, whole model on one GPU, or `undefined` without a model. */
  layout: KvLayout | undefined;
  /** Resident contexts are clamped to this (`Infinity` without a model). */
  maxContextTokens: number;
  /** KV bytes per token at `kvPrecision` (0 without a model). */
  kvBytesPerToken: number;
  /** KV bytes per token at bf16, for the reference's `estimatedKvGb` (0 without a model). */
  bf16BytesPerToken: number;
  /** The KV precision. */
  kvPrecision: KvPrecision;
  /** The threshold in GiB, or `undefined`. */
  kvWarningThresholdGiB: number | undefined;
  /** The threshold in bytes (`Infinity` when no warning can fire). */
  kvWarningThresholdBytes: number;
  /** The classification basis. */
  classificationBasis: ClassificationBasis;
  /** Idle timeout, ms. */
  idleTimeoutMs: number;
  /** Live-session limit (`Infinity` when none). */
  sessionLimit: number;
  /** Hysteresis fraction. */
  hysteresis: number;
  /** Cap on tracked sessions. */
  maxTrackedSessions: number;
  /** Time source. */
  clock: () => number;
}

const KNOWN_KEYS: readonly string[] = [
  "modelArch",
  "kvWarningThresholdGb",
  "kvPrecision",
  "classificationBasis",
  "idleTimeoutMs",
  "sessionLimit",
  "hysteresis",
  "maxTrackedSessions",
  "clock",
];

function checkKeys(config: Record<string, unknown>): void {
  for (const key of Object.keys(config)) {
    if (KNOWN_KEYS.includes(key)) continue;
    const near = closeMatches(key, KNOWN_KEYS, 1);
    const hint = near.length > 0 ? ` (did you mean "${near[0]}"?)` : "";
    throw new TypeError(
      `${key}: expected a known SessionProfiler option${hint}; received ` +
        `${describe(config[key])}. Known: ${KNOWN_KEYS.join(", ")}`,
    );
  }
}

function hysteresisOf(value: unknown): number {
  if (value === undefined) return DEFAULT_HYSTERESIS;
  const expected = "a number in [0, 1)";
  if (typeof value !== "number") {
    throw new TypeError(`hysteresis: expected ${expected}; received ${describe(value)}`);
  }
  if (!(value >= 0 && value < 1)) {
    throw new RangeError(`hysteresis: expected ${expected}; received ${describe(value)}`);
  }
  return value;
}

function idleTimeoutOf(value: unknown): number {
  if (value === undefined) return DEFAULT_IDLE_TIMEOUT_MS;
  if (value === Number.POSITIVE_INFINITY) return value;
  return positiveNumber("idleTimeoutMs", value);
}

/**
 * Checks the profiler's options and fills in defaults.
 * @param config the options (`undefined` for all defaults)
 * @returns the resolved options
 * @throws {TypeError} a non-object config, an unknown option (with a "did you mean"), an option
 *   of the wrong type; {RangeError} an option out of range or an unknown model id
 */
export function resolveProfilerConfig(config: unknown = {}): ResolvedProfilerConfig {
  const c = plainObject("config", config);
  checkKeys(c);
  const arch = c.modelArch === undefined
    ? undefined
    : resolveModel(c.modelArch as string | ModelArchitecture, "modelArch");
  const kvPrecision = c.kvPrecision === undefined
    ? "bf16"
    : oneOf("kvPrecision", c.kvPrecision, KV_PRECISIONS);
  const threshold = c.kvWarningThresholdGb === undefined
    ? undefined
    : positiveNumber("kvWarningThresholdGb", c.kvWarningThresholdGb);
  const basis = c.classificationBasis === undefined
    ? "cumulative"
    : oneOf("classificationBasis", c.classificationBasis, CLASSIFICATION_BASES);
  if (c.clock !== undefined && typeof c.clock !== "function") {
    throw new TypeError(`clock: expected a function returning ms; received ${describe(c.clock)}`);
  }
  return {
    arch,
    layout: arch === undefined ? undefined : kvLayout(arch, kvPrecision),
    maxContextTokens: arch?.maxContext ?? Number.POSITIVE_INFINITY,
    kvBytesPerToken: arch === undefined ? 0 : kvBytesPerToken(arch, kvPrecision),
    bf16BytesPerToken: arch === undefined ? 0 : kvBytesPerToken(arch, "bf16"),
    kvPrecision,
    kvWarningThresholdGiB: threshold,
    kvWarningThresholdBytes: threshold === undefined || arch === undefined
      ? Number.POSITIVE_INFINITY
      : threshold * GiB,
    classificationBasis: basis,
    idleTimeoutMs: idleTimeoutOf(c.idleTimeoutMs),
    sessionLimit: c.sessionLimit === undefined
      ? Number.POSITIVE_INFINITY
      : positiveInteger("sessionLimit", c.sessionLimit),
    hysteresis: hysteresisOf(c.hysteresis),
    maxTrackedSessions: c.maxTrackedSessions === undefined
      ? DEFAULT_MAX_TRACKED_SESSIONS
      : positiveInteger("maxTrackedSessions", c.maxTrackedSessions),
    clock: (c.clock as (() => number) | undefined) ?? Date.now,
  };
}
