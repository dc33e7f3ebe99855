import { DatePrecision, parsePartialDate, partialDateProblem, spanOf, storedPartialDate } from "../src";

describe("partial dates", () => {
  it.each([
    ["2024", DatePrecision.YEAR, "2024-01-01", "2024-12-31"],
    ["2022-03", DatePrecision.MONTH, "2022-03-01", "2022-03-31"],
    ["2024-02", DatePrecision.MONTH, "2024-02-01", "2024-02-29"],
    ["2023-02", DatePrecision.MONTH, "2023-02-01", "2023-02-28"],
    ["2022-04", DatePrecision.MONTH, "2022-04-01", "2022-04-30"],
    ["2025-07-07", DatePrecision.DAY, "2025-07-07", "2025-07-07"],
    ["2024-02-29", DatePrecision.DAY, "2024-02-29", "2024-02-29"],
  ])("%s has precision %s and covers %s to %s", (text, precision, first, last) => {
    const date = parsePartialDate(text)!;
    expect({ ...date }).toEqual({
      value: text,
      precision,
      year: Number(text.slice(0, 4)),
      firstDay: first,
      lastDay: last,
    });
    expect(storedPartialDate(text)).toEqual(date);
  });

  it.each([
    "",
    "22",
    "25",
    "2022-3",
    "2025-6",
    "2022-13",
    "2022-00",
    "2023-02-29",
    "2022-04-31",
    "2025-02-30",
    "2022-03-15T10:00",
    "0999",
    "2022/03/15",
    " 2022",
    "march 2022",
  ])("rejects %j", (text) => {
    expect(parsePartialDate(text)).toBeNull();
    expect(() => storedPartialDate(text)).toThrow();
  });

  it("keeps null stored dates null", () => {
    expect(storedPartialDate(null)).toBeNull();
  });

  it("names the argument of a date it refuses, control characters included, and accepts blanks around a date", () => {
    expect(partialDateProblem(" 2025-07 ", "input.start")).toBeNull();
    expect(partialDateProblem("2025\u0000", "input.start")).toMatch(
      /^Argument "input.start" has an invalid value "2025\\u0000"; expected a date yyyy, yyyy-mm or yyyy-mm-dd/,
    );
    expect(partialDateProblem("next year", "filter.to", "2025-07-11")).toContain('e.g. "2025-07-11"');
  });

  it("spans from the first day of the start to the last day of the end, or of the start", () => {
    expect(spanOf(parsePartialDate("2022-03-15")!, parsePartialDate("2022-06-03")!)).toEqual({
      firstDay: "2022-03-15",
      lastDay: "2022-06-03",
    });
    expect(spanOf(parsePartialDate("2022-03")!, null)).toEqual({ firstDay: "2022-03-01", lastDay: "2022-03-31" });
    expect(spanOf(parsePartialDate("2024")!, parsePartialDate("2025-06")!)).toEqual({
      firstDay: "2024-01-01",
      lastDay: "2025-06-30",
    });
  });
});
