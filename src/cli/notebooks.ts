/**
 * `deno task notebooks`: executes every notebook in `notebooks/` top to bottom with Jupyter's
 * `nbconvert` and the Deno kernel, writing `out/notebooks/<name>.html`. Exits non-zero when a
 * notebook fails (a cell throws, or a cell runs past the timeout) or when `jupyter` is missing.
 *
 * Usage: `deno task notebooks [name …] [--out <dir>] [--timeout <s>]` — names select notebooks by
 * file name (`03`, `03_kv_pressure`, `03_kv_pressure.ipynb`); without names every notebook runs.
 *
 * The kernel comes from the project's kernelspec `jupyter/kernels/deno/kernel.json`, which runs
 * `deno jupyter --kernel` from PATH: the script puts the `deno` running it first on PATH and
 * `jupyter/` on JUPYTER_PATH, so nothing needs installing beyond Debian's Jupyter packages.
 *
 * @example The environment nbconvert runs in: this Deno first on PATH, the project kernelspec.
 * ```ts
 * import { jupyterEnv, KERNELSPEC_DIR } from "./notebooks.ts";
 * import { equal, ok } from "node:assert/strict";
 * const env = jupyterEnv({ PATH: "/usr/bin" });
 * ok(env.PATH.endsWith(":/usr/bin"));
 * equal(env.JUPYTER_PATH, KERNELSPEC_DIR);
 * ```
 * @module
 */

/** Debian packages that provide `jupyter nbconvert` and the kernel client it drives. */
export const JUPYTER_PACKAGES: readonly string[] = [
  "jupyter-nbconvert",
  "python3-nbclient",
  "python3-jupyter-client",
];

/** The command that installs them. */
export const JUPYTER_INSTALL_COMMAND: string = `apt-get install -y --no-install-recommends ${
  JUPYTER_PACKAGES.join(" ")
}`;

/** What to tell a user whose machine has no `jupyter` on PATH. */
export const MISSING_JUPYTER_MESSAGE: string =
  "jupyter is not installed: the notebooks run with Jupyter's nbconvert and the Deno kernel. " +
  `On Debian or Ubuntu: ${JUPYTER_INSTALL_COMMAND} (pip cannot be reached from CI).`;

const root = (path: string) => decodeURIComponent(new URL(path, import.meta.url).pathname);

/** The repository root (absolute path, no trailing slash). */
export const REPO_ROOT: string = root("../..").replace(/\/$/, "");

/** Where the notebooks live. */
export const NOTEBOOKS_DIR: string = `${REPO_ROOT}/notebooks`;

/** Where `deno task notebooks` writes the executed HTML. */
export const NOTEBOOK_OUTPUT_DIR: string = `${REPO_ROOT}/out/notebooks`;

/** The folder holding the project's kernelspec (`kernels/deno/kernel.json`), for JUPYTER_PATH. */
export const KERNELSPEC_DIR: string = `${REPO_ROOT}/jupyter`;

/**
 * The notebooks in a folder, sorted by file name (checkpoint folders are not searched).
 * @param dir the folder (default `notebooks/`)
 * @returns absolute paths of the `*.ipynb` files
 * @throws {Deno.errors.NotFound} no such folder
 */
export function listNotebooks(dir: string = NOTEBOOKS_DIR): string[] {
  return [...Deno.readDirSync(dir)]
    .filter((e) => e.isFile && e.name.endsWith(".ipynb"))
    .map((e) => `${dir}/${e.name}`)
    .sort();
}

/**
 * Finds an executable on a PATH string.
 * @param name the command (`jupyter`)
 * @param path a PATH value (default the process's)
 * @returns the absolute path of the first match, or undefined
 */
