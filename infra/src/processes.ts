import { spawn, type ChildProcess } from "node:child_process";
import readline from "node:readline";

export interface Supervised {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

/** Starts a node script as a child process, prefixing each line it prints with its name. */
export function startProcess(name: string, script: string, env: NodeJS.ProcessEnv, cwd: string): Supervised {
  const child = spawn(process.execPath, [script], { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    readline.createInterface({ input: stream }).on("line", (line) => process.stdout.write(`[${name}] ${line}\n`));
  }
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { name, child, exited };
}

/** Runs a node script to completion; rejects with its last output when it fails. */
export function runToCompletion(name: string, script: string, env: NodeJS.ProcessEnv, cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${name} failed (exit ${code}): ${output.trim().split("\n").slice(-3).join(" | ")}`)),
    );
  });
}

/** Asks every child to stop (SIGTERM), and kills those still running after `graceMs`. */
export async function stopAll(children: readonly Supervised[], graceMs = 8000): Promise<void> {
  await Promise.all(
    children.map(async ({ child, exited }) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    }),
  );
}

/** Polls a URL until it answers 2xx, or rejects after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs: number, gone?: Promise<unknown>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void gone?.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`the process behind ${url} exited`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s`);
}
