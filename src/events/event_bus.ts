/**
 * A small, synchronous, typed event bus: the reference system's `on` / `once` / `off` / `emit`,
 * plus `onAny` / `offAny` and isolation of listeners that throw.
 *
 * Rules (each one is tested):
 *
 * - `emit` is synchronous: listeners run in registration order, then the `onAny` listeners.
 * - A listener added during an `emit` does not run for that emit; a listener removed during an
 *   `emit` does not run later in that emit (the DOM's rule, not Node's).
 * - Registering the same function twice for the same event registers it once (`on` and `once`
 *   alike; the first registration wins). `SessionProfiler.attach` relies on it.
 * - A listener that throws does not stop `emit` or the other listeners. The error goes to the
 *   `onListenerError` option when given, else it is emitted as `bus.listener_error`
 *   `{ event, error }`. Errors that nobody can take — thrown by a `bus.listener_error` listener
 *   or by `onListenerError` itself, or emitted as `bus.listener_error` with no listener — are
 *   dropped and counted in `droppedListenerErrors` (library code never logs). Every caught
 *   error is counted in `listenerErrors`.
 *
 * Types: `EventBus<E>` is typed by an event map `E` (default `CapsimEvents`). Known event names
 * get their payload type; any other string is accepted with an `unknown` payload, as the
 * reference allowed (`bus.on("anything", ...)`). To type your own events, widen the map:
 * `new EventBus<CapsimEvents & MyEvents>()`.
 *
 * Speed: listeners are kept per event in arrays replaced on every `on`/`off` (copy-on-write),
 * so `emit` iterates without allocating; one `try` surrounds the loop and resumes after a throw.
 *
 * @example
 * ```ts
 * import { EventBus } from "./event_bus.ts";
 * import { deepEqual, equal } from "node:assert/strict";
 * const bus = new EventBus();
 * const seen: string[] = [];
 * bus.on("session.end", (e) => seen.push(e.sessionId));
 * bus.on("session.end", () => { throw new Error("broken listener"); });
 * bus.on("bus.listener_error", (e) => seen.push(`error in ${e.event}`));
 * bus.emit("session.end", { sessionId: "s1" });
 * deepEqual(seen, ["s1", "error in session.end"]);
 * equal(bus.listenerErrors, 1);
 * ```
 * @module
 */

import type { CapsimEvents } from "./event_types.ts";

/**
 * An event name for a map `E`: one of its keys (offered by completion) or any other string.
 * The `string & {}` arm keeps the known keys visible to editors while accepting every string.
 */
// deno-lint-ignore ban-types
export type EventName<E> = (keyof E & string) | (string & {});

/** The payload of event `K` in map `E`: `E[K]` for a known key, `unknown` otherwise. */
export type EventPayload<E, K> = K extends keyof E ? E[K] : unknown;

/** A listener for one event. */
export type Listener<P> = (payload: P) => void;

/** A listener for every event: gets the event's name and its payload. */
export type AnyListener = (event: string, payload: unknown) => void;

/** Options of `new EventBus()`. */
export interface EventBusOptions {
  /**
   * Receives every error a listener throws, instead of the bus emitting `bus.listener_error`.
   * If it throws in turn, that error is dropped and counted in `droppedListenerErrors`.
   */
  onListenerError?: (event: string, error: unknown) => void;
}

/** One registration. All records share one shape so `emit` stays monomorphic. */
interface Registration {
  readonly listener: (payload: unknown) => void;
  readonly any: AnyListener | null;
  readonly once: boolean;
  removed: boolean;
}

const NONE: readonly Registration[] = Object.freeze([]);
const LISTENER_ERROR = "bus.listener_error";

