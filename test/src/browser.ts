import { accessSync, constants } from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";

/**
 * Debian's Chromium (`apt-get install chromium`), found on the PATH (or CHROMIUM_PATH), driven by playwright-core —
 * which downloads no browser of its own. Without one, the browser tests are skipped with one line, unless
 * REQUIRE_BROWSER=1 (CI), where its absence fails the run.
 */
export function findChromium(): string | undefined {
  const candidates = process.env.CHROMIUM_PATH
    ? [process.env.CHROMIUM_PATH]
    : (process.env.PATH ?? "")
        .split(path.delimiter)
        .flatMap((dir) => ["chromium", "chromium-browser"].map((name) => path.join(dir, name)));
  return candidates.find((file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export const NO_CHROMIUM_NOTE =
  "note: no chromium on the PATH; the dashboard's browser tests do not run (apt-get install chromium)";

/** The Chromium to test with, or undefined (and the one-line note) when there is none and none is required. */
export function chromiumForTests(): string | undefined {
  const found = findChromium();
  if (found) return found;
  if (process.env.REQUIRE_BROWSER === "1")
    throw new Error("REQUIRE_BROWSER=1 but no chromium is on the PATH: apt-get install -y chromium");
  process.stderr.write(`${NO_CHROMIUM_NOTE}\n`);
  return undefined;
}

/**
 * Headless Chromium with nothing that calls out (no background networking, no component updates, no first-run pages);
 * Playwright gives each launch a fresh, temporary user-data directory.
 */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-dev-shm-usage",
    ],
  });
}
