/**
 * The `MetricsExporter`: counts capsim's bus events and reads a `SessionProfiler`'s state into
 * Prometheus metrics, rendered in the text exposition format (version 0.0.4) by prom-client on a
 * registry of its own (never prom-client's global one, so two exporters do not collide).
 *
 * Metrics (`radaros_` is the default prefix, so the reference's three names are unchanged):
 *
 * | name | type | source |
 * | --- | --- | --- |
 * | `radaros_session_category_total{category}` | counter | `capacity.session.classified`: sessions that entered each category |
 * | `radaros_capacity_sessions_total` | counter | `capacity.session.classified` with `previousCategory` undefined: sessions first seen |
 * | `radaros_runs_total` | counter | `run.complete` events seen (accepted or rejected) |
 * | `radaros_runs_rejected_total{reason}` | counter | `capacity.run.rejected`, by reason code (`rejectionReasonCode`) |
 * | `radaros_capacity_warnings_total{type}` | counter | `capacity.warning`, by type (`kv_pressure`, `session_limit`) |
 * | `radaros_run_errors_total` | counter | `run.error` events seen |
 * | `radaros_kv_cache_estimated_gb` | gauge | the reference's cumulative KV estimate, **GiB** despite the name (legacy; see below) |
 * | `radaros_kv_cache_estimated_bytes` | gauge | the same figure in bytes |
 * | `radaros_kv_cache_live_bytes` | gauge | profiler: KV of live sessions' resident contexts |
 * | `radaros_kv_cache_live_peak_bytes` | gauge | profiler: the largest live KV so far |
 * | `radaros_sessions_live` | gauge | profiler: live sessions |
 * | `radaros_sessions_tracked` | gauge | profiler: tracked sessions (live, ended, expired) |
 *
 * Counters count events; gauges read current state at scrape time (prom-client's `collect()`).
 * The estimated-KV gauges read the profiler's `estimatedKvGb` when a profiler is given, else the
 * `estimatedKvGb` of the latest `capacity.warning` (the reference's behaviour; 0 before one). The
 * four live-state gauges exist only when a profiler is given. The labelled counters list every
 * label value of their fixed set from the start (at 0), so rates work from the first scrape.
 *
 * promtool (2.42, `promtool check metrics`) lints: counters must end in `_total` and other types
 * must not; every metric needs HELP; names must not contain `:` or camelCase, nor name a
 * non-base unit (`gibibytes` → "use base unit bytes") or an abbreviated one (`_gb`, `_ms`, `_s`
 * …); `_count`/`_sum`/`_bucket` and `le`/`quantile` are reserved for histograms and summaries.
 * Hence the live gauges are in bytes, and the reference's
 * `kv_cache_estimated_gb` is the one name it flags ("metric names should not contain abbreviated
 * units"). It stays by default for compatibility; pass `legacyGbGauge: false` for an exposition
 * that promtool passes without a problem (`kv_cache_estimated_bytes` carries the figure either
 * way). A prefix with a `:` is valid Prometheus but fails the lint too.
 *
 * Per event the exporter does O(1) work on plain numbers (no allocation, no prom-client call);
 * prom-client's metrics are filled from them at scrape time. Listeners never throw: payloads of
 * the wrong shape are ignored.
 *
 * @example The reference's "Prometheus Integration" lines, from three sessions: two light, one
 * that enters medium and then heavy.
 * ```ts
 * import { MetricsExporter } from "./prometheus.ts";
 * import { EventBus } from "../events/event_bus.ts";
 * import { ok } from "node:assert/strict";
 * const bus = new EventBus();
 * const exporter = new MetricsExporter();
 * exporter.attach(bus);
 * const classify = (sessionId: string, category: "light" | "medium" | "heavy", previousCategory?: "medium") =>
 *   bus.emit("capacity.session.classified", { sessionId, category, totalTokens: 0, previousCategory });
 * classify("a", "light");
 * classify("b", "light");
 * classify("c", "medium");
 * classify("c", "heavy", "medium");
 * const text = await exporter.toPrometheus();
 * ok(text.includes('radaros_session_category_total{category="light"} 2\n'));
 * ok(text.includes('radaros_session_category_total{category="heavy"} 1\n'));
 * ok(text.includes("radaros_capacity_sessions_total 3\n"));
 * ```
 * @module
 */