/**
 * A synchronous typed event bus.
 *
 * @example Own events next to capsim's:
 * ```ts
 * import { EventBus } from "./event_bus.ts";
 * import type { CapsimEvents } from "./event_types.ts";
 * import { equal } from "node:assert/strict";
 * interface MyEvents { "cache.hit": { tokens: number } }
 * const bus = new EventBus<CapsimEvents & MyEvents>();
 * let tokens = 0;
 * bus.on("cache.hit", (e) => { tokens += e.tokens; }); // e: { tokens: number }
 * bus.emit("cache.hit", { tokens: 512 });
 * bus.emit("cache.hit", { tokens: 256 });
 * equal(tokens, 768);
 * ```
 */
export class EventBus<E extends object = CapsimEvents> {
  #byEvent = new Map<string, readonly Registration[]>();
  #any: readonly Registration[] = NONE;
  #onListenerError: ((event: string, error: unknown) => void) | undefined;
  #listenerErrors = 0;
  #dropped = 0;

  /**
   * Makes a bus.
   * @param options where listener errors go (default: emitted as `bus.listener_error`)
   * @throws {TypeError} `onListenerError` given but not a function
   */
  constructor(options: EventBusOptions = {}) {
    const handler = options.onListenerError;
    if (handler !== undefined && typeof handler !== "function") {
      throw new TypeError(
        `onListenerError: expected a function; received ${typeof handler}`,
      );
    }
    this.#onListenerError = handler;
  }

  /** Listener errors caught since the bus was made (reported or not). */
  get listenerErrors(): number {
    return this.#listenerErrors;
  }

  /**
   * Listener errors that reached nobody: thrown while handling `bus.listener_error` or by
   * `onListenerError`, or emitted as `bus.listener_error` with no listener.
   */
  get droppedListenerErrors(): number {
    return this.#dropped;
  }

  /**
   * Calls `listener` on every `emit(event)`. Registering a function already registered for the
   * event does nothing.
   * @param event the event's name
   * @param listener receives the payload
   * @returns this bus
   * @throws {TypeError} a listener that is not a function, or an event name that is not a string
   */
  on<K extends EventName<E>>(event: K, listener: Listener<EventPayload<E, K>>): this {
    this.#add(event, listener as (payload: unknown) => void, false);
    return this;
  }

  /**
   * Calls `listener` on the next `emit(event)` only. A function already registered for the
   * event is not registered again (it keeps its first registration).
   * @param event the event's name
   * @param listener receives the payload
   * @returns this bus
   * @throws {TypeError} a listener that is not a function, or an event name that is not a string
   */
  once<K extends EventName<E>>(event: K, listener: Listener<EventPayload<E, K>>): this {
    this.#add(event, listener as (payload: unknown) => void, true);
    return this;
  }

  /**
   * Removes a listener (registered by `on` or `once`). Unknown listeners are ignored. Safe
   * during `emit`: a removed listener does not run later in that emit.
   * @param event the event's name
   * @param listener the function passed to `on` or `once`
   * @returns this bus
   */
  off<K extends EventName<E>>(event: K, listener: Listener<EventPayload<E, K>>): this {
    const list = this.#byEvent.get(event);
    if (list === undefined) return this;
    const at = list.findIndex((r) => r.listener === listener);
    if (at < 0) return this;
    this.#removeAt(event, list, at);
    return this;
  }

