/**
 * Command-line arguments of `deno task sizing`, parsed and checked before any work starts.
 *
 * `deno task sizing [scenario.json] [--out dir] [--trials n] [--seed s] [--workers n] [--json]`
 *
 * @example
 * ```ts
 * import { parseSizingArgs } from "./args.ts";
 * import { deepEqual } from "node:assert/strict";
 * deepEqual(parseSizingArgs(["s.json", "--trials", "50", "--json"]), {
 *   scenario: "s.json", trials: 50, json: true, help: false,
 * });
 * ```
 * @module
 */

/** The parsed arguments. */
export interface SizingArgs {
  /** Scenario file (default: the default scenario). */
  scenario?: string;
  /** Output folder (default `out/<scenario name>`). */
  out?: string;
  /** Trials, overriding the scenario's. */
  trials?: number;
  /** Seed, overriding the scenario's. */
  seed?: string;
  /** Workers (0 = the main thread). */
  workers?: number;
  /** Print the result as JSON on stdout. */
  json: boolean;
  /** Print usage. */
  help: boolean;
}

/** Usage text. */
export const SIZING_USAGE = `Usage: deno task sizing [scenario.json] [options]

Runs a scenario (the default one without a file) and writes report.html, summary.json and PNG
charts to out/<scenario>/.

Options:
  --out <dir>      where to write the report (default out/<scenario name>)
  --trials <n>     Monte Carlo trials (default: the scenario's)
  --seed <s>       random seed (default: the scenario's)
  --workers <n>    Web Workers, 0 = main thread (default: the scenario's, else all cores)
  --json           print the result as JSON on stdout (byte-identical for a fixed seed)
  --help           this text`;

const VALUE_FLAGS = ["--out", "--trials", "--seed", "--workers"] as const;

function integer(flag: string, text: string, min: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < min) {
    throw new RangeError(`${flag}: expected an integer ≥ ${min}; received ${JSON.stringify(text)}`);
  }
  return n;
}

/**
 * Parses the arguments.
 * @param argv the arguments after the script name
 * @returns the parsed arguments
 * @throws {RangeError|TypeError} an unknown flag, a missing value or a bad number, named
 */
export function parseSizingArgs(argv: readonly string[]): SizingArgs {
  const args: SizingArgs = { json: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith("--") && a.includes("=")
      ? a.split(/=(.*)/s, 2)
      : [a, undefined];
    if (flag === "--json") args.json = true;
    else if (flag === "--help" || flag === "-h") args.help = true;
    else if ((VALUE_FLAGS as readonly string[]).includes(flag)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value.startsWith("--")) {
        throw new TypeError(`${flag}: expected a value; received none`);
      }
      if (flag === "--out") args.out = value;
      if (flag === "--seed") args.seed = value;
      if (flag === "--trials") args.trials = integer(flag, value, 1);
      if (flag === "--workers") args.workers = integer(flag, value, 0);
    } else if (flag.startsWith("-")) {
      throw new TypeError(
        `${flag}: unknown option; expected one of ${
          [...VALUE_FLAGS, "--json", "--help"].join(", ")
        }`,
      );
    } else if (args.scenario === undefined) args.scenario = a;
    else throw new TypeError(`${a}: expected one scenario file; already have ${args.scenario}`);
  }
  return args;
}
