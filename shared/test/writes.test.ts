import DataLoader from "dataloader";
import { forgetLoaded, freshAfterWrite, jsonList, memoised, submissionSourceId } from "../src";

describe("the write path", () => {
  it("attributes an agency's input to its submission source", () => {
    expect(submissionSourceId("UN-Habitat")).toBe("hub-submission-un-habitat");
  });

  it("makes every loader and memo of the request forget what it read, then primes the written record", async () => {
    let reads = 0;
    const loaders = {
      byId: new DataLoader<string, { id: string; v: number } | null>(async (ids) =>
        ids.map((id) => ({ id, v: ++reads })),
      ),
      byOther: new DataLoader<string, number>(async (keys) => keys.map(() => ++reads)),
      list: memoised(async () => ++reads),
      notALoader: "kept",
    };
    await Promise.all([loaders.byId.load("a"), loaders.byOther.load("x"), loaders.list()]);
    expect(reads).toBe(3);
    const written = { id: "a", v: 100 };
    expect(freshAfterWrite(loaders, written, { loader: loaders.byId, key: "a" })).toBe(written);
    expect(await loaders.byId.load("a")).toBe(written);
    expect(await loaders.byOther.load("x")).toBe(4);
    expect(await loaders.list()).toBe(5);
    forgetLoaded(loaders);
    expect(await loaders.byId.load("a")).toEqual({ id: "a", v: 6 });
    expect(loaders.notALoader).toBe("kept");
  });

  it("writes a record's links as a JSON list, empty rather than null", () => {
    expect(jsonList("t.x", "t", "t.r = r.id", "t.position")).toBe(
      "COALESCE((SELECT json_agg(t.x ORDER BY t.position) FROM t WHERE t.r = r.id), '[]')",
    );
  });
});