  /**
   * Calls `listener(event, payload)` on every emit, after the event's own listeners.
   * Registering the same function twice registers it once.
   * @param listener receives the event's name and payload
   * @returns this bus
   * @throws {TypeError} a listener that is not a function
   */
  onAny(listener: AnyListener): this {
    checkListener(listener);
    if (this.#any.some((r) => r.any === listener)) return this;
    this.#any = [...this.#any, { listener: ignore, any: listener, once: false, removed: false }];
    return this;
  }

  /**
   * Removes a listener added by `onAny`.
   * @param listener the function passed to `onAny`
   * @returns this bus
   */
  offAny(listener: AnyListener): this {
    const at = this.#any.findIndex((r) => r.any === listener);
    if (at < 0) return this;
    this.#any[at].removed = true;
    this.#any = this.#any.filter((_, i) => i !== at);
    return this;
  }

  /**
   * Whether emitting `event` would call anyone (its own listeners or `onAny` listeners). Lets
   * emitters skip building payloads nobody reads.
   * @param event the event's name
   * @returns true when at least one listener would run
   */
  hasListeners(event: EventName<E>): boolean {
    return this.#any.length > 0 || (this.#byEvent.get(event)?.length ?? 0) > 0;
  }

  /**
   * Listeners registered for `event` (not counting `onAny` listeners).
   * @param event the event's name
   * @returns how many
   */
  listenerCount(event: EventName<E>): number {
    return this.#byEvent.get(event)?.length ?? 0;
  }

  /**
   * Calls the event's listeners in registration order, then the `onAny` listeners,
   * synchronously. Listener errors are isolated (see the module docs).
   * @param event the event's name
   * @param payload handed to every listener
   * @returns nothing
   */
  emit<K extends EventName<E>>(event: K, payload: EventPayload<E, K>): void {
    const list = this.#byEvent.get(event);
    if (list !== undefined) this.#run(event, list, payload);
    if (this.#any.length > 0) this.#runAny(event, payload);
  }

  /** Removes every listener (including `onAny` ones); the error counters stay. */
  clear(): void {
    for (const list of this.#byEvent.values()) for (const r of list) r.removed = true;
    for (const r of this.#any) r.removed = true;
    this.#byEvent.clear();
    this.#any = NONE;
  }

  #add(event: string, listener: (payload: unknown) => void, once: boolean): void {
    if (typeof event !== "string") {
      throw new TypeError(`event: expected a string; received ${typeof event}`);
    }
    checkListener(listener);
    const list = this.#byEvent.get(event) ?? NONE;
    for (let i = 0; i < list.length; i++) if (list[i].listener === listener) return;
    this.#byEvent.set(event, [...list, { listener, any: null, once, removed: false }]);
  }

  #removeAt(event: string, list: readonly Registration[], at: number): void {
    list[at].removed = true;
    if (list.length === 1) this.#byEvent.delete(event);
    else this.#byEvent.set(event, list.filter((_, i) => i !== at));
  }

  #run(event: string, list: readonly Registration[], payload: unknown): void {
    let i = 0;
    const n = list.length;
    while (i < n) {
      try {
        for (; i < n; i++) {
          const r = list[i];
          if (r.removed) continue;
          if (r.once) this.#expire(event, r);
          r.listener(payload);
        }
      } catch (error) {
        i++;
        this.#report(event, error);
      }
    }
  }

  #runAny(event: string, payload: unknown): void {
    const list = this.#any;
    let i = 0;
    const n = list.length;
    while (i < n) {
      try {
        for (; i < n; i++) {
          const r = list[i];
          if (!r.removed) r.any!(event, payload);
        }
      } catch (error) {
        i++;
        this.#report(event, error);
      }
    }
  }

  /** Removes a `once` registration before it runs, so a re-entrant emit cannot run it twice. */
  #expire(event: string, r: Registration): void {
    const list = this.#byEvent.get(event);
    if (list === undefined) return;
    const at = list.indexOf(r);
    if (at >= 0) this.#removeAt(event, list, at);
    else r.removed = true;
  }

  #report(event: string, error: unknown): void {
    this.#listenerErrors++;
    const handler = this.#onListenerError;
    if (handler !== undefined) {
      try {
        handler(event, error);
      } catch {
        this.#dropped++;
      }
      return;
    }
    if (event === LISTENER_ERROR || !this.hasListeners(LISTENER_ERROR)) {
      this.#dropped++;
      return;
    }
    this.emit(LISTENER_ERROR, { event, error } as EventPayload<E, typeof LISTENER_ERROR>);
  }
}

function ignore(): void {}

function checkListener(listener: unknown): void {
  if (typeof listener !== "function") {
    throw new TypeError(`listener: expected a function; received ${typeof listener}`);
  }
}
