import type express from "express";
import type { ExecutePublic } from "../public-graph";
import { FEED_QUERY, toCalendarEvent, type FeedEvent } from "./calendar.events";
import { writeCalendar } from "./ical";

/** Where the gateway serves the feed. */
export const CALENDAR_PATH = "/events.ics";

/** The query parameters the feed takes: each is the `events(filter:)` field of the same name. */
const PARAMETERS = ["year", "kind", "actionLine", "organiser", "track", "from", "to"] as const;
type Parameter = (typeof PARAMETERS)[number];

const LABELS: Record<Parameter, string> = {
  year: "year",
  kind: "kind",
  actionLine: "action line",
  organiser: "organiser",
  track: "track",
  from: "from",
  to: "to",
};

class BadParameter extends Error {
  constructor(
    readonly parameters: string[],
    message: string,
  ) {
    super(message);
  }
}

const isParameter = (name: string): name is Parameter => (PARAMETERS as readonly string[]).includes(name);

/** Reads the query string into an `EventFilter`; malformed or repeated parameters are refused, naming them. */
export function filterFromQuery(query: Record<string, unknown>): Partial<Record<Parameter, string | number>> {
  const filter: Partial<Record<Parameter, string | number>> = {};
  const unknown = Object.keys(query).filter((name) => !isParameter(name));
  if (unknown.length > 0) {
    throw new BadParameter(
      unknown,
      `Unknown parameter${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `"${u}"`).join(", ")}; the feed takes ${PARAMETERS.join(", ")}`,
    );
  }
  for (const name of PARAMETERS) {
    const raw = query[name];
    if (raw === undefined) continue;
    if (typeof raw !== "string")
      throw new BadParameter([name], `Parameter "${name}" must be given once, as a single value`);
    const value = raw.trim();
    if (value === "" || value.length > 80)
      throw new BadParameter([name], `Parameter "${name}" must not be empty or longer than 80 characters`);
    switch (name) {
      case "year":
        if (!/^\d{4}$/.test(value))
          throw new BadParameter(
            [name],
            `Parameter "year" must be a four-digit year, e.g. 2025; got ${JSON.stringify(raw)}`,
          );
        filter.year = Number(value);
        break;
      case "kind": {
        const kind = value.toUpperCase().replace(/-/g, "_");
        if (!/^[A-Z][A-Z_]{0,39}$/.test(kind))
          throw new BadParameter(
            [name],
            `Parameter "kind" must be an event kind such as FORUM; got ${JSON.stringify(raw)}`,
          );
        filter.kind = kind;
        break;
      }
      default:
        filter[name] = value;
    }
  }
  return filter;
}

interface GraphError {
  message: string;
  extensions?: Record<string, unknown>;
}

/** The feed parameters a BAD_USER_INPUT error of the graph is about (its argument names, or the names in its message). */
function parametersOf(error: GraphError): string[] {
  const names = new Set<string>();
  const listed = error.extensions?.invalidArguments;
  const argumentNames = [...(Array.isArray(listed) ? listed : []), error.extensions?.argumentName].filter(
    (n): n is string => typeof n === "string",
  );
  for (const name of argumentNames) names.add(name.replace(/^filter\./, ""));
  for (const match of error.message.matchAll(/"\$?filter\.(\w+)"/g)) names.add(match[1]);
  return [...names].filter(isParameter);
}

const scopeOf = (filter: Partial<Record<Parameter, string | number>>) =>
  PARAMETERS.filter((p) => filter[p] !== undefined)
    .map((p) => `${LABELS[p]} ${filter[p]}`)
    .join(", ");

function sendText(res: express.Response, status: number, text: string): void {
  res.status(status).type("text/plain; charset=utf-8").send(`${text}\n`);
}

/**
 * GET /events.ics: the roadmap's events as an iCalendar feed that any calendar client can subscribe to, built from the
 * public graph (`events(filter:)`), filtered by query parameters such as `?year=2025&actionLine=C5`. Events known only
 * to the month or the year are all-day spans over the whole month or year, and say so. A bad parameter is a 400 that
 * names it.
 */
export function calendarRoute(execute: ExecutePublic, options: { now?: () => Date } = {}): express.RequestHandler {
  const now = options.now ?? (() => new Date());
  return async (req, res, next) => {
    try {
      let filter: Partial<Record<Parameter, string | number>>;
      try {
        filter = filterFromQuery(req.query as Record<string, unknown>);
      } catch (error) {
        if (error instanceof BadParameter)
          return sendText(
            res,
            400,
            `Bad parameter ${error.parameters.map((p) => `"${p}"`).join(", ")}: ${error.message}`,
          );
        throw error;
      }
      const result = await execute<{ events: FeedEvent[] | null }>(
        FEED_QUERY,
        Object.keys(filter).length > 0 ? { filter } : {},
      );
      const errors = result.errors ?? [];
      const badInput = errors.filter((e) => e.extensions?.code === "BAD_USER_INPUT");
      if (badInput.length > 0) {
        const named = [...new Set(badInput.flatMap(parametersOf))];
        const message = badInput.map((e) => e.message.replace(/"\$?filter\.(\w+)"/g, '"$1"')).join("; ");
        return sendText(res, 400, `Bad parameter ${named.map((p) => `"${p}"`).join(", ") || "(unknown)"}: ${message}`);
      }
      const events = result.data?.events;
      if (errors.length > 0 || !events) {
        return sendText(res, 502, "The events could not be read from the graph; try again later");
      }
      const scope = scopeOf(filter);
      const body = writeCalendar(events.map(toCalendarEvent), {
        prodId: "-//WSIS Hub//WSIS+20 roadmap events//EN",
        now: now(),
        name: `WSIS+20 roadmap events${scope ? ` (${scope})` : ""}`,
        description:
          "Meetings and milestones of the WSIS+20 roadmap (ITU Council 2022), 2022–2025, from the WSIS Hub. Dates known only to the month or year are shown as all-day spans over the whole month or year.",
        refreshInterval: "P1D",
      });
      res
        .status(200)
        .set("Content-Type", "text/calendar; charset=utf-8")
        .set("Content-Disposition", 'inline; filename="wsis-events.ics"')
        .set("Cache-Control", "public, max-age=900")
        .send(body);
    } catch (error) {
      next(error);
    }
  };
}
