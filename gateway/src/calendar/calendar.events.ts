import type { CalendarDate, CalendarEvent } from "./ical";

/** What the feed reads of each event from the public graph (see FEED_QUERY). */
export interface FeedEvent {
  id: string;
  title: string;
  kind: string;
  timelineYear: number;
  /** The roadmap's own line; null for events entered through the hub. */
  roadmapText: string | null;
  status: "SCHEDULED" | "CANCELLED" | string;
  cancelledReason: string | null;
  start: CalendarDate;
  end: CalendarDate | null;
  location: string | null;
  format: string | null;
  organisations: Array<{ role: string; agency: { id: string } }>;
  actionLines: Array<{ code: string }>;
  tracks: Array<{ name: string }>;
  expectations: Array<{ label: string | null; text: string }>;
  note: string | null;
  datesSource: { title: string; url: string | null } | null;
  source: { title: string; url: string | null } | null;
}

/** The operation the feed runs against the public graph; every field is served by the events subgraph. */
export const FEED_QUERY = `query EventsCalendarFeed($filter: EventFilter) {
  events(filter: $filter) {
    id title kind timelineYear roadmapText status cancelledReason
    start { date precision }
    end { date precision }
    location format
    organisations { role agency { id } }
    actionLines { code }
    tracks { name }
    expectations { label text }
    note
    datesSource { title url }
    source { title url }
  }
}`;

/** Stable across runs and feeds: the event's id in the hub. */
export const eventUid = (id: string) => `${id}@events.wsis-hub`;

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

function humanDate(date: CalendarDate): string {
  const [year, month, day] = date.date.split("-");
  switch (date.precision) {
    case "YEAR":
      return year;
    case "MONTH":
      return `${MONTHS[Number(month) - 1]} ${year}`;
    case "DAY":
      return `${Number(day)} ${MONTHS[Number(month) - 1]} ${year}`;
  }
}

const ROLE_NAMES: Record<string, string> = { ORGANISER: "organiser", CO_ORGANISER: "co-organiser", CHAIR: "chair" };

const humanKind = (kind: string) => {
  const words = kind.toLowerCase().replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** How the dates are shown, saying plainly when only a month or a year is known. */
export function datesLine(start: CalendarDate, end: CalendarDate | null): string {
  const when = end ? `${humanDate(start)} – ${humanDate(end)}` : humanDate(start);
  const coarse = [start, ...(end ? [end] : [])].map((d) => d.precision).filter((p) => p !== "DAY");
  if (coarse.length === 0) return `Dates: ${when}`;
  const what = coarse.includes("YEAR") ? "year" : "month";
  return `Dates: ${when} (the sources give only the ${what}, no day; shown as an all-day span over the whole ${what})`;
}

/** Turns an event of the public graph into a calendar entry; nothing is added that the graph does not say. */
export function toCalendarEvent(event: FeedEvent): CalendarEvent {
  const lines = [event.title, `Kind: ${humanKind(event.kind)}`, datesLine(event.start, event.end)];
  if (event.location) lines.push(`Location: ${event.location}`);
  if (event.format) lines.push(`Format: ${event.format.toLowerCase().replace(/_/g, " ")}`);
  if (event.organisations.length > 0) {
    lines.push(
      `Organisers: ${event.organisations.map((o) => `${o.agency.id} (${ROLE_NAMES[o.role] ?? o.role.toLowerCase()})`).join(", ")}`,
    );
  }
  if (event.actionLines.length > 0) lines.push(`WSIS action lines: ${event.actionLines.map((l) => l.code).join(", ")}`);
  if (event.tracks.length > 0) lines.push(`Roadmap tracks: ${event.tracks.map((t) => t.name).join("; ")}`);
  if (event.status === "CANCELLED") lines.push(`Cancelled${event.cancelledReason ? `: ${event.cancelledReason}` : ""}`);
  if (event.roadmapText) lines.push(`WSIS+20 roadmap, timeline ${event.timelineYear}: “${event.roadmapText}”`);
  if (event.expectations.length > 0) {
    lines.push("What the roadmap expects:");
    for (const x of event.expectations) lines.push(x.label ? `${x.label}. ${x.text}` : `- ${x.text}`);
  }
  if (event.note) lines.push(`Note: ${event.note}`);
  if (event.datesSource)
    lines.push(`Dates from: ${event.datesSource.title}${event.datesSource.url ? ` <${event.datesSource.url}>` : ""}`);
  if (event.source) lines.push(`Source: ${event.source.title}`);
  return {
    uid: eventUid(event.id),
    summary: event.title,
    start: event.start,
    end: event.end,
    description: lines.join("\n"),
    location: event.location,
    categories: [humanKind(event.kind), ...event.tracks.map((t) => t.name)],
    url: event.datesSource?.url ?? null,
    cancelled: event.status === "CANCELLED",
  };
}
