import { post, quiesce } from "./checks";
import { runLoad } from "./load";
import { measureCpu } from "./machine";
import { statementTotal, type Service, type Subgraphs } from "./services";
import type { OpCost, SideResult } from "./results";
import type { Side } from "./sides";

/**
 * CPU milliseconds per request of every process, for one side (before or after issue #19's levers): each operation is
 * sent through the side's gateway (response cache off) by `connections` keep-alive connections for a short cell, and
 * each process's CPU time (/proc/<pid>/stat) is divided by the requests answered. Every answer is compared byte for
 * byte with the side's first answer, and the before side's first answer with the after side's.
 */

export interface CpuOp {
  id: string;
  kind: "workload" | "dashboard";
  body: string;
}

/**
 * The answer every request of the cell must get. Asked up to three times, after the previous cell's requests have
 * drained: on a loaded machine the first request after a cell can time out in a subgraph that is still busy.
 */
async function firstAnswer(
  url: string,
  op: CpuOp,
  side: Side,
  subgraphs: Subgraphs,
): Promise<{ status: number; text: string }> {
  let answer = { status: 0, text: "" };
  for (let attempt = 1; attempt <= 3; attempt++) {
    await quiesce(subgraphs);
    answer = await post(url, op.body);
    let parsed: { data?: unknown; errors?: unknown } = {};
    try {
      parsed = JSON.parse(answer.text) as typeof parsed;
    } catch {
      // not JSON (e.g. a proxy's error page): asked again
    }
    if (answer.status === 200 && !parsed.errors && parsed.data) return answer;
    await new Promise((r) => setTimeout(r, 1000 * attempt));
  }
  throw new Error(`${op.id} (${side.name}): status ${answer.status}, ${answer.text.slice(0, 400)}`);
}

export async function measureSide(args: {
  side: Side;
  gateway: Service;
  subgraphs: Subgraphs;
  ops: CpuOp[];
  connections: number;
  seconds: number;
  warmupSeconds: number;
  postgresMaster?: number;
  /** The after side's answers, by op id (for the before side). */
  reference?: Map<string, string>;
  say: (line: string) => void;
  stopped: () => boolean;
}): Promise<{ result: SideResult; answers: Map<string, string> }> {
  const { side, gateway, subgraphs, connections, seconds } = args;
  const names = new Map(
    subgraphs.services.flatMap((s) =>
      s.child.pid === undefined ? [] : [[s.child.pid, s.name.replace(/^before-/, "")] as const],
    ),
  );
  const answers = new Map<string, string>();
  const ops: OpCost[] = [];
  for (const op of args.ops) {
    let first: { status: number; text: string };
    try {
      first = await firstAnswer(gateway.url, op, side, subgraphs);
    } catch (error) {
      // An operation that cannot be answered at this scale is a finding, written in the report, not the end of the run.
      const message = (error as Error).message;
      ops.push({
        id: op.id,
        kind: op.kind,
        requests: 0,
        rps: 0,
        failures: 1,
        statements: 0,
        bytes: 0,
        sameAsAfter: null,
        perProcess: {},
        total: NaN,
        error: message,
      });
      args.say(`${side.name.padEnd(6)} ${op.id.padEnd(24)} NOT MEASURED: ${message.slice(0, 300)}`);
      continue;
    }
    answers.set(op.id, first.text);
    const reference = args.reference?.get(op.id);
    await quiesce(subgraphs);
    const before = await statementTotal(subgraphs);
    await post(gateway.url, op.body);
    await new Promise((r) => setTimeout(r, 150));
    const statements = (await statementTotal(subgraphs)) - before;
    const target = { url: gateway.url, body: op.body, expectBody: first.text };
    if (args.warmupSeconds > 0) await runLoad(target, connections, args.warmupSeconds);
    await quiesce(subgraphs);
    const cpu = measureCpu({
      gateway: gateway.child.pid,
      subgraphs: [...names.keys()],
      postgresMaster: args.postgresMaster,
      names,
    });
    const cell = await runLoad(target, connections, seconds);
    const split = cpu.stop();
    if (args.stopped()) throw new Error("interrupted");
    const perProcess: Record<string, number> = {};
    const ms = (cores: number) => (cell.rps > 0 ? (cores / cell.rps) * 1000 : NaN);
    if (split.gateway !== null) perProcess.gateway = ms(split.gateway);
    for (const [name, cores] of Object.entries(split.bySubgraph ?? {})) perProcess[name] = ms(cores);
    if (split.postgres !== null) perProcess.PostgreSQL = ms(split.postgres);
    const total = Object.values(perProcess).reduce((a, b) => a + b, 0);
    ops.push({
      id: op.id,
      kind: op.kind,
      requests: cell.requests,
      rps: cell.rps,
      failures: cell.errors + cell.non2xx + cell.mismatches,
      statements,
      bytes: Buffer.byteLength(first.text),
      sameAsAfter: reference === undefined ? null : reference === first.text,
      perProcess,
      total,
    });
    args.say(
      `${side.name.padEnd(6)} ${op.id.padEnd(24)} ${cell.rps.toFixed(0).padStart(5)} req/s  CPU ${total.toFixed(2)} ms/request (gateway ${(perProcess.gateway ?? NaN).toFixed(2)})  ${statements} statements` +
        (reference !== undefined && reference !== first.text ? "  ANSWER DIFFERS FROM AFTER" : ""),
    );
  }
  return {
    result: {
      side: side.name,
      execution: side.execution,
      passthrough: side.passthrough,
      connections,
      seconds,
      ops,
    },
    answers,
  };
}
