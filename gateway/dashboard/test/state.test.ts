import { DEFAULT_STATE, embedSearch, MAX_SERIES, parseState, stateToSearch, type DashboardState } from "../src/state";

describe("the dashboard's state in the URL", () => {
  it("reads every view's parameters and writes them back in one canonical order (a permalink reopens the same view)", () => {
    const cases = [
      "?view=map&indicator=fixed_broadband_per100&from=2015&to=2022&breakdown=speed%3A10MBPS&dataset=unsd-sdg-2023-12&release=3",
      "?view=series&indicator=internet_users_pct&economies=KEN%2CNGA&regions=202&computed=0&from=2005&breakdown=sex%3AFEMALE",
      "?view=profile&economy=BRA",
      "?view=matrix&cell=C5%3A9",
      "?view=timeline&from=2022&to=2026&event=wsis-forum-2025",
      "?view=map&indicator=internet_users_pct&embed=1",
    ];
    for (const search of cases) expect(stateToSearch(parseState(search))).toBe(search);
  });

  it("a permalink carries only what its view reads", () => {
    const state: DashboardState = { ...DEFAULT_STATE, view: "matrix", cell: "C1:3", economy: "IND", from: 2010 };
    expect(stateToSearch(state)).toBe("?view=matrix&cell=C1%3A3");
    expect(stateToSearch({ ...state, view: "profile" })).toBe("?view=profile&economy=IND");
  });

  it("a malformed or hostile link still opens, with defaults instead of the bad values", () => {
    const state = parseState(
      "?view=<script>&indicator=a b&from=20x&to=1800&economies=KEN,<x>,123,ken&release=-1&breakdown=colour:RED&cell=C1:zz&economy=../../etc",
    );
    expect(state).toMatchObject({
      view: "map",
      indicator: DEFAULT_STATE.indicator,
      from: undefined,
      to: undefined,
      economies: ["KEN", "123"],
      economy: DEFAULT_STATE.economy,
    });
    expect(state.release).toBeUndefined();
    expect(state.breakdown).toBeUndefined();
    expect(state.cell).toBeUndefined();
  });

  it("orders a reversed year range and bounds the number of series", () => {
    expect(parseState("?from=2020&to=2010")).toMatchObject({ from: 2010, to: 2020 });
    const many = Array.from({ length: 40 }, (_, i) => String(100 + i)).join(",");
    expect(parseState(`?view=series&economies=${many}`).economies).toHaveLength(MAX_SERIES);
  });

  it("an embed link is the same view pinned to the release it was read from", () => {
    const state = parseState("?view=map&indicator=internet_users_pct&from=2018");
    expect(embedSearch(state, { dataset: "unsd-sdg-2023-12", release: 2 })).toBe(
      "?view=map&indicator=internet_users_pct&from=2018&dataset=unsd-sdg-2023-12&release=2&embed=1",
    );
    // A view whose data has no releases is embedded as it is.
    expect(embedSearch(parseState("?view=timeline"))).toBe("?view=timeline&embed=1");
  });
});
