import { readFileSync } from "node:fs";
import path from "node:path";
import { expectBadUserInput, startTestSubgraph, type TestSubgraph } from "@wsis/shared/testing";
import { parse } from "csv-parse/sync";
import { actionLinesModule } from "../src/module";
import type { SeedCounts } from "../src/seed/seed";

const dataFile = (name: string) =>
  parse(readFileSync(path.join(__dirname, "../data", name), "utf8"), { columns: true }) as Array<
    Record<string, string>
  >;

interface UngisAnswer {
  ungis: {
    year: number;
    chair: { id: string; name: string } | null;
    viceChairs: Array<{ id: string }>;
    members: Array<{ id: string }>;
    roles: Array<{
      agency: { id: string };
      role: string;
      fromYear: number;
      toYear: number | null;
      verified: boolean;
      source: { url: string };
    }>;
    source: { url: string } | null;
  };
}

const UNGIS = `query($year: Int) { ungis(year: $year) {
  year chair { id name } viceChairs { id } members { id } source { url }
  roles { agency { id } role fromYear toYear verified source { url } }
} }`;

let sg: TestSubgraph<SeedCounts>;

beforeAll(async () => {
  sg = await startTestSubgraph(actionLinesModule);
});
afterAll(async () => {
  await sg?.stop();
});

async function ungis(year?: number) {
  const res = await sg.query<UngisAnswer>(UNGIS, year === undefined ? {} : { year });
  expect(res.errors).toBeUndefined();
  return res.data!.ungis;
}

const ids = (list: Array<{ id: string }>) => list.map((a) => a.id);

describe("UNGIS: chair, vice-chairs and members, as sourced", () => {
  it("names UNCTAD chair for 2025–2026 with ITU, UNDP, UNESCO and UNESCWA vice-chairs (ITU's UNGIS page)", async () => {
    for (const year of [2025, 2026]) {
      const u = await ungis(year);
      expect(u.chair).toEqual({ id: "UNCTAD", name: "United Nations Conference on Trade and Development" });
      expect(ids(u.viceChairs)).toEqual(["ITU", "UNDP", "UNESCO", "UNESCWA"]);
      expect(u.source).toEqual({ url: "https://www.itu.int/net4/wsis/ungis" });
    }
  });

  it("counts as members of 2025 the agencies present at the UNGIS meeting of 17 November 2025, and the vice-chairs", async () => {
    const u = await ungis(2025);
    expect(ids(u.members)).toEqual([
      "ILO",
      "ITU",
      "ODET",
      "OHCHR",
      "UN-Women",
      "UNCTAD",
      "UNDESA",
      "UNDP",
      "UNESCO",
      "UNESCWA",
      "UPU",
      "WHO",
    ]);
    // A meeting attended in 2025 says nothing of 2026: the members of 2026 are the chair and vice-chairs only.
    expect(ids((await ungis(2026)).members)).toEqual(["ITU", "UNCTAD", "UNDP", "UNESCO", "UNESCWA"]);
  });

  it("names ITU chair in July 2022, with UNESCO, UNCTAD, UNDP and UNECA vice-chairs (ITU's speech of 7 July 2022)", async () => {
    const u = await ungis(2022);
    expect(u.chair?.id).toBe("ITU");
    expect(ids(u.viceChairs)).toEqual(["UNCTAD", "UNDP", "UNECA", "UNESCO"]);
    expect(u.source?.url).toBe("https://www.itu.int/en/osg/dsg/speeches/Pages/archive/2015-2022/2022-07-07.aspx");
  });

  it("names the chair who took over last in a year of handover (UNCTAD to UNESCO, February 2013), with both roles", async () => {
    const u = await ungis(2013);
    expect(u.chair?.id).toBe("UNESCO");
    expect(u.roles.filter((r) => r.role === "CHAIR").map((r) => [r.agency.id, r.fromYear, r.toYear])).toEqual([
      ["UNCTAD", 2012, 2013],
      ["UNESCO", 2013, null],
    ]);
  });

  it("invents nothing for a year no source covers: a role known from a starting year only counts for that year", async () => {
    // UNESCO chaired from 2013 and ITU from about 2019 (ungis.org); when either term ended is not known.
    for (const year of [2014, 2018, 2023, 2024]) {
      const u = await ungis(year);
      expect([year, u.chair, u.viceChairs, u.members, u.roles, u.source]).toEqual([year, null, [], [], [], null]);
    }
  });

  it("answers the current year when no year is given", async () => {
    expect((await ungis()).year).toBe(new Date().getUTCFullYear());
  });

  it("refuses a year that is not a four-digit year (BAD_USER_INPUT naming it)", async () => {
    for (const year of [99999, 12, -2025]) {
      expectBadUserInput(await sg.query(UNGIS, { year }), "year", String(year));
    }
  });
});

