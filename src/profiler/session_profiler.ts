/**
 * The `SessionProfiler`: listens to `run.complete`, `run.error` and `session.end` on one or more
 * event buses, classifies sessions (light / medium / heavy / extreme), keeps the KV cache its
 * live sessions hold, and emits `capacity.session.classified`, `capacity.warning` and
 * `capacity.run.rejected` on the bus the triggering event came from.
 *
 * Semantics (DESIGN.md §3; each rule is tested):
 *
 * - **Session id**: `sessionId`, else `output.sessionId`, else `runId` (the reference's fallback).
 * - **Usage**: `usage`, else `output.usage`, in any shape `readUsage` accepts. A run whose usage
 *   (or id, or `at`) is invalid is rejected: counted in `rejectedRuns` by reason code, reported
 *   as `capacity.run.rejected` with the reason, and changes nothing else (not even time).
 * - **Time**: an event's `at` (ms) wins; without it the `clock` is read. The profiler's "now" is
 *   the largest time seen, so an out-of-order `at` never moves time backwards, and a session's
 *   `lastSeenMs` is "now" at its latest event. Queries never read the clock; call
 *   `expireIdle()` to let time pass without events.
 * - **Per session**: cumulative billed tokens (Σ input + output), new tokens (Σ uncached input +
 *   output), peak context (largest run's input + output), resident context (latest run's input +
 *   output, clamped to the model's `maxContext`), runs, first/last seen.
 * - **Live**: a session is live from an accepted run until `session.end` (→ ended) or until it
 *   is idle: `lastSeenMs + idleTimeoutMs < now` (→ expired). Both stay tracked and keep their
 *   category; a later accepted run makes them live again. `run.error` is counted and refreshes a
 *   tracked session's `lastSeenMs` but does not revive it.
 * - **Live KV** (`liveKvGiB`): Σ over live sessions of the KV bytes of their resident context at
 *   `kvPrecision`, the whole model on one GPU, sliding-window layers capped at their window
 *   (`kvLayout` + `layoutBytesForContext`), in GiB. Kept incrementally as an integer byte sum.
 * - **`estimatedKvGb`**: the reference's figure, kept for compatibility: Σ cumulative tokens of
 *   every tracked session × KV bytes per token at **bf16**, in GiB (it never decays and counts
 *   re-sent history many times; use `liveKvGiB` for sizing). Without `modelArch`, every KV figure
 *   is 0 and `kv_pressure` never fires.
 * - **First-sighting rule**: `capacity.session.classified` fires on a session's first accepted
 *   run with `previousCategory: undefined`, and again each time its category changes. The
 *   reference's docs said "fired when a session crosses a category threshold", but its code also
 *   fired on first sighting; we keep the code's behaviour, so the classified events of a session
 *   replay its whole category history.
 * - **Warnings**: `kv_pressure` fires when live KV rises above `kvWarningThresholdGb`;
 *   `session_limit` when live sessions rise above `sessionLimit`. After firing, a warning of that
 *   type re-arms only once its value fell below threshold × (1 − `hysteresis`).
 * - **Eviction**: at most `maxTrackedSessions` are tracked; a new session beyond it evicts the
 *   least recently seen tracked session (live, ended or expired — by `lastSeenMs`, ties in event
 *   order). An evicted session leaves every aggregate and is counted in `evictedSessions`; if it
 *   comes back it starts afresh.
 * - **Cost**: O(1) per event (amortised for idle expiry), no scans over sessions, no allocation
 *   per event except a new session's entry and the payloads of events someone listens to.
 *
 * @example The reference's quick start, with hand-checked numbers: Llama-3.1-70B caches
 * 2 × 80 × 8 × 128 × 2 = 327,680 bytes per token at bf16.
 * ```ts
 * import { SessionProfiler } from "./session_profiler.ts";
 * import { EventBus } from "../events/event_bus.ts";
 * import { DEFAULT_ARCHITECTURES } from "../catalog/models.ts";
 * import { deepEqual, equal } from "node:assert/strict";
 * const bus = new EventBus();
 * const profiler = new SessionProfiler({ modelArch: DEFAULT_ARCHITECTURES["llama-3.1-70b"], kvWarningThresholdGb: 100 });
 * profiler.attach(bus);
 * bus.emit("run.complete", { runId: "r1", output: { sessionId: "s1", usage: { promptTokens: 1200, completionTokens: 300, totalTokens: 1500 } } });
 * const stats = profiler.getSessionStats();
 * deepEqual(stats.byCategory, { light: 1, medium: 0, heavy: 0, extreme: 0 });
 * equal(stats.totalTokens, 1500);
 * equal(stats.estimatedKvGb, 1500 * 327_680 / 2 ** 30); // 0.457763671875 GiB
 * equal(stats.liveKvGiB, 0.457763671875);
 * ```
 * @module
 */

