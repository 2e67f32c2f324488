/**
 * Replays 10,000 generated sessions through EventBus + SessionProfiler and compares the result
 * with an independent, straightforward implementation of the documented rules (plain objects,
 * scans, lazy idle checks), computed directly from the event list.
 */

import { deepEqual, equal, ok } from "node:assert/strict";
import { EventBus } from "../../src/events/event_bus.ts";
import type { CapsimEvents, RawUsage } from "../../src/events/event_types.ts";
import { SessionProfiler, type SessionStats } from "../../src/profiler/mod.ts";
import { DEFAULT_ARCHITECTURES } from "../../src/catalog/models.ts";
import { createPrng } from "../../src/random/prng.ts";

const GiB = 2 ** 30;
const IDLE_MS = 60_000;
const MAX_CONTEXT = DEFAULT_ARCHITECTURES["llama-3.1-70b"].maxContext; // 131,072
/** Llama-3.1-70B at fp8: 2 × 80 layers × 8 KV heads × 128 × 1 byte (no sliding layers). */
const FP8_BYTES_PER_TOKEN = 2 * 80 * 8 * 128;

/** A seeded uniform source in [0, 1) (the library's Alea streams), so runs are repeatable. */
function seeded(seed: number): () => number {
  const prng = createPrng(seed);
  return () => prng.next();
}

/** What the generator knows about a run, so the reference needs no usage parser. */
interface Truth {
  valid: boolean;
  code: string;
  input: number;
  output: number;
  cached: number;
}

type Ev =
  | { type: "run.complete"; payload: CapsimEvents["run.complete"]; truth: Truth; session: string }
  | { type: "session.end"; payload: CapsimEvents["session.end"]; session: string }
  | { type: "run.error"; payload: CapsimEvents["run.error"]; session: string };

function usageFor(random: () => number, input: number, output: number, cached: number): RawUsage {
  const shape = random();
  if (shape < 0.4) {
    return {
      promptTokens: input,
      completionTokens: output,
      totalTokens: input + output,
      cachedTokens: cached,
    };
  }
  if (shape < 0.7) {
    return {
      prompt_tokens: input,
      completion_tokens: output,
      total_tokens: input + output,
      prompt_tokens_details: { cached_tokens: cached },
    };
  }
  // Anthropic: input_tokens excludes cache reads and writes; write a tenth of the new part.
  const written = Math.floor((input - cached) / 10);
  return {
    input_tokens: input - cached - written,
    output_tokens: output,
    cache_read_input_tokens: cached,
    cache_creation_input_tokens: written,
  };
}

/** An invalid usage and the reason code the profiler must count it under. */
function invalidUsage(random: () => number): [unknown, string] {
  const pick = Math.floor(random() * 5);
  if (pick === 0) return [{ prompt_tokens: -3, completion_tokens: 10 }, "invalid_count"];
  if (pick === 1) return [{ promptTokens: 0, completionTokens: 0 }, "zero_tokens"];
  if (pick === 2) {
    return [{ prompt_tokens: 10, completion_tokens: 5, total_tokens: 16 }, "total_mismatch"];
  }
  if (pick === 3) return [{ input_tokens: 10 }, "missing_count"];
  return [{ promptTokens: 5, completionTokens: 1, cachedTokens: 9 }, "cached_exceeds_input"];
}

