import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";

export interface Machine {
  cores: number;
  cpuModel: string;
  memoryBytes: number;
  os: string;
  node: string;
}

export function describeMachine(): Machine {
  let osName = `${os.type()} ${os.release()}`;
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync("/etc/os-release", "utf8"))?.[1];
    if (pretty) osName = `${pretty} (kernel ${os.release()})`;
  } catch {
    // not Linux
  }
  return {
    cores: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
    memoryBytes: os.totalmem(),
    os: osName,
    node: process.version,
  };
}

function cpuTimes(): { busy: number; total: number } | null {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0];
    const values = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = values[3] + (values[4] ?? 0);
    const total = values.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/** The share of all cores busy over `ms` (Linux /proc/stat), e.g. other work on a shared machine. */
export async function busyShare(ms = 3000): Promise<number | null> {
  const before = cpuTimes();
  await new Promise((r) => setTimeout(r, ms));
  const after = cpuTimes();
  if (!before || !after || after.total === before.total) return null;
  return (after.busy - before.busy) / (after.total - before.total);
}

const CLOCK_TICKS = 100; // USER_HZ: 100 on every Linux architecture Node runs on

/** CPU seconds a process has used (user + system), from /proc/<pid>/stat; null when it is gone or not on Linux. */
export function processCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** The processes whose parent is `pid` (e.g. the backends of a PostgreSQL postmaster). */
export function childrenOf(pid: number): number[] {
  const found: number[] = [];
  try {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        if (parent === pid) found.push(Number(entry));
      } catch {
        // exited meanwhile
      }
    }
  } catch {
    // not Linux
  }
  return found;
}

/** Busy and total jiffies of the whole machine (all cores). */
export function machineCpu(): { busy: number; total: number } | null {
  return cpuTimes();
}

export type CpuGroup = "gateway" | "subgraphs" | "postgres" | "loadgen";

/** CPU used per group of processes between `start()` and `stop()`, in cores (CPU seconds per second of wall time). */
export interface CpuSplit {
  gateway: number | null;
  subgraphs: number;
  postgres: number | null;
  loadgen: number;
  /** Everything else on the machine: other users of a shared machine, and the processes of ours not in a group. */
  other: number | null;
  /** All cores busy, in cores. */
  machine: number | null;
  /** `subgraphs` split by process (its name: "indicators", "floor", …), in cores. */
  bySubgraph?: Record<string, number>;
}

export function measureCpu(groups: {
  gateway?: number;
  subgraphs: number[];
  postgresMaster?: number;
  names?: Map<number, string>;
}): { stop(): CpuSplit } {
  const postgresPids = () =>
    groups.postgresMaster ? [groups.postgresMaster, ...childrenOf(groups.postgresMaster)] : [];
  const snapshot = () => {
    const pg = new Map(postgresPids().map((pid) => [pid, processCpuSeconds(pid)]));
    const usage = process.cpuUsage();
    return {
      at: process.hrtime.bigint(),
      gateway: groups.gateway ? processCpuSeconds(groups.gateway) : null,
      subgraphs: new Map(groups.subgraphs.map((pid) => [pid, processCpuSeconds(pid)])),
      pg,
      loadgen: (usage.user + usage.system) / 1e6,
      machine: cpuTimes(),
    };
  };
  const before = snapshot();
  return {
    stop: () => {
      const after = snapshot();
      const seconds = Number(after.at - before.at) / 1e9;
      const delta = (a: Map<number, number | null>, b: Map<number, number | null>) => {
        let sum = 0;
        for (const [pid, value] of b) {
          const was = a.get(pid);
          if (value !== null && was !== undefined && was !== null) sum += value - was;
        }
        return sum;
      };
      const gateway =
        after.gateway !== null && before.gateway !== null ? (after.gateway - before.gateway) / seconds : null;
      const subgraphs = delta(before.subgraphs, after.subgraphs) / seconds;
      const bySubgraph: Record<string, number> = {};
      for (const [pid, value] of after.subgraphs) {
        const was = before.subgraphs.get(pid);
        const name = groups.names?.get(pid);
        if (name && value !== null && was !== undefined && was !== null) bySubgraph[name] = (value - was) / seconds;
      }
      const postgres = groups.postgresMaster ? delta(before.pg, after.pg) / seconds : null;
      const loadgen = (after.loadgen - before.loadgen) / seconds;
      const cores = os.availableParallelism();
      const machine =
        after.machine && before.machine && after.machine.total > before.machine.total
          ? ((after.machine.busy - before.machine.busy) / (after.machine.total - before.machine.total)) * cores
          : null;
      const other =
        machine === null ? null : Math.max(0, machine - (gateway ?? 0) - subgraphs - (postgres ?? 0) - loadgen);
      return { gateway, subgraphs, postgres, loadgen, other, machine, bySubgraph };
    },
  };
}