import type {
  CapacityWarningEvent,
  RunCompleteEvent,
  RunErrorEvent,
  SessionEndEvent,
  TokenUsage,
} from "../events/event_types.ts";
import { type KvLayout, layoutBytesForContext } from "../capacity/kv.ts";
import {
  classifyTokens,
  SESSION_CATEGORIES,
  SESSION_CATEGORY_THRESHOLDS,
  type SessionCategory,
  type WorkloadMix,
} from "../capacity/workload.ts";
import { GiB } from "../units.ts";
import { describe } from "../validate.ts";
import { readUsage } from "./usage.ts";
import type {
  LiveStats,
  ProfilerBus,
  ResidentContextPercentiles,
  SessionSnapshot,
  SessionState,
  SessionStats,
} from "./profiler_types.ts";
import {
  CUMULATIVE,
  ENDED,
  EXPIRED,
  FRESH,
  LAST_SEEN,
  LIVE,
  NIL,
  PEAK,
  RESIDENT,
  RUNS,
  SessionStore,
  STRIDE,
  UNCLASSIFIED,
} from "./session_store.ts";
import {
  type ResolvedProfilerConfig,
  resolveProfilerConfig,
  type SessionProfilerConfig,
} from "./profiler_config.ts";

export type {
  LiveStats,
  ProfilerBus,
  RejectedRunStats,
  ResidentContextPercentiles,
  SessionSnapshot,
  SessionState,
  SessionStats,
} from "./profiler_types.ts";

interface BusHandlers {
  complete: (payload: unknown) => void;
  error: (payload: unknown) => void;
  end: (payload: unknown) => void;
}

const CLASSIFIED = "capacity.session.classified";
const WARNING = "capacity.warning";
const REJECTED = "capacity.run.rejected";
const LIGHT_MAX = SESSION_CATEGORY_THRESHOLDS.light;
const MEDIUM_MAX = SESSION_CATEGORY_THRESHOLDS.medium;
const HEAVY_MAX = SESSION_CATEGORY_THRESHOLDS.heavy;
const STATES: readonly SessionState[] = ["live", "live", "ended", "expired"];
/** The layout used without a model: every context costs 0 bytes. */
const NO_KV: KvLayout = Object.freeze({
  layerBytesPerToken: 0,
  fullLayers: 0,
  slidingLayers: 0,
  window: Number.POSITIVE_INFINITY,
});

function wants(bus: ProfilerBus, event: string): boolean {
  return bus.hasListeners === undefined || bus.hasListeners(event);
}

function gib(bytes: number): number {
  return bytes / GiB;
}

/**
 * Profiles live agent sessions from bus events (see the module docs for every rule).
 *
 * @example Warnings fire on crossing, with hysteresis; ended sessions leave the live KV at once.
 * ```ts
 * import { SessionProfiler } from "./session_profiler.ts";
 * import { EventBus } from "../events/event_bus.ts";
 * import { equal } from "node:assert/strict";
 * const bus = new EventBus();
 * // Llama-3.1-8B caches 131,072 B per token at bf16: 8,192 tokens = exactly 1 GiB.
 * const profiler = new SessionProfiler({ modelArch: "llama-3.1-8b", kvWarningThresholdGb: 1.5 });
 * profiler.attach(bus);
 * let warnings = 0;
 * bus.on("capacity.warning", () => warnings++);
 * const run = (id: string) => bus.emit("run.complete", { runId: id, sessionId: id, at: 0, usage: { prompt_tokens: 8000, completion_tokens: 192 } });
 * run("a");
 * run("b"); // 2 GiB > 1.5 GiB: fires
 * run("c"); // still above: no repeat
 * equal(warnings, 1);
 * bus.emit("session.end", { sessionId: "a", at: 1 });
 * equal(profiler.getSessionStats().liveKvGiB, 2);
 * ```
 */
