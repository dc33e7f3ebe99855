import type { Measurement, ScaleResult } from "./results";

/** CPU ms per request of each process through the hub's gateway (cache off), this run next to a baseline run's. */
export function baselineSection(baseline: { label: string; results: ScaleResult[] }, results: ScaleResult[]): string[] {
  const lines: string[] = [
    "## CPU per request, before and after",
    "",
    `Through the hub's gateway (response cache off), at the most connections of each run: CPU milliseconds per request of each process (its CPU time ÷ requests answered; the kernel counts CPU time in 10 ms ticks, so a cell of few requests is coarse). Before: ${baseline.label}. After: this run. A busy machine changes these much less than throughput or latency.`,
    "",
    "| scale | query | process | before ms | after ms | after / before | requests measured (before / after) |",
    "|---|---|---|---:|---:|---:|---:|",
  ];
  const hubCell = (r: ScaleResult | undefined, query: string): Measurement | undefined => {
    const cells = (r?.measurements ?? []).filter((m) => m.query === query && m.target === "hub");
    const most = Math.max(...cells.map((m) => m.cell.connections));
    return cells.find((m) => m.cell.connections === most);
  };
  const perRequest = (m: Measurement | undefined): Map<string, number> => {
    const out = new Map<string, number>();
    if (!m || m.cell.rps <= 0) return out;
    const ms = (cores: number | null) => (cores === null ? null : (cores / m.cell.rps) * 1000);
    const gateway = ms(m.cpu.gateway);
    if (gateway !== null) out.set("gateway", gateway);
    for (const [name, cores] of Object.entries(m.cpu.bySubgraph ?? {}))
      out.set(`subgraph ${name}`, ms(cores) as number);
    if (!m.cpu.bySubgraph) out.set("subgraphs", ms(m.cpu.subgraphs) as number);
    const postgres = ms(m.cpu.postgres);
    if (postgres !== null) out.set("PostgreSQL", postgres);
    out.set(
      "all processes",
      [...out.values()].reduce((a, b) => a + b, 0),
    );
    return out;
  };
  for (const r of results) {
    const before = baseline.results.find((b) => b.scale === r.scale);
    for (const query of [...new Set(r.measurements.map((m) => m.query))]) {
      const cellA = hubCell(before, query);
      const cellB = hubCell(r, query);
      const a = perRequest(cellA);
      const b = perRequest(cellB);
      const counted = `${cellA?.cell.requests ?? "–"} / ${cellB?.cell.requests ?? "–"}`;
      const names = [...new Set([...a.keys(), ...b.keys()])].filter(
        (n) => Math.max(a.get(n) ?? 0, b.get(n) ?? 0) >= 0.05,
      );
      names.sort((x, y) => (x === "all processes" ? 1 : y === "all processes" ? -1 : 0));
      for (const name of names) {
        const x = a.get(name);
        const y = b.get(name);
        const bold = name === "all processes" ? "**" : "";
        lines.push(
          `| ${r.scale} | ${query} | ${bold}${name}${bold} | ${x === undefined ? "–" : x.toFixed(1)} | ${y === undefined ? "–" : y.toFixed(1)} | ${x && y !== undefined ? `${(y / x).toFixed(2)}×` : "–"} | ${counted} |`,
        );
      }
    }
  }
  lines.push("");
  return lines;
}
