import { loaderByKey, loaderGroupedByKey, loadPresent, memoised } from "../src";

describe("loader helpers", () => {
  it("batch the keys of one tick into one call and answer in key order, null for unknown keys", async () => {
    const calls: string[][] = [];
    const loader = loaderByKey(
      async (keys: readonly string[]) => {
        calls.push([...keys]);
        return keys
          .filter((k) => k !== "x")
          .reverse()
          .map((k) => ({ id: k }));
      },
      (row) => row.id,
    );
    const results = await Promise.all(["a", "b", "x", "a"].map((k) => loader.load(k)));
    expect(calls).toEqual([["a", "b", "x"]]);
    expect(results).toEqual([{ id: "a" }, { id: "b" }, null, { id: "a" }]);
    expect(await loadPresent(loader, ["b", "x", "a"])).toEqual([{ id: "b" }, { id: "a" }]);
  });

  it("group rows by key, with an empty list for keys without rows", async () => {
    const loader = loaderGroupedByKey(
      async () => [
        { k: "a", v: 1 },
        { k: "b", v: 2 },
        { k: "a", v: 3 },
      ],
      (row) => row.k,
    );
    expect(await Promise.all(["a", "b", "c"].map((k) => loader.load(k)))).toEqual([
      [
        { k: "a", v: 1 },
        { k: "a", v: 3 },
      ],
      [{ k: "b", v: 2 }],
      [],
    ]);
  });

  it("memoise a whole list for the request", async () => {
    let n = 0;
    const list = memoised(async () => ++n);
    expect(await Promise.all([list(), list()])).toEqual([1, 1]);
    expect(n).toBe(1);
  });
});