import { collectDefaultMetrics, Counter, Gauge, Registry } from "prom-client";
import { closeMatches, describe, plainObject } from "../validate.ts";

/** Bytes in a GiB (2^30): the profiler reports GiB, Prometheus wants base units. */
const GIB_BYTES = 2 ** 30;

/** The default metric-name prefix: the reference system's. */
export const DEFAULT_METRICS_PREFIX = "radaros_";

/** The `category` label's values, in exposition order. */
export const CATEGORY_LABELS = ["light", "medium", "heavy", "extreme"] as const;

/** The `type` label's values of `capacity_warnings_total`. */
export const WARNING_TYPES = ["kv_pressure", "session_limit"] as const;

/**
 * The `reason` label's values of `runs_rejected_total`: the part of the run at fault.
 * `event`: the payload was not an object; `session_id`: no usable `sessionId` /
 * `output.sessionId` / `runId`; `usage`: usage missing or invalid (any count, shape, total or
 * zero tokens); `at`: a bad timestamp; `other`: anything else.
 */
export const REJECTION_REASON_CODES = ["event", "session_id", "usage", "at", "other"] as const;

/** A `reason` label value of `runs_rejected_total`. */
export type RejectionReasonCode = typeof REJECTION_REASON_CODES[number];

/**
 * The profiler figures the gauges read (a subset of `SessionProfiler.getSessionStats()`).
 * KV figures are GiB (2^30 bytes).
 */
export interface ProfilerGaugeStats {
  /** The reference's cumulative KV estimate, GiB despite the name. */
  estimatedKvGb: number;
  /** KV of the live sessions' resident contexts, GiB. */
  liveKvGiB: number;
  /** Largest `liveKvGiB` so far, GiB. */
  peakLiveKvGiB: number;
  /** Live sessions. */
  liveSessions: number;
  /** Tracked sessions: live, ended and expired. */
  trackedSessions: number;
}

/** What the `profiler` option needs: a `SessionProfiler`, or anything with the same stats. */
export interface ProfilerStatsSource {
  /** The profiler's current stats. */
  getSessionStats(): ProfilerGaugeStats;
}

/** What `attach` needs of a bus: capsim's `EventBus`, or any emitter with `on` and `off`. */
export interface MetricsBus {
  /** Registers a listener. */
  // deno-lint-ignore no-explicit-any
  on(event: string, listener: (payload: any) => void): unknown;
  /** Removes a listener. */
  // deno-lint-ignore no-explicit-any
  off(event: string, listener: (payload: any) => void): unknown;
}

/** Options of `new MetricsExporter()`. All optional. */
export interface MetricsExporterOptions {
  /** Prepended to every metric name (default `"radaros_"`); `""` or a string matching
   * `[a-zA-Z_:][a-zA-Z0-9_:]*` (a `:` passes Prometheus but not promtool's lint). */
  prefix?: string;
  /** A profiler whose `getSessionStats()` feeds the gauges at scrape time. */
  profiler?: ProfilerStatsSource;
  /** Also export `<prefix>kv_cache_estimated_gb`, the reference's name (default `true`);
   * promtool flags its `_gb` as an abbreviated unit. */
  legacyGbGauge?: boolean;
  /** Add prom-client's default process metrics to this exporter's registry (default `false`;
   * promtool flags three of them: `nodejs_active_{handles,requests,resources}_total` gauges). */
  collectDefaultMetrics?: boolean;
}

