import type { AddressInfo } from "node:net";
import http from "node:http";
import express from "express";
import { parse as parseGraphQL } from "graphql";
import ICAL from "ical.js";
import { calendarRoute, CALENDAR_PATH } from "../src/calendar/calendar.route";
import { FEED_QUERY, toCalendarEvent, type FeedEvent } from "../src/calendar/calendar.events";
import { allDaySpan, escapeText, foldLine, writeCalendar } from "../src/calendar/ical";
import type { ExecutePublic, PublicGraphResult } from "../src/public-graph";

/** Events as the public graph serves them (values as in the roadmap data), plus one built to stress the format. */
const ROADMAP = { title: "ITU Council 2022 — Report by the Secretary-General: WSIS+20 roadmap", url: null };
const event = (e: Partial<FeedEvent> & Pick<FeedEvent, "id" | "title" | "start">): FeedEvent => ({
  kind: "MEETING",
  timelineYear: Number(e.start.date.slice(0, 4)),
  roadmapText: e.title,
  status: "SCHEDULED",
  cancelledReason: null,
  end: null,
  location: null,
  format: null,
  organisations: [],
  actionLines: [],
  tracks: [],
  expectations: [],
  note: null,
  datesSource: ROADMAP,
  source: ROADMAP,
  ...e,
});

const EVENTS: FeedEvent[] = [
  event({
    id: "wsis-forum-2022",
    title: "WSIS Forum 2022",
    kind: "FORUM",
    roadmapText: "WSIS Forum 2022: 15 March – 3rd June",
    start: { date: "2022-03-15", precision: "DAY" },
    end: { date: "2022-06-03", precision: "DAY" },
    location:
      "Online from 15 March; final week (30 May – 3 June 2022) at ITU Headquarters, Geneva, Switzerland, with remote participation",
    format: "HYBRID",
    organisations: [
      { role: "ORGANISER", agency: { id: "ITU" } },
      { role: "CO_ORGANISER", agency: { id: "UNESCO" } },
    ],
    actionLines: ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C7.e-health", "C8", "C9", "C10", "C11"].map((code) => ({
      code,
    })),
    tracks: [{ name: "WSIS Forum" }, { name: "WSIS Prizes" }],
    expectations: [
      { label: "i", text: "preliminary indications providing a forward-looking scope for the WSIS beyond 2025" },
      { label: "iv", text: "templates for reports by civil society, academia, private sector and technical community" },
    ],
  }),
  event({
    id: "unsc-2022",
    title: "Session of the UN Statistical Commission (UNSC) 2022",
    kind: "SESSION",
    roadmapText:
      "Session of the UN Statistical Commission (UNSC) (March)- ITU will be the chair of the Steering committee",
    start: { date: "2022-03", precision: "MONTH" },
    organisations: [{ role: "ORGANISER", agency: { id: "UNSC" } }],
  }),
  event({
    id: "unsc-2024-02",
    title: "A February in a leap year",
    start: { date: "2024-02", precision: "MONTH" },
  }),
  event({
    id: "cstd-2022",
    title: "Inter-sessional and Annual Meetings of the CSTD 2022",
    kind: "SESSION",
    start: { date: "2022", precision: "YEAR" },
  }),
  event({
    id: "december-span",
    title: "From a month to a year",
    start: { date: "2024-12", precision: "MONTH" },
    end: { date: "2025", precision: "YEAR" },
  }),
  event({
    id: "unga-wsis20-hlm-2025",
    title: "UN General Assembly High-Level Meeting on the WSIS+20 Review",
    kind: "HIGH_LEVEL_MEETING",
    start: { date: "2025-12-16", precision: "DAY" },
    end: { date: "2025-12-17", precision: "DAY" },
    location: "United Nations Headquarters, New York, United States",
    datesSource: {
      title: "UN General Assembly resolution A/RES/79/277",
      url: "https://digitallibrary.un.org/record/4080263/files/A_RES_79_277-EN.pdf",
    },
  }),
  event({
    id: "escaping",
    title: "Commas, semicolons; back\\slashes and\nline breaks — in Genève’s ‘WSIS\u00a0Forum’ 🌍",
    start: { date: "2025-07-07", precision: "DAY" },
    location: "Palexpo, Geneva; Hall 1, Room A\\B",
    note: `${"Ünïcödé · ".repeat(20)}end`,
    tracks: [{ name: "UN Agencies, UNGIS" }],
  }),
];