describe("Agency.ungisRoles", () => {
  it("serves every role of the research files with its source and the research's verification flag", async () => {
    const res = await sg.query<{
      agencies: Array<{
        id: string;
        ungisRoles: Array<{ role: string; fromYear: number; verified: boolean; source: { url: string } }>;
      }>;
    }>("{ agencies { id ungisRoles { role fromYear verified source { url } } } }");
    expect(res.errors).toBeUndefined();
    const served = res.data!.agencies.flatMap((a) =>
      a.ungisRoles.map((r) => [a.id, r.role, r.fromYear, r.verified, r.source.url].join("|")),
    );
    const roleFile = dataFile("ungis_roles.csv").map((r) =>
      [r.agency, r.role.toUpperCase().replace("-", "_"), r.from_year, r.verified, r.source_url].join("|"),
    );
    const memberFile = dataFile("ungis_members.csv")
      .filter((r) => !r.agency.startsWith("(") && !r.membership_evidence.startsWith("vice-chair"))
      .map((r) =>
        [r.agency.replace("UN Women", "UN-Women"), "MEMBER", r.as_of.slice(0, 4), r.verified, r.source_url].join("|"),
      );
    expect(new Set(served)).toEqual(new Set([...roleFile, ...memberFile]));
    expect(served).toHaveLength(roleFile.length + memberFile.length);
  });

  it("keeps ITU's unverified first chair (a secondary source) apart from its verified roles", async () => {
    const res = await sg.query<{
      agency: {
        ungisRoles: Array<{
          role: string;
          fromYear: number;
          toYear: number | null;
          verified: boolean;
          note: string | null;
        }>;
      };
    }>('{ agency(id: "itu") { ungisRoles { role fromYear toYear verified note } } }');
    const roles = res.data!.agency.ungisRoles;
    expect(roles.find((r) => r.role === "CHAIR" && r.fromYear === 2006)).toMatchObject({
      verified: false,
      toYear: null,
    });
    expect(roles.find((r) => r.role === "CHAIR" && r.fromYear === 2022)).toMatchObject({
      verified: true,
      toYear: 2022,
    });
    expect(roles.find((r) => r.role === "SECRETARIAT")).toMatchObject({ fromYear: 2025, verified: true });
  });

  it("knows the UNGIS members the agency list lacked, with their official names", async () => {
    const res = await sg.query<{ agencies: Array<{ id: string; name: string }> }>("{ agencies { id name } }");
    const names = Object.fromEntries(res.data!.agencies.map((a) => [a.id, a.name]));
    expect(names).toMatchObject({
      "UN-Women": "United Nations Entity for Gender Equality and the Empowerment of Women",
      OHCHR: "Office of the United Nations High Commissioner for Human Rights",
      ODET: "United Nations Office for Digital and Emerging Technologies",
      UNECA: "United Nations Economic Commission for Africa",
      UNESCWA: "United Nations Economic and Social Commission for Western Asia",
    });
  });
});

describe("no N+1", () => {
  it("loads every agency's roles, their agencies and sources in one statement each", async () => {
    const statements = await sg.countStatements(async () => {
      const res = await sg.query<{ agencies: unknown[] }>(
        "{ agencies { id ungisRoles { agency { name } source { url } } } }",
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.agencies.length).toBeGreaterThan(25);
    });
    // agencies, roles, agencies of the roles, sources.
    expect(statements).toBe(4);
  });

  it("answers a year in three statements however many roles it has", async () => {
    const count = (year: number) => sg.countStatements(() => ungis(year));
    // 2025: 16 roles; 2022: 5; 2024: none (the agencies and sources are then not read).
    expect(await count(2025)).toBe(3);
    expect(await count(2022)).toBe(3);
    expect(await count(2024)).toBe(1);
  });

  it("batches Agency references asking for their roles", async () => {
    const q =
      "query($r: [_Any!]!) { _entities(representations: $r) { ... on Agency { ungisRoles { role source { url } } } } }";
    const one = await sg.countStatements(() => sg.query(q, { r: [{ __typename: "Agency", id: "ITU" }] }));
    const many = await sg.countStatements(() =>
      sg.query(q, {
        r: ["ITU", "UNESCO", "UNCTAD", "UNDP", "UNECA", "WHO", "UPU"].map((id) => ({ __typename: "Agency", id })),
      }),
    );
    expect(many).toBe(one);
    expect(many).toBe(3);
  });
});