const KNOWN_OPTIONS: readonly string[] = [
  "prefix",
  "profiler",
  "legacyGbGauge",
  "collectDefaultMetrics",
];
const PREFIX_PATTERN = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/**
 * The reason code of a rejected run: its reason's field (the text before the first `:`) mapped
 * to one of `REJECTION_REASON_CODES`, so the label's cardinality stays fixed however the free
 * text varies. Fields: `run.complete` → `event`; `sessionId`, `output.sessionId`, `runId` →
 * `session_id`; `usage`, `usage.*`, `output.usage`, `output.usage.*` → `usage`; `at` → `at`.
 * @param reason the `reason` of a `capacity.run.rejected` event
 * @returns the code; `other` for an unknown field, a reason without `:`, or a non-string
 * @example
 * ```ts
 * import { rejectionReasonCode } from "./prometheus.ts";
 * import { equal } from "node:assert/strict";
 * equal(rejectionReasonCode("usage.prompt_tokens: expected an integer ≥ 0; received -3"), "usage");
 * equal(rejectionReasonCode("output.sessionId: expected a non-empty string; received \"\""), "session_id");
 * equal(rejectionReasonCode("the moon is wrong"), "other");
 * ```
 */
export function rejectionReasonCode(reason: unknown): RejectionReasonCode {
  if (typeof reason !== "string") return "other";
  const colon = reason.indexOf(":");
  if (colon < 0) return "other";
  const field = reason.slice(0, colon);
  switch (field) {
    case "run.complete":
      return "event";
    case "sessionId":
    case "output.sessionId":
    case "runId":
      return "session_id";
    case "at":
      return "at";
    case "usage":
    case "output.usage":
      return "usage";
  }
  return field.startsWith("usage.") || field.startsWith("output.usage.") ? "usage" : "other";
}

function categoryIndex(category: unknown): number {
  switch (category) {
    case "light":
      return 0;
    case "medium":
      return 1;
    case "heavy":
      return 2;
    case "extreme":
      return 3;
  }
  return -1;
}

function payloadOf(payload: unknown): Record<string, unknown> | undefined {
  return typeof payload === "object" && payload !== null
    ? payload as Record<string, unknown>
    : undefined;
}

/**
 * One metric: a plain counter, a counter with one label of a fixed set, or a gauge. Each reads
 * its value(s) at scrape time; counters are rewritten from the exporter's running counts.
 */
interface MetricSpec {
  name: string;
  help: string;
  counter?: () => number;
  labelled?: { label: string; values: readonly string[]; counts: readonly number[] };
  gauge?: () => number;
}

/** Registers `spec` on `registry` with a prom-client `collect()` that reads its values. */
function registerMetric(registry: Registry, prefix: string, spec: MetricSpec): void {
  const common = { name: prefix + spec.name, help: spec.help, registers: [registry] };
  const { counter, labelled, gauge } = spec;
  if (counter !== undefined) {
    new Counter({
      ...common,
      collect() {
        this.reset();
        this.inc(counter());
      },
    });
  } else if (labelled !== undefined) {
    const { label, values, counts } = labelled;
    new Counter({
      ...common,
      labelNames: [label],
      collect() {
        this.reset();
        values.forEach((value, i) => this.inc({ [label]: value }, counts[i]));
      },
    });
  } else if (gauge !== undefined) {
    new Gauge({
      ...common,
      collect() {
        this.set(gauge());
      },
    });
  }
}

interface Handlers {
  classified: (payload: unknown) => void;
  warning: (payload: unknown) => void;
  complete: (payload: unknown) => void;
  rejected: (payload: unknown) => void;
  error: (payload: unknown) => void;
}

/** The exporter's options, checked. */
interface ResolvedOptions {
  prefix: string;
  profiler: ProfilerStatsSource | undefined;
  legacyGbGauge: boolean;
  collectDefaultMetrics: boolean;
}

function booleanOption(field: string, value: unknown): boolean {
  if (value === undefined || typeof value === "boolean") return value !== false;
  throw new TypeError(`${field}: expected a boolean; received ${describe(value)}`);
}

