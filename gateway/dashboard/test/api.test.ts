import { createHash } from "node:crypto";
import { createClient, documentHash, documentText, operationName, requestUrl } from "../src/api";
import persisted from "../src/gql/persisted-documents.json";
import { MapQuery, MatrixQuery } from "../src/queries";

describe("the dashboard's GraphQL client", () => {
  it("every persisted document's key is the sha256 of its exact text", () => {
    for (const [key, text] of Object.entries(persisted as Record<string, string>)) {
      expect(key).toBe(`sha256:${createHash("sha256").update(text).digest("hex")}`);
    }
    expect(documentText(MapQuery)).toMatch(/^query DashboardMap\(/);
  });

  it("sends the hash, the operation name and the variables (undefined and null dropped) as GET parameters", () => {
    const url = new URL(
      requestUrl("https://hub.example/graphql", MapQuery, {
        indicator: "internet_users_pct",
        dataset: undefined,
        release: null,
      }),
      "https://x",
    );
    expect(url.pathname).toBe("/graphql");
    expect(url.searchParams.get("operationName")).toBe("DashboardMap");
    expect(url.searchParams.get("variables")).toBe('{"indicator":"internet_users_pct"}');
    expect(JSON.parse(url.searchParams.get("extensions")!)).toEqual({
      persistedQuery: { version: 1, sha256Hash: documentHash(MapQuery).slice(7) },
    });
    expect(url.searchParams.has("query")).toBe(false);
    expect(operationName(documentText(MatrixQuery))).toBe("DashboardMatrix");
  });

  it("sends the full text once when the endpoint does not know the hash, with the CSRF preflight header every time", async () => {
    const calls: Array<{ url: string; headers?: Record<string, string> }> = [];
    const answers = [
      { errors: [{ message: "PersistedQueryNotFound", extensions: { code: "PERSISTED_QUERY_NOT_FOUND" } }] },
      { data: { actionLines: [], sdgGoals: [] } },
    ];
    const client = createClient("/graphql", async (url, init) => {
      calls.push({ url, headers: init?.headers });
      return { status: 200, json: async () => answers.shift() };
    });
    await expect(client.execute(MatrixQuery, {})).resolves.toEqual({ data: { actionLines: [], sdgGoals: [] } });
    expect(calls).toHaveLength(2);
    expect(new URL(calls[0].url, "http://x").searchParams.has("query")).toBe(false);
    expect(new URL(calls[1].url, "http://x").searchParams.get("query")).toBe(documentText(MatrixQuery));
    expect(calls.every((c) => c.headers?.["apollo-require-preflight"] === "true")).toBe(true);
  });

  it("an answer without data is an error that carries the endpoint's code; a partial answer keeps its data and errors", async () => {
    const refusing = createClient("/graphql", async () => ({
      status: 400,
      json: async () => ({ errors: [{ message: "Too costly", extensions: { code: "QUERY_TOO_COSTLY" } }] }),
    }));
    await expect(refusing.execute(MatrixQuery, {})).rejects.toMatchObject({
      message: "Too costly (QUERY_TOO_COSTLY)",
      status: 400,
    });
    const partial = createClient("/graphql", async () => ({
      status: 200,
      json: async () => ({
        data: { actionLines: null, sdgGoals: [] },
        errors: [{ message: "down", extensions: { code: "SUBGRAPH_UNAVAILABLE" } }],
      }),
    }));
    await expect(partial.execute(MatrixQuery, {})).resolves.toMatchObject({
      data: { sdgGoals: [] },
      errors: [{ extensions: { code: "SUBGRAPH_UNAVAILABLE" } }],
    });
  });
});
