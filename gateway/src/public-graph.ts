/**
 * Runs an operation against the public (anonymous, read-only) graph, in process, through the same gateway schema and
 * subgraphs that serve /graphql. Feeds such as /events.ics and /downloads are built on it, so they never read a
 * database directly and always agree with the API.
 */
export interface PublicGraphResult<T> {
  data?: T | null;
  errors?: ReadonlyArray<{
    message: string;
    path?: ReadonlyArray<string | number>;
    extensions?: Record<string, unknown>;
  }>;
}

export type ExecutePublic = <T = Record<string, unknown>>(
  query: string,
  variables?: Record<string, unknown>,
) => Promise<PublicGraphResult<T>>;