function resolveOptions(options: unknown): ResolvedOptions {
  const o = plainObject("options", options);
  for (const key of Object.keys(o)) {
    if (KNOWN_OPTIONS.includes(key)) continue;
    const near = closeMatches(key, KNOWN_OPTIONS, 1);
    const hint = near.length > 0 ? ` (did you mean "${near[0]}"?)` : "";
    throw new TypeError(
      `${key}: expected a known MetricsExporter option${hint}; received ${describe(o[key])}. ` +
        `Known: ${KNOWN_OPTIONS.join(", ")}`,
    );
  }
  const prefix = o.prefix === undefined ? DEFAULT_METRICS_PREFIX : o.prefix;
  if (typeof prefix !== "string" || (prefix !== "" && !PREFIX_PATTERN.test(prefix))) {
    throw new TypeError(
      `prefix: expected "" or a metric-name prefix matching [a-zA-Z_:][a-zA-Z0-9_:]*; ` +
        `received ${describe(prefix)}`,
    );
  }
  const profiler = o.profiler;
  if (
    profiler !== undefined &&
    (typeof profiler !== "object" || profiler === null ||
      typeof (profiler as Record<string, unknown>).getSessionStats !== "function")
  ) {
    throw new TypeError(
      `profiler: expected a SessionProfiler (an object with getSessionStats()); received ${
        describe(profiler)
      }`,
    );
  }
  return {
    prefix,
    profiler: profiler as ResolvedOptions["profiler"],
    legacyGbGauge: booleanOption("legacyGbGauge", o.legacyGbGauge),
    collectDefaultMetrics: o.collectDefaultMetrics === undefined
      ? false
      : booleanOption("collectDefaultMetrics", o.collectDefaultMetrics),
  };
}

/**
 * Exports capsim's bus events and profiler state as Prometheus metrics (see the module docs
 * for every metric and rule).
 *
 * @example Gauges from a profiler: Llama-3.1-8B caches 2 × 32 layers × 8 KV heads × 128 × 2 B
 * = 131,072 B per token at bf16, so a session whose latest run holds 8,192 tokens holds
 * exactly 1 GiB = 1,073,741,824 bytes.
 * ```ts
 * import { MetricsExporter } from "./prometheus.ts";
 * import { SessionProfiler } from "../profiler/session_profiler.ts";
 * import { EventBus } from "../events/event_bus.ts";
 * import { ok } from "node:assert/strict";
 * const bus = new EventBus();
 * const profiler = new SessionProfiler({ modelArch: "llama-3.1-8b" });
 * profiler.attach(bus);
 * const exporter = new MetricsExporter({ profiler, prefix: "capsim_" });
 * exporter.attach(bus);
 * bus.emit("run.complete", { runId: "r1", sessionId: "s1", at: 0, usage: { prompt_tokens: 8000, completion_tokens: 192 } });
 * const text = await exporter.toPrometheus();
 * ok(text.includes("capsim_kv_cache_live_bytes 1073741824\n"));
 * ok(text.includes("capsim_kv_cache_estimated_gb 1\n")); // GiB despite the name
 * ok(text.includes("capsim_runs_total 1\n"));
 * ```
 */
export class MetricsExporter {
  #options: ResolvedOptions;
  #registry: Registry;
  #byCategory = [0, 0, 0, 0];
  #sessions = 0;
  #runs = 0;
  #rejected = [0, 0, 0, 0, 0];
  #warnings = [0, 0];
  #runErrors = 0;
  #lastWarningKvGb: number | undefined;
  #stats: ProfilerGaugeStats | undefined;
  #buses = new Map<MetricsBus, Handlers>();

