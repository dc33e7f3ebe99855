/// <reference types="jest" />
import type { SubgraphModule } from "../runner";
import { startTestSubgraph, type TestSubgraph } from "./subgraph-harness";

/**
 * A test subgraph for the calling test file, so that the tests of one subgraph can be split into files by subject
 * with their helpers in a module of their own: it is started in beforeAll and stopped in afterAll (registered here),
 * and the object returned forwards to it once started (use it inside tests and hooks, not at module level).
 */
export function subgraphForThisFile<S>(
  module: SubgraphModule<S>,
  options?: Parameters<typeof startTestSubgraph<S>>[1],
): TestSubgraph<S> {
  let started: TestSubgraph<S> | undefined;
  beforeAll(async () => {
    started = await startTestSubgraph(module, options);
  });
  afterAll(async () => {
    await started?.stop();
  });
  return new Proxy({} as TestSubgraph<S>, {
    get(_, property) {
      if (!started) throw new Error(`the ${module.name} subgraph is not started yet: use it inside a test or a hook`);
      const value: unknown = Reflect.get(started, property);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(started) : value;
    },
  });
}