export class SessionProfiler {
  #config: ResolvedProfilerConfig;
  #basis: number;
  #layout: KvLayout;
  #maxContext: number;
  #idleTimeout: number;
  #maxTracked: number;
  #kvRearmBytes: number;
  #sessionRearm: number;
  #store = new SessionStore();
  #usage: TokenUsage = { inputTokens: 0, outputTokens: 0, totalTokens: 0, cachedInputTokens: 0 };
  #now = Number.NEGATIVE_INFINITY;
  #liveCount = 0;
  #liveBytes = 0;
  #peakLiveBytes = 0;
  #totalTokens = 0;
  #byCategory = [0, 0, 0, 0];
  #ended = 0;
  #expired = 0;
  #evicted = 0;
  #runs = 0;
  #runErrors = 0;
  #ignored = 0;
  #rejected = 0;
  #rejectedBy = new Map<string, number>();
  #kvArmed = true;
  #sessionsArmed = true;
  #buses = new Map<ProfilerBus, BusHandlers>();

  /**
   * Makes a profiler.
   * @param config options (all optional; see `SessionProfilerConfig`)
   * @throws {TypeError} a non-object config, an unknown option, an option of the wrong type;
   *   {RangeError} an option out of range (e.g. `kvWarningThresholdGb: expected a positive
   *   number; received -1`) or an unknown model id
   */
  constructor(config: SessionProfilerConfig = {}) {
    const c = resolveProfilerConfig(config);
    if (c.layout !== undefined) Object.freeze(c.layout);
    this.#config = Object.freeze(c);
    this.#basis = ["cumulative", "peakContext", "newTokens"].indexOf(c.classificationBasis);
    this.#layout = c.layout ?? NO_KV;
    this.#maxContext = c.maxContextTokens;
    this.#idleTimeout = c.idleTimeoutMs;
    this.#maxTracked = c.maxTrackedSessions;
    this.#kvRearmBytes = c.kvWarningThresholdBytes * (1 - c.hysteresis);
    this.#sessionRearm = c.sessionLimit * (1 - c.hysteresis);
  }

  /** The resolved options, defaults filled in (frozen). */
  get config(): Readonly<ResolvedProfilerConfig> {
    return this.#config;
  }

