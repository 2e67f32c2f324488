/**
 * The public shapes of the `SessionProfiler`: what it needs of a bus, and what its queries
 * return (`getSessionStats()`, `getSession()`).
 *
 * @module
 */

import type { SessionCategory } from "../capacity/workload.ts";

/**
 * What `attach` needs of a bus: capsim's `EventBus`, or any emitter with `on`/`off`/`emit`
 * (Node's `EventEmitter`, RadarOS's bus). `hasListeners`, when present, lets the profiler skip
 * building payloads nobody listens to.
 */
export interface ProfilerBus {
  /** Registers a listener. */
  // deno-lint-ignore no-explicit-any
  on(event: string, listener: (payload: any) => void): unknown;
  /** Removes a listener. */
  // deno-lint-ignore no-explicit-any
  off(event: string, listener: (payload: any) => void): unknown;
  /** Emits an event. */
  emit(event: string, payload: unknown): unknown;
  /** Whether emitting `event` would reach a listener. */
  hasListeners?(event: string): boolean;
}

/** Resident-context percentiles over live sessions (nearest rank), in tokens. */
export interface ResidentContextPercentiles {
  /** Median. */
  p50: number;
  /** 90th percentile. */
  p90: number;
  /** 99th percentile. */
  p99: number;
}

/** Rejected runs: the total and a count per reason code (e.g. `invalid_count`, `zero_tokens`). */
export interface RejectedRunStats {
  /** All rejected runs. */
  total: number;
  /** Count per reason code. */
  byReason: Record<string, number>;
}

/** What `getSessionStats()` returns. The reference's four fields come first. */
export interface SessionStats {
  /** Tracked sessions per category. */
  byCategory: Record<SessionCategory, number>;
  /** Σ cumulative billed tokens of tracked sessions. */
  totalTokens: number;
  /** `Math.round(totalTokens / trackedSessions)`; 0 without sessions. */
  avgTokensPerSession: number;
  /** The reference's KV figure (GiB despite the name): totalTokens × bf16 KV bytes per token. */
  estimatedKvGb: number;
  /** Live sessions. */
  liveSessions: number;
  /** KV of the live sessions' resident contexts at `kvPrecision`, GiB. */
  liveKvGiB: number;
  /** Largest `liveKvGiB` since construction or `reset()`. */
  peakLiveKvGiB: number;
  /** Percentiles of live sessions' resident contexts (0 with no live session). */
  residentContextTokens: ResidentContextPercentiles;
  /** Sessions tracked: live + ended + expired. */
  trackedSessions: number;
  /** Tracked sessions that ended by `session.end` and have not run since. */
  endedSessions: number;
  /** Tracked sessions that expired by idleness and have not run since. */
  expiredSessions: number;
  /** Sessions evicted since construction or `reset()`. */
  evictedSessions: number;
  /** Accepted runs. */
  runs: number;
  /** `run.error` events. */
  runErrors: number;
  /** `session.end` / `run.error` events that could not be used (malformed, unknown session). */
  ignoredEvents: number;
  /** Rejected runs by reason code. */
  rejectedRuns: RejectedRunStats;
}

/** Where a tracked session stands. */
export type SessionState = "live" | "ended" | "expired";

/** A copy of one tracked session's figures. */
export interface SessionSnapshot {
  /** Its id. */
  sessionId: string;
  /** Its category. */
  category: SessionCategory;
  /** Live, ended or expired. */
  state: SessionState;
  /** `state === "live"`. */
  live: boolean;
  /** Σ billed total tokens over its runs. */
  cumulativeTokens: number;
  /** Σ (uncached input + output) tokens over its runs. */
  newTokens: number;
  /** Largest single run's input + output. */
  peakContextTokens: number;
  /** Latest run's input + output, clamped to the model's maximum context. */
  residentContextTokens: number;
  /** KV of the resident context at `kvPrecision`, GiB (0 without a model). */
  residentKvGiB: number;
  /** Accepted runs. */
  runs: number;
  /** Profiler time of its first accepted run, ms. */
  firstSeenMs: number;
  /** Profiler time of its latest event, ms. */
  lastSeenMs: number;
}

/** The live figures of `SessionProfiler.getLiveStats()`. */
export interface LiveStats {
  /** Live sessions. */
  liveSessions: number;
  /** KV of the live sessions' resident contexts, GiB. */
  liveKvGiB: number;
  /** Largest live KV since the start, the last `reset()` or `resetPeak()`, GiB. */
  peakLiveKvGiB: number;
}