export function findOnPath(
  name: string,
  path: string = Deno.env.get("PATH") ?? "",
): string | undefined {
  for (const dir of path.split(":").filter(Boolean)) {
    try {
      const info = Deno.statSync(`${dir}/${name}`);
      if (info.isFile && ((info.mode ?? 0o111) & 0o111) !== 0) return `${dir}/${name}`;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/**
 * The environment for `jupyter nbconvert`: the folder of the running `deno` first on PATH (the
 * kernelspec calls `deno` from PATH), the project's kernelspec folder on JUPYTER_PATH, no colours,
 * and no debugger warning from an installed ipykernel.
 * @param base the environment to extend (default the process's)
 * @returns a new environment
 */
export function jupyterEnv(
  base: Record<string, string> = Deno.env.toObject(),
): Record<string, string> {
  const denoDir = Deno.execPath().replace(/\/[^/]*$/, "");
  const path = [denoDir, base.PATH].filter(Boolean).join(":");
  const jupyterPath = [KERNELSPEC_DIR, base.JUPYTER_PATH].filter(Boolean).join(":");
  return {
    ...base,
    PATH: path,
    JUPYTER_PATH: jupyterPath,
    NO_COLOR: "1",
    RUST_BACKTRACE: "0",
    PYDEVD_DISABLE_FILE_VALIDATION: "1",
  };
}

/** Options of `nbconvert`. */
export interface NbconvertOptions {
  /** Output format: `html` (a page) or `notebook` (the executed .ipynb). */
  to: "html" | "notebook";
  /** Folder to write into (created when missing). */
  outputDir: string;
  /** Execute the notebook first (default true). */
  execute?: boolean;
  /** Longest a single cell may run, s (default 120). */
  cellTimeoutS?: number;
  /** Aborts the conversion (kills nbconvert). */
  signal?: AbortSignal;
}

/** What one `nbconvert` run produced. */
export interface NbconvertResult {
  /** The input notebook. */
  notebook: string;
  /** The written file (`<outputDir>/<name>.html` or `.ipynb`). */
  outputPath: string;
  /** nbconvert's exit code (1 when a cell failed). */
  code: number;
  /** True when nbconvert exited 0. */
  ok: boolean;
  /** nbconvert's stderr (its log, and a failed cell's traceback). */
  log: string;
  /** Wall-clock time, ms. */
  elapsedMs: number;
}

/** The file name of a notebook without folder and extension. */
function stem(path: string): string {
  return path.replace(/^.*\//, "").replace(/\.ipynb$/, "");
}

/**
 * Runs `jupyter nbconvert` on one notebook in the environment of `jupyterEnv`.
 * @param notebook path of the .ipynb
 * @param options format, output folder, execution and timeout
 * @returns the result; a failing notebook is `ok: false`, not an exception
 * @throws {Error} `jupyter` is not on PATH (the message names the Debian packages)
 */
export async function nbconvert(
  notebook: string,
  options: NbconvertOptions,
): Promise<NbconvertResult> {
  const env = jupyterEnv();
  const jupyter = findOnPath("jupyter", env.PATH);
  if (!jupyter) throw new Error(MISSING_JUPYTER_MESSAGE);
  await Deno.mkdir(options.outputDir, { recursive: true });
  const name = stem(notebook);
  const execute = options.execute ?? true;
  const args = [
    "nbconvert",
    "--to",
    options.to,
    ...(execute
      ? [
        "--execute",
        "--ExecutePreprocessor.kernel_name=deno",
        `--ExecutePreprocessor.timeout=${options.cellTimeoutS ?? 120}`,
      ]
      : []),
    "--output-dir",
    options.outputDir,
    "--output",
    name,
    notebook,
  ];
  const started = performance.now();
  const { code, stderr } = await new Deno.Command(jupyter, {
    args,
    env,
    clearEnv: true,
    stdin: "null",
    stdout: "null",
    stderr: "piped",
    signal: options.signal,
  }).output();
  return {
    notebook,
    outputPath: `${options.outputDir}/${name}.${options.to === "html" ? "html" : "ipynb"}`,
    code,
    ok: code === 0,
    log: new TextDecoder().decode(stderr),
    elapsedMs: performance.now() - started,
  };
}

/**
 * The notebooks selected by command-line names: a name matches a notebook whose file name is the
 * name, the name + `.ipynb`, or starts with the name + `_` (`03` → `03_kv_pressure.ipynb`).
 * @param names the names (empty: every notebook)
 * @param notebooks the candidates (absolute paths)
 * @returns the selected paths, in the candidates' order
 * @throws {RangeError} a name that matches no notebook (the message lists them)
 */
export function selectNotebooks(names: readonly string[], notebooks: readonly string[]): string[] {
  if (names.length === 0) return [...notebooks];
  const chosen = new Set<string>();
  for (const name of names) {
    const wanted = stem(name);
    const hits = notebooks.filter((n) => stem(n) === wanted || stem(n).startsWith(`${wanted}_`));
    if (hits.length === 0) {
      throw new RangeError(
        `notebook: expected one of ${notebooks.map((n) => stem(n)).join(", ")}; received ${
          JSON.stringify(name)
        }`,
      );
    }
    hits.forEach((h) => chosen.add(h));
  }
  return notebooks.filter((n) => chosen.has(n));
}

/** Usage text of `deno task notebooks`. */
export const NOTEBOOKS_USAGE = `Usage: deno task notebooks [name ...] [options]

Executes the notebooks in notebooks/ with Jupyter's nbconvert and the Deno kernel and writes
each one, outputs included, as HTML to out/notebooks/<name>.html.

Arguments:
  name             run only these notebooks (03, 03_kv_pressure or 03_kv_pressure.ipynb)

Options:
  --out <dir>      where to write the HTML (default out/notebooks)
  --timeout <s>    longest a cell may run (default 120)
  --help           this text

Needs Jupyter: ${JUPYTER_INSTALL_COMMAND}`;

/** Parsed arguments of `deno task notebooks`. */
export interface NotebooksArgs {
  /** Notebook names (empty: all). */
  names: string[];
  /** Output folder. */
  out: string;
  /** Cell timeout, s. */
  timeoutS: number;
  /** Print usage. */
  help: boolean;
}

/**
 * Parses the arguments of `deno task notebooks`.
 * @param args the command line after the script
 * @returns the arguments
 * @throws {RangeError} an unknown flag, a flag without its value, or a bad timeout
 */
export function parseNotebooksArgs(args: readonly string[]): NotebooksArgs {
  const parsed: NotebooksArgs = { names: [], out: NOTEBOOK_OUTPUT_DIR, timeoutS: 120, help: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--help" || arg === "-h") parsed.help = true;
    else if (arg === "--out" || arg === "--timeout") {
      const value = args[++i];
      if (value === undefined) throw new RangeError(`${arg}: expected a value; received none`);
      if (arg === "--out") parsed.out = value;
      else {
        const n = Number(value);
        if (!(Number.isFinite(n) && n > 0)) {
          throw new RangeError(`--timeout: expected a number of seconds > 0; received ${value}`);
        }
        parsed.timeoutS = n;
      }
    } else if (arg.startsWith("-")) {
      throw new RangeError(`${arg}: unknown option (see --help)`);
    } else parsed.names.push(arg);
  }
  return parsed;
}

/** The last lines of nbconvert's log: where a failed cell's error is. */
function logTail(log: string, lines = 30): string {
  return log.trimEnd().split("\n").filter((l) => !l.includes('"deno jupyter" is unstable'))
    .slice(-lines).join("\n");
}

/**
 * Runs the task: executes the selected notebooks into HTML, one after the other.
 * @param args the command line
 * @returns the exit code: 0 when every notebook ran, 1 otherwise, 2 for bad arguments
 */
export async function main(args: readonly string[]): Promise<number> {
  let options: NotebooksArgs;
  let selected: string[];
  try {
    options = parseNotebooksArgs(args);
    if (options.help) {
      console.log(NOTEBOOKS_USAGE);
      return 0;
    }
    selected = selectNotebooks(options.names, listNotebooks());
  } catch (error) {
    console.error(`error: ${(error as Error).message}`);
    return 2;
  }
  if (!findOnPath("jupyter", jupyterEnv().PATH)) {
    console.error(`error: ${MISSING_JUPYTER_MESSAGE}`);
    return 1;
  }
  const failed: string[] = [];
  for (const notebook of selected) {
    const result = await nbconvert(notebook, {
      to: "html",
      outputDir: options.out,
      cellTimeoutS: options.timeoutS,
    });
    const seconds = (result.elapsedMs / 1000).toFixed(1);
    const name = notebook.replace(`${REPO_ROOT}/`, "");
    if (result.ok) {
      console.log(
        `ok    ${name} → ${result.outputPath.replace(`${REPO_ROOT}/`, "")} (${seconds} s)`,
      );
    } else {
      failed.push(name);
      console.log(`FAIL  ${name} (exit ${result.code}, ${seconds} s)`);
      console.error(logTail(result.log));
    }
  }
  console.log(`notebooks: ${selected.length - failed.length} passed, ${failed.length} failed`);
  return failed.length === 0 ? 0 : 1;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
