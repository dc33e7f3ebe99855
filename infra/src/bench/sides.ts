import path from "node:path";

/**
 * "Before" and "after" issue #19's levers, as environment switches of the processes the benchmark starts:
 * - the subgraphs' execution, SUBGRAPH_EXECUTION (shared/src/graphql/compiled-execution.ts): graphql-js or compiled
 *   (graphql-jit);
 * - the gateway's one-fetch pass-through, GATEWAY_SINGLE_FETCH_PASSTHROUGH (gateway/src/config.ts, default on).
 * Before is the code paths without them; after is what the hub runs by default (or what the operator asked), set
 * explicitly on every process so the report can say which execution each side ran.
 */
export type ExecutionMode = "compiled" | "graphql-js";

export interface Side {
  name: "before" | "after";
  execution: ExecutionMode;
  passthrough: boolean;
  /** The environment added to every subgraph process, and to the gateway. */
  subgraphEnv: NodeJS.ProcessEnv;
  gatewayEnv: NodeJS.ProcessEnv;
}

function side(name: Side["name"], execution: ExecutionMode, passthrough: boolean): Side {
  return {
    name,
    execution,
    passthrough,
    subgraphEnv: { SUBGRAPH_EXECUTION: execution },
    gatewayEnv: { GATEWAY_SINGLE_FETCH_PASSTHROUGH: String(passthrough) },
  };
}

export const BEFORE: Side = side("before", "graphql-js", false);

/** The subgraphs' execution the code picks from SUBGRAPH_EXECUTION (the shared package's own function). */
function defaultExecution(env: NodeJS.ProcessEnv): ExecutionMode {
  // Not exported by @wsis/shared's entry point: loaded from its build by path, so the default is the code's, not a copy.
  const file = path.join(path.dirname(require.resolve("@wsis/shared")), "graphql/compiled-execution");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(file) as { executionModeFromEnv?: (env: NodeJS.ProcessEnv) => ExecutionMode };
  return mod.executionModeFromEnv ? mod.executionModeFromEnv(env) : "graphql-js";
}

/** The gateway's one-fetch pass-through as its configuration parses GATEWAY_SINGLE_FETCH_PASSTHROUGH (default on). */
function defaultPassthrough(env: NodeJS.ProcessEnv): boolean {
  const value = env.GATEWAY_SINGLE_FETCH_PASSTHROUGH;
  return value === undefined || value === "" ? true : value === "true" || value === "1";
}

/** After: the hub as it runs by default (SUBGRAPH_EXECUTION and GATEWAY_SINGLE_FETCH_PASSTHROUGH of the environment). */
export function afterSide(execution?: ExecutionMode, env: NodeJS.ProcessEnv = process.env): Side {
  return side("after", execution ?? defaultExecution(env), defaultPassthrough(env));
}

export const describeSide = (s: Pick<Side, "execution" | "passthrough">): string =>
  `SUBGRAPH_EXECUTION=${s.execution} (${s.execution === "compiled" ? "graphql-jit in the subgraphs" : "graphql-js in the subgraphs"}), GATEWAY_SINGLE_FETCH_PASSTHROUGH=${s.passthrough} (${s.passthrough ? "one-fetch plans handed on" : "every plan through Apollo's execution"})`;
