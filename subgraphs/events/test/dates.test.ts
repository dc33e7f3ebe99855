import { DatePrecision, firstDayOf, lastDayOf, parsePartialDate, spanOf } from "../src/dates";

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
    expect(date).toEqual({ date: text, precision, year: Number(text.slice(0, 4)) });
    expect(firstDayOf(date)).toBe(first);
    expect(lastDayOf(date)).toBe(last);
  });

  it.each(["", "22", "2022-3", "2022-13", "2022-00", "2023-02-29", "2022-04-31", "2022-03-15T10:00", "0999", "2022/03/15", " 2022", "march 2022"])(
    "rejects %j",
    (text) => {
      expect(parsePartialDate(text)).toBeNull();
    },
  );

  it("spans from the first day of the start to the last day of the end, or of the start", () => {
    expect(spanOf(parsePartialDate("2022-03-15")!, parsePartialDate("2022-06-03")!)).toEqual({
      firstDay: "2022-03-15",
      lastDay: "2022-06-03",
    });
    expect(spanOf(parsePartialDate("2022-03")!, null)).toEqual({ firstDay: "2022-03-01", lastDay: "2022-03-31" });
    expect(spanOf(parsePartialDate("2024")!, parsePartialDate("2025-06")!)).toEqual({ firstDay: "2024-01-01", lastDay: "2025-06-30" });
  });
});
