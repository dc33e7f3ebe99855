import { parse as parseGraphQL, validate } from "graphql";
import { readFileSync } from "node:fs";
import { DEFAULT_SUPERGRAPH_PATH } from "../src/config";
import { apiSchemaOf } from "../src/schema-check";
import { csvField, csvRecord, csvText } from "../src/downloads/csv";
import {
  BadDownloadParameter,
  DOWNLOAD_PARAMETER_SPECS,
  observationFilter,
  parameterOfArgument,
  parseDownloadRequest,
  UnknownDownload,
} from "../src/downloads/downloads.params";
import { INDEX_QUERY, METADATA_QUERY, PAGE_QUERY } from "../src/downloads/downloads.queries";

describe("download parameters", () => {
  it("reads the indicator, the format and every filter parameter", () => {
    const request = parseDownloadRequest("IT.NET.USER.ZS.csv", {
      economies: "KEN, IND,404",
      region: "Sub-Saharan Africa",
      from: "2010",
      to: "2022",
      dataset: "wdi-2026-03",
      sex: "FEMALE",
      speed: "10MBPS",
    });
    expect(request).toEqual({
      indicator: "IT.NET.USER.ZS",
      format: "csv",
      economies: ["KEN", "IND", "404"],
      region: "Sub-Saharan Africa",
      from: 2010,
      to: 2022,
      dataset: "wdi-2026-03",
      sex: "FEMALE",
      speed: "10MBPS",
      age: null,
      location: null,
      skill: null,
      educationLevel: null,
      allBreakdowns: false,
      layout: "long",
      excel: false,
    });
    expect(observationFilter(request)).toEqual({
      indicator: "IT.NET.USER.ZS",
      economies: ["KEN", "IND", "404"],
      region: "Sub-Saharan Africa",
      fromYear: 2010,
      toYear: 2022,
      dataset: "wdi-2026-03",
      breakdown: { sex: "FEMALE", speed: "10MBPS" },
    });
    expect(observationFilter(parseDownloadRequest("internet_users_pct.json", {}))).toEqual({
      indicator: "internet_users_pct",
    });
  });

  it("names a skill or an education level (indicators without a total over them), with age and location", () => {
    expect(
      observationFilter(
        parseDownloadRequest("ict_skills_pct.csv", { skill: "COPA", age: "15_24", location: "RURAL", sex: "FEMALE" }),
      ),
    ).toEqual({
      indicator: "ict_skills_pct",
      breakdown: { sex: "FEMALE", age: "15_24", location: "RURAL", skill: "COPA" },
    });
    expect(observationFilter(parseDownloadRequest("schools_internet_pct.csv", { educationLevel: "PRIMAR" }))).toEqual({
      indicator: "schools_internet_pct",
      breakdown: { educationLevel: "PRIMAR" },
    });
    expect(parameterOfArgument("filter.breakdown.skill")).toBe("skill");
    expect(parameterOfArgument("breakdown.educationLevel")).toBe("educationLevel");
    expect(() => parseDownloadRequest("ict_skills_pct.csv", { skill: "CO PA" })).toThrow(/skill/);
  });

  it("reads the shape parameters: allBreakdowns, layout, excel (any case)", () => {
    const request = parseDownloadRequest("internet_users_pct.csv", {
      allBreakdowns: "TRUE",
      layout: "Wide",
      excel: "1",
    });
    expect(request).toMatchObject({ allBreakdowns: true, layout: "wide", excel: true });
    expect(observationFilter(request)).toEqual({ indicator: "internet_users_pct", allBreakdowns: true });
    expect(parseDownloadRequest("internet_users_pct.csv", { allBreakdowns: "0", excel: "false" })).toMatchObject({
      allBreakdowns: false,
      layout: "long",
      excel: false,
    });
  });

  it.each([
    [{ layout: "tall" }, "layout", ["long", "wide"]],
    [{ excel: "yes" }, "excel", ["true", "false", "1", "0"]],
    [{ allBreakdowns: "all" }, "allBreakdowns", ["true", "false", "1", "0"]],
  ])("an unknown value of a known parameter, %j, is refused naming the allowed values", (query, parameter, allowed) => {
    let thrown: BadDownloadParameter | undefined;
    try {
      parseDownloadRequest("internet_users_pct.csv", query);
    } catch (error) {
      thrown = error as BadDownloadParameter;
    }
    expect(thrown).toBeInstanceOf(BadDownloadParameter);
    expect(thrown!.parameter).toBe(parameter);
    expect(thrown!.allowed).toEqual(allowed);
    expect(thrown!.message).toContain(allowed.join(", "));
  });

  it("an unknown parameter name is refused naming every parameter a download takes", () => {
    let thrown: BadDownloadParameter | undefined;
    try {
      parseDownloadRequest("internet_users_pct.csv", { countries: "KEN" });
    } catch (error) {
      thrown = error as BadDownloadParameter;
    }
    expect(thrown!.parameter).toBe("countries");
    expect(thrown!.allowed).toEqual(DOWNLOAD_PARAMETER_SPECS.map((p) => p.name));
    for (const p of DOWNLOAD_PARAMETER_SPECS) expect(thrown!.message).toContain(p.name);
  });

  it.each([
    [{ economies: "KEN,KE" }, "economies"],
    [{ economies: "KEN,,IND" }, "economies"],
    [{ economies: Array.from({ length: 301 }, () => "KEN").join(",") }, "economies"],
    [{ from: "20x0" }, "from"],
    [{ from: "1800" }, "from"],
    [{ to: "2200" }, "to"],
    [{ from: "2022", to: "2010" }, "from"],
    [{ year: "2020" }, "year"],
    [{ from: ["2010", "2011"] }, "from"],
    [{ region: "" }, "region"],
    [{ region: "<script>" }, "region"],
    [{ dataset: "WDI 2026" }, "dataset"],
    [{ sex: "F-M" }, "sex"],
    [{ speed: "fast!" }, "speed"],
  ])("refuses %j naming %s", (query, parameter) => {
    let thrown: unknown;
    try {
      parseDownloadRequest("internet_users_pct.csv", query as Record<string, unknown>);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BadDownloadParameter);
    expect((thrown as BadDownloadParameter).parameter).toBe(parameter);
    expect((thrown as Error).message).toContain(`"${parameter}"`);
  });

  it("refuses a malformed indicator and an unknown format", () => {
    expect(() => parseDownloadRequest("1-no.csv", {})).toThrow(BadDownloadParameter);
    expect(() => parseDownloadRequest("internet_users_pct.xlsx", {})).toThrow(UnknownDownload);
    expect(() => parseDownloadRequest("internet_users_pct", {})).toThrow(UnknownDownload);
  });
});

