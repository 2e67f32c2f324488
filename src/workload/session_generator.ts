/**
 * The synthetic session generator: sessions arrive, make their runs, think between them and end,
 * and every step is emitted on an `EventBus` — `run.start`, `run.complete` (with usage) and
 * `session.end` — in time order across all concurrent sessions, exactly as a real agent
 * runtime would. The profiler listening on the bus cannot tell the difference; the simulation
 * takes no shortcut around it.
 *
 * Per run k of a session: prompt₁ = firstInput; promptₖ = promptₖ₋₁ + outputₖ₋₁ + newInputₖ, whose
 * history part is reported as cached (a prefix cache hit); prompt + output never exceeds the
 * model's maximum context (see `SessionShape` for compaction and truncation). Randomness comes
 * from named streams of (seed, concern, trial), so a trial is the same on any worker.
 *
 * Cost per run: O(log concurrent sessions) for the event queue; memory O(concurrent sessions).
 *
 * @example Two sessions of three runs each emit six `run.complete` and two `session.end`.
 * ```ts
 * import { generateTrial } from "./session_generator.ts";
 * import { compileSessionShape } from "./session_shape.ts";
 * import { EventBus } from "../events/event_bus.ts";
 * import { equal } from "node:assert/strict";
 * const shape = compileSessionShape({
 *   turns: { kind: "fixed", value: 3 }, firstInputTokens: { kind: "fixed", value: 1000 },
 *   newInputTokens: { kind: "fixed", value: 100 }, outputTokens: { kind: "fixed", value: 50 },
 *   thinkTimeS: { kind: "fixed", value: 2 }, modelTimeS: { kind: "fixed", value: 1 },
 * });
 * const bus = new EventBus();
 * const prompts: number[] = [];
 * bus.on("run.complete", (e) => prompts.push((e.usage as { promptTokens: number }).promptTokens));
 * const counts = generateTrial(bus, {
 *   shapes: [{ name: "fixed", shape, weight: 1 }], arrivals: { kind: "trace", timesS: [0, 100] },
 *   horizonMs: 1e6, maxContext: 131_072, seed: 1, trialIndex: 0,
 * });
 * equal(counts.runs, 6);
 * equal(counts.endedSessions, 2);
 * // 1000; 1000 + 50 + 100; 1150 + 50 + 100
 * equal(prompts.slice(0, 3).join(), "1000,1150,1300");
 * ```
 * @module
 */

import type { EventBus } from "../events/event_bus.ts";
import { sampleInt } from "../random/distributions.ts";
import { type Prng, type PrngSeed, streamFor } from "../random/prng.ts";
import { nonNegativeInteger, positiveInteger, positiveNumber } from "../validate.ts";
import { type ArrivalSpec, arrivalStream } from "./arrivals.ts";
import { compactionTokens, type SessionShape } from "./session_shape.ts";

/** One component of a workload mix. */
export interface WeightedShape {
  /** Name reported in counts (e.g. a preset name). */
  name: string;
  /** The compiled shape. */
  shape: SessionShape;
  /** Relative weight (> 0). */
  weight: number;
}

/** Options of `generateTrial`. */
export interface GeneratorOptions {
  /** Session shapes and their weights (a session picks one at arrival). */
  shapes: readonly WeightedShape[];
  /** When sessions arrive. */
  arrivals: ArrivalSpec;
  /** Simulated time to run, ms: events after it are not emitted. */
  horizonMs: number;
  /** The model's maximum context, tokens. */
  maxContext: number;
  /** Most sessions that may arrive in the trial (default 1,000,000). */
  maxSessions?: number;
  /** Master seed. */
  seed: PrngSeed;
  /** Trial index (selects the random streams). */
  trialIndex: number;
}

/** Sampling hooks of `generateTrial`. */
export interface GeneratorHooks {
  /** Grid step for `onSample`, ms. */
  sampleEveryMs?: number;
  /**
   * Called with each grid time g = step, 2·step, … ≤ horizon, after every event at or before g,
   * and the number of runs in flight at g (started at or before g, completing after it).
   */
  onSample?: (tMs: number, runsInFlight: number) => void;
}

