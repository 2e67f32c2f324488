/**
 * Session profiling: the `SessionProfiler` (classifies live sessions, tracks the KV cache they
 * hold, raises warnings) and the usage normaliser it reads runs with.
 *
 * @example
 * ```ts
 * import { SessionProfiler } from "./mod.ts";
 * import { EventBus } from "../events/mod.ts";
 * import { deepEqual } from "node:assert/strict";
 * const bus = new EventBus();
 * const profiler = new SessionProfiler({ modelArch: "llama-3.1-70b" });
 * profiler.attach(bus);
 * for (const [sessionId, tokens] of [["a", 40_000], ["b", 60_000], ["a", 20_000]] as const) {
 *   bus.emit("run.complete", { runId: `${sessionId}-${tokens}`, sessionId, usage: { prompt_tokens: tokens, completion_tokens: 0 } });
 * }
 * // a: 40,000 + 20,000 = 60,000 cumulative tokens → medium; b: 60,000 → medium.
 * deepEqual(profiler.getWorkloadMix(), { extreme: 0, heavy: 0, medium: 2, light: 0 });
 * ```
 * @module
 */

export * from "./usage.ts";
export * from "./session_profiler.ts";
export {
  CLASSIFICATION_BASES,
  type ClassificationBasis,
  DEFAULT_HYSTERESIS,
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_MAX_TRACKED_SESSIONS,
  type ResolvedProfilerConfig,
  type SessionProfilerConfig,
} from "./profiler_config.ts";
