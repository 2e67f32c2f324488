/**
 * Seeded pseudo-random numbers: one small {@link Prng} type backed by seedrandom's Alea, and
 * named streams derived from (master seed, stream name, trial index).
 *
 * - Algorithm: Alea, Johannes Baagøe's multiply-with-carry generator (2010), as shipped in
 *   `seedrandom/lib/alea.js` 3.0.5: `t = 2091639·s0 + c·2⁻³²; s0 ← s1; s1 ← s2; c ← ⌊t⌋;
 *   s2 ← t − c`. Period ≈ 2¹¹⁶; reported by its author to pass TestU01 BigCrush. Its state is
 *   seeded by Baagøe's Mash hash of the seed string.
 * - Why Alea: of seedrandom's generators it is among the fastest (≈ 180 M draws/s measured here,
 *   `bench/random_bench.ts`; xor128 is as fast but fails BigCrush's MatrixRank and LinearComp),
 *   far above the simulator's 50 M draws/s need, so no hand-written generator is needed.
 * - Resolution: {@link Prng.next} returns multiples of 2⁻³² in [0, 1) (32 random bits; 0 itself
 *   is possible, with probability 2⁻³²). Samplers that take logarithms guard against it.
 * - Determinism: the generator uses only IEEE-754 `+`, `×` and 32-bit truncation, so a seed gives
 *   the same sequence on every platform, run and worker. A number seed is the same as its
 *   decimal string (`createPrng(7)` ≡ `createPrng("7")`).
 * - Streams: {@link streamFor} seeds Alea with the JSON text of `[masterSeed, streamName,
 *   trialIndex]`, so a trial's draws for one concern depend on nothing else: not on other
 *   streams, not on how many draws earlier trials made, not on which worker runs it.
 *
 * @example The first draws of `alea("hello.")`, as printed in seedrandom's README.
 * ```ts
 * import { createPrng } from "./prng.ts";
 * import { equal } from "node:assert/strict";
 * const prng = createPrng("hello.");
 * equal(prng.next(), 0.4783254903741181);
 * ```
 * @module
 */

// @ts-types="@types/seedrandom"
import seedrandom from "seedrandom";
import { describe, nonEmptyString, nonNegativeInteger } from "../validate.ts";

/** A seed: any string, or a finite number (treated as its decimal string). */
export type PrngSeed = string | number;

/**
 * A seeded source of uniform random numbers. Every random function in capsim takes one; none
 * calls `Math.random`.
 */
export interface Prng {
  /**
   * The next uniform draw.
   * @returns a number in [0, 1), a multiple of 2⁻³²
   */
  next(): number;
  /**
   * The next draw as an unsigned 32-bit integer (consumes one draw, like {@link Prng.next}).
   * @returns an integer in [0, 2³²)
   */
  nextUint32(): number;
}

const TWO_POW_32 = 0x100000000;

function seedText(field: string, seed: unknown): string {
  if (typeof seed === "string") return seed;
  if (typeof seed !== "number") {
    throw new TypeError(
      `${field}: expected a string or a finite number; received ${describe(seed)}`,
    );
  }
  if (!Number.isFinite(seed)) {
    throw new RangeError(
      `${field}: expected a string or a finite number; received ${describe(seed)}`,
    );
  }
  return String(seed);
}

function fromSeedText(text: string): Prng {
  const alea = seedrandom.alea(text);
  return {
    next: alea,
    nextUint32: (): number => alea() * TWO_POW_32,
  };
}

/**
 * A PRNG seeded from a string or number: seedrandom's Alea (see the module notes).
 *
 * @param seed any string, or a finite number (same stream as its decimal string)
 * @returns a fresh generator; two generators from the same seed yield the same sequence
 * @throws {TypeError} seed neither a string nor a number; {RangeError} a non-finite number
 * @example seedrandom's README: `alea("hello.")` gives 0.4783254903741181, then (after the two
 * draws `double()` takes) the 32-bit integer 1076136327.
 * ```ts
 * import { createPrng } from "./prng.ts";
 * import { equal } from "node:assert/strict";
 * const prng = createPrng("hello.");
 * equal(prng.next(), 0.4783254903741181);
 * prng.next();
 * prng.next();
 * equal(prng.nextUint32(), 1076136327);
 * ```
 */
export function createPrng(seed: PrngSeed): Prng {
  return fromSeedText(seedText("seed", seed));
}

/**
 * The PRNG for one concern of one trial: Alea seeded with `JSON.stringify([String(masterSeed),
 * streamName, trialIndex])`. A pure function of its arguments, so trial 17's "arrivals" stream
 * is the same whichever worker runs trial 17 and whatever ran before it.
 *
 * @param masterSeed the scenario's seed (a number is the same as its decimal string)
 * @param streamName the concern, e.g. `"arrivals"`, `"turns"`, `"outputTokens"`
 * @param trialIndex the Monte Carlo trial, an integer ≥ 0
 * @returns a fresh generator for that (seed, name, trial)
 * @throws {TypeError} a seed of the wrong type or an empty stream name; {RangeError} a
 * non-finite seed or a trial index that is not an integer ≥ 0
 * @example Same arguments, same draws; another trial, another stream.
 * ```ts
 * import { streamFor } from "./prng.ts";
 * import { equal, notEqual } from "node:assert/strict";
 * equal(streamFor(42, "arrivals", 3).next(), streamFor("42", "arrivals", 3).next());
 * notEqual(streamFor(42, "arrivals", 3).next(), streamFor(42, "arrivals", 4).next());
 * ```
 */
export function streamFor(masterSeed: PrngSeed, streamName: string, trialIndex: number): Prng {
  const master = seedText("masterSeed", masterSeed);
  const name = nonEmptyString("streamName", streamName);
  const trial = nonNegativeInteger("trialIndex", trialIndex);
  return fromSeedText(JSON.stringify([master, name, trial]));
}