/** What a trial generated. */
export interface TrialCounts {
  /** Sessions that arrived. */
  sessions: number;
  /** Sessions by shape name. */
  sessionsByShape: Record<string, number>;
  /** Runs completed. */
  runs: number;
  /** Sessions that ended within the horizon. */
  endedSessions: number;
  /** Runs whose prompt was compacted. */
  compactions: number;
  /** Runs whose prompt was truncated to fit the context (shapes without compaction). */
  truncatedRuns: number;
  /** True when `maxSessions` stopped further arrivals. */
  sessionsCapped: boolean;
  /** Σ prompt tokens over completed runs. */
  promptTokens: number;
  /** Σ prompt tokens not served from the prefix cache (what prefill computes). */
  uncachedPromptTokens: number;
  /** Σ output tokens over completed runs. */
  outputTokens: number;
}

/** A binary min-heap of session slots keyed by (time, insertion order). */
class EventQueue {
  #time = new Float64Array(64);
  #seq = new Float64Array(64);
  #slot = new Int32Array(64);
  #n = 0;
  #counter = 0;

  get size(): number {
    return this.#n;
  }

  peekTime(): number {
    return this.#n > 0 ? this.#time[0] : Infinity;
  }

  push(time: number, slot: number): void {
    if (this.#n === this.#time.length) this.#grow();
    let i = this.#n++;
    const seq = this.#counter++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.#time[parent] < time || (this.#time[parent] === time && this.#seq[parent] < seq)) {
        break;
      }
      this.#time[i] = this.#time[parent];
      this.#seq[i] = this.#seq[parent];
      this.#slot[i] = this.#slot[parent];
      i = parent;
    }
    this.#time[i] = time;
    this.#seq[i] = seq;
    this.#slot[i] = slot;
  }

  /** Removes the earliest entry and returns its slot. */
  pop(): number {
    const top = this.#slot[0];
    const n = --this.#n;
    const time = this.#time[n];
    const seq = this.#seq[n];
    const slot = this.#slot[n];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (
        right < n &&
        (this.#time[right] < this.#time[child] ||
          (this.#time[right] === this.#time[child] && this.#seq[right] < this.#seq[child]))
      ) child = right;
      if (this.#time[child] > time || (this.#time[child] === time && this.#seq[child] > seq)) break;
      this.#time[i] = this.#time[child];
      this.#seq[i] = this.#seq[child];
      this.#slot[i] = this.#slot[child];
      i = child;
    }
    this.#time[i] = time;
    this.#seq[i] = seq;
    this.#slot[i] = slot;
    return top;
  }

  #grow(): void {
    const size = this.#time.length * 2;
    const time = new Float64Array(size);
    const seq = new Float64Array(size);
    const slot = new Int32Array(size);
    time.set(this.#time);
    seq.set(this.#seq);
    slot.set(this.#slot);
    this.#time = time;
    this.#seq = seq;
    this.#slot = slot;
  }
}

/** Per-session state in parallel arrays, slots reused when sessions end. */
class SessionTable {
  starting = new Uint8Array(64); // 1: next event is a run start; 0: a run completion
  modelMs = new Float64Array(64);
  runsLeft = new Int32Array(64);
  runNo = new Int32Array(64);
  prompt = new Float64Array(64);
  output = new Float64Array(64);
  cached = new Float64Array(64);
  shape = new Int32Array(64);
  ids: string[] = [];
  #free: number[] = [];
  #used = 0;

  allocate(): number {
    const free = this.#free.pop();
    if (free !== undefined) return free;
    if (this.#used === this.prompt.length) this.#grow();
    return this.#used++;
  }

  release(slot: number): void {
    this.#free.push(slot);
  }

  #grow(): void {
    const n = this.prompt.length * 2;
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.prompt = f64(this.prompt);
    this.output = f64(this.output);
    this.cached = f64(this.cached);
    this.modelMs = f64(this.modelMs);
    this.runsLeft = i32(this.runsLeft);
    this.runNo = i32(this.runNo);
    this.shape = i32(this.shape);
    const s = new Uint8Array(n);
    s.set(this.starting);
    this.starting = s;
  }
}

interface Streams {
  arrivals: Prng;
  mix: Prng;
  turns: Prng;
  inputs: Prng;
  outputs: Prng;
  times: Prng;
}

function checkOptions(options: GeneratorOptions): void {
  positiveNumber("horizonMs", options.horizonMs);
  positiveInteger("maxContext", options.maxContext);
  if (options.maxContext < 2) {
    throw new RangeError(`maxContext: expected at least 2 tokens; received ${options.maxContext}`);
  }
  if (options.maxSessions !== undefined) positiveInteger("maxSessions", options.maxSessions);
  nonNegativeInteger("trialIndex", options.trialIndex);
  if (!Array.isArray(options.shapes) || options.shapes.length === 0) {
    throw new TypeError(
      "shapes: expected a non-empty array of { name, shape, weight }; received none",
    );
  }
  options.shapes.forEach((s, i) => positiveNumber(`shapes[${i}].weight`, s.weight));
}

/**
 * Runs one trial: sessions arrive over `[0, horizonMs)` and their events are emitted on `bus`
 * in time order until the horizon.
 * @param bus the bus the profiler (and anyone else) listens on
 * @param options shapes, arrivals, horizon, context limit, seed and trial
 * @param hooks sampling grid and callback
 * @returns what the trial generated
 * @throws {TypeError|RangeError} an invalid option, named
 */
export function generateTrial(
  bus: EventBus,
  options: GeneratorOptions,
  hooks: GeneratorHooks = {},
): TrialCounts {
  checkOptions(options);
  const { seed, trialIndex, horizonMs, maxContext } = options;
  const maxSessions = options.maxSessions ?? 1_000_000;
  const s: Streams = {
    arrivals: streamFor(seed, "arrivals", trialIndex),
    mix: streamFor(seed, "mix", trialIndex),
    turns: streamFor(seed, "turns", trialIndex),
    inputs: streamFor(seed, "inputs", trialIndex),
    outputs: streamFor(seed, "outputs", trialIndex),
    times: streamFor(seed, "times", trialIndex),
  };
  const nextArrival = arrivalStream(options.arrivals, s.arrivals);
  const shapes = options.shapes.map((w) => w.shape);
  // Compaction threshold and target per shape for this model's context, in tokens.
  const compaction = shapes.map((sh) =>
    sh.compaction ? compactionTokens(sh.compaction, maxContext) : null
  );
  const compactAt = compaction.map((c) => c?.at ?? maxContext);
  const compactTo = compaction.map((c) => c?.to ?? 0);
  const cumulative: number[] = [];
  let totalWeight = 0;
  for (const w of options.shapes) cumulative.push(totalWeight += w.weight);
  const counts: TrialCounts = {
    sessions: 0,
    sessionsByShape: Object.fromEntries(options.shapes.map((w) => [w.name, 0])),
    runs: 0,
    endedSessions: 0,
    compactions: 0,
    truncatedRuns: 0,
    sessionsCapped: false,
    promptTokens: 0,
    uncachedPromptTokens: 0,
    outputTokens: 0,
  };
  const byShape = new Array<number>(shapes.length).fill(0);
  const table = new SessionTable();
  const queue = new EventQueue();
  const emitStarts = bus.hasListeners("run.start");
  const step = hooks.onSample ? positiveNumber("sampleEveryMs", hooks.sampleEveryMs) : Infinity;
  const lastSample = Math.floor(horizonMs / step);
  // In-flight runs at each grid point, as a difference array over grid indices 1…lastSample.
  const inFlight = new Float64Array(hooks.onSample ? lastSample + 2 : 0);
  let sampleIndex = 1;
  let inFlightNow = 0;
  let nextSample = step;
  const sample = () => {
    inFlightNow += inFlight[sampleIndex];
    hooks.onSample!(nextSample, inFlightNow);
    nextSample = ++sampleIndex * step;
  };
  let arrival = nextArrival();

  /** Sets the prompt and output of the slot's next run, within the context limit. */
  const planRun = (slot: number) => {
    const shape = shapes[table.shape[slot]];
    let output = Math.max(1, sampleInt(shape.outputTokens, s.outputs));
    if (output > maxContext - 1) output = maxContext - 1;
    let prompt: number;
    let cached: number;
    if (table.runNo[slot] === 0) {
      prompt = Math.max(1, sampleInt(shape.firstInputTokens, s.inputs));
      cached = 0;
    } else {
      cached = table.prompt[slot] + table.output[slot];
      prompt = cached + sampleInt(shape.newInputTokens, s.inputs);
    }
    const k = table.shape[slot];
    if (prompt + output > compactAt[k]) {
      if (shape.compaction && table.runNo[slot] > 0) {
        counts.compactions++;
        prompt = compactTo[k] + (prompt - cached);
        cached = 0;
      }
      if (prompt + output > maxContext) {
        counts.truncatedRuns++;
        prompt = maxContext - output;
        cached = Math.min(cached, prompt);
      }
    }
    table.prompt[slot] = prompt;
    table.output[slot] = output;
    table.cached[slot] = cached;
  };

  /**
   * Plans the slot's next run, starting at `start`. Every draw happens here, in the same order
   * whether or not anyone listens to run.start; without such a listener the start is no event
   * anyone can see, so only the completion is queued (half the queue work per run).
   */
  const schedule = (slot: number, start: number) => {
    planRun(slot);
    const modelMs = shapes[table.shape[slot]].modelTimeS.sample(s.times) * 1000;
    if (inFlight.length > 0) {
      // The run covers grid points g with start ≤ g < start + modelMs.
      const first = Math.max(1, Math.ceil(start / step));
      const last = Math.min(lastSample, Math.ceil((start + modelMs) / step) - 1);
      if (first <= last) {
        inFlight[first]++;
        inFlight[last + 1]--;
      }
    }
    if (emitStarts) {
      table.starting[slot] = 1;
      table.modelMs[slot] = modelMs;
      queue.push(start, slot);
    } else {
      table.starting[slot] = 0;
      queue.push(start + modelMs, slot);
    }
  };

  const arrive = (t: number) => {
    const slot = table.allocate();
    const u = s.mix.next() * totalWeight;
    let k = 0;
    while (k < cumulative.length - 1 && u >= cumulative[k]) k++;
    byShape[k]++;
    table.shape[slot] = k;
    table.runsLeft[slot] = Math.max(1, sampleInt(shapes[k].turns, s.turns));
    table.runNo[slot] = 0;
    table.ids[slot] = `s${counts.sessions++}`;
    schedule(slot, t);
  };

  for (;;) {
    const t = Math.min(arrival, queue.peekTime());
    if (!(t < horizonMs)) break;
    while (nextSample < t) sample();
    if (arrival <= queue.peekTime()) {
      if (counts.sessions >= maxSessions) {
        counts.sessionsCapped = true;
        arrival = Infinity;
        continue;
      }
      arrive(arrival);
      arrival = nextArrival();
      continue;
    }
    const slot = queue.pop();
    const sessionId = table.ids[slot];
    if (table.starting[slot] === 1) {
      bus.emit("run.start", { runId: `${sessionId}/${table.runNo[slot]}`, sessionId, at: t });
      table.starting[slot] = 0;
      queue.push(t + table.modelMs[slot], slot);
      continue;
    }
    const prompt = table.prompt[slot];
    const output = table.output[slot];
    bus.emit("run.complete", {
      runId: `${sessionId}/${table.runNo[slot]}`,
      sessionId,
      at: t,
      usage: {
        promptTokens: prompt,
        completionTokens: output,
        totalTokens: prompt + output,
        cachedTokens: table.cached[slot],
      },
    });
    counts.runs++;
    counts.promptTokens += prompt;
    counts.uncachedPromptTokens += prompt - table.cached[slot];
    counts.outputTokens += output;
    table.runNo[slot]++;
    if (--table.runsLeft[slot] === 0) {
      bus.emit("session.end", { sessionId, at: t });
      counts.endedSessions++;
      table.release(slot);
      continue;
    }
    schedule(slot, t + shapes[table.shape[slot]].thinkTimeS.sample(s.times) * 1000);
  }
  while (sampleIndex <= lastSample) sample();
  options.shapes.forEach((w, i) => (counts.sessionsByShape[w.name] += byShape[i]));
  return counts;
}