// ---- the CSV writer ---------------------------------------------------------------------------------------------

describe("CSV writer", () => {
  it("quotes fields that need it (RFC 4180) and leaves the others as they are", () => {
    expect(csvField("KEN")).toBe("KEN");
    expect(csvField("0.0000005")).toBe("0.0000005");
    expect(csvField(2010)).toBe("2010");
    expect(csvField(null)).toBe("");
    expect(csvField("Bonaire, Sint Eustatius and Saba")).toBe('"Bonaire, Sint Eustatius and Saba"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField(" padded")).toBe('" padded"');
    expect(csvRecord(["a", "b"])).toBe("a,b\r\n");
  });

  it("keeps a spreadsheet from reading free text as a formula, not numbers", () => {
    expect(csvText("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(csvText("@cmd")).toBe("'@cmd");
    expect(csvText("Kenya")).toBe("Kenya");
    expect(csvField("-1.5")).toBe("-1.5");
  });
});

// ---- the route --------------------------------------------------------------------------------------------------

describe("the operations the downloads send", () => {
  it("are valid against the composed supergraph", async () => {
    const schema = apiSchemaOf(readFileSync(DEFAULT_SUPERGRAPH_PATH, "utf8"));
    for (const query of [PAGE_QUERY, METADATA_QUERY, INDEX_QUERY]) {
      expect(validate(schema, parseGraphQL(query))).toEqual([]);
    }
  });
});
