/**
 * Committed notebooks carry no outputs, execution counts or run timestamps (so their diffs show
 * only what a person changed), and `deno fmt --check` accepts them even on a cold cache. Run
 * `deno task notebooks:strip` to fix a notebook this test rejects.
 *
 * @module
 */

import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { listNotebooks, REPO_ROOT } from "../../src/cli/notebooks.ts";
import {
  DENO_LANGUAGE_INFO,
  type NotebookJson,
  notebookProblems,
  serializeNotebook,
  stripNotebook,
  stripNotebookFiles,
} from "../../src/cli/strip_notebooks.ts";

const FIX = "run `deno task notebooks:strip`";

const read = (path: string): NotebookJson => JSON.parse(Deno.readTextFileSync(path));

/** A notebook as `jupyter nbconvert --execute` leaves it. */
function executedNotebook(): NotebookJson {
  return {
    cells: [
      { cell_type: "markdown", id: "m", metadata: {}, source: ["# Title"] },
      {
        cell_type: "code",
        id: "c",
        metadata: { execution: { "iopub.status.busy": "2026-11-25T12:00:00Z" }, tags: ["x"] },
        source: ["const a = 1;\n", "await print(a);"],
        outputs: [{ output_type: "display_data", data: { "text/plain": "1" }, metadata: {} }],
        execution_count: 7,
      },
    ],
    metadata: {
      kernelspec: { display_name: "Deno", language: "typescript", name: "deno" },
      language_info: { ...DENO_LANGUAGE_INFO, version: "6.0.3" },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

for (const path of listNotebooks()) {
  const name = path.replace(`${REPO_ROOT}/`, "");

  Deno.test(`${name} is committed without outputs or execution counts`, () => {
    const notebook = read(path);
    for (const [i, cell] of notebook.cells.entries()) {
      if (cell.cell_type !== "code") continue;
      deepEqual(cell.outputs, [], `cells[${i}] (${cell.id}) has outputs: ${FIX}`);
      equal(cell.execution_count, null, `cells[${i}] (${cell.id}) has an execution count: ${FIX}`);
      equal(cell.metadata.execution, undefined, `cells[${i}] (${cell.id}) has timestamps: ${FIX}`);
    }
    deepEqual(notebookProblems(notebook), [], FIX);
  });

  Deno.test(`${name} runs on the Deno kernel and has unique cell ids`, () => {
    const notebook = read(path);
    equal(notebook.nbformat, 4);
    deepEqual(notebook.metadata.kernelspec, {
      display_name: "Deno",
      language: "typescript",
      name: "deno",
    });
    const ids = notebook.cells.map((c) => c.id);
    ok(ids.every((id) => typeof id === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(id)), "ids");
    equal(new Set(ids).size, ids.length, "cell ids are unique");
  });
}

Deno.test("notebooks pass `deno fmt --check` on a cold cache", async () => {
  const cache = await Deno.makeTempDir({ prefix: "capsim-fmt-cache-" });
  try {
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["fmt", "--check", ...listNotebooks()],
      cwd: REPO_ROOT,
      env: { DENO_DIR: cache, NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const log = new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr);
    equal(code, 0, `deno fmt --check failed (${FIX}):\n${log.slice(-2000)}`);
  } finally {
    await Deno.remove(cache, { recursive: true });
  }
});

Deno.test("stripNotebook() removes outputs, counts and timestamps and keeps everything else", () => {
  const executed = executedNotebook();
  const before = structuredClone(executed);
  const stripped = stripNotebook(executed);
  deepEqual(executed, before, "the input is not modified");
  const code = stripped.cells[1];
  deepEqual(code.outputs, []);
  equal(code.execution_count, null);
  deepEqual(code.metadata, { tags: ["x"] });
  deepEqual(code.source, ["const a = 1;\n", "await print(a);\n"]);
  deepEqual(stripped.cells[0].source, ["# Title\n"]);
  deepEqual(stripped.metadata.language_info, DENO_LANGUAGE_INFO);
  deepEqual(stripped.metadata.kernelspec, executed.metadata.kernelspec);
  deepEqual(stripNotebook(stripped), stripped, "stripping twice changes nothing");
});

Deno.test("notebookProblems() names each cell that is not stripped", () => {
  deepEqual(notebookProblems(executedNotebook()), [
    "cells[0] (id m): source does not end with a newline",
    "cells[1] (id c): has 1 output(s)",
    "cells[1] (id c): has execution_count 7",
    "cells[1] (id c): has run timestamps",
    "cells[1] (id c): source does not end with a newline",
    "metadata.language_info: expected the Deno kernel's (TypeScript, no version)",
  ]);
  throws(() => notebookProblems({} as NotebookJson), TypeError);
  throws(() => stripNotebook({ cells: "x" } as unknown as NotebookJson), TypeError);
});

Deno.test("stripNotebookFiles() rewrites an executed notebook into a clean, formatted one", async () => {
  const dir = await Deno.makeTempDir({ prefix: "capsim-strip-test-" });
  try {
    const path = `${dir}/executed.ipynb`;
    await Deno.writeTextFile(path, serializeNotebook(executedNotebook()));
    deepEqual(await stripNotebookFiles([path]), [path]);
    deepEqual(notebookProblems(read(path)), []);
    deepEqual(await stripNotebookFiles([path]), [], "a stripped notebook is left as it is");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