function generate(sessions: number, seed: number): Ev[] {
  const random = seeded(seed);
  const events: Ev[] = [];
  let arrival = 0;
  for (let k = 0; k < sessions; k++) {
    arrival += Math.floor(-Math.log(1 - random()) * 50); // ≈ 20 sessions per second
    const id = `sess-${k}`;
    const runs = 1 + Math.floor(random() * 8);
    const big = random() < 0.05; // some sessions outgrow the 131,072-token context
    let t = arrival, context = 0;
    for (let r = 0; r < runs; r++) {
      const longGap = random() < 0.08; // idle longer than the timeout, then back
      t += longGap
        ? IDLE_MS + 1 + Math.floor(random() * 120_000)
        : Math.floor(-Math.log(1 - random()) * 15_000);
      const fresh = 200 + Math.floor(random() * (big ? 60_000 : 4_000));
      const cached = random() < 0.7 ? context : 0;
      const input = context + fresh;
      const output = 50 + Math.floor(random() * 1_500);
      const runId = `${id}/run-${r}`;
      // Single-run sessions sometimes carry no session id: the run id stands in.
      const sessionKey = runs === 1 && random() < 0.3 ? runId : id;
      let usage: unknown, truth: Truth;
      if (random() < 0.03) {
        const [bad, code] = invalidUsage(random);
        usage = bad;
        truth = { valid: false, code, input: 0, output: 0, cached: 0 };
      } else {
        usage = usageFor(random, input, output, cached);
        truth = { valid: true, code: "", input, output, cached };
        context = input + output;
      }
      const nested = random() < 0.5;
      const payload = sessionKey === runId
        ? { runId, at: t, usage: usage as RawUsage }
        : nested
        ? { runId, at: t, output: { sessionId: id, usage: usage as RawUsage } }
        : { runId, sessionId: id, at: t, usage: usage as RawUsage };
      events.push({ type: "run.complete", payload, truth, session: sessionKey });
      if (random() < 0.05) {
        // An error for the session, soon or late (maybe after it ended or expired).
        const at = t + Math.floor(random() * 1.5 * IDLE_MS);
        events.push({
          type: "run.error",
          payload: { runId, sessionId: id, at, error: "timeout" },
          session: id,
        });
      }
    }
    if (random() < 0.5) {
      events.push({ type: "session.end", payload: { sessionId: id, at: t + 1_000 }, session: id });
    }
  }
  events.sort((a, b) => a.payload.at! - b.payload.at!);
  // A little disorder: swap 1 % of neighbours, so some `at` arrive late.
  for (let i = 1; i < events.length; i++) {
    if (random() < 0.01) [events[i - 1], events[i]] = [events[i], events[i - 1]];
  }
  return events;
}

// ---- the independent reference ------------------------------------------------------------------

interface RefSession {
  cumulative: number;
  resident: number;
  lastSeen: number;
  touched: number;
  state: "live" | "ended" | "expired";
}

function category(tokens: number): "light" | "medium" | "heavy" | "extreme" {
  return tokens <= 50_000
    ? "light"
    : tokens <= 200_000
    ? "medium"
    : tokens <= 500_000
    ? "heavy"
    : "extreme";
}

function reference(events: readonly Ev[], maxTracked: number) {
  const sessions = new Map<string, RefSession>();
  const rejected: Record<string, number> = {};
  let now = -Infinity, touches = 0, evicted = 0, runs = 0, runErrors = 0, ignored = 0;
  /** A live session idle past the timeout is expired (checked lazily: now only grows). */
  const settle = (s: RefSession) => {
    if (s.state === "live" && s.lastSeen + IDLE_MS < now) s.state = "expired";
  };
  for (const ev of events) {
    if (ev.type === "run.complete" && !ev.truth.valid) {
      rejected[ev.truth.code] = (rejected[ev.truth.code] ?? 0) + 1;
      continue;
    }
    now = Math.max(now, ev.payload.at!);
    let s = sessions.get(ev.session);
    if (s !== undefined) settle(s);
    if (ev.type === "run.error") {
      runErrors++;
      if (s !== undefined) {
        s.lastSeen = now;
        s.touched = ++touches;
      }
      continue;
    }
    if (ev.type === "session.end") {
      if (s === undefined) {
        ignored++;
        continue;
      }
      s.state = "ended";
      s.lastSeen = now;
      s.touched = ++touches;
      continue;
    }
    if (s === undefined) {
      if (sessions.size >= maxTracked) {
        let oldest = "", min = Infinity;
        for (const [id, other] of sessions) {
          if (other.touched < min) [oldest, min] = [id, other.touched];
        }
        sessions.delete(oldest);
        evicted++;
      }
      s = { cumulative: 0, resident: 0, lastSeen: now, touched: 0, state: "live" };
      sessions.set(ev.session, s);
    }
    const total = ev.truth.input + ev.truth.output;
    s.cumulative += total;
    s.resident = Math.min(total, MAX_CONTEXT);
    s.lastSeen = now;
    s.touched = ++touches;
    s.state = "live";
    runs++;
  }
  for (const s of sessions.values()) settle(s);
  const all = [...sessions.values()];
  const live = all.filter((s) => s.state === "live");
  const byCategory = { light: 0, medium: 0, heavy: 0, extreme: 0 };
  for (const s of all) byCategory[category(s.cumulative)]++;
  const totalTokens = all.reduce((sum, s) => sum + s.cumulative, 0);
  const residents = live.map((s) => s.resident).sort((a, b) => a - b);
  const rank = (p: number) =>
    residents.length === 0 ? 0 : residents[Math.ceil((p * residents.length) / 100) - 1];
  return {
    byCategory,
    totalTokens,
    avgTokensPerSession: all.length === 0 ? 0 : Math.round(totalTokens / all.length),
    liveSessions: live.length,
    liveKvGiB: live.reduce((sum, s) => sum + s.resident * FP8_BYTES_PER_TOKEN, 0) / GiB,
    residentContextTokens: { p50: rank(50), p90: rank(90), p99: rank(99) },
    trackedSessions: all.length,
    endedSessions: all.filter((s) => s.state === "ended").length,
    expiredSessions: all.filter((s) => s.state === "expired").length,
    evictedSessions: evicted,
    runs,
    runErrors,
    ignoredEvents: ignored,
    rejectedRuns: { total: Object.values(rejected).reduce((a, b) => a + b, 0), byReason: rejected },
  };
}

