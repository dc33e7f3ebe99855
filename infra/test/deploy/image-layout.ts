import { execSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from "node:fs";
import path from "node:path";
import { DockerfileParser, type Instruction } from "dockerfile-ast";
import { REPO_ROOT } from "./deploy-rules";

/**
 * Lays out the Dockerfile's runtime image in a folder, without Docker: the `deps` stage's COPY instructions and its
 * `npm ci` (as written, against the npm registry and this machine's npm cache), then the runtime stage's COPY
 * instructions, taking the build stage's files from this checkout after `npm run build`. Docker's COPY semantics
 * are kept: a directory's contents go to the destination, a file into a destination ending in `/` keeps its name.
 * Returns the runtime's environment (its ENV instructions) and where the entry point was copied.
 */
export interface ImageLayout {
  app: string;
  entrypoint: string;
  env: Record<string, string>;
}

const flagsOf = (i: Instruction) =>
  Object.fromEntries(
    ((i as unknown as { getFlags(): Array<{ getName(): string; getValue(): string | null }> }).getFlags?.() ?? []).map(
      (f) => [f.getName(), f.getValue()],
    ),
  );

/** COPY; `move` takes a throw-away stage's files instead of copying them (the same result, without copying 300 MB). */
function copy(from: string, dest: string, into: (dest: string) => string, move = false): void {
  const target = into(dest);
  const directory = statSync(from).isDirectory();
  const final = !directory && dest.endsWith("/") ? path.join(target, path.basename(from)) : target;
  mkdirSync(move && directory ? final : path.dirname(final), { recursive: true });
  if (move && directory)
    for (const entry of readdirSync(from)) renameSync(path.join(from, entry), path.join(final, entry));
  else cpSync(from, final, { recursive: true, verbatimSymlinks: true });
}

export function layOutImage(root: string): ImageLayout {
  const dockerfile = DockerfileParser.parse(readFileSync(path.join(REPO_ROOT, "Dockerfile"), "utf8"));
  const deps = path.join(root, "deps");
  const image = path.join(root, "image");
  const app = path.join(image, "app");
  // Where a destination lands: WORKDIR is /app (the deps folder, or image/app); other absolute paths under image/.
  const inImage = (workdir: string) => (dest: string) =>
    !dest.startsWith("/")
      ? path.join(workdir, dest)
      : /^\/app(\/|$)/.test(dest)
        ? path.join(workdir, dest.slice(4))
        : path.join(image, dest);
  const env: Record<string, string> = {};
  let stage = "";
  let entrypoint = "";
  for (const i of dockerfile.getInstructions()) {
    const keyword = i.getKeyword();
    if (keyword === "FROM") {
      stage = /\bAS\s+(\S+)/i.exec(i.getArgumentsContent() ?? "")?.[1] ?? "";
      continue;
    }
    if (stage !== "deps" && stage !== "runtime") continue;
    const base = stage === "deps" ? deps : app;
    if (keyword === "COPY") {
      const args = i.getArguments().map((a) => a.getValue());
      const dest = args.pop() as string;
      const from = flagsOf(i).from;
      for (const source of args) {
        const origin =
          from === "deps"
            ? path.join(deps, source.replace(/^\/app\/?/, ""))
            : path.join(REPO_ROOT, source.replace(/^\/app\//, ""));
        copy(origin, dest, inImage(base), from === "deps");
        if (dest === "/usr/local/bin/wsis-hub") entrypoint = inImage(base)(dest);
      }
    } else if (keyword === "RUN" && stage === "deps") {
      // The npm ci of the deps stage as written; `npm cache clean` (which would empty this machine's cache) is not run.
      for (const command of (i.getArgumentsContent() ?? "")
        .replace(/\\\n/g, " ")
        .split("&&")
        .map((c) => c.trim())) {
        if (/^npm cache clean/.test(command)) continue;
        execSync(`${command} --prefer-offline`, { cwd: deps, stdio: "ignore", env: { ...process.env, CI: "true" } });
      }
    } else if (keyword === "ENV" && stage === "runtime") {
      for (const [, name, value] of (i.getArgumentsContent() ?? "").matchAll(/(\w+)=(\S+)/g)) env[name] = value;
    }
  }
  if (!entrypoint) throw new Error("the runtime stage copies no entry point to /usr/local/bin/wsis-hub");
  return { app, entrypoint, env };
}