const NOW = new Date("2026-01-15T08:30:00Z");

interface Served {
  status: number;
  type: string | null;
  text: string;
  bytes: Buffer;
}

let server: http.Server;
let base: string;
let calls: Array<{ query: string; variables?: Record<string, unknown> }>;
let answer: (variables?: Record<string, unknown>) => PublicGraphResult<unknown>;

const fakeExecute: ExecutePublic = async <T>(query: string, variables?: Record<string, unknown>) => {
  calls.push({ query, variables });
  return answer(variables) as PublicGraphResult<T>;
};

beforeAll(async () => {
  const app = express();
  let clock = NOW.getTime();
  app.get(CALENDAR_PATH, calendarRoute(fakeExecute, { now: () => new Date(clock++ * 1) }));
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  calls = [];
  answer = () => ({ data: { events: EVENTS } });
});

async function get(query = ""): Promise<Served> {
  const response = await fetch(`${base}${CALENDAR_PATH}${query}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, type: response.headers.get("content-type"), text: bytes.toString("utf8"), bytes };
}

function vevents(text: string): ICAL.Event[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
}

const dateOf = (t: ICAL.Time) => t.toString();

describe("GET /events.ics", () => {
  it("serves a calendar that an iCalendar parser reads, with every event of the graph", async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.type).toBe("text/calendar; charset=utf-8");
    const calendar = new ICAL.Component(ICAL.parse(res.text));
    expect(calendar.name).toBe("vcalendar");
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(calendar.getFirstPropertyValue("prodid")).toBe("-//WSIS Hub//WSIS+20 roadmap events//EN");
    const events = vevents(res.text);
    expect(events.map((e) => e.uid)).toEqual(EVENTS.map((e) => `${e.id}@events.wsis-hub`));
    expect(events.map((e) => e.summary)).toEqual(EVENTS.map((e) => e.title));
    expect(calls).toHaveLength(1);
    expect(calls[0].query).toBe(FEED_QUERY);
    expect(() => parseGraphQL(calls[0].query)).not.toThrow();
  });

  it("writes all-day DATE spans: exact days, whole months, whole years, with an exclusive end", async () => {
    const events = vevents((await get()).text);
    const spans = Object.fromEntries(
      events.map((e) => [
        e.uid.split("@")[0],
        [dateOf(e.startDate), dateOf(e.endDate), e.startDate.isDate, e.endDate.isDate],
      ]),
    );
    expect(spans).toEqual({
      "wsis-forum-2022": ["2022-03-15", "2022-06-04", true, true],
      "unsc-2022": ["2022-03-01", "2022-04-01", true, true],
      "unsc-2024-02": ["2024-02-01", "2024-03-01", true, true],
      "cstd-2022": ["2022-01-01", "2023-01-01", true, true],
      "december-span": ["2024-12-01", "2026-01-01", true, true],
      "unga-wsis20-hlm-2025": ["2025-12-16", "2025-12-18", true, true],
      escaping: ["2025-07-07", "2025-07-08", true, true],
    });
    // Whole months and years: the span is exactly the month's or the year's days, no invented day inside it.
    const unsc = events.find((e) => e.uid.startsWith("unsc-2022@"))!;
    expect(unsc.duration.toSeconds()).toBe(31 * 86400);
    const cstd = events.find((e) => e.uid.startsWith("cstd-2022@"))!;
    expect(cstd.duration.toSeconds()).toBe(365 * 86400);
  });

  it("says in the description how precise the dates are", async () => {
    const byUid = Object.fromEntries(vevents((await get()).text).map((e) => [e.uid.split("@")[0], e.description]));
    expect(byUid["wsis-forum-2022"]).toContain("Dates: 15 March 2022 – 3 June 2022\n");
    expect(byUid["unsc-2022"]).toContain(
      "Dates: March 2022 (the sources give only the month, no day; shown as an all-day span over the whole month)",
    );
    expect(byUid["cstd-2022"]).toContain(
      "Dates: 2022 (the sources give only the year, no day; shown as an all-day span over the whole year)",
    );
    expect(byUid["wsis-forum-2022"]).toContain("Organisers: ITU (organiser), UNESCO (co-organiser)");
    expect(byUid["wsis-forum-2022"]).toContain("WSIS action lines: C1, C2");
    expect(byUid["wsis-forum-2022"]).toContain(
      "i. preliminary indications providing a forward-looking scope for the WSIS beyond 2025",
    );
    expect(byUid["wsis-forum-2022"]).toContain(
      "WSIS+20 roadmap, timeline 2022: “WSIS Forum 2022: 15 March – 3rd June”",
    );
    expect(byUid["unga-wsis20-hlm-2025"]).toContain(
      "Dates from: UN General Assembly resolution A/RES/79/277 <https://digitallibrary.un.org/",
    );
  });

  it("escapes commas, semicolons, backslashes and line breaks, and round-trips every character", async () => {
    const res = await get();
    const escaping = vevents(res.text).find((e) => e.uid.startsWith("escaping@"))!;
    const source = EVENTS.find((e) => e.id === "escaping")!;
    expect(escaping.summary).toBe(source.title);
    expect(escaping.location).toBe(source.location);
    expect(escaping.description).toContain(source.note!);
    const unfolded = res.text.replace(/\r\n /g, "");
    expect(unfolded).toContain(
      "SUMMARY:Commas\\, semicolons\\; back\\\\slashes and\\nline breaks — in Genève’s ‘WSIS\u00a0Forum’ 🌍\r\n",
    );
    expect(unfolded).toContain("LOCATION:Palexpo\\, Geneva\\; Hall 1\\, Room A\\\\B\r\n");
    expect(unfolded).toContain("CATEGORIES:Meeting,UN Agencies\\, UNGIS\r\n");
    const categories = vevents(res.text)
      .find((e) => e.uid.startsWith("escaping@"))!
      .component.getFirstProperty("categories")!
      .getValues();
    expect(categories).toEqual(["Meeting", "UN Agencies, UNGIS"]);
  });

  it("strips the control characters RFC 5545 forbids in TEXT, so a parser reads every event with odd characters", async () => {
    // Every ASCII control but the tab and the line breaks (escaped as \\n), and DEL; some next to folding points.
    const controls = [
      ...Array.from({ length: 32 }, (_, c) => String.fromCharCode(c)).filter((c) => !"\t\n\r".includes(c)),
      "\u007f",
    ];
    const odd = controls.map((control, i) =>
      event({
        id: `odd-${i}`,
        title: `WSIS${control}Forum \u000bvertical tab, \u001b[31mESC${"x".repeat(i * 3)}${control}`,
        start: { date: "2025-07-07", precision: "DAY" },
        location: `Geneva${control}`,
        note: `Note${control}with\ttab and\r\nbreak${control}`,
        tracks: [{ name: `Track${control}` }],
      }),
    );
    answer = () => ({ data: { events: odd } });
    const res = await get();
    expect(res.status).toBe(200);
    // eslint-disable-next-line no-control-regex
    expect(res.text.replace(/\r\n/g, "")).not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f]/);
    const parsed = vevents(res.text);
    expect(parsed).toHaveLength(odd.length);
    // eslint-disable-next-line no-control-regex
    const clean = (text: string) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "");
    for (const [i, e] of parsed.entries()) {
      expect(e.uid).toBe(`odd-${i}@events.wsis-hub`);
      expect(e.summary).toBe(clean(odd[i].title));
      expect(e.location).toBe("Geneva");
      expect(e.description).toContain("Notewith\ttab and\nbreak");
      expect(e.component.getFirstProperty("categories")!.getValues()).toContain("Track");
    }
  });

  it("ends every line with CRLF and folds lines at 75 octets without splitting a character", async () => {
    const res = await get();
    expect(res.text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(res.text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = res.text.split("\r\n").slice(0, -1);
    let folded = 0;
    let multiOctetAtFold = 0;
    for (const line of lines) {
      const octets = Buffer.byteLength(line, "utf8");
      expect(octets).toBeLessThanOrEqual(75);
      if (line.startsWith(" ")) {
        folded += 1;
        if (octets !== line.length) multiOctetAtFold += 1;
      }
      // No cut inside a UTF-8 sequence: each physical line is valid UTF-8 on its own.
      expect(Buffer.from(line, "utf8").toString("utf8")).not.toContain("\ufffd");
    }
    expect(folded).toBeGreaterThan(10);
    expect(multiOctetAtFold).toBeGreaterThan(0);
    // The raw bytes of each physical line decode on their own (no sequence spans a fold).
    let start = 0;
    for (let i = 0; i < res.bytes.length - 1; i += 1) {
      if (res.bytes[i] === 0x0d && res.bytes[i + 1] === 0x0a) {
        expect(new TextDecoder("utf-8", { fatal: true }).decode(res.bytes.subarray(start, i))).toBeDefined();
        start = i + 2;
      }
    }
  });

  it("keeps UIDs stable across runs and stamps each run", async () => {
    const first = vevents((await get()).text);
    const second = vevents((await get()).text);
    expect(second.map((e) => e.uid)).toEqual(first.map((e) => e.uid));
    const stamps = (events: ICAL.Event[]) =>
      events.map((e) => e.component.getFirstPropertyValue("dtstamp")!.toString());
    expect(new Set(stamps(first)).size).toBe(1);
    const stamp = first[0].component.getFirstProperty("dtstamp")!.getFirstValue() as ICAL.Time;
    expect(stamp.isDate).toBe(false);
    expect(stamp.zone?.tzid).toBe("UTC");
    expect(stamp.toJSDate().getTime() - NOW.getTime()).toBeLessThan(1000);
  });

  it("passes the filters to the graph as events(filter:)", async () => {
    const res = await get(
      "?year=2025&actionLine=C5&kind=high-level-meeting&organiser=ITU&track=wsis-forum&from=2025-07&to=2025-12-31",
    );
    expect(res.status).toBe(200);
    expect(calls[0].variables).toEqual({
      filter: {
        year: 2025,
        actionLine: "C5",
        kind: "HIGH_LEVEL_MEETING",
        organiser: "ITU",
        track: "wsis-forum",
        from: "2025-07",
        to: "2025-12-31",
      },
    });
    const name = new ICAL.Component(ICAL.parse(res.text)).getFirstPropertyValue("x-wr-calname");
    expect(name).toContain("year 2025");
    expect(name).toContain("action line C5");
  });

  it("serves a valid, empty calendar when nothing matches", async () => {
    answer = () => ({ data: { events: [] } });
    const res = await get("?year=2030");
    expect(res.status).toBe(200);
    expect(vevents(res.text)).toEqual([]);
    expect(calls[0].variables).toEqual({ filter: { year: 2030 } });
  });
});

describe("bad parameters", () => {
  it.each([
    ["?year=twenty", "year"],
    ["?year=20251", "year"],
    ["?year=2024&year=2025", "year"],
    ["?kind=forum!", "kind"],
    ["?organiser=", "organiser"],
    ["?actionLine=" + "C".repeat(81), "actionLine"],
    ["?colour=blue", "colour"],
  ])("refuses %s with a 400 naming %s, without asking the graph", async (query, parameter) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(res.type).toMatch(/^text\/plain/);
    expect(res.text).toContain(`"${parameter}"`);
    expect(calls).toHaveLength(0);
  });

  it.each([
    [
      "?organiser=ACME",
      {
        message: 'Argument "filter.organiser" names an unknown agency id "ACME"',
        extensions: { code: "BAD_USER_INPUT", argumentName: "filter.organiser" },
      },
      "organiser",
    ],
    [
      "?from=2025-08&to=2025-07",
      {
        message: 'Argument "filter.from" (2025-08) is after "filter.to" (2025-07); nothing can match',
        extensions: { code: "BAD_USER_INPUT", argumentName: "filter.from" },
      },
      "from",
    ],
    [
      "?kind=party",
      {
        message:
          'Variable "$filter" got invalid value "PARTY" at "filter.kind"; Value "PARTY" does not exist in "EventKind" enum.',
        extensions: { code: "BAD_USER_INPUT" },
      },
      "kind",
    ],
  ])("turns the graph's BAD_USER_INPUT for %s into a 400 naming the parameter", async (query, error, parameter) => {
    answer = () => ({ data: null, errors: [error] });
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(res.text).toContain(`Bad parameter "${parameter}"`);
    expect(res.text).not.toContain("filter.");
  });

  it("answers 502, without details, when the graph fails", async () => {
    answer = () => ({
      data: null,
      errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }],
    });
    const res = await get();
    expect(res.status).toBe(502);
    expect(res.text).not.toMatch(/Internal server error|stack/);
  });
});

describe("the iCalendar writer", () => {
  it("marks cancelled events STATUS:CANCELLED (others CONFIRMED) and says why", () => {
    const cancelled = toCalendarEvent(
      event({
        id: "x-cancelled",
        title: "A cancelled meeting",
        start: { date: "2025-03", precision: "MONTH" },
        status: "CANCELLED",
        cancelledReason: "Postponed to 2026",
      }),
    );
    const held = toCalendarEvent(
      event({ id: "x-held", title: "A meeting", start: { date: "2025-03", precision: "MONTH" } }),
    );
    const text = writeCalendar([cancelled, held], {
      prodId: "-//t//t//EN",
      name: "t",
      now: new Date("2025-01-01T00:00:00Z"),
    });
    const parsed = vevents(text);
    expect(parsed.map((e) => e.component.getFirstPropertyValue("status"))).toEqual(["CANCELLED", "CONFIRMED"]);
    expect(parsed[0].description).toContain("Cancelled: Postponed to 2026");
  });

  it("drops control characters from a URI value, so a line break cannot start a property of its own", () => {
    const text = writeCalendar(
      [
        {
          uid: "u@x",
          summary: "S",
          start: { date: "2025-07-07", precision: "DAY" },
          end: null,
          url: "https://www.itu.int/wsis/\u001b\r\nATTENDEE:mailto:x@example.org",
        },
      ],
      { prodId: "-//t//t//EN", now: new Date("2025-01-01T00:00:00Z") },
    );
    const [e] = vevents(text);
    expect(e.component.getFirstPropertyValue("url")).toBe("https://www.itu.int/wsis/ATTENDEE:mailto:x@example.org");
    expect(e.component.getFirstProperty("attendee")).toBeNull();
  });

  it("escapes TEXT values", () => {
    expect(escapeText("a,b;c\\d\ne\r\nf")).toBe("a\\,b\\;c\\\\d\\ne\\nf");
  });

  it("folds at 75 octets, continuation lines starting with a space", () => {
    const line = `DESCRIPTION:${"x".repeat(200)}`;
    const folded = foldLine(line).split("\r\n");
    expect(folded.map((l) => Buffer.byteLength(l))).toEqual([75, 75, 64]);
    expect(folded.slice(1).every((l) => l.startsWith(" "))).toBe(true);
    expect(folded.map((l, i) => (i === 0 ? l : l.slice(1))).join("")).toBe(line);
    expect(foldLine("SUMMARY:short")).toBe("SUMMARY:short");
    const euro = `X:${"€".repeat(40)}`; // 3 octets each
    expect(
      foldLine(euro)
        .split("\r\n")
        .every((l) => Buffer.byteLength(l) <= 75 && !l.includes("\ufffd")),
    ).toBe(true);
  });

  it("computes all-day spans from partial dates", () => {
    expect(allDaySpan({ date: "2023-02", precision: "MONTH" }, null)).toEqual({
      dtstart: "20230201",
      dtend: "20230301",
    });
    expect(allDaySpan({ date: "2024-12-31", precision: "DAY" }, null)).toEqual({
      dtstart: "20241231",
      dtend: "20250101",
    });
    expect(allDaySpan({ date: "2022", precision: "YEAR" }, { date: "2023-06", precision: "MONTH" })).toEqual({
      dtstart: "20220101",
      dtend: "20230701",
    });
    expect(() => allDaySpan({ date: "2022-03", precision: "DAY" }, null)).toThrow(/precision/);
    expect(() =>
      allDaySpan({ date: "2022-06-03", precision: "DAY" }, { date: "2022-03-15", precision: "DAY" }),
    ).toThrow(/before/);
  });

  it("writes a calendar that ical.js reads back, event by event", () => {
    const text = writeCalendar(
      [{ uid: "a@x", summary: "A", start: { date: "2024-02-29", precision: "DAY" }, end: null, categories: [] }],
      { prodId: "-//t//t//EN", now: new Date("2024-01-01T00:00:00Z") },
    );
    const [e] = vevents(text);
    expect([e.uid, e.summary, dateOf(e.startDate), dateOf(e.endDate)]).toEqual([
      "a@x",
      "A",
      "2024-02-29",
      "2024-03-01",
    ]);
    expect(text).toContain("DTSTAMP:20240101T000000Z\r\n");
  });
});
