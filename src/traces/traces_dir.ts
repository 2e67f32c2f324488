/**
 * Where the real trace files are. They are not part of the repository: the folder comes from the
 * environment variable `CAPSIM_TRACES` and defaults to `../shared/data/traces` next to the
 * repository root. Both are resolved against the repository root (found from this module's own
 * location, not the working directory), so tests and tasks find the traces from any directory.
 *
 * @example
 * ```ts
 * import { locateTraces } from "./traces_dir.ts";
 * import { ok } from "node:assert/strict";
 * const where = locateTraces({ env: "/data/traces" });
 * ok(where.fromEnv && where.path === "/data/traces");
 * ```
 * @module
 */

import { isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The environment variable that names the traces folder. */
export const TRACES_ENV = "CAPSIM_TRACES";

/** The default traces folder, relative to the repository root. */
export const DEFAULT_TRACES_DIR = "../shared/data/traces";

/** Options of {@linkcode locateTraces}. */
export interface LocateTracesOptions {
  /**
   * The variable's value to use instead of reading `CAPSIM_TRACES` from the environment
   * (`undefined` reads it; an empty string counts as unset).
   */
  env?: string;
}

/** Where the traces folder is and whether it exists. */
export interface TracesLocation {
  /** Absolute path of the folder. */
  path: string;
  /** True when the path came from `CAPSIM_TRACES`, false when it is the default. */
  fromEnv: boolean;
  /** Whether the path is an existing directory. */
  exists: boolean;
}

/**
 * Locates the traces folder: `CAPSIM_TRACES` when set (a relative value is taken from the
 * repository root), else `../shared/data/traces` from the repository root. Reading the variable
 * needs `--allow-env`; without that permission it counts as unset.
 * @param options `env` to use a given value instead of the environment
 * @returns the absolute path, where it came from, and whether it exists
 * @example
 * ```ts
 * import { DEFAULT_TRACES_DIR, locateTraces } from "./traces_dir.ts";
 * import { equal } from "node:assert/strict";
 * const where = locateTraces({ env: "" });
 * equal(where.fromEnv, false);
 * equal(where.path.endsWith(DEFAULT_TRACES_DIR.slice(2)), true); // ".../shared/data/traces"
 * ```
 */
export function locateTraces(options: LocateTracesOptions = {}): TracesLocation {
  const value = options.env ?? readEnv();
  const fromEnv = value !== undefined && value !== "";
  const root = repoRoot();
  const path = fromEnv
    ? (isAbsolute(value) ? resolve(value) : resolve(root, value))
    : resolve(root, DEFAULT_TRACES_DIR);
  return { path, fromEnv, exists: isDirectory(path) };
}

/**
 * The path of a file inside the traces folder.
 * @param location from {@linkcode locateTraces}
 * @param parts path segments inside the folder, e.g. `"canonical", "ragpulse.csv"`
 * @returns the joined absolute path
 * @example
 * ```ts
 * import { tracePath } from "./traces_dir.ts";
 * import { equal } from "node:assert/strict";
 * const location = { path: "/t", fromEnv: true, exists: false };
 * equal(tracePath(location, "canonical", "ragpulse.csv"), "/t/canonical/ragpulse.csv");
 * ```
 */
export function tracePath(location: TracesLocation, ...parts: string[]): string {
  return join(location.path, ...parts);
}

/** The repository root: two folders above this file (src/traces/). */
function repoRoot(): string {
  const url = new URL("../../", import.meta.url);
  return url.protocol === "file:" ? fileURLToPath(url) : Deno.cwd();
}

function readEnv(): string | undefined {
  try {
    return Deno.env.get(TRACES_ENV);
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied) {
      return undefined;
    }
    throw error;
  }
}

function isDirectory(path: string): boolean {
  try {
    return Deno.statSync(path).isDirectory;
  } catch {
    return false;
  }
}
