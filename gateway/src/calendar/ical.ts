/**
 * A small, pure iCalendar (RFC 5545) writer for feeds of all-day events: CRLF line endings, lines folded at 75 octets
 * (never inside a UTF-8 sequence), TEXT values escaped, DATE values for all-day spans with an exclusive DTEND.
 */

export type CalendarDatePrecision = "DAY" | "MONTH" | "YEAR";

/** A date as precise as its source: "2025-07-07" (DAY), "2022-03" (MONTH) or "2024" (YEAR). */
export interface CalendarDate {
  date: string;
  precision: CalendarDatePrecision;
}

export interface CalendarEvent {
  /** Globally unique and stable across runs (RFC 5545 3.8.4.7). */
  uid: string;
  summary: string;
  start: CalendarDate;
  /** Null when the event lies within the day, month or year of its start. */
  end: CalendarDate | null;
  description?: string | null;
  location?: string | null;
  categories?: readonly string[];
  url?: string | null;
  /** A cancelled event stays in the feed with STATUS:CANCELLED, so subscribed calendars remove or mark it. */
  cancelled?: boolean;
}

export interface CalendarOptions {
  /** PRODID, e.g. "-//WSIS Hub//Events//EN". */
  prodId: string;
  /** When the feed was produced (DTSTAMP of every event). */
  now: Date;
  name?: string;
  description?: string;
  /** How often clients should refetch, as an ISO 8601 duration (REFRESH-INTERVAL, RFC 7986), e.g. "P1D". */
  refreshInterval?: string;
}

const CRLF = "\r\n";
const MAX_OCTETS = 75;

/** ASCII control characters, which RFC 5545 forbids in TEXT (3.3.11, CONTROL) — but the tab, and the line breaks escaped below. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * Escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks; control characters it forbids
 * (a vertical tab, ESC, NUL, DEL...) are dropped, so a title carrying one still gives a feed every client reads.
 */
export function escapeText(value: string): string {
  return value
    .replace(FORBIDDEN_CONTROLS, "")
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/**
 * Folds a content line (RFC 5545 3.1): no line longer than 75 octets; continuation lines start with one space. Splits
 * only between code points, so a multi-octet UTF-8 character is never cut.
 */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line, "utf8") <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const char of line) {
    const size = Buffer.byteLength(char, "utf8");
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
      limit = MAX_OCTETS - 1; // the leading space of a continuation line counts
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function parts(date: CalendarDate): { year: number; month: number; day: number } {
  const match = PARTIAL_DATE.exec(date.date);
  const expected = { YEAR: 1, MONTH: 2, DAY: 3 }[date.precision];
  const given = match ? [match[1], match[2], match[3]].filter((p) => p !== undefined).length : 0;
  if (!match || given !== expected)
    throw new Error(`date ${JSON.stringify(date.date)} does not have precision ${date.precision}`);
  return { year: Number(match[1]), month: Number(match[2] ?? 1), day: Number(match[3] ?? 1) };
}

const utcDay = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day));
const dateValue = (d: Date) => d.toISOString().slice(0, 10).replace(/-/g, "");

/** The first day a date covers: the day, the 1st of the month, or 1 January. */
export function firstDay(date: CalendarDate): Date {
  const { year, month, day } = parts(date);
  return utcDay(year, month, day);
}

/** The day after the last day a date covers (an exclusive end, as DTEND of an all-day event wants it). */
export function dayAfterLastDay(date: CalendarDate): Date {
  const { year, month, day } = parts(date);
  switch (date.precision) {
    case "YEAR":
      return utcDay(year + 1, 1, 1);
    case "MONTH":
      return utcDay(year, month + 1, 1);
    case "DAY":
      return utcDay(year, month, day + 1);
  }
}

/** DTSTART and DTEND (exclusive) values of an all-day span covering every day from the start to the end. */
export function allDaySpan(start: CalendarDate, end: CalendarDate | null): { dtstart: string; dtend: string } {
  const from = firstDay(start);
  const until = dayAfterLastDay(end ?? start);
  if (until <= from) throw new Error(`span ${start.date} – ${end?.date} ends before it starts`);
  return { dtstart: dateValue(from), dtend: dateValue(until) };
}

/** A UTC DATE-TIME value, e.g. 20250707T120000Z. */
export function utcDateTime(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

function property(name: string, value: string, params: Record<string, string> = {}): string {
  const paramText = Object.entries(params)
    .map(([key, v]) => `;${key}=${v}`)
    .join("");
  return foldLine(`${name}${paramText}:${value}`);
}

/** Writes a VCALENDAR with one all-day VEVENT per event. */
export function writeCalendar(events: readonly CalendarEvent[], options: CalendarOptions): string {
  const stamp = utcDateTime(options.now);
  const lines: string[] = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    property("PRODID", options.prodId),
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
  ];
  if (options.name) {
    lines.push(property("NAME", escapeText(options.name)), property("X-WR-CALNAME", escapeText(options.name)));
  }
  if (options.description) {
    lines.push(
      property("DESCRIPTION", escapeText(options.description)),
      property("X-WR-CALDESC", escapeText(options.description)),
    );
  }
  if (options.refreshInterval) {
    lines.push(
      property("REFRESH-INTERVAL", options.refreshInterval, { VALUE: "DURATION" }),
      property("X-PUBLISHED-TTL", options.refreshInterval),
    );
  }
  for (const event of events) {
    const span = allDaySpan(event.start, event.end);
    lines.push(
      "BEGIN:VEVENT",
      property("UID", escapeText(event.uid)),
      property("DTSTAMP", stamp),
      property("DTSTART", span.dtstart, { VALUE: "DATE" }),
      property("DTEND", span.dtend, { VALUE: "DATE" }),
      property("SUMMARY", escapeText(event.summary)),
      property("STATUS", event.cancelled ? "CANCELLED" : "CONFIRMED"),
    );
    if (event.description) lines.push(property("DESCRIPTION", escapeText(event.description)));
    if (event.location) lines.push(property("LOCATION", escapeText(event.location)));
    if (event.categories && event.categories.length > 0) {
      lines.push(property("CATEGORIES", event.categories.map(escapeText).join(",")));
    }
    // A URI has no escapes: every control character goes (a line break would start a property of its own).
    // eslint-disable-next-line no-control-regex
    if (event.url) lines.push(property("URL", event.url.replace(/[\u0000-\u001f\u007f]/g, ""), { VALUE: "URI" }));
    // The feed informs; it does not book the subscriber's time.
    lines.push("TRANSP:TRANSPARENT", "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.join(CRLF) + CRLF;
}