/** Replays `events` once, taking the stats after each cut (an event count). */
function replay(
  events: readonly Ev[],
  maxTracked: number,
  cuts: readonly number[],
): SessionStats[] {
  const bus = new EventBus();
  const profiler = new SessionProfiler({
    modelArch: "llama-3.1-70b",
    kvPrecision: "fp8",
    idleTimeoutMs: IDLE_MS,
    maxTrackedSessions: maxTracked,
    kvWarningThresholdGb: 50,
    sessionLimit: 100,
    clock: () => {
      throw new Error("every event carries `at`");
    },
  });
  profiler.attach(bus);
  const out: SessionStats[] = [];
  let next = 0;
  events.forEach((ev, i) => {
    bus.emit(ev.type, ev.payload as never);
    if (i + 1 === cuts[next]) {
      out.push(profiler.getSessionStats());
      next++;
    }
  });
  return out;
}

function compare(actual: SessionStats, expected: ReturnType<typeof reference>): void {
  const { estimatedKvGb: _e, peakLiveKvGiB: _p, ...rest } = actual;
  deepEqual(rest, expected);
}

function quarters(n: number): number[] {
  return [Math.floor(n / 4), Math.floor(n / 2), Math.floor((3 * n) / 4), n];
}

Deno.test("replaying 10,000 sessions through the bus gives what a straightforward recomputation gives", () => {
  const events = generate(10_000, 20_251_125);
  const cuts = quarters(events.length);
  const actual = replay(events, 1_000_000, cuts);
  cuts.forEach((cut, k) => compare(actual[k], reference(events.slice(0, cut), 1_000_000)));
  // The workload exercises what it should:
  const middle = reference(events.slice(0, cuts[1]), 1_000_000);
  ok(events.length > 40_000);
  ok(middle.liveSessions > 500 && middle.liveKvGiB > 1 && middle.expiredSessions > 500);
  ok(middle.endedSessions > 1_000 && middle.residentContextTokens.p99 === MAX_CONTEXT);
  const end = reference(events, 1_000_000);
  ok(end.rejectedRuns.total > 500 && Object.keys(end.rejectedRuns.byReason).length === 5);
  ok(end.runErrors > 100 && end.byCategory.medium > 100 && end.byCategory.extreme > 0);
});

Deno.test("replaying with a tracked-session cap evicts exactly the least recently seen sessions", () => {
  const events = generate(3_000, 7);
  const cuts = quarters(events.length);
  const actual = replay(events, 400, cuts);
  cuts.forEach((cut, k) => compare(actual[k], reference(events.slice(0, cut), 400)));
  const end = reference(events, 400);
  ok(end.evictedSessions > 2_000);
  ok(end.ignoredEvents > 0); // ends of sessions evicted before they ended
});

Deno.test("the replay is deterministic: the same seed gives the same stats", () => {
  const a = replay(generate(2_000, 99), 1_000_000, [1_000]);
  const b = replay(generate(2_000, 99), 1_000_000, [1_000]);
  equal(JSON.stringify(a), JSON.stringify(b));
});