  /**
   * Makes an exporter with its own prom-client registry.
   * @param options prefix, profiler, legacy gauge, default metrics (see `MetricsExporterOptions`)
   * @throws {TypeError} a non-object options, an unknown option, a `prefix` that is not a
   *   metric-name prefix, a `profiler` without `getSessionStats()`, a non-boolean flag
   */
  constructor(options: MetricsExporterOptions = {}) {
    this.#options = resolveOptions(options);
    this.#registry = new Registry();
    for (const spec of this.#specs()) {
      registerMetric(this.#registry, this.#options.prefix, spec);
    }
    if (this.#options.collectDefaultMetrics) {
      collectDefaultMetrics({ register: this.#registry });
    }
  }

  /** The exposition's content type: `text/plain; version=0.0.4; charset=utf-8`. */
  get contentType(): string {
    return this.#registry.contentType;
  }

  /**
   * Starts counting events of a bus. Attaching twice to the same bus does nothing (no double
   * counting); several buses may be attached.
   * @param bus an `EventBus` or any emitter with `on` and `off`
   * @throws {TypeError} a bus without `on` and `off` methods
   */
  attach(bus: MetricsBus): void {
    if (
      typeof bus !== "object" || bus === null || typeof bus.on !== "function" ||
      typeof bus.off !== "function"
    ) {
      throw new TypeError(
        `bus: expected an event bus with on and off methods; received ${describe(bus)}`,
      );
    }
    if (this.#buses.has(bus)) return;
    const handlers: Handlers = {
      classified: (payload) => this.#onClassified(payload),
      warning: (payload) => this.#onWarning(payload),
      complete: () => {
        this.#runs++;
      },
      rejected: (payload) => this.#onRejected(payload),
      error: () => {
        this.#runErrors++;
      },
    };
    bus.on("capacity.session.classified", handlers.classified);
    bus.on("capacity.warning", handlers.warning);
    bus.on("run.complete", handlers.complete);
    bus.on("capacity.run.rejected", handlers.rejected);
    bus.on("run.error", handlers.error);
    this.#buses.set(bus, handlers);
  }

  /**
   * Stops counting events of a bus; other attached buses stay attached. Unknown buses are
   * ignored. Counts so far are kept.
   * @param bus a bus passed to `attach`
   */
  detach(bus: MetricsBus): void {
    const handlers = this.#buses.get(bus);
    if (handlers === undefined) return;
    bus.off("capacity.session.classified", handlers.classified);
    bus.off("capacity.warning", handlers.warning);
    bus.off("run.complete", handlers.complete);
    bus.off("capacity.run.rejected", handlers.rejected);
    bus.off("run.error", handlers.error);
    this.#buses.delete(bus);
  }

  /**
   * The metrics in Prometheus's text exposition format (0.0.4).
   * @returns the exposition text, one family after another, ending in a newline
   */
  toPrometheus(): Promise<string> {
    return this.#registry.metrics();
  }

  /**
   * Zeroes every counter and forgets the latest warning's `estimatedKvGb` (the estimated-KV
   * gauges then read 0 without a profiler). Attached buses stay attached; the profiler and
   * prom-client's default metrics are not reset. Prometheus treats the drop as a counter reset.
   */
  reset(): void {
    this.#byCategory.fill(0);
    this.#rejected.fill(0);
    this.#warnings.fill(0);
    this.#sessions = this.#runs = this.#runErrors = 0;
    this.#lastWarningKvGb = undefined;
  }

  // ---- event handlers (O(1), never throw) ----------------------------------------------

  #onClassified(payload: unknown): void {
    const e = payloadOf(payload);
    if (e === undefined) return;
    const at = categoryIndex(e.category);
    if (at < 0) return;
    this.#byCategory[at]++;
    if (e.previousCategory === undefined) this.#sessions++;
  }

  #onWarning(payload: unknown): void {
    const e = payloadOf(payload);
    if (e === undefined) return;
    if (e.type === "kv_pressure") this.#warnings[0]++;
    else if (e.type === "session_limit") this.#warnings[1]++;
    const gb = e.estimatedKvGb;
    if (typeof gb === "number" && Number.isFinite(gb) && gb >= 0) this.#lastWarningKvGb = gb;
  }

  #onRejected(payload: unknown): void {
    const code = rejectionReasonCode(payloadOf(payload)?.reason);
    this.#rejected[REJECTION_REASON_CODES.indexOf(code)]++;
  }

  // ---- scrape side ---------------------------------------------------------------------

  /** One stats snapshot per scrape: every `collect()` of a scrape runs in the same task. */
  #snapshot(): ProfilerGaugeStats | undefined {
    const profiler = this.#options.profiler;
    if (profiler === undefined) return undefined;
    if (this.#stats === undefined) {
      this.#stats = profiler.getSessionStats();
      queueMicrotask(() => {
        this.#stats = undefined;
      });
    }
    return this.#stats;
  }

