/**
 * The profiler's session table (internal). One 64-byte record per tracked session in a single
 * `ArrayBuffer` (viewed as `Float64Array` and `Int32Array`), an id → slot `Map`, and two
 * intrusive doubly linked lists in touch order threaded through the records — one over every
 * tracked session (least-recently-seen eviction) and one over the live sessions (idle expiry).
 *
 * Why one record per session rather than one array per field: at a million sessions every event
 * touches a random session, and the cost is cache misses, not instructions. A record is one cache
 * line, and a touch also writes its list neighbours' links, which live in their own records.
 *
 * Record layout (8 doubles = 16 int32):
 *
 * | double | field | | int32 | field |
 * | --- | --- | --- | --- | --- |
 * | 0 | cumulative billed tokens | | 10 | runs |
 * | 1 | new (uncached) tokens | | 11 | state \| category << 8 |
 * | 2 | peak context | | 12, 13 | tracked list prev, next |
 * | 3 | resident context (clamped) | | 14, 15 | live list prev, next |
 * | 4 | last seen, ms | | | |
 *
 * Slot 0 is the sentinel (head and tail) of both lists; slots of evicted sessions are reused.
 * `firstSeen` (written once) lives in its own array.
 *
 * @example
 * ```ts
 * import { SessionStore } from "./session_store.ts";
 * import { equal } from "node:assert/strict";
 * const store = new SessionStore(2);
 * const a = store.add("a"), b = store.add("b");
 * store.touch(a); // a becomes the most recently seen
 * equal(store.ids[store.oldest()], "b");
 * store.remove(b);
 * equal(store.size, 1);
 * equal(store.slotOf("b"), undefined);
 * equal(store.add("c"), b); // b's slot is reused
 * ```
 * @module
 */

/** Doubles per record. */
export const STRIDE = 8;
/** Double offsets in a record. */
export const CUMULATIVE = 0, FRESH = 1, PEAK = 2, RESIDENT = 3, LAST_SEEN = 4;
/** Int32 offsets in a record (relative to `slot * 2 * STRIDE`). */
export const RUNS = 10, FLAGS = 11, ALL_PREV = 12, ALL_NEXT = 13, LIVE_PREV = 14, LIVE_NEXT = 15;
/** The sentinel slot; also "no slot". */
export const NIL = 0;
/** Slot states (low byte of FLAGS). */
export const FREE = 0, LIVE = 1, ENDED = 2, EXPIRED = 3;
/** Category (FLAGS >> 8) of a session not yet classified. */
export const UNCLASSIFIED = 255;

const I = 2 * STRIDE;

/** Session table (see the module docs). Fields are public for the profiler's hot path. */
export class SessionStore {
  /** id → slot. */
  readonly index: Map<string, number> = new Map();
  /** slot → id (`undefined` for free slots and the sentinel). */
  ids: (string | undefined)[] = [undefined];
  /** Records as doubles. */
  f: Float64Array;
  /** Records as int32. */
  i: Int32Array;
  /** Time of each session's first run, ms. */
  firstSeen: Float64Array;
  /** Tracked sessions. */
  size = 0;
  #free: number[] = [];
  #unused = 1;
  #capacity: number;