  /**
   * Starts listening to `run.complete`, `run.error` and `session.end` on a bus. Attaching twice
   * to the same bus does nothing (events are not double counted); several buses may be attached.
   * @param bus an `EventBus` or any emitter with `on`/`off`/`emit`
   * @throws {TypeError} a bus without `on`, `off` and `emit` methods
   */
  attach(bus: ProfilerBus): void {
    if (
      typeof bus !== "object" || bus === null || typeof bus.on !== "function" ||
      typeof bus.off !== "function" || typeof bus.emit !== "function"
    ) {
      throw new TypeError(
        `bus: expected an event bus with on, off and emit methods; received ${describe(bus)}`,
      );
    }
    if (this.#buses.has(bus)) return;
    const handlers: BusHandlers = {
      complete: (payload) => this.#onRunComplete(payload, bus),
      error: (payload) => this.#onRunError(payload),
      end: (payload) => this.#onSessionEnd(payload),
    };
    bus.on("run.complete", handlers.complete);
    bus.on("run.error", handlers.error);
    bus.on("session.end", handlers.end);
    this.#buses.set(bus, handlers);
  }

  /**
   * Stops listening to a bus; other attached buses stay attached. Unknown buses are ignored.
   * @param bus a bus passed to `attach`
   */
  detach(bus: ProfilerBus): void {
    const handlers = this.#buses.get(bus);
    if (handlers === undefined) return;
    bus.off("run.complete", handlers.complete);
    bus.off("run.error", handlers.error);
    bus.off("session.end", handlers.end);
    this.#buses.delete(bus);
  }

  /**
   * The category of a session with this many tokens (the reference's inclusive bounds: light ≤
   * 50,000 < medium ≤ 200,000 < heavy ≤ 500,000 < extreme).
   * @param tokens tokens on any basis (≥ 0)
   * @returns the category
   * @throws {RangeError|TypeError} negative or non-finite tokens
   * @example
   * ```ts
   * import { SessionProfiler } from "./session_profiler.ts";
   * import { equal } from "node:assert/strict";
   * const profiler = new SessionProfiler();
   * equal(profiler.classify(200_000), "medium");
   * equal(profiler.classify(200_001), "heavy");
   * ```
   */
  classify(tokens: number): SessionCategory {
    return classifyTokens(tokens);
  }

  /**
   * Totals over tracked sessions and the live set, as of the latest event.
   * @returns a fresh stats object (the reference's four fields and capsim's additions)
   */
  getSessionStats(): SessionStats {
    const [light, medium, heavy, extreme] = this.#byCategory;
    const tracked = this.#store.size;
    return {
      byCategory: { light, medium, heavy, extreme },
      totalTokens: this.#totalTokens,
      avgTokensPerSession: tracked === 0 ? 0 : Math.round(this.#totalTokens / tracked),
      estimatedKvGb: gib(this.#totalTokens * this.#config.bf16BytesPerToken),
      liveSessions: this.#liveCount,
      liveKvGiB: gib(this.#liveBytes),
      peakLiveKvGiB: gib(this.#peakLiveBytes),
      residentContextTokens: this.#residentPercentiles(),
      trackedSessions: tracked,
      endedSessions: this.#ended,
      expiredSessions: this.#expired,
      evictedSessions: this.#evicted,
      runs: this.#runs,
      runErrors: this.#runErrors,
      ignoredEvents: this.#ignored,
      rejectedRuns: { total: this.#rejected, byReason: Object.fromEntries(this.#rejectedBy) },
    };
  }

  /**
   * The live figures alone, in O(1): what a sampler or a metrics scrape needs many times
   * (`getSessionStats()` also sorts the live contexts for its percentiles).
   * @returns live sessions, live KV and its peak in GiB, as of the latest event (or `expireIdle`)
   * @example
   * ```ts
   * import { SessionProfiler } from "./session_profiler.ts";
   * import { EventBus } from "../events/event_bus.ts";
   * import { equal } from "node:assert/strict";
   * const bus = new EventBus();
   * const profiler = new SessionProfiler({ modelArch: "llama-3.1-8b" });
   * profiler.attach(bus);
   * bus.emit("run.complete", { runId: "r", sessionId: "a", usage: { promptTokens: 8_000, completionTokens: 192 } });
   * // 8,192 resident tokens × 131,072 bytes = 1 GiB.
   * equal(profiler.getLiveStats().liveKvGiB, 1);
   * ```
   */
  getLiveStats(): LiveStats {
    return {
      liveSessions: this.#liveCount,
      liveKvGiB: gib(this.#liveBytes),
      peakLiveKvGiB: gib(this.#peakLiveBytes),
    };
  }

  /**
   * Restarts the peak-live-KV tracker at the current live KV (e.g. after a simulation's warm-up).
   * Nothing else changes.
   */
  resetPeak(): void {
    this.#peakLiveBytes = this.#liveBytes;
  }

  /**
   * Tracked sessions per category, in the shape `planCapacity` takes.
   * @returns `{ extreme, heavy, medium, light }` counts
   * @example 30,000 + 30,000 cumulative tokens make a medium session.
   * ```ts
   * import { SessionProfiler } from "./session_profiler.ts";
   * import { EventBus } from "../events/event_bus.ts";
   * import { deepEqual } from "node:assert/strict";
   * const bus = new EventBus();
   * const profiler = new SessionProfiler();
   * profiler.attach(bus);
   * for (const sessionId of ["a", "a", "b"]) {
   *   bus.emit("run.complete", { runId: "r", sessionId, usage: { promptTokens: 29_000, completionTokens: 1_000 } });
   * }
   * deepEqual(profiler.getWorkloadMix(), { extreme: 0, heavy: 0, medium: 1, light: 1 });
   * ```
   */
  getWorkloadMix(): WorkloadMix {
    const [light, medium, heavy, extreme] = this.#byCategory;
    return { extreme, heavy, medium, light };
  }

  /**
   * One tracked session's figures.
   * @param sessionId the session's id
   * @returns a snapshot, or `undefined` when the session is not tracked (never seen, or evicted)
   * @example Two turns of a chat with prompt caching (OpenAI shape): the second prompt re-sends
   * the first turn (1,200 tokens) from the cache.
   * ```ts
   * import { SessionProfiler } from "./session_profiler.ts";
   * import { EventBus } from "../events/event_bus.ts";
   * import { equal } from "node:assert/strict";
   * const bus = new EventBus();
   * const profiler = new SessionProfiler({ modelArch: "llama-3.1-8b" });
   * profiler.attach(bus);
   * bus.emit("run.complete", { runId: "r1", sessionId: "s", at: 0, usage: { prompt_tokens: 1_000, completion_tokens: 200 } });
   * bus.emit("run.complete", { runId: "r2", sessionId: "s", at: 60_000,
   *   usage: { prompt_tokens: 1_500, completion_tokens: 100, prompt_tokens_details: { cached_tokens: 1_200 } } });
   * const s = profiler.getSession("s")!;
   * equal(s.cumulativeTokens, 2_800); // 1,200 + 1,600 billed
   * equal(s.newTokens, 1_600); // 1,200 + (300 uncached + 100)
   * equal(s.residentContextTokens, 1_600); // the latest run's context
   * equal(s.residentKvGiB, 1_600 * 131_072 / 2 ** 30); // Llama-3.1-8B: 131,072 B per token
   * ```
   */
  getSession(sessionId: string): SessionSnapshot | undefined {
    const s = this.#store;
    const slot = s.slotOf(sessionId);
    if (slot === undefined) return undefined;
    const state = STATES[s.state(slot)];
    const d = slot * STRIDE;
    return {
      sessionId,
      category: SESSION_CATEGORIES[s.category(slot)],
      state,
      live: state === "live",
      cumulativeTokens: s.f[d + CUMULATIVE],
      newTokens: s.f[d + FRESH],
      peakContextTokens: s.f[d + PEAK],
      residentContextTokens: s.f[d + RESIDENT],
      residentKvGiB: gib(layoutBytesForContext(this.#layout, s.f[d + RESIDENT])),
      runs: s.i[2 * d + RUNS],
      firstSeenMs: s.firstSeen[slot],
      lastSeenMs: s.f[d + LAST_SEEN],
    };
  }

  /**
   * Lets time pass without events: advances "now" (never backwards) and expires idle sessions.
   * @param nowMs the time (default: the clock; pass it when events carry simulated time)
   * @returns how many sessions expired
   * @throws {RangeError|TypeError} a `nowMs` that is not a finite number
   * @example
   * ```ts
   * import { SessionProfiler } from "./session_profiler.ts";
   * import { EventBus } from "../events/event_bus.ts";
   * import { equal } from "node:assert/strict";
   * const bus = new EventBus();
   * const profiler = new SessionProfiler({ idleTimeoutMs: 60_000 });
   * profiler.attach(bus);
   * bus.emit("run.complete", { runId: "r", sessionId: "s", at: 0, usage: { promptTokens: 10, completionTokens: 5 } });
   * equal(profiler.expireIdle(60_000), 0); // idle exactly the timeout: still live
   * equal(profiler.expireIdle(60_001), 1);
   * equal(profiler.getSessionStats().liveSessions, 0);
   * ```
   */
  expireIdle(nowMs: number = this.#config.clock()): number {
    if (typeof nowMs !== "number" || !Number.isFinite(nowMs)) {
      throw new (typeof nowMs === "number" ? RangeError : TypeError)(
        `nowMs: expected a finite number of ms; received ${describe(nowMs)}`,
      );
    }
    const before = this.#expired;
    this.#advance(nowMs);
    this.#expireIdle();
    return this.#expired - before;
  }

  /** Forgets every session and counter; options and attached buses stay. */
  reset(): void {
    this.#store = new SessionStore();
    this.#now = Number.NEGATIVE_INFINITY;
    this.#liveCount =
      this.#liveBytes =
      this.#peakLiveBytes =
      this.#totalTokens =
        0;
    this.#byCategory = [0, 0, 0, 0];
    this.#ended = this.#expired = this.#evicted = 0;
    this.#runs =
      this.#runErrors =
      this.#ignored =
      this.#rejected =
        0;
    this.#rejectedBy.clear();
    this.#kvArmed = this.#sessionsArmed = true;
  }

  // ---- event handlers -------------------------------------------------------------------

  #onRunComplete(payload: unknown, bus: ProfilerBus): void {
    if (typeof payload !== "object" || payload === null) {
      const reason = `run.complete: expected an object; received ${describe(payload)}`;
      return this.#reject(bus, undefined, undefined, "invalid_event", reason);
    }
    const e = payload as RunCompleteEvent;
    const nested = typeof e.output === "object" && e.output !== null ? e.output : undefined;
    const runId = typeof e.runId === "string" ? e.runId : undefined;
    let sessionId: unknown = e.sessionId;
    let idField = "sessionId";
    if (sessionId == null && nested !== undefined) {
      sessionId = nested.sessionId;
      idField = "output.sessionId";
    }
    if (sessionId == null) {
      sessionId = e.runId;
      idField = "runId";
    }
    if (typeof sessionId !== "string" || sessionId.length === 0) {
      return this.#rejectSession(bus, runId, sessionId, idField);
    }
    let raw: unknown = e.usage;
    let field = "usage";
    if (raw == null && nested !== undefined) {
      raw = nested.usage;
      field = "output.usage";
    }
    if (raw == null) {
      const reason = `usage: expected a usage object (usage or output.usage); received ${
        describe(raw)
      }`;
      return this.#reject(bus, runId, sessionId, "missing_usage", reason);
    }
    const failure = readUsage(raw, this.#usage, field);
    if (failure !== undefined) {
      return this.#reject(bus, runId, sessionId, failure.code, failure.reason);
    }
    const at = this.#timeOf(e.at);
    if (at !== at) {
      const reason = `at: expected a finite number of ms; received ${describe(e.at)}`;
      return this.#reject(bus, runId, sessionId, "invalid_at", reason);
    }
    this.#advance(at);
    this.#expireIdle();
    this.#recordRun(sessionId, bus);
  }

  #onRunError(payload: unknown): void {
    if (typeof payload !== "object" || payload === null) {
      this.#ignored++;
      return;
    }
    this.#runErrors++;
    const e = payload as RunErrorEvent;
    const at = this.#timeOf(e.at);
    if (at !== at) return;
    this.#advance(at);
    this.#expireIdle();
    const id = e.sessionId ?? e.runId;
    const slot = typeof id === "string" ? this.#store.slotOf(id) : undefined;
    if (slot === undefined) return;
    this.#store.f[slot * STRIDE + LAST_SEEN] = this.#now;
    this.#store.touch(slot);
  }

  #onSessionEnd(payload: unknown): void {
    const e = payload as SessionEndEvent | null;
    const at = typeof e === "object" && e !== null ? this.#timeOf(e.at) : Number.NaN;
    if (at !== at || typeof e!.sessionId !== "string") {
      this.#ignored++;
      return;
    }
    this.#advance(at);
    this.#expireIdle();
    const s = this.#store;
    const slot = s.slotOf(e!.sessionId);
    if (slot === undefined) {
      this.#ignored++;
      return;
    }
    const state = s.state(slot);
    if (state === LIVE) {
      s.unlinkLive(slot, ENDED);
      this.#liveCount--;
      this.#liveBytes -= this.#bytesOf(slot);
      this.#rearm();
    } else {
      if (state === EXPIRED) this.#expired--;
      else this.#ended--;
      s.setState(slot, ENDED);
    }
    this.#ended++;
    s.f[slot * STRIDE + LAST_SEEN] = this.#now;
    s.touch(slot);
  }

  // ---- state updates --------------------------------------------------------------------

  /** Applies the run in `#usage` to a session (creating it if new), then emits what changed. */
  #recordRun(sessionId: string, bus: ProfilerBus): void {
    const s = this.#store;
    const u = this.#usage;
    let slot = s.slotOf(sessionId);
    let oldBytes = 0;
    if (slot === undefined) {
      if (s.size >= this.#maxTracked) this.#evictOldest();
      slot = s.add(sessionId);
      s.firstSeen[slot] = this.#now;
      this.#liveCount++;
    } else {
      const state = s.state(slot);
      if (state === LIVE) {
        oldBytes = this.#bytesOf(slot);
        s.touch(slot);
      } else {
        if (state === ENDED) this.#ended--;
        else this.#expired--;
        s.touch(slot);
        s.linkLive(slot);
        this.#liveCount++;
      }
    }
    const f = s.f;
    const d = slot * STRIDE;
    const total = u.totalTokens;
    f[d + LAST_SEEN] = this.#now;
    f[d + CUMULATIVE] += total;
    f[d + FRESH] += total - u.cachedInputTokens;
    if (total > f[d + PEAK]) f[d + PEAK] = total;
    s.i[2 * d + RUNS]++;
    const resident = total < this.#maxContext ? total : this.#maxContext;
    f[d + RESIDENT] = resident;
    const bytes = layoutBytesForContext(this.#layout, resident);
    this.#liveBytes += bytes - oldBytes;
    if (this.#liveBytes > this.#peakLiveBytes) this.#peakLiveBytes = this.#liveBytes;
    if (bytes < oldBytes) this.#rearm();
    this.#totalTokens += total;
    this.#runs++;
    this.#classify(slot, sessionId, bus);
    this.#checkWarnings(bus);
  }

  /** KV bytes of a session's resident context (0 without a model). */
  #bytesOf(slot: number): number {
    return layoutBytesForContext(this.#layout, this.#store.f[slot * STRIDE + RESIDENT]);
  }

  #classify(slot: number, sessionId: string, bus: ProfilerBus): void {
    const s = this.#store;
    const d = slot * STRIDE;
    const basis = this.#basis;
    const value = basis === 0 ? s.f[d + CUMULATIVE] : basis === 1 ? s.f[d + PEAK] : s.f[d + FRESH];
    const category = value <= LIGHT_MAX ? 0 : value <= MEDIUM_MAX ? 1 : value <= HEAVY_MAX ? 2 : 3;
    const previous = s.category(slot);
    if (category === previous) return;
    if (previous !== UNCLASSIFIED) this.#byCategory[previous]--;
    this.#byCategory[category]++;
    s.setCategory(slot, category);
    if (!wants(bus, CLASSIFIED)) return;
    bus.emit(CLASSIFIED, {
      sessionId,
      category: SESSION_CATEGORIES[category],
      totalTokens: value,
      previousCategory: previous === UNCLASSIFIED ? undefined : SESSION_CATEGORIES[previous],
    });
  }

  /** Marks every live session idle past the timeout as expired, oldest first: O(expired). */
  #expireIdle(): void {
    const s = this.#store;
    const idle = this.#idleTimeout;
    const now = this.#now;
    let slot = s.oldestLive();
    if (slot === NIL || !(s.f[slot * STRIDE + LAST_SEEN] + idle < now)) return;
    do {
      const next = s.nextLive(slot);
      s.unlinkLive(slot, EXPIRED);
      this.#expired++;
      this.#liveCount--;
      this.#liveBytes -= this.#bytesOf(slot);
      slot = next;
    } while (slot !== NIL && s.f[slot * STRIDE + LAST_SEEN] + idle < now);
    this.#rearm();
  }

  #evictOldest(): void {
    const s = this.#store;
    const slot = s.oldest();
    const state = s.state(slot);
    if (state === LIVE) {
      this.#liveCount--;
      this.#liveBytes -= this.#bytesOf(slot);
    } else if (state === ENDED) this.#ended--;
    else this.#expired--;
    const category = s.category(slot);
    if (category !== UNCLASSIFIED) this.#byCategory[category]--;
    this.#totalTokens -= s.f[slot * STRIDE + CUMULATIVE];
    this.#evicted++;
    s.remove(slot);
    if (state === LIVE) this.#rearm();
  }

  #rearm(): void {
    if (!this.#kvArmed && this.#liveBytes < this.#kvRearmBytes) this.#kvArmed = true;
    if (!this.#sessionsArmed && this.#liveCount < this.#sessionRearm) this.#sessionsArmed = true;
  }

  #checkWarnings(bus: ProfilerBus): void {
    const c = this.#config;
    if (this.#kvArmed && this.#liveBytes > c.kvWarningThresholdBytes) {
      this.#kvArmed = false;
      if (wants(bus, WARNING)) {
        const live = gib(this.#liveBytes);
        this.#warn(
          bus,
          "kv_pressure",
          c.kvWarningThresholdGiB!,
          `Live KV cache ${live.toFixed(2)} GiB exceeds the ${c.kvWarningThresholdGiB} GiB ` +
            `warning threshold (${this.#liveCount} live sessions, ${c.arch!.id} at ` +
            `${c.kvPrecision})`,
        );
      }
    }
    if (this.#sessionsArmed && this.#liveCount > c.sessionLimit) {
      this.#sessionsArmed = false;
      if (wants(bus, WARNING)) {
        this.#warn(
          bus,
          "session_limit",
          c.sessionLimit,
          `${this.#liveCount} live sessions exceed the limit of ${c.sessionLimit}`,
        );
      }
    }
  }

  #warn(
    bus: ProfilerBus,
    type: CapacityWarningEvent["type"],
    threshold: number,
    message: string,
  ): void {
    const warning: CapacityWarningEvent = {
      type,
      message,
      estimatedKvGb: gib(this.#totalTokens * this.#config.bf16BytesPerToken),
      liveKvGiB: gib(this.#liveBytes),
      sessionCount: this.#store.size,
      liveSessions: this.#liveCount,
      threshold,
    };
    bus.emit(WARNING, warning);
  }

  // ---- helpers --------------------------------------------------------------------------

  /** An event's time: its `at`, or the clock without one; NaN for an invalid `at`. */
  #timeOf(at: unknown): number {
    if (at === undefined) return this.#config.clock();
    return typeof at === "number" && Number.isFinite(at) ? at : Number.NaN;
  }

  #advance(t: number): void {
    if (t > this.#now) this.#now = t;
  }

  #rejectSession(bus: ProfilerBus, runId: string | undefined, id: unknown, field: string): void {
    if (id == null) {
      const reason = `sessionId: expected a session id (sessionId, output.sessionId or runId); ` +
        `received ${describe(id)}`;
      return this.#reject(bus, runId, undefined, "missing_session", reason);
    }
    const reason = `${field}: expected a non-empty string; received ${describe(id)}`;
    this.#reject(bus, runId, undefined, "invalid_session", reason);
  }

  #reject(
    bus: ProfilerBus,
    runId: string | undefined,
    sessionId: string | undefined,
    code: string,
    reason: string,
  ): void {
    this.#rejected++;
    this.#rejectedBy.set(code, (this.#rejectedBy.get(code) ?? 0) + 1);
    if (!wants(bus, REJECTED)) return;
    const event: { runId?: string; sessionId?: string; code: string; reason: string } = {
      code,
      reason,
    };
    if (runId !== undefined) event.runId = runId;
    if (sessionId !== undefined) event.sessionId = sessionId;
    bus.emit(REJECTED, event);
  }

  #residentPercentiles(): ResidentContextPercentiles {
    const n = this.#liveCount;
    if (n === 0) return { p50: 0, p90: 0, p99: 0 };
    const s = this.#store;
    const values = new Float64Array(n);
    let i = 0;
    for (let slot = s.oldestLive(); slot !== NIL; slot = s.nextLive(slot)) {
      values[i++] = s.f[slot * STRIDE + RESIDENT];
    }
    values.sort();
    const rank = (percent: number) => values[Math.max(0, Math.ceil((percent * n) / 100) - 1)];
    return { p50: rank(50), p90: rank(90), p99: rank(99) };
  }
}
