import { toCsv } from "../src/csv";

describe("CSV downloads", () => {
  it("writes RFC 4180 records with CRLF, quoting commas, quotes and line breaks, values as given", () => {
    const csv = toCsv({
      header: ["economy", "name", "value", "note"],
      rows: [
        ["KEN", "Kenya", "28.76", null],
        ["BOL", "Bolivia (Plurinational State of)", "66", 'a "quoted", two-line\nnote'],
        ["X", undefined, 12.5, ""],
      ],
    });
    expect(csv).toBe(
      'economy,name,value,note\r\nKEN,Kenya,28.76,\r\nBOL,Bolivia (Plurinational State of),66,"a ""quoted"", two-line\nnote"\r\nX,,12.5,\r\n',
    );
  });

  it("defuses text a spreadsheet would run as a formula, but leaves negative numbers alone", () => {
    const csv = toCsv({ header: ["a", "b", "c"], rows: [['=HYPERLINK("x")', "-12.5", "@SUM(A1)"]] });
    expect(csv.split("\r\n")[1]).toBe(`"'=HYPERLINK(""x"")",-12.5,'@SUM(A1)`);
  });
});
