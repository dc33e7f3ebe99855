import type { TypedDocumentString } from "./gql/graphql";
import persistedDocuments from "./gql/persisted-documents.json";

/** An error of the graph as the endpoint sends it (message and a stable `extensions.code`). */
export interface GraphQLErrorShape {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; [key: string]: unknown };
}

/** The request failed as a whole: no data came back. */
export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly errors: readonly GraphQLErrorShape[],
    readonly status?: number,
  ) {
    super(message);
    this.name = "GraphQLRequestError";
  }
}

export interface GraphQLResult<T> {
  data: T;
  /** Present when part of the answer failed (e.g. one subgraph is down): the rest is still shown. */
  errors?: readonly GraphQLErrorShape[];
}

type Fetch = (
  input: string,
  init?: { headers?: Record<string, string> },
) => Promise<{ status: number; json(): Promise<unknown> }>;

export interface Client {
  endpoint: string;
  execute<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    variables: TVariables,
  ): Promise<GraphQLResult<TResult>>;
}

const documents = persistedDocuments as Record<string, string>;

/** The sha256 of an operation's text, from its persisted-document entry (`sha256:<hex>`). */
export function documentHash(document: { __meta__?: Record<string, unknown> }): string {
  const hash = document.__meta__?.hash;
  if (typeof hash !== "string" || !documents[hash])
    throw new Error("not a persisted document: run npm run codegen -w @wsis/dashboard");
  return hash;
}

/** The exact text registered for a document (the text its hash is taken of). */
export function documentText(document: { __meta__?: Record<string, unknown> }): string {
  return documents[documentHash(document)];
}

/** The operation's name, for the URL, the logs and the metrics of the gateway. */
export function operationName(text: string): string {
  return /^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(text)?.[1] ?? "";
}

/** Drops undefined and null variables, so one request has one URL (and one cache entry). */
export function cleanVariables(variables: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries((variables ?? {}) as Record<string, unknown>)) {
    if (value !== undefined && value !== null) out[key] = value;
  }
  return out;
}

/**
 * The GET URL of a persisted operation: its name, variables and sha256 (Apollo's persisted-query extension), and its
 * full text only when `withText` (the endpoint did not know the hash yet).
 */
export function requestUrl(
  endpoint: string,
  document: { __meta__?: Record<string, unknown> },
  variables: unknown,
  withText = false,
): string {
  const hash = documentHash(document);
  const text = documents[hash];
  const params = new URLSearchParams();
  params.set("operationName", operationName(text));
  const vars = cleanVariables(variables);
  if (Object.keys(vars).length) params.set("variables", JSON.stringify(vars));
  params.set(
    "extensions",
    JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash.replace(/^sha256:/, "") } }),
  );
  if (withText) params.set("query", text);
  return `${endpoint}?${params.toString()}`;
}

/**
 * A client of the public endpoint that sends every operation as GET with its hash only — so the gateway's response
 * cache, the browser's cache and any CDN can answer it — and with the full text once when the endpoint answers
 * PERSISTED_QUERY_NOT_FOUND (it then registers it). `apollo-require-preflight` is the header the gateway's CSRF
 * prevention asks of GET requests.
 */
export function createClient(endpoint: string, fetchImpl: Fetch = (input, init) => fetch(input, init)): Client {
  const send = async (url: string) => {
    const response = await fetchImpl(url, {
      headers: { accept: "application/graphql-response+json, application/json", "apollo-require-preflight": "true" },
    });
    let body: { data?: unknown; errors?: GraphQLErrorShape[] };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      throw new GraphQLRequestError(
        `The endpoint answered ${response.status} without a GraphQL response`,
        [],
        response.status,
      );
    }
    return { status: response.status, body };
  };
  return {
    endpoint,
    async execute(document, variables) {
      let { status, body } = await send(requestUrl(endpoint, document, variables));
      if (body.errors?.some((e) => e.extensions?.code === "PERSISTED_QUERY_NOT_FOUND")) {
        ({ status, body } = await send(requestUrl(endpoint, document, variables, true)));
      }
      if (body.data === undefined || body.data === null) {
        const errors = body.errors ?? [];
        const first = errors[0];
        const code = first?.extensions?.code ? ` (${first.extensions.code})` : "";
        throw new GraphQLRequestError(
          first ? `${first.message}${code}` : `The endpoint answered ${status} without data`,
          errors,
          status,
        );
      }
      return body.errors?.length ? { data: body.data as never, errors: body.errors } : { data: body.data as never };
    },
  };
}
