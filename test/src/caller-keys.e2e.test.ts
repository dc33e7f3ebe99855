import { manageKeys } from "@wsis/gateway/caller-keys";
import { CALLER_JWKS_PATH, callerHeaders, type CallerSigningKey } from "@wsis/shared";
import { postGraphQL, type GraphQLResponse } from "@wsis/shared/testing";
import { eventually } from "./gateway-fixture";
import { startHub, type TestHub } from "./hub";
import { localToken } from "./tokens";

/**
 * The gateway's caller signing keys rotated with no gap, through the real gateway and a real subgraph (events) that
 * fetches the gateway's public keys from its /.well-known/jwks.json: two keys published at once, a caller signed by
 * either accepted, then the old key withdrawn and refused. And the subgraph never accepts a caller signed for another.
 */
let hub: TestHub;
beforeAll(async () => {
  // The subgraphs may fetch the keys again at once for an unknown kid, and consider them stale after 500 ms.
  hub = await startHub({ jwks: { cooldownMs: 0, maxAgeMs: 500 } });
});
afterAll(async () => {
  await hub?.stop();
});

const UPDATE = `mutation($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { id note } }`;
const caller = { agency: "ITU", subject: "itu-editor", scopes: [] as string[] };

/** A write straight to the events subgraph with a caller signed by `key` (no scope: FORBIDDEN once verified). */
async function direct(key: CallerSigningKey, audience = "events"): Promise<unknown> {
  const res = await postGraphQL(
    hub.subgraphs.events.url,
    UPDATE,
    { id: "wsis-forum-2024", input: { note: "x" } },
    callerHeaders(caller, key, audience),
  );
  return res.errors?.[0]?.extensions?.code;
}

async function viaGateway(note: string): Promise<GraphQLResponse> {
  const token = await localToken("ITU", ["events:write"]);
  return hub.query(UPDATE, { id: "wsis-forum-2024", input: { note } }, { authorization: `Bearer ${token}` });
}

const published = async () =>
  ((await (await fetch(`${hub.baseUrl}${CALLER_JWKS_PATH}`)).json()) as { keys: Array<{ kid: string; d?: string }> })
    .keys;

describe("the caller signing keys", () => {
  it("are published, public halves only, at /.well-known/jwks.json", async () => {
    const keys = await published();
    expect(keys.map((k) => k.kid)).toEqual([hub.keys.ring().signing.kid]);
    expect(keys.every((k) => k.d === undefined)).toBe(true);
  });

  it("rotate with no gap: two keys published, a caller signed by either accepted, then the old one withdrawn", async () => {
    const old = hub.keys.ring().signing;
    expect((await viaGateway("signed with the first key")).errors).toBeUndefined();
    expect(await direct(old)).toBe("FORBIDDEN"); // verified (no scope): the subgraph has fetched the keys

    // A new key published beside the old one, not signing yet.
    manageKeys("rotate", hub.keys.privateFile);
    await hub.gateway.reload("test: rotate");
    expect((await published()).map((k) => k.kid)).toHaveLength(2);
    const fresh = hub.keys.ring().published.find((k) => k.kid !== old.kid) as CallerSigningKey;

    // The new key signs; the subgraph meets an unknown kid and fetches the keys again: both are accepted.
    manageKeys("promote", hub.keys.privateFile);
    await hub.gateway.reload("test: promote");
    expect(hub.keys.ring().signing.kid).toBe(fresh.kid);
    expect((await viaGateway("signed with the second key")).errors).toBeUndefined();
    expect(await direct(fresh)).toBe("FORBIDDEN");
    expect(await direct(old)).toBe("FORBIDDEN");

    // The old key withdrawn: once the subgraph's copy of the keys is stale it fetches them again and refuses it.
    manageKeys("retire", hub.keys.privateFile);
    await hub.gateway.reload("test: retire");
    expect((await published()).map((k) => k.kid)).toEqual([fresh.kid]);
    await eventually(async () => ((await direct(old)) === "UNAUTHENTICATED" ? true : undefined), 10_000, 200);
    expect(await direct(fresh)).toBe("FORBIDDEN");
    expect((await viaGateway("still signed with the second key")).errors).toBeUndefined();
  });

  it("sign a caller for one subgraph only: the same caller signed for another subgraph is refused", async () => {
    const key = hub.keys.ring().signing;
    expect(await direct(key, "events")).toBe("FORBIDDEN");
    expect(await direct(key, "reports")).toBe("UNAUTHENTICATED");
  });
});
