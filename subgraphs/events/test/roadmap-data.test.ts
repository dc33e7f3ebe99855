import { readFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { roadmapRows, verbatimChecker } from "../src/seed/roadmap";

const roadmap = readFileSync(path.join(__dirname, "../data/itu-council-2022-wsis20-roadmap.txt"), "utf8");
const data = () =>
  YAML.parse(readFileSync(path.join(__dirname, "../data/roadmap.yaml"), "utf8")) as {
    tracks: unknown[];
    events: Array<Record<string, unknown>>;
  };
const known = {
  agencyIds: new Set(["ITU", "UNESCO", "UNDP", "UNCTAD", "UNGIS", "UNSC", "CSTD", "UNRC", "UNGA"]),
  actionLineCodes: ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C7.e-health", "C8", "C9", "C10", "C11"],
  economyCodes: new Set(["CHE", "RWA", "ROU", "ARE", "USA"]),
};

describe("the seed refuses data that is not the roadmap's or not sourced", () => {
  it("accepts the shipped data", () => {
    const rows = roadmapRows(data(), roadmap, known);
    expect(rows.events).toHaveLength(25);
    expect(rows.tracks).toHaveLength(9);
  });

  it("checks quotations line by line against the roadmap, ignoring Word bookmarks", () => {
    const verbatim = verbatimChecker(roadmap);
    expect(() => verbatim("WSIS Forum 2022: 15 March – 3rd June", "t")).not.toThrow();
    expect(() => verbatim("WSIS Stocktaking Reporting Process: The Stocktaking Platform", "t")).not.toThrow();
    expect(() => verbatim("WSIS Forum 2022: 15 March - 3rd June", "t")).toThrow(/not verbatim/); // hyphen for en dash
    expect(() => verbatim("WTDC\nWSIS Forum 2026", "t")).toThrow(/WSIS Forum 2026/);
    expect(() => verbatim("", "t")).toThrow();
  });

  it.each([
    ["a paraphrased timeline line", { roadmapText: "WSIS Forum 2022 from 15 March to 3 June" }, /not verbatim/],
    ["an impossible date", { start: "2022-02-30" }, /start/],
    ["an end before the start", { end: "2022-03-01" }, /ends before it starts/],
    ["a start outside its timeline year", { start: "2023-03-15", end: "2023-06-03" }, /listed under 2022/],
    ["a place without a source", { locationSource: undefined }, /without locationSource/],
    ["an unknown source", { datesSource: "my-memory" }, /unknown source/],
    [
      "an unknown agency",
      { organisers: [{ agency: "ACME", role: "ORGANISER", source: "roadmap" }] },
      /unknown agency ACME/,
    ],
    ["an unknown role", { organisers: [{ agency: "ITU", role: "SPONSOR", source: "roadmap" }] }, /role/],
    ["an unknown track", { tracks: ["wsis-olympics"] }, /unknown track/],
    ["an unknown action line", { actionLines: ["C12"] }, /unknown action line C12/],
    ["an unknown kind", { kind: "PARTY" }, /kind/],
    ["an unknown host economy", { hostEconomy: "ZZZ" }, /hostEconomy ZZZ is not a known/],
  ])("refuses %s", (_what, change, error) => {
    const file = data();
    Object.assign(file.events[0], change);
    expect(() => roadmapRows(file, roadmap, known)).toThrow(error);
  });
});
