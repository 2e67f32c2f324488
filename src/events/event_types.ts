/**
 * The event map of capsim's bus: what agent runtimes (or the simulator, or a trace replay) emit,
 * and what the profiler emits back. Payloads keep the reference system's field names.
 *
 * Timestamps (`at`) are milliseconds (epoch or simulated time); when an event has none, the
 * profiler uses its clock.
 *
 * @module
 */

import type { SessionCategory } from "../capacity/workload.ts";

/** Token usage as the reference system reported it. */
export interface ReferenceUsage {
  /** Prompt (input) tokens. */
  promptTokens: number;
  /** Completion (output) tokens. */
  completionTokens: number;
  /** Total tokens; input + output when absent. */
  totalTokens?: number;
  /** Prompt tokens served from a prefix cache. */
  cachedTokens?: number;
}

/** Token usage in OpenAI's Chat Completions shape (extra detail fields are allowed and ignored). */
export interface OpenAIUsage {
  /** Input tokens (including cached ones). */
  prompt_tokens: number;
  /** Output tokens. */
  completion_tokens: number;
  /** prompt + completion. */
  total_tokens?: number;
  /** Breakdown of the prompt. */
  prompt_tokens_details?: { cached_tokens?: number; [key: string]: unknown };
  /** Breakdown of the completion (reasoning tokens etc.; not used). */
  completion_tokens_details?: Record<string, unknown>;
}

/** Token usage in OpenAI's Responses API shape (`input_tokens` includes cached ones). */
export interface OpenAIResponsesUsage {
  /** Input tokens, cached included. */
  input_tokens: number;
  /** Output tokens. */
  output_tokens: number;
  /** input + output. */
  total_tokens?: number;
  /** Breakdown of the input. */
  input_tokens_details?: { cached_tokens?: number; [key: string]: unknown };
  /** Breakdown of the output (not used). */
  output_tokens_details?: Record<string, unknown>;
}

/** Token usage in Anthropic's Messages shape (`input_tokens` excludes cache reads and writes). */
export interface AnthropicUsage {
  /** Uncached input tokens. */
  input_tokens: number;
  /** Output tokens. */
  output_tokens: number;
  /** Input tokens read from the prompt cache. */
  cache_read_input_tokens?: number | null;
  /** Input tokens written to the prompt cache. */
  cache_creation_input_tokens?: number | null;
}

/** Any usage shape capsim accepts. */
export type RawUsage = ReferenceUsage | OpenAIUsage | OpenAIResponsesUsage | AnthropicUsage;

/**
 * Usage normalised to one shape. `inputTokens` counts the whole prompt (cached or not), so
 * `inputTokens + outputTokens = totalTokens` is the run's context at its end.
 */
export interface TokenUsage {
  /** Whole prompt, cached tokens included. */
  inputTokens: number;
  /** Generated tokens. */
  outputTokens: number;
  /** Billed total: input + output. */
  totalTokens: number;
  /** Prompt tokens read from a prefix/prompt cache. */
  cachedInputTokens: number;
}

/** A run (one model call) started. */
export interface RunStartEvent {
  /** Run id. */
  runId: string;
  /** Session (conversation, agent task) the run belongs to. */
  sessionId?: string;
  /** Time in ms. */
  at?: number;
  /** Model name. */
  model?: string;
}

/**
 * A run finished. Usage may sit at the top level or, as the reference emitted it, under
 * `output: { sessionId, usage }`.
 */
export interface RunCompleteEvent {
  /** Run id. */
  runId: string;
  /** Session the run belongs to (falls back to `output.sessionId`, then the run id). */
  sessionId?: string;
  /** Time in ms. */
  at?: number;
  /** Token usage in any accepted shape. */
  usage?: RawUsage;
  /** Model name. */
  model?: string;
  /** The reference system's nesting. */
  output?: { sessionId?: string; usage?: RawUsage; [key: string]: unknown };
}

/** A run failed. */
export interface RunErrorEvent {
  /** Run id. */
  runId: string;
  /** Session of the run. */
  sessionId?: string;
  /** Time in ms. */
  at?: number;
  /** What went wrong. */
  error: unknown;
}

/** A session ended explicitly: it leaves the live set at once. */
export interface SessionEndEvent {
  /** The session. */
  sessionId: string;
  /** Time in ms. */
  at?: number;
}

/** A session entered a category (see the profiler's docs for the first-sighting rule). */
export interface SessionClassifiedEvent {
  /** The session. */
  sessionId: string;
  /** Its new category. */
  category: SessionCategory;
  /** Its tokens on the classification basis (cumulative billed tokens by default). */
  totalTokens: number;
  /** Its category before, `undefined` on first sighting. */
  previousCategory: SessionCategory | undefined;
}

/** Live KV pressure or live sessions crossed a limit. */
export interface CapacityWarningEvent {
  /** `kv_pressure`: live KV crossed `kvWarningThresholdGb`; `session_limit`: live sessions exceeded the limit. */
  type: "kv_pressure" | "session_limit";
  /** Human-readable description. */
  message: string;
  /** The reference's cumulative KV estimate, GiB (kept for compatibility). */
  estimatedKvGb: number;
  /** KV of the live sessions' resident contexts, GiB. */
  liveKvGiB: number;
  /** Sessions tracked (the reference's count). */
  sessionCount: number;
  /** Live sessions. */
  liveSessions: number;
  /** The threshold crossed: GiB for `kv_pressure`, sessions for `session_limit`. */
  threshold: number;
}

/** A run the profiler could not use; it is counted, never added to totals. */
export interface RunRejectedEvent {
  /** Run id, when the event had one. */
  runId?: string;
  /** Session id, when the event had one. */
  sessionId?: string;
  /** Stable key for counters (`invalid_count`, `zero_tokens`, `missing_session`, …). */
  code: string;
  /** Why, naming the field and value (e.g. `usage.prompt_tokens: expected an integer ≥ 0; received -3`). */
  reason: string;
}

/** A listener threw; the bus caught it and went on. */
export interface ListenerErrorEvent {
  /** The event being delivered. */
  event: string;
  /** What the listener threw. */
  error: unknown;
}

/** Every event capsim itself emits or listens to. */
export interface CapsimEvents {
  /** A model call started (agent runtimes and the simulator emit it; the profiler ignores it). */
  "run.start": RunStartEvent;
  /** A model call finished with its usage: what the profiler counts. */
  "run.complete": RunCompleteEvent;
  /** A model call failed: counted, and refreshes the session's last-seen time. */
  "run.error": RunErrorEvent;
  /** A session ended: it leaves the live set at once. */
  "session.end": SessionEndEvent;
  /** Emitted by the profiler when a session enters a category. */
  "capacity.session.classified": SessionClassifiedEvent;
  /** Emitted by the profiler when live KV or live sessions cross their limits. */
  "capacity.warning": CapacityWarningEvent;
  /** Emitted by the profiler for every run it could not use. */
  "capacity.run.rejected": RunRejectedEvent;
  /** Emitted by the bus when a listener throws and no `onListenerError` hook was given. */
  "bus.listener_error": ListenerErrorEvent;
}
