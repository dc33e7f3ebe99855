import { codeRules, knownCodeKey, knownCodesOf, SHARED_CODE_FORMATS, slugFormat } from "../src";

const known = knownCodesOf<"agency" | "economy">({
  kinds: {
    agency: {
      owner: "action-lines",
      codes: { ITU: "International Telecommunication Union", "UN-Habitat": "UN-Habitat" },
    },
    economy: { owner: "indicators", codes: { KEN: "Kenya", "001": "World" }, aliases: { "404": "KEN" } },
  },
});
const rules = codeRules(
  { ...SHARED_CODE_FORMATS, report: slugFormat(100, "wsis20-progress-report", "report id") },
  known,
);

describe("known codes", () => {
  it("compare ignoring case, blanks and a number's leading zeros, and answer as their owner spells them", () => {
    expect(knownCodeKey(" 001 ")).toBe("1");
    expect(known.canonical("agency", "un-habitat")).toBe("UN-Habitat");
    expect(known.canonical("economy", "ken")).toBe("KEN");
    expect(known.canonical("economy", "404")).toBe("KEN");
    expect(known.canonical("economy", "1")).toBe("001");
    expect(known.canonical("agency", "NOPE")).toBeNull();
    expect(known.name("agency", "ITU")).toBe("International Telecommunication Union");
    expect(known.codes("economy")).toEqual(["KEN", "001"]);
  });
});

describe("code rules", () => {
  it("store own ids in lower case and refuse a malformed one naming the argument", () => {
    expect(rules.check("report", " WSIS20-Progress-Report ", "id")).toBe("wsis20-progress-report");
    expect(() => rules.check("report", "Not A Slug", "id")).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: "BAD_USER_INPUT", argumentName: "id" }) }),
    );
    expect(rules.problem("report", "a\u0000b", "id")).toContain("U+0000");
  });

  it("tell a malformed code of another subgraph from an unknown one", () => {
    expect(rules.known("economy", "404", "filter.economy")).toEqual({ code: "KEN", problem: null });
    expect(rules.known("economy", "Kenya", "filter.economy").problem).toContain('expected a code such as "KEN"');
    expect(rules.known("agency", "NOPE", "filter.agency").problem).toBe(
      'Argument "filter.agency" names an unknown agency id "NOPE"',
    );
    expect(() => rules.requireKnown("agency", "NOPE", "filter.agency")).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ argumentName: "filter.agency" }) }),
    );
  });
});
