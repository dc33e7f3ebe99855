import { spawn, type ChildProcess } from "node:child_process";
import readline from "node:readline";
import { REPO_ROOT } from "../config";
import { waitForHttp } from "../processes";

/** A process of the cluster that can be killed and started again. */
export interface Member {
  name: string;
  kind: "gateway" | "subgraph" | "haproxy" | "redis";
  port: number;
  /** Its name in HAProxy ("backend/server"), for the gateways and subgraphs. */
  server?: string;
  pid(): number | undefined;
  start(): Promise<void>;
  /** SIGKILL: what a crash or an OOM kill does (in-flight requests are cut). */
  kill(): Promise<void>;
  /** SIGTERM: a graceful stop (in-flight requests finish). */
  stop(): Promise<void>;
}

/** How a member is started: its command, environment, and the URL that answers once it is ready. */
export interface Spec {
  name: string;
  kind: Member["kind"];
  port: number;
  server?: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  ready?: string;
}

/** A member of the cluster: started, killed and stopped by signal, its last lines kept for when it fails. */
export function member(spec: Spec, output?: (name: string, line: string) => void): Member {
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const recent: string[] = [];
  const start = async () => {
    child = spawn(spec.command, spec.args, { env: spec.env, cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    const current = child;
    exited = new Promise((resolve) => current.once("exit", () => resolve()));
    for (const stream of [current.stdout, current.stderr]) {
      if (!stream) continue;
      readline.createInterface({ input: stream }).on("line", (line) => {
        recent.push(line);
        if (recent.length > 20) recent.shift();
        output?.(spec.name, line);
      });
    }
    let gone = false;
    const done = exited.then(() => (gone = true));
    if (spec.ready) {
      try {
        await waitForHttp(spec.ready, 300_000, done);
      } catch (error) {
        throw new Error(`${spec.name}: ${(error as Error).message}${gone ? `: ${recent.slice(-5).join(" | ")}` : ""}`);
      }
    }
  };
  const signal = async (sig: NodeJS.Signals) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(sig);
    const timer = setTimeout(() => child?.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  };
  return {
    name: spec.name,
    kind: spec.kind,
    port: spec.port,
    server: spec.server,
    pid: () => child?.pid,
    start,
    kill: () => signal("SIGKILL"),
    stop: () => signal(spec.kind === "haproxy" ? "SIGUSR1" : "SIGTERM"),
  };
}