  /**
   * Makes an empty table.
   * @param capacity sessions to allocate room for up front (grows by doubling)
   */
  constructor(capacity = 1024) {
    this.#capacity = Math.max(2, capacity + 1);
    const buffer = new ArrayBuffer(this.#capacity * STRIDE * 8);
    this.f = new Float64Array(buffer);
    this.i = new Int32Array(buffer);
    this.firstSeen = new Float64Array(this.#capacity);
  }

  /**
   * The slot of a tracked session.
   * @param id session id
   * @returns its slot, or `undefined`
   */
  slotOf(id: string): number | undefined {
    return this.index.get(id);
  }

  /**
   * Adds a live session (zeroed, unclassified) at the recent end of both lists.
   * @param id a session id not yet tracked
   * @returns its slot
   */
  add(id: string): number {
    let slot = this.#free.pop();
    if (slot === undefined) {
      if (this.#unused === this.#capacity) this.#grow();
      slot = this.#unused++;
    }
    this.index.set(id, slot);
    this.ids[slot] = id;
    const f = this.f, d = slot * STRIDE;
    f[d + CUMULATIVE] =
      f[d + FRESH] =
      f[d + PEAK] =
      f[d + RESIDENT] =
      f[d + LAST_SEEN] =
        0;
    this.i[slot * I + RUNS] = 0;
    this.i[slot * I + FLAGS] = LIVE | (UNCLASSIFIED << 8);
    this.#append(ALL_PREV, ALL_NEXT, slot);
    this.#append(LIVE_PREV, LIVE_NEXT, slot);
    this.size++;
    return slot;
  }

  /**
   * Forgets a session: unlinks it from both lists and frees its slot.
   * @param slot a tracked slot
   */
  remove(slot: number): void {
    if (this.state(slot) === LIVE) this.#unlink(LIVE_PREV, LIVE_NEXT, slot);
    this.#unlink(ALL_PREV, ALL_NEXT, slot);
    this.index.delete(this.ids[slot]!);
    this.ids[slot] = undefined;
    this.i[slot * I + FLAGS] = FREE;
    this.#free.push(slot);
    this.size--;
  }

  /**
   * A slot's state.
   * @param slot a slot
   * @returns `FREE`, `LIVE`, `ENDED` or `EXPIRED`
   */
  state(slot: number): number {
    return this.i[slot * I + FLAGS] & 0xff;
  }

  /**
   * A slot's category index.
   * @param slot a tracked slot
   * @returns 0 (light) … 3 (extreme), or `UNCLASSIFIED`
   */
  category(slot: number): number {
    return this.i[slot * I + FLAGS] >> 8;
  }

  /**
   * Sets a slot's state (list membership is the caller's business).
   * @param slot a tracked slot
   * @param state the new state
   */
  setState(slot: number, state: number): void {
    const at = slot * I + FLAGS;
    this.i[at] = (this.i[at] & ~0xff) | state;
  }

  /**
   * Sets a slot's category.
   * @param slot a tracked slot
   * @param category 0 … 3
   */
  setCategory(slot: number, category: number): void {
    const at = slot * I + FLAGS;
    this.i[at] = (this.i[at] & 0xff) | (category << 8);
  }

  /**
   * Moves a session to the recent end of the tracked list, and of the live list if it is live.
   * @param slot a tracked slot
   */
  touch(slot: number): void {
    this.#moveToEnd(ALL_PREV, ALL_NEXT, slot);
    if (this.state(slot) === LIVE) this.#moveToEnd(LIVE_PREV, LIVE_NEXT, slot);
  }

  /**
   * Marks a session live and appends it to the live list.
   * @param slot a tracked slot that is not live
   */
  linkLive(slot: number): void {
    this.setState(slot, LIVE);
    this.#append(LIVE_PREV, LIVE_NEXT, slot);
  }

  /**
   * Takes a live session off the live list and gives it a new state.
   * @param slot a live slot
   * @param state `ENDED` or `EXPIRED`
   */
  unlinkLive(slot: number, state: number): void {
    this.#unlink(LIVE_PREV, LIVE_NEXT, slot);
    this.setState(slot, state);
  }

  /** @returns the least recently seen tracked slot, or `NIL` */
  oldest(): number {
    return this.i[NIL * I + ALL_NEXT];
  }

  /** @returns the least recently seen live slot, or `NIL` */
  oldestLive(): number {
    return this.i[NIL * I + LIVE_NEXT];
  }

  /**
   * The next live slot in touch order.
   * @param slot a live slot
   * @returns the next one, or `NIL`
   */
  nextLive(slot: number): number {
    return this.i[slot * I + LIVE_NEXT];
  }

  #append(prev: number, next: number, slot: number): void {
    const i = this.i;
    const tail = i[prev]; // the sentinel's prev
    i[slot * I + prev] = tail;
    i[slot * I + next] = NIL;
    i[tail * I + next] = slot;
    i[prev] = slot;
  }

  #unlink(prev: number, next: number, slot: number): void {
    const i = this.i;
    const p = i[slot * I + prev], n = i[slot * I + next];
    i[p * I + next] = n;
    i[n * I + prev] = p;
  }

  #moveToEnd(prev: number, next: number, slot: number): void {
    if (this.i[prev] === slot) return; // already the tail
    this.#unlink(prev, next, slot);
    this.#append(prev, next, slot);
  }

  #grow(): void {
    this.#capacity *= 2;
    const buffer = new ArrayBuffer(this.#capacity * STRIDE * 8);
    const f = new Float64Array(buffer);
    f.set(this.f);
    this.f = f;
    this.i = new Int32Array(buffer);
    const firstSeen = new Float64Array(this.#capacity);
    firstSeen.set(this.firstSeen);
    this.firstSeen = firstSeen;
  }
}
