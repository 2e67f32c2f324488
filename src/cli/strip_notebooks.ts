/**
 * `deno task notebooks:strip`: removes outputs, execution counts and run timestamps from the
 * notebooks in `notebooks/` (or the files named), so that committed notebooks stay small and their
 * diffs show only what a person changed; then runs `deno fmt` on the files it rewrote.
 *
 * It also normalises two things `deno fmt` depends on:
 * - `metadata.language_info` is the Deno kernel's TypeScript entry without its version: `deno fmt`
 *   formats code cells only when `language_info.name` is `"typescript"`, and the version (the
 *   TypeScript the kernel last ran with) would change with every Deno upgrade;
 * - every cell's source ends with a newline: `deno fmt --check` (Deno 2.9) reports a cell whose
 *   source lacks one as unformatted — on a cold cache, with an empty diff — although `deno fmt`
 *   leaves it as it is.
 *
 * Usage: `deno task notebooks:strip [file.ipynb …]`
 *
 * @example
 * ```ts
 * import { notebookProblems, stripNotebook } from "./strip_notebooks.ts";
 * import { deepEqual, equal } from "node:assert/strict";
 * const executed = {
 *   cells: [{ cell_type: "code", id: "a", metadata: { execution: { "iopub.status.busy": "…" } },
 *     source: ["1 + 1"], outputs: [{ output_type: "execute_result" }], execution_count: 3 }],
 *   metadata: {}, nbformat: 4, nbformat_minor: 5,
 * };
 * equal(notebookProblems(executed).length, 5); // outputs, count, timestamps, newline, language_info
 * const stripped = stripNotebook(executed);
 * deepEqual(stripped.cells[0].outputs, []);
 * equal(stripped.cells[0].execution_count, null);
 * deepEqual(stripped.cells[0].source, ["1 + 1\n"]);
 * deepEqual(notebookProblems(stripped), []);
 * ```
 * @module
 */

import { listNotebooks } from "./notebooks.ts";

/** One cell of a notebook file (nbformat 4), as far as stripping is concerned. */
export interface NotebookCell {
  /** `code`, `markdown` or `raw`. */
  cell_type: string;
  /** Cell id (nbformat ≥ 4.5). */
  id?: string;
  /** Cell metadata (`execution` holds nbclient's timestamps). */
  metadata: Record<string, unknown>;
  /** The text, as one string or as lines. */
  source: string | string[];
  /** Outputs of a code cell. */
  outputs?: unknown[];
  /** Execution count of a code cell (null when not run). */
  execution_count?: number | null;
  /** Anything else the file holds. */
  [key: string]: unknown;
}

/** A notebook file (nbformat 4). */
export interface NotebookJson {
  /** The cells. */
  cells: NotebookCell[];
  /** Notebook metadata (kernelspec, language_info). */
  metadata: Record<string, unknown>;
  /** Major format version (4). */
  nbformat: number;
  /** Minor format version. */
  nbformat_minor: number;
}

/** `language_info` of the Deno kernel, without the version that changes with each Deno. */
export const DENO_LANGUAGE_INFO: Readonly<Record<string, string>> = Object.freeze({
  codemirror_mode: "typescript",
  file_extension: ".ts",
  mimetype: "text/x.typescript",
  name: "typescript",
  nbconvert_exporter: "script",
  pygments_lexer: "typescript",
});

const sourceText = (source: string | string[]) => Array.isArray(source) ? source.join("") : source;

/** The source with a final newline, in the shape it came in (lines or one string). */
function withFinalNewline(source: string | string[]): string | string[] {
  const text = sourceText(source);
  if (text === "" || text.endsWith("\n")) return source;
  if (!Array.isArray(source)) return `${source}\n`;
  return [...source.slice(0, -1), `${source[source.length - 1]}\n`];
}

/**
 * A copy of a notebook without outputs, execution counts or run timestamps, with the Deno
 * kernel's `language_info` and every cell source ending in a newline.
 * @param notebook the parsed notebook (not modified)
 * @returns the stripped copy
 * @throws {TypeError} not an nbformat-4 notebook (no `cells` array)
 */
export function stripNotebook(notebook: NotebookJson): NotebookJson {
  if (!Array.isArray(notebook?.cells)) {
    throw new TypeError(`notebook.cells: expected an array; received ${typeof notebook?.cells}`);
  }
  const copy: NotebookJson = structuredClone(notebook);
  for (const cell of copy.cells) {
    if (cell.metadata && typeof cell.metadata === "object") delete cell.metadata.execution;
    cell.source = withFinalNewline(cell.source);
    if (cell.cell_type === "code") {
      cell.outputs = [];
      cell.execution_count = null;
    }
  }
  copy.metadata = { ...copy.metadata, language_info: { ...DENO_LANGUAGE_INFO } };
  return copy;
}

