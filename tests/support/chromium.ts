/**
 * Headless Chromium for the browser tests (report and notebooks): finding the binary, running it
 * with the flags that work on a machine without network or GPU (TOOLCHAIN.md §7), and a probe
 * script that records where each chart landed, for `--dump-dom`.
 *
 * @module
 */

/** What to tell the user when Chromium is missing. */
export const CHROMIUM_MISSING = "Chromium is not installed: run `apt-get install -y " +
  "--no-install-recommends chromium` (Debian package `chromium`) to run the browser tests.";

/**
 * The Chromium binary on PATH, if any.
 * @returns its path, or undefined
 */
export function findChromium(): string | undefined {
  const names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];
  for (const dir of (Deno.env.get("PATH") ?? "").split(":").filter(Boolean)) {
    for (const name of names) {
      try {
        if (Deno.statSync(`${dir}/${name}`).isFile) return `${dir}/${name}`;
      } catch { /* not here */ }
    }
  }
  return undefined;
}

/**
 * Runs headless Chromium with a fresh profile and returns its stdout (e.g. the `--dump-dom`).
 * @param bin the binary
 * @param profile a fresh user-data directory
 * @param args page-specific arguments (window size, `--dump-dom` or `--screenshot=…`, the URL)
 * @param timeoutMs how long it may take
 * @returns stdout
 * @throws {Error} a non-zero exit, with the end of stderr
 */
export async function runChromium(
  bin: string,
  profile: string,
  args: string[],
  timeoutMs = 60_000,
): Promise<string> {
  const { code, stdout, stderr } = await new Deno.Command(bin, {
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--hide-scrollbars",
      "--force-device-scale-factor=1",
      `--user-data-dir=${profile}`,
      ...args,
    ],
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(timeoutMs),
  }).output();
  if (code !== 0) {
    throw new Error(`chromium exited ${code}: ${new TextDecoder().decode(stderr).slice(-2000)}`);
  }
  return new TextDecoder().decode(stdout);
}

/** Written into a copy of a page: records where each chart's SVG landed, for `--dump-dom`. */
export const CHART_PROBE = `<script>
document.querySelectorAll("figure.capsim-chart svg").forEach((svg) => {
  const r = svg.getBoundingClientRect();
  svg.setAttribute("data-rect", [r.left + scrollX, r.top + scrollY, r.width, r.height].join(","));
});
document.body.setAttribute("data-height", String(document.documentElement.scrollHeight));
</script>`;
