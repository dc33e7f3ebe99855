import { isConnectionFailure, isReadOnlyStatement, lagFromSamples, loadSubgraphConfig, parseLsn } from "../src";

describe("replica lag by WAL position", () => {
  const samples = [
    { at: 1000, lsn: parseLsn("0/3000000") },
    { at: 2000, lsn: parseLsn("0/3000100") },
    { at: 3000, lsn: parseLsn("0/3000200") },
  ];

  it("orders WAL positions across the high word", () => {
    expect(parseLsn("1/0") > parseLsn("0/FFFFFFFF")).toBe(true);
    expect(parseLsn("16/B374D848")).toBe((0x16n << 32n) + 0xb374d848n);
  });

  it("is zero for a replica that has replayed the primary's latest position, however long the primary was idle", () => {
    const idle = [
      { at: 1000, lsn: parseLsn("0/3000000") },
      { at: 60_000, lsn: parseLsn("0/3000000") },
    ];
    expect(lagFromSamples(idle, parseLsn("0/3000000"), 61_000)).toBe(0);
    expect(lagFromSamples(samples, parseLsn("0/3000200"), 9000)).toBe(0);
  });

  it("is the time since the oldest primary position the replica has not replayed", () => {
    expect(lagFromSamples(samples, parseLsn("0/3000150"), 3500)).toBe(500);
    expect(lagFromSamples(samples, parseLsn("0/3000050"), 3500)).toBe(1500);
    expect(lagFromSamples(samples, parseLsn("0/2000000"), 3500)).toBe(2500);
  });
});

describe("what may run on a replica", () => {
  it.each([
    ["SELECT * FROM event WHERE id = $1", true],
    ["  with r as (select 1) select * from r", true],
    ["SELECT id FROM dataset WHERE id = $1 FOR UPDATE", false],
    ["SELECT 1 FROM indicator FOR KEY SHARE", false],
    ["WITH d AS (DELETE FROM x RETURNING *) SELECT * FROM d", false],
    ["SELECT nextval('seq')", false],
    ["SELECT * INTO copy FROM event", false],
    ["INSERT INTO event VALUES (1)", false],
    ["UPDATE event SET note = $1", false],
    ["SET LOCAL work_mem = '64MB'", false],
  ])("%s → %s", (sql, readOnly) => {
    expect(isReadOnlyStatement(sql)).toBe(readOnly);
  });

  it("tells a failed server from a failed statement", () => {
    expect(isConnectionFailure({ code: "57P01", message: "terminating connection due to administrator command" })).toBe(
      true,
    );
    expect(isConnectionFailure({ driverError: { code: "08006" } })).toBe(true);
    expect(isConnectionFailure(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isConnectionFailure({ code: "42P01", message: 'relation "x" does not exist' })).toBe(false);
    expect(isConnectionFailure({ code: "23505", message: "duplicate key" })).toBe(false);
  });
});

describe("DATABASE_REPLICA_URLS", () => {
  it("is a comma-separated list of URLs (empty: no replicas), with the lag limit and check interval", () => {
    const none = loadSubgraphConfig(4001, { DATABASE_URL: "postgres://db/wsis" });
    expect(none.replicas).toEqual({ urls: [], maxLagMs: 5000, checkIntervalMs: 1000 });
    const two = loadSubgraphConfig(4001, {
      DATABASE_URL: "postgres://db/wsis",
      DATABASE_REPLICA_URLS: " postgres://r1/wsis, postgres://r2:5433/wsis ,",
      REPLICA_MAX_LAG_MS: "250",
    });
    expect(two.replicas).toEqual({
      urls: ["postgres://r1/wsis", "postgres://r2:5433/wsis"],
      maxLagMs: 250,
      checkIntervalMs: 1000,
    });
  });

  it("names a replica URL that is not one", () => {
    expect(() =>
      loadSubgraphConfig(4001, {
        DATABASE_URL: "postgres://db/wsis",
        DATABASE_REPLICA_URLS: "postgres://r1/wsis,replica-two",
      }),
    ).toThrow(/DATABASE_REPLICA_URLS.*must be a URL/);
  });
});