/**
 * What keeps a notebook from being committed as is: outputs, execution counts, run timestamps,
 * a cell source without a final newline, and a `language_info` other than the Deno kernel's.
 * @param notebook the parsed notebook
 * @returns one line per problem, naming the cell by index and id; empty when clean
 * @throws {TypeError} not an nbformat-4 notebook (no `cells` array)
 */
export function notebookProblems(notebook: NotebookJson): string[] {
  if (!Array.isArray(notebook?.cells)) {
    throw new TypeError(`notebook.cells: expected an array; received ${typeof notebook?.cells}`);
  }
  const problems: string[] = [];
  notebook.cells.forEach((cell, i) => {
    const where = `cells[${i}]${cell.id ? ` (id ${cell.id})` : ""}`;
    if (cell.cell_type === "code") {
      const outputs = cell.outputs?.length ?? 0;
      if (outputs > 0) problems.push(`${where}: has ${outputs} output(s)`);
      if (cell.execution_count !== null && cell.execution_count !== undefined) {
        problems.push(`${where}: has execution_count ${cell.execution_count}`);
      }
    }
    if (cell.metadata?.execution !== undefined) problems.push(`${where}: has run timestamps`);
    const text = sourceText(cell.source);
    if (text !== "" && !text.endsWith("\n")) {
      problems.push(`${where}: source does not end with a newline`);
    }
  });
  const info = (notebook.metadata?.language_info ?? {}) as Record<string, unknown>;
  const keys = Object.keys(info);
  const expected = Object.keys(DENO_LANGUAGE_INFO);
  if (keys.length !== expected.length || expected.some((k) => info[k] !== DENO_LANGUAGE_INFO[k])) {
    problems.push("metadata.language_info: expected the Deno kernel's (TypeScript, no version)");
  }
  return problems;
}

/**
 * A notebook as nbformat writes it: JSON indented by one space, non-ASCII kept, final newline.
 * @param notebook the notebook
 * @returns the file text
 */
export function serializeNotebook(notebook: NotebookJson): string {
  return `${JSON.stringify(notebook, null, 1)}\n`;
}

/** Runs `deno fmt` (the project's settings) on files. */
async function denoFmt(paths: readonly string[]): Promise<void> {
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["fmt", "--quiet", ...paths],
    env: { NO_COLOR: "1" },
    stdout: "null",
    stderr: "piped",
  }).output();
  if (code !== 0) {
    throw new Error(`deno fmt failed on ${paths.join(", ")}:\n${new TextDecoder().decode(stderr)}`);
  }
}

/**
 * Formats and strips the given notebooks (default: all in `notebooks/`) and rewrites those that
 * changed. `deno fmt` runs first because it drops the final newline of each cell it reformats;
 * stripping then restores it, and a second `deno fmt` confirms the file is stable.
 * @param files notebook paths (empty: every notebook)
 * @returns the paths whose content changed
 * @throws {Error} a file that is not a notebook, or `deno fmt` failing
 */
export async function stripNotebookFiles(files: readonly string[]): Promise<string[]> {
  const paths = files.length > 0 ? [...files] : listNotebooks();
  if (paths.length === 0) return [];
  const before = await Promise.all(paths.map((p) => Deno.readTextFile(p)));
  await denoFmt(paths);
  for (const path of paths) {
    const text = await Deno.readTextFile(path);
    let notebook: NotebookJson;
    try {
      notebook = JSON.parse(text);
    } catch (error) {
      throw new Error(`${path}: not a notebook (${(error as Error).message})`);
    }
    if (notebookProblems(notebook).length > 0) {
      await Deno.writeTextFile(path, serializeNotebook(stripNotebook(notebook)));
    }
  }
  await denoFmt(paths);
  const after = await Promise.all(paths.map((p) => Deno.readTextFile(p)));
  return paths.filter((_, i) => before[i] !== after[i]);
}

if (import.meta.main) {
  try {
    const changed = await stripNotebookFiles(Deno.args);
    console.log(
      changed.length === 0
        ? "notebooks: already stripped"
        : `stripped ${changed.length} notebook(s):\n${changed.map((p) => `  ${p}`).join("\n")}`,
    );
  } catch (error) {
    console.error(`error: ${(error as Error).message}`);
    Deno.exit(1);
  }
}
