import { readFileSync, writeFileSync } from "node:fs";

/** Peak resident memory of the process: sampled rss, and the kernel's high-water mark (VmHWM) where there is one. */
export class MemoryWatch {
  private peak = 0;
  private timer: NodeJS.Timeout | null = null;

  start(): void {
    // Resets the kernel's high-water mark, so VmHWM covers the import only (Linux).
    try {
      writeFileSync("/proc/self/clear_refs", "5");
    } catch {
      // not Linux, or not allowed: the sampled figure stands
    }
    this.peak = process.memoryUsage().rss;
    this.timer = setInterval(() => {
      this.peak = Math.max(this.peak, process.memoryUsage().rss);
    }, 20);
  }

  stop(): { sampledMb: number; hwmMb: number | null } {
    if (this.timer) clearInterval(this.timer);
    this.peak = Math.max(this.peak, process.memoryUsage().rss);
    let hwmMb: number | null = null;
    try {
      const kb = /^VmHWM:\s+([0-9]+) kB/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
      if (kb) hwmMb = Number(kb) / 1024;
    } catch {
      // not Linux
    }
    return { sampledMb: this.peak / 1024 / 1024, hwmMb };
  }
}
