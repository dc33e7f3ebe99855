import { ReportDatePrecision } from "../src/report/report.enums";
import { ReportDate } from "../src/report/report-date";
import { checkPageSize } from "@wsis/shared";
import { decodeCursor, encodeCursor } from "../src/report/report.args";

describe("ReportDate", () => {
  it("keeps the precision the value has", () => {
    expect(ReportDate.parse("2025")).toMatchObject({
      precision: ReportDatePrecision.YEAR,
      earliest: "2025-01-01",
      latest: "2025-12-31",
    });
    expect(ReportDate.parse("2024-02")).toMatchObject({
      precision: ReportDatePrecision.MONTH,
      earliest: "2024-02-01",
      latest: "2024-02-29",
    });
    expect(ReportDate.parse("2025-02")).toMatchObject({ latest: "2025-02-28" });
    expect(ReportDate.parse("2025-06-15")).toMatchObject({
      value: "2025-06-15",
      precision: ReportDatePrecision.DAY,
      earliest: "2025-06-15",
      latest: "2025-06-15",
    });
    expect(ReportDate.parse(null)).toBeNull();
  });

  it.each(["25", "2025-13", "2025-6", "2025-02-30", "2025-06-15T00:00"])("refuses %s", (value) => {
    expect(() => ReportDate.parse(value)).toThrow();
  });
});

describe("cursors and page sizes", () => {
  it("round-trips a cursor", () => {
    expect(decodeCursor(encodeCursor({ sortOrder: 203, id: "wsis20-action-line-review-c3" }), "after")).toEqual({
      sortOrder: 203,
      id: "wsis20-action-line-review-c3",
    });
  });

  it.each([
    "",
    "not a cursor",
    Buffer.from("{}").toString("base64url"),
    Buffer.from('[1.5,"x"]').toString("base64url"),
  ])("rejects the cursor %j naming `after`", (cursor) => {
    expect(() => decodeCursor(cursor, "after")).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ code: "BAD_USER_INPUT", argumentName: "after" }),
      }),
    );
  });

  it("bounds first to 0..100", () => {
    expect(checkPageSize(0)).toBe(0);
    expect(checkPageSize(100)).toBe(100);
    for (const bad of [101, -1, 1.5]) {
      expect(() => checkPageSize(bad)).toThrow(
        expect.objectContaining({
          extensions: expect.objectContaining({ code: "BAD_USER_INPUT", argumentName: "first" }),
        }),
      );
    }
  });
});
