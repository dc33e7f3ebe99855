import { CsvRecordReader, CsvSyntaxError, MAX_HEADER_CHARS } from "../src/publishing/csv-records";
import { detectFormat, HeaderError, HubCsvMapper, ImportFormat, SdmxCsvMapper } from "../src/publishing/formats";
import { STAGING_COLUMNS, stagingLine } from "../src/publishing/staging";
import { slices } from "../src/publishing/text-stager";

/** Reads a text in chunks of `size` characters; returns each record with its line and whether it is clean. */
function read(text: string, size = 3): Array<[string[], number, boolean]> {
  const out: Array<[string[], number, boolean]> = [];
  const reader = new CsvRecordReader((fields, line, clean) => out.push([fields, line, clean]));
  for (const chunk of slices(text, size)) reader.write(chunk);
  reader.end();
  return out;
}

describe("the streaming CSV reader", () => {
  it("splits records and fields, whatever the chunk boundaries, with the line each record starts on", () => {
    const text = "a,b,c\n1,2,3\r\n\n4,,6\n7,8,9";
    for (const size of [1, 2, 3, 5, 1000]) {
      expect(read(text, size)).toEqual([
        [["a", "b", "c"], 1, true],
        [["1", "2", "3"], 2, true],
        [["4", "", "6"], 4, true],
        [["7", "8", "9"], 5, true],
      ]);
    }
  });

  it("marks a line with a control character (NUL, BEL, ESC, DEL, C1) as not clean, so its fields are checked", () => {
    for (const c of ["\u0000", "\u0007", "\u001b", "\u007f", "\u0085"]) {
      expect(read(`a,b\nx${c},y\n`, 100)).toEqual([
        [["a", "b"], 1, true],
        [[`x${c}`, "y"], 2, false],
      ]);
    }
  });

  it("refuses a header line longer than MAX_HEADER_CHARS before reading it whole, whatever the chunks", () => {
    const header = "x,".repeat(MAX_HEADER_CHARS);
    for (const size of [1000, 64 * 1024]) {
      let thrown: unknown;
      try {
        read(`${header}\n1,2\n`, size);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(CsvSyntaxError);
      expect((thrown as CsvSyntaxError).line).toBe(1);
    }
    // a long data line is not a header
    expect(read(`a\n${"y".repeat(MAX_HEADER_CHARS + 10)}\n`, 64 * 1024)).toHaveLength(2);
  });

  it("reads quoted fields: commas, doubled quotes, line ends inside quotes (the next records keep their line numbers)", () => {
    const text = 'x,y\n"a,b","say ""hi"""\n"two\nlines",z\r\n"",last\n';
    for (const size of [1, 4, 100]) {
      expect(read(text, size)).toEqual([
        [["x", "y"], 1, true],
        [["a,b", 'say "hi"'], 2, false],
        [["two\nlines", "z"], 3, false],
        [["", "last"], 5, false],
      ]);
    }
  });

  it("drops a byte-order mark, and marks lines with a backslash or a tab as not clean", () => {
    expect(read("\uFEFFa,b\nc\\d,e\tf\n", 2)).toEqual([
      [["a", "b"], 1, true],
      [["c\\d", "e\tf"], 2, false],
    ]);
  });

  it("names the line of a quote that is never closed, or of text after a closing quote", () => {
    expect(() => read('a,b\n1,2\n"open,3\n4,5\n')).toThrow(
      new CsvSyntaxError(3, "a quoted field is not closed before the end of the file"),
    );
    expect(() => read('a,b\n"x"y,2\n')).toThrow(CsvSyntaxError);
    expect(() => read('a,b\nx"y,2\n')).toThrow(/line 2: a quote appears inside an unquoted field \(column 1\)/);
  });
});

describe("formats", () => {
  it("detects SDMX-CSV by its columns", () => {
    expect(detectFormat(["DATAFLOW", "SERIES", "REF_AREA", "TIME_PERIOD", "OBS_VALUE"])).toBe(ImportFormat.SDMX_CSV);
    expect(detectFormat(["indicator", "economy", "year", "value"])).toBe(ImportFormat.CSV);
  });

  it("maps SDMX codes to the hub's: series, M49 area, sex, speed band, unit, nature", () => {
    const m = new SdmxCsvMapper();
    const header =
      "DATAFLOW,FREQ,REPORTING_TYPE,SERIES,REF_AREA,SEX,AGE,URBANISATION,INCOME_WEALTH_QUANTILE,EDUCATION_LEV,OCCUPATION,CUST_BREAKDOWN,COMPOSITE_BREAKDOWN,DISABILITY_STATUS,ACTIVITY,PRODUCT,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,NATURE";
    m.header(header.split(","), 1);
    const row = m.row(
      "IAEG-SDGs:DF_SDG_GLH(1.0),A,G,IT_NET_BBND,4,_T,_T,_T,_T,_T,_T,_T,IS_GE10M,_T,_T,_T,2021,0.012,PER_100_POP,e".split(
        ",",
      ),
      7,
      5,
    );
    expect(row).toMatchObject({
      ord: 5,
      line: 7,
      indicator: "IT_NET_BBND",
      economy: "004",
      economyRaw: "4",
      period: "2021",
      dims: { sex: "", age: "", location: "", speed: "10MBPS" },
      value: "0.012",
      unit: "PER_100_POP",
      nature: "E",
      problems: [],
      broken: false,
    });
    const odd = m.row("x,Q,N,IT_USE_II99,KEN,X,_T,U,Q1,_T,_T,_T,_T,_T,_T,_T,2021,1,PT,C".split(","), 8, 6);
    expect(odd.economy).toBeNull();
    expect(odd.dims).toMatchObject({ sex: null, location: "URBAN" });
    expect(odd.unit).toBe("PERCENT");
    expect(odd.problems.map((p) => p.field)).toEqual(["FREQ", "REPORTING_TYPE", "INCOME_WEALTH_QUANTILE"]);
    expect(m.row(["too", "few"], 9, 7)).toMatchObject({
      broken: true,
      problems: [{ field: "row", message: "2 fields where the header has 20" }],
    });
    expect(m.fieldName("value")).toBe("OBS_VALUE");
    expect(m.fieldName("speed")).toBe("COMPOSITE_BREAKDOWN");
  });

  it("maps the type of ICT skill (a COMPOSITE_BREAKDOWN code of the UN SDG DSD) and EDUCATION_LEV to the key's dimensions", () => {
    const m = new SdmxCsvMapper();
    m.header("SERIES,REF_AREA,SEX,COMPOSITE_BREAKDOWN,EDUCATION_LEV,TIME_PERIOD,OBS_VALUE".split(","), 1);
    const skill = m.row("SE_ADT_ACTS,8,F,SKILL_ICTCPT,_T,2019,41.2".split(","), 2, 0);
    expect(skill).toMatchObject({
      dims: { sex: "FEMALE", speed: "" },
      keyDims: { skill: "COPA", educationLevel: "" },
      keyDimsRaw: { skill: "SKILL_ICTCPT", educationLevel: "_T" },
      problems: [],
    });
    // A skill without an SDMX code is exchanged as the hub's code; a speed band is still a speed.
    expect(m.row("SE_ADT_ACTS,8,_T,SCRTY,_T,2019,3".split(","), 3, 1).keyDims).toEqual({
      skill: "SCRTY",
      educationLevel: "",
    });
    expect(m.row("IT_NET_BBND,8,_T,IS_GE10M,_T,2019,3".split(","), 4, 2)).toMatchObject({
      dims: { speed: "10MBPS" },
      keyDims: { skill: "", educationLevel: "" },
    });
    const school = m.row("SE_ACS_INTNT,1,_T,_T,ISCED11_2_3,2020,55".split(","), 5, 3);
    expect(school.keyDims).toEqual({ skill: "", educationLevel: "SECOND" });
    const unknown = m.row("SE_ACS_INTNT,1,_T,SKILL_X,ISCED11_9,2020,55".split(","), 6, 4);
    expect(unknown.dims.speed).toBeNull();
    expect(unknown.keyDims).toEqual({ skill: "", educationLevel: null });
    expect(m.fieldName("educationLevel")).toBe("EDUCATION_LEV");
  });

  it("refuses a header with unknown or missing columns, all at once", () => {
    expect(() => new SdmxCsvMapper().header(["SERIES", "REF_AREA", "OBS_STATUS", "TIME_PERIOD"], 1)).toThrow(
      HeaderError,
    );
    try {
      new HubCsvMapper().header(["indicator", "country", "value", "value"], 1);
    } catch (error) {
      expect((error as HeaderError).problems.map((p) => p.field)).toEqual(["country", "value", "economy", "period"]);
    }
    expect.assertions(2);
  });

  it("writes COPY text, escaping only what must be", () => {
    const m = new HubCsvMapper();
    m.header(["indicator", "economy", "year", "sex", "value", "footnote"], 1);
    const row = m.row(["internet_users_pct", "404", "2021", "total", "28.76", "a\tb\\c\nd"], 2, 0);
    expect(row).toMatchObject({ economy: "404", dims: { sex: "" }, footnote: "a\tb\\c\nd" });
    const line = stagingLine(row);
    expect(line.split("\t")).toHaveLength(STAGING_COLUMNS.length); // one field per column of the COPY
    expect(line).toContain("a\\tb\\\\c\\nd");
    expect(line.endsWith("\\N\tf\n")).toBe(true);
  });
});
