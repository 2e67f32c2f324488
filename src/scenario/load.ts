/**
 * Reading scenario files: JSON (syntax errors with line and column), then the zod schema
 * (structure, types, ranges, unknown keys, defaults), then the semantic checks — every problem
 * of every stage collected into one `ScenarioError`.
 *
 * @example A small scenario, defaults filled in; a bad one lists all its problems.
 * ```ts
 * import { parseScenario } from "./load.ts";
 * import { ScenarioError } from "./errors.ts";
 * import { equal, deepEqual, throws } from "node:assert/strict";
 * const s = parseScenario(JSON.stringify({
 *   model: "llama-3.1-8b", gpus: ["l4"], gpuCounts: [1, 2],
 *   workload: { static: { light: 4 } },
 * }), "tiny.json");
 * equal(s.name, "tiny");
 * deepEqual(s.kvPrecisions, ["bf16", "fp8"]);
 * equal(s.engine.gpuMemoryUtilization, 0.9);
 * equal(s.slas.overflowProbability, 0.01);
 * throws(
 *   () => parseScenario('{ "model": "llama-3.1-7b", "gpus": ["l4"], "gpuCount": [1] }', "bad.json"),
 *   (e: unknown) => e instanceof ScenarioError && e.issues.length === 4,
 * ); // gpuCount unknown (did you mean gpuCounts?), gpuCounts and workload missing, model unknown
 * ```
 * @module
 */

import { ScenarioError, type ScenarioIssue } from "./errors.ts";
import { jsonSyntaxError } from "./json_syntax.ts";
import { type ParsedScenario, scenarioSchema } from "./schema.ts";
import { semanticIssues } from "./semantic.ts";
import type { Scenario } from "./types.ts";
import { zodIssues } from "./zod_issues.ts";

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const where = jsonSyntaxError(text);
    throw new ScenarioError(file, [{
      path: "",
      message: `invalid JSON: ${where?.message ?? "unreadable"}`,
      line: where?.line ?? 1,
      column: where?.column ?? 1,
    }]);
  }
}

/** Top-level sections free of structural issues, parsed one by one (defaults filled). */
function cleanSections(raw: unknown, issues: ScenarioIssue[]): Partial<ParsedScenario> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return {};
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(scenarioSchema.shape)) {
    const dirty = issues.some((i) =>
      i.path === key || i.path.startsWith(`${key}.`) || i.path.startsWith(`${key}[`)
    );
    if (dirty) continue;
    const parsed = schema.safeParse((raw as Record<string, unknown>)[key]);
    if (parsed.success) out[key] = parsed.data;
  }
  return out as Partial<ParsedScenario>;
}

/** The path's segments: `a.b[0]["c-d"]` → `["a", "b", 0, "c-d"]`. */
function segments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]"]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g)) {
    out.push(
      m[2] !== undefined ? Number(m[2]) : m[3] !== undefined ? JSON.parse(`"${m[3]}"`) : m[1],
    );
  }
  return out;
}

/** Where a path points in the document: key and index positions, absent keys last. */
function position(raw: unknown, path: string): number[] {
  const out: number[] = [];
  let node = raw;
  for (const s of segments(path)) {
    if (typeof node !== "object" || node === null) break;
    const index = typeof s === "number" ? s : Object.keys(node).indexOf(s);
    out.push(index < 0 ? Number.MAX_SAFE_INTEGER : index);
    node = (node as Record<string | number, unknown>)[s];
  }
  return out;
}

/** Issues in the order their fields appear in the file (stable within one field). */
function inFileOrder(raw: unknown, issues: ScenarioIssue[]): ScenarioIssue[] {
  const keyed = issues.map((issue) => ({ issue, at: position(raw, issue.path) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < Math.min(a.at.length, b.at.length); i++) {
      if (a.at[i] !== b.at[i]) return a.at[i] - b.at[i];
    }
    return a.at.length - b.at.length;
  });
  return keyed.map((k) => k.issue);
}

/**
 * The file name without folders and without `.json`.
 * @param file a path or URL
 * @returns the base name
 */
export function scenarioBaseName(file: string): string {
  return file.split(/[\\/]/).pop()!.replace(/\.json$/i, "");
}

/**
 * Parses a scenario from JSON text.
 * @param text the file's contents
 * @param file the file name, for the error and the default scenario name (default `"<inline>"`)
 * @returns the scenario, every default filled in
 * @throws {ScenarioError} every problem: JSON syntax (with line and column), wrong types, out of
 *   range values, unknown keys (with the closest known key), unknown model/GPU/preset ids (with
 *   close matches), bad distribution parameters, and expectations that select nothing
 */
export function parseScenario(text: string, file = "<inline>"): Scenario {
  const raw = parseJson(text, file);
  const result = scenarioSchema.safeParse(raw, { reportInput: true });
  const issues = result.success ? [] : zodIssues(result.error.issues);
  const sections = result.success ? result.data : cleanSections(raw, issues);
  issues.push(...semanticIssues(sections, raw));
  if (issues.length > 0 || !result.success) {
    throw new ScenarioError(file, inFileOrder(raw, issues));
  }
  const name = result.data.name ?? (file === "<inline>" ? "scenario" : scenarioBaseName(file));
  return { ...result.data, name };
}

/**
 * Reads and parses a scenario file.
 * @param path a file path or `file:` URL
 * @returns the scenario
 * @throws {ScenarioError} as {@linkcode parseScenario}; {Deno.errors.NotFound} no such file
 */
export async function loadScenario(path: string | URL): Promise<Scenario> {
  const text = await Deno.readTextFile(path);
  const file = path instanceof URL ? decodeURIComponent(path.pathname) : path;
  return parseScenario(text, file);
}
