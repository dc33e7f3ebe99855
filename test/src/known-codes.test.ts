import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ownedCodes as actionLinesOwnedCodes } from "@wsis/action-lines/owned-codes";
import { ownedCodes as eventsOwnedCodes } from "@wsis/events/owned-codes";
import { readSeedRows as indicatorSeedRows } from "@wsis/indicators/seed/read-seed-rows";

/**
 * The codes a subgraph refers to but another owns are shipped with it as data/known-codes.json (the subgraphs never
 * read each other's tables): one generated file per subgraph, one section per kind of code, each naming its owner.
 * This test builds every copy from the owners' data, through the owners' own code (what their seeds load, hence what
 * their reference resolvers answer), and fails when a shipped copy differs. To regenerate after an owner's data
 * changed: `UPDATE_KNOWN_CODES=1 npx jest src/known-codes.test.ts` in test/.
 */

interface Entry {
  code: string;
  name: string;
  /** Other codes of the same thing that the owner also resolves (an economy's M49 code). */
  aliases?: string[];
}

const ROOT = path.resolve(__dirname, "../..");

const OWNERS: Record<string, { owner: string; entries: () => Entry[] }> = {
  agency: { owner: "action-lines", entries: () => actionLinesOwnedCodes().agency },
  actionLine: { owner: "action-lines", entries: () => actionLinesOwnedCodes().actionLine },
  sdgGoal: { owner: "action-lines", entries: () => actionLinesOwnedCodes().sdgGoal },
  economy: {
    owner: "indicators",
    entries: () =>
      indicatorSeedRows().geo.economies.map((e) => ({
        code: e.code,
        name: e.name,
        aliases: e.m49 === e.code ? [] : [e.m49],
      })),
  },
  indicator: {
    owner: "indicators",
    entries: () => indicatorSeedRows().indicators.map((i) => ({ code: i.code, name: i.name })),
  },
  event: { owner: "events", entries: () => eventsOwnedCodes().event },
};

/** Which kinds each subgraph keeps a copy of. */
const COPIES: Record<string, string[]> = {
  events: ["agency", "actionLine", "economy"],
  reports: ["agency", "actionLine", "economy", "indicator", "event"],
  stocktaking: ["agency", "actionLine", "sdgGoal", "economy", "event"],
};

function expectedFile(kinds: string[]): string {
  const file = {
    comment:
      "Codes owned by other subgraphs, generated from the owners' data by test/src/known-codes.test.ts, which fails when this copy drifts " +
      "(regenerate: UPDATE_KNOWN_CODES=1 npx jest src/known-codes.test.ts in test/). Do not edit.",
    kinds: Object.fromEntries(
      kinds.map((kind) => {
        const entries = OWNERS[kind].entries();
        const aliases = entries.flatMap((e) => (e.aliases ?? []).map((a) => [a, e.code] as const));
        return [
          kind,
          {
            owner: OWNERS[kind].owner,
            codes: Object.fromEntries(entries.map((e) => [e.code, e.name])),
            ...(aliases.length ? { aliases: Object.fromEntries(aliases) } : {}),
          },
        ];
      }),
    ),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

describe.each(Object.entries(COPIES))("the known codes of the %s subgraph", (subgraph, kinds) => {
  const file = path.join(ROOT, "subgraphs", subgraph, "data", "known-codes.json");

  it("are those of their owners' data", () => {
    const expected = expectedFile(kinds);
    if (process.env.UPDATE_KNOWN_CODES) writeFileSync(file, expected);
    expect(readFileSync(file, "utf8")).toBe(expected);
  });

  it("spell no two codes of a kind alike but for case", () => {
    const { kinds: lists } = JSON.parse(readFileSync(file, "utf8")) as {
      kinds: Record<string, { codes: Record<string, string>; aliases?: Record<string, string> }>;
    };
    for (const list of Object.values(lists)) {
      const spellings = [...Object.keys(list.codes), ...Object.keys(list.aliases ?? {})].map((c) =>
        c.toLowerCase().replace(/^0+(?=\d)/, ""),
      );
      expect(new Set(spellings).size).toBe(spellings.length);
    }
  });
});

it("the reports subgraph's copy of the action lines and their facilitators is the action-lines subgraph's file", () => {
  const read = (subgraph: string) =>
    readFileSync(path.join(ROOT, "subgraphs", subgraph, "data", "wsis_action_lines.csv"), "utf8");
  expect(read("reports")).toBe(read("action-lines"));
});