  #estimatedKvGiB(): number {
    return this.#snapshot()?.estimatedKvGb ?? this.#lastWarningKvGb ?? 0;
  }

  /** Every metric this exporter registers, in exposition order. */
  #specs(): MetricSpec[] {
    const { prefix, profiler, legacyGbGauge } = this.#options;
    const live = (read: (stats: ProfilerGaugeStats) => number) => () => read(this.#snapshot()!);
    const specs: (MetricSpec | false)[] = [
      {
        name: "session_category_total",
        help: "Sessions that entered each category (cumulative tokens: light <= 50000 < " +
          "medium <= 200000 < heavy <= 500000 < extreme); a session counts once per category.",
        labelled: { label: "category", values: CATEGORY_LABELS, counts: this.#byCategory },
      },
      {
        name: "capacity_sessions_total",
        help: "Sessions first seen (classified events without a previous category).",
        counter: () => this.#sessions,
      },
      legacyGbGauge && {
        name: "kv_cache_estimated_gb",
        help: "Reference KV-cache estimate in GiB (2^30 bytes) despite the name: cumulative " +
          "tokens of every tracked session x bf16 KV bytes per token. Legacy; prefer " +
          `${prefix}kv_cache_live_bytes.`,
        gauge: () => this.#estimatedKvGiB(),
      },
      {
        name: "kv_cache_estimated_bytes",
        help: "Reference KV-cache estimate in bytes: cumulative tokens of every tracked " +
          "session x bf16 KV bytes per token (never decays; for sizing use kv_cache_live_bytes).",
        gauge: () => this.#estimatedKvGiB() * GIB_BYTES,
      },
      profiler !== undefined && {
        name: "kv_cache_live_bytes",
        help: "KV cache held by live sessions' resident contexts at the profiler's KV " +
          "precision, bytes.",
        gauge: live((stats) => stats.liveKvGiB * GIB_BYTES),
      },
      profiler !== undefined && {
        name: "kv_cache_live_peak_bytes",
        help: "Largest live KV cache since the profiler started or was reset, bytes.",
        gauge: live((stats) => stats.peakLiveKvGiB * GIB_BYTES),
      },
      profiler !== undefined && {
        name: "sessions_live",
        help: "Sessions live now (not ended, not idle past the timeout).",
        gauge: live((stats) => stats.liveSessions),
      },
      profiler !== undefined && {
        name: "sessions_tracked",
        help: "Sessions the profiler tracks: live, ended and expired.",
        gauge: live((stats) => stats.trackedSessions),
      },
      {
        name: "runs_total",
        help: "run.complete events seen, accepted or rejected.",
        counter: () => this.#runs,
      },
      {
        name: "runs_rejected_total",
        help: "Runs the profiler rejected, by the part at fault: event, session_id, usage, at, " +
          "other.",
        labelled: { label: "reason", values: REJECTION_REASON_CODES, counts: this.#rejected },
      },
      {
        name: "capacity_warnings_total",
        help: "Capacity warnings raised, by type.",
        labelled: { label: "type", values: WARNING_TYPES, counts: this.#warnings },
      },
      {
        name: "run_errors_total",
        help: "run.error events seen.",
        counter: () => this.#runErrors,
      },
    ];
    return specs.filter((spec): spec is MetricSpec => spec !== false);
  }
}
