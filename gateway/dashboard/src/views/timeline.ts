import * as Plot from "@observablehq/plot";
import { controlsForm, field } from "../controls";
import { dataTable, h, plotSvg } from "../dom";
import type { DashboardTimelineQuery } from "../gql/graphql";
import { TimelineQuery } from "../queries";
import { stateToSearch, TIMELINE_YEARS, YEAR_BOUNDS, type DashboardState } from "../state";
import type { ViewContext, ViewModule } from "../view";

type Event = NonNullable<DashboardTimelineQuery["timeline"]>[number]["events"][number];

/** Events of no roadmap track (meetings the roadmap only lists in its timeline). */
const NO_TRACK = "Timeline only (no track)";

interface Bar {
  event: Event;
  track: string;
  start: Date;
  end: Date;
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const nextDay = (iso: string) => new Date(day(iso).getTime() + 86_400_000);
const STATUS_LABEL: Record<string, string> = {
  HELD: "held",
  SCHEDULED: "scheduled",
  POSTPONED: "postponed",
  CANCELLED: "cancelled",
};

function years(state: DashboardState) {
  return { fromYear: state.from ?? TIMELINE_YEARS.from, toYear: state.to ?? TIMELINE_YEARS.to };
}

function yearControls(state: DashboardState, context: ViewContext): HTMLElement {
  const span = years(state);
  const input = (name: "from" | "to") =>
    h("input", {
      type: "number",
      id: `timeline-${name}`,
      min: YEAR_BOUNDS.min,
      max: YEAR_BOUNDS.max,
      value: name === "from" ? span.fromYear : span.toYear,
      onChange: (event: globalThis.Event) => {
        const raw = (event.target as HTMLInputElement).value;
        context.navigate({ [name]: /^[0-9]{4}$/.test(raw) ? Number(raw) : undefined });
      },
    });
  return controlsForm(field("From", input("from")), field("To", input("to")));
}

export const timelineView: ViewModule = {
  async controls(state, context) {
    return yearControls(state, context);
  },

  async render(state, context) {
    const variables = years(state);
    const result = await context.client.execute(TimelineQuery, variables);
    const events = (result.data.timeline ?? []).flatMap((y) => y.events);
    const tracks = [...(result.data.roadmapTracks ?? [])].sort((a, b) => a.position - b.position);
    const bars: Bar[] = events.flatMap((event) =>
      (event.tracks.length ? event.tracks.map((t) => t.name) : [NO_TRACK]).map((track) => ({
        event,
        track,
        start: day(event.firstDay),
        end: nextDay(event.lastDay),
      })),
    );
    const selected = events.find((e) => e.id === state.event);
    const trackNames = [...tracks.map((t) => t.name), ...(bars.some((b) => b.track === NO_TRACK) ? [NO_TRACK] : [])];
    const usedTracks = trackNames.filter((t) => bars.some((b) => b.track === t));
    const label = (b: Bar) =>
      `${b.event.title}\n${b.event.startDate}${b.event.endDate ? ` – ${b.event.endDate}` : ""}${b.event.location ? ` · ${b.event.location}` : ""}\nStatus: ${
        STATUS_LABEL[b.event.status] ?? b.event.status
      }${b.event.reports?.length ? `\nReports: ${b.event.reports.map((r) => `${r.title} (${r.status.toLowerCase()})`).join("; ")}` : ""}`;
    const chart = Plot.plot({
      width: context.width,
      height: 70 + usedTracks.length * 42,
      marginLeft: 270,
      ariaLabel: `Timeline: ${events.length} events of the WSIS+20 roadmap, ${variables.fromYear}–${variables.toYear}, by track`,
      x: {
        type: "utc",
        label: null,
        domain: [day(`${variables.fromYear}-01-01`), day(`${variables.toYear + 1}-01-01`)],
        grid: true,
      },
      y: { label: null, domain: usedTracks },
      color: {
        domain: ["HELD", "SCHEDULED", "POSTPONED", "CANCELLED"],
        range: ["#1b3a57", "#2b5c8a", "#8fb3d3", "#c9c9c9"],
        legend: true,
        tickFormat: (s: string) => STATUS_LABEL[s] ?? s,
      },
      marks: [
        Plot.barX(bars, {
          x1: "start",
          x2: "end",
          y: "track",
          fill: (b: Bar) => b.event.status,
          stroke: (b: Bar) => (b.event === selected ? "#d4380d" : "#fff"),
          strokeWidth: (b: Bar) => (b.event === selected ? 3 : 1.5),
          insetTop: 6,
          insetBottom: 6,
          className: "wsis-timeline-event",
          href: (b: Bar) =>
            state.embed ? null : stateToSearch({ ...state, view: "timeline", event: b.event.id, embed: false }),
          ariaLabel: (b: Bar) => label(b).replace(/\n/g, "; "),
          title: label,
          tip: true,
        }),
        // A dot at each start keeps one-day events visible at this scale.
        Plot.dot(bars, {
          x: "start",
          y: "track",
          r: 3.5,
          fill: (b: Bar) => b.event.status,
          stroke: "#1b3a57",
          strokeWidth: 0.8,
          ariaHidden: "true",
        }),
      ],
    });
    const svg = plotSvg(chart);
    svg.querySelectorAll<SVGRectElement>("g.wsis-timeline-event rect").forEach((rect, i) => {
      rect.dataset.event = bars[i].event.id;
      rect.dataset.status = bars[i].event.status;
    });
    chart.setAttribute("data-events", String(events.length));

    const details = selected
      ? h(
          "section",
          { class: "event-details", "aria-live": "polite" },
          h("h3", {}, selected.title),
          h(
            "p",
            {},
            `${selected.startDate}${selected.endDate ? ` – ${selected.endDate}` : ""}${selected.location ? ` · ${selected.location}` : ""} · ${selected.kind.toLowerCase().replace(/_/g, " ")} · ${
              STATUS_LABEL[selected.status] ?? selected.status
            }`,
          ),
          h("p", {}, `Tracks: ${selected.tracks.map((t) => t.name).join(", ") || "none"}`),
          h("h4", {}, "Linked reports"),
          selected.reports?.length
            ? h(
                "ul",
                {},
                selected.reports.map((r) => h("li", {}, `${r.title} — ${r.status.toLowerCase()}`)),
              )
            : h("p", {}, "None."),
        )
      : h("p", { class: "note" }, "No event selected.");
    return {
      title: "WSIS+20 roadmap timeline",
      subtitle: `${events.length} events ${variables.fromYear}–${variables.toYear} by roadmap track; grey: cancelled`,
      chart,
      details,
      table: dataTable(
        "Events of the roadmap",
        ["Event", "Start", "End", "Kind", "Status", "Tracks", "Reports"],
        events.map((e) => [
          h("a", { href: stateToSearch({ ...state, view: "timeline", event: e.id, embed: false }) }, e.title),
          e.startDate,
          e.endDate ?? "",
          e.kind,
          e.status,
          e.tracks.map((t) => t.name).join("; "),
          (e.reports ?? []).map((r) => `${r.title} (${r.status})`).join("; "),
        ]),
      ),
      csv: {
        filename: `wsis-timeline-${variables.fromYear}-${variables.toYear}.csv`,
        header: [
          "event",
          "title",
          "kind",
          "start",
          "end",
          "first_day",
          "last_day",
          "status",
          "location",
          "tracks",
          "reports",
        ],
        rows: events.map((e) => [
          e.id,
          e.title,
          e.kind,
          e.startDate,
          e.endDate,
          e.firstDay,
          e.lastDay,
          e.status,
          e.location,
          e.tracks.map((t) => t.id).join(";"),
          (e.reports ?? []).map((r) => `${r.id}:${r.status}`).join(";"),
        ]),
      },
      operations: [{ query: String(TimelineQuery), variables }],
      pinNote: "Events and reports have no releases in the graph: an embed shows their current state.",
      errors: result.errors,
      sources: [...new Set(tracks.map((t) => t.source?.title).filter((t): t is string => Boolean(t)))].map(
        (t) => `Data: ${t}, through the WSIS Hub.`,
      ),
    };
  },
};
