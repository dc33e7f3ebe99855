import { parsePartialDate } from "@wsis/shared";
import { knownCodes } from "../known/known-codes";
import { PrizeFigureKind, PrizeFigureQualifier, PrizePhaseKind } from "../prize/prize.enums";
import { readCsv } from "./read-data";
import { prizeSources, sourceOfRow, verifiedFlag } from "./sources";

/**
 * The WSIS Prizes as the project's research found them (data/prize_cycles.csv, prize_figures.csv, prize_categories.csv,
 * prize_winners.csv, verbatim; data/SOURCES.md): each row with its source, its words and the research's flag.
 */

/** How the research names a phase, and how the hub files it. Rows about the Forum itself are not prize phases. */
const PHASES: Readonly<Record<string, { phase: PrizePhaseKind; label: string } | null>> = {
  submission: { phase: PrizePhaseKind.SUBMISSION, label: "submission" },
  nomination: { phase: PrizePhaseKind.NOMINATION, label: "nomination" },
  nominees_announced: { phase: PrizePhaseKind.NOMINATION, label: "nominees announced" },
  online_voting: { phase: PrizePhaseKind.ONLINE_VOTING, label: "public online voting" },
  ceremony: { phase: PrizePhaseKind.CEREMONY, label: "ceremony" },
  ceremony_planned: { phase: PrizePhaseKind.CEREMONY, label: "ceremony (as announced)" },
  ceremony_held: { phase: PrizePhaseKind.CEREMONY, label: "ceremony (as reported held)" },
  forum_start: null,
};

/** The events (events subgraph) at which each cycle's ceremony took place, as the research's rows name them. */
const CEREMONY_EVENTS: Readonly<Record<number, string>> = {
  2022: "wsis-forum-2022",
  2023: "wsis-forum-2023",
  2024: "wsis-forum-2024",
  2025: "wsis-prizes-2025-ceremony",
};

/** How the research names a figure; null: not seeded (the 2025 page's "Eighth edition" is stale text, per the research). */
const FIGURES: Readonly<Record<string, { kind: PrizeFigureKind; planned: boolean } | null>> = {
  submissions: { kind: PrizeFigureKind.SUBMISSIONS, planned: false },
  countries: { kind: PrizeFigureKind.COUNTRIES, planned: false },
  votes: { kind: PrizeFigureKind.VOTES, planned: false },
  winners: { kind: PrizeFigureKind.WINNERS, planned: false },
  winners_announced: { kind: PrizeFigureKind.WINNERS, planned: false },
  champions: { kind: PrizeFigureKind.CHAMPIONS, planned: false },
  winners_planned: { kind: PrizeFigureKind.WINNERS, planned: true },
  champions_planned: { kind: PrizeFigureKind.CHAMPIONS, planned: true },
  nominated_planned: { kind: PrizeFigureKind.NOMINATED_PROJECTS, planned: true },
  finalists_per_category: { kind: PrizeFigureKind.FINALISTS_PER_CATEGORY, planned: true },
  stakeholders_attracted_since_inception: { kind: PrizeFigureKind.STAKEHOLDERS_SINCE_INCEPTION, planned: false },
  edition_number_as_printed: null,
};

/** What the research could not confirm of each cycle (research REPORT, "What could not be confirmed"). */
const CYCLE_NOTES: Readonly<Record<number, string>> = {
  2022: "No submission, nomination or voting dates and no figures were found; the ceremony's window is the final week of the WSIS Forum 2022.",
  2023: "The online voting dates were not found; the nomination dates come from a secondary copy of ITU's call.",
  2024: "ITU's own 2024 Prizes page was not found: the dates and planned figures come from a secondary copy of ITU's text.",
  2025: "The ceremony's day is not settled (8 July as ITU announced it, 7 July in a secondary report); secondary reports name 19 winners, two in C5.",
  2026: "No phase dates were found; ITU's 2026 rules give the categories (18) and the voting rule (five projects per category).",
};

export interface CycleRow {
  year: number;
  title: string;
  verified: boolean;
  note: string | null;
  sourceId: string;
}
export interface PhaseRow {
  cycleYear: number;
  position: number;
  phase: PrizePhaseKind;
  label: string;
  startDate: string | null;
  endDate: string | null;
  eventId: string | null;
  place: string | null;
  verified: boolean;
  quote: string | null;
  note: string | null;
  sourceId: string;
}
export interface CategoryRow {
  cycleYear: number;
  key: string;
  position: number;
  name: string;
  nameVerified: boolean;
  nameSourceId: string;
  verified: boolean;
  note: string | null;
  sourceId: string;
}
export interface FigureRow {
  cycleYear: number;
  position: number;
  kind: PrizeFigureKind;
  value: number;
  qualifier: PrizeFigureQualifier;
  planned: boolean;
  verified: boolean;
  quote: string | null;
  note: string | null;
  sourceId: string;
}

function partialDate(value: string, where: string): string | null {
  if (value === "") return null;
  if (!parsePartialDate(value))
    throw new Error(`${where}: ${JSON.stringify(value)} is not yyyy, yyyy-mm or yyyy-mm-dd`);
  return value;
}

/** "970" is 970, exactly; ">107" is more than 107. */
function figureValue(value: string, where: string): { value: number; qualifier: PrizeFigureQualifier } {
  const match = /^(>)?(\d+)$/.exec(value);
  if (!match) throw new Error(`${where}: ${JSON.stringify(value)} is not a number or ">number"`);
  return { value: Number(match[2]), qualifier: match[1] ? PrizeFigureQualifier.MORE_THAN : PrizeFigureQualifier.EXACT };
}

/** The research's category key ("C7_E-HEALTH") as the action-lines subgraph spells it ("C7.e-health"). */
function actionLineOf(key: string, where: string): string {
  const code = knownCodes.canonical("actionLine", key.replace("_", "."));
  if (!code) throw new Error(`${where}: ${key} is not an action line`);
  return code;
}

export function readPrizeRows() {
  const sources = prizeSources();
  const sourceOf = (row: Record<string, string>, where: string) => sourceOfRow(sources, row, where);
  const phases: PhaseRow[] = [];
  const figures: FigureRow[] = [];
  const categories: CategoryRow[] = [];
  const cycleRows = readCsv("prize_cycles.csv");
  const years = [...new Set(cycleRows.map((r) => Number(r.cycle_year)))].sort();

  const cycles: CycleRow[] = years.map((year) => {
    const rows = cycleRows.filter((r) => Number(r.cycle_year) === year);
    const primary = rows.find((r) => r.verified === "true");
    return {
      year,
      title: `WSIS Prizes ${year}`,
      verified: primary !== undefined,
      note: CYCLE_NOTES[year] ?? null,
      sourceId: sourceOf(primary ?? rows[0], `cycle ${year}`),
    };
  });

  cycleRows.forEach((r, i) => {
    const where = `prize_cycles.csv row ${i + 2}`;
    const kind = PHASES[r.phase];
    if (kind === undefined) throw new Error(`${where}: unknown phase ${JSON.stringify(r.phase)}`);
    if (kind === null) return;
    const year = Number(r.cycle_year);
    const ceremony = kind.phase === PrizePhaseKind.CEREMONY;
    const eventId = ceremony ? (CEREMONY_EVENTS[year] ?? null) : null;
    if (eventId !== null && knownCodes.canonical("event", eventId) !== eventId)
      throw new Error(`${where}: unknown event ${eventId}`);
    phases.push({
      cycleYear: year,
      position: phases.filter((p) => p.cycleYear === year).length + 1,
      ...kind,
      startDate: partialDate(r.start, where),
      endDate: partialDate(r.end, where),
      eventId,
      place: ceremony ? r.event : null,
      verified: verifiedFlag(r.verified, where),
      quote: r.quote || null,
      note: r.note || null,
      sourceId: sourceOf(r, where),
    });
  });

  const categoryRows = readCsv("prize_categories.csv");
  const perKey = categoryRows.filter((r) => r.category_key !== "*");
  const keys = perKey.map((r, i) => actionLineOf(r.category_key, `prize_categories.csv key row ${i + 1}`));
  const expected = knownCodes.codes("actionLine").filter((c) => c !== "C7");
  if (JSON.stringify([...keys].sort()) !== JSON.stringify([...expected].sort()))
    throw new Error("prize_categories.csv: not one category per action-line key");
  categoryRows.forEach((r, i) => {
    const where = `prize_categories.csv row ${i + 2}`;
    if (r.category_key !== "*" || r.category_name === "") return; // a cycle without a source for its categories has none
    const year = Number(r.cycle_year);
    const count = figureValue(r.category_name.replace(/ categories$/, ""), where);
    if (count.value !== perKey.length) throw new Error(`${where}: ${count.value} categories, ${perKey.length} names`);
    const verified = verifiedFlag(r.verified, where);
    const sourceId = sourceOf(r, where);
    figures.push({
      cycleYear: year,
      position: 0,
      kind: PrizeFigureKind.CATEGORIES,
      ...count,
      planned: true,
      verified,
      quote: r.quote || null,
      note: r.note || null,
      sourceId,
    });
    perKey.forEach((k, p) => {
      const key = keys[p];
      categories.push({
        cycleYear: year,
        key,
        position: expected.indexOf(key) + 1,
        name: k.category_name,
        nameVerified: verifiedFlag(k.verified, where),
        nameSourceId: sourceOf(k, `prize_categories.csv ${k.category_key}`),
        verified,
        note: k.note || null,
        sourceId,
      });
    });
  });

  readCsv("prize_figures.csv").forEach((r, i) => {
    const where = `prize_figures.csv row ${i + 2}`;
    const kind = FIGURES[r.figure];
    if (kind === undefined) throw new Error(`${where}: unknown figure ${JSON.stringify(r.figure)}`);
    if (kind === null) return;
    const value = figureValue(r.value, where);
    figures.push({
      cycleYear: Number(r.cycle_year),
      position: 0,
      ...kind,
      ...value,
      verified: verifiedFlag(r.verified, where),
      quote: r.quote || null,
      note: r.note || null,
      sourceId: sourceOf(r, where),
    });
  });
  for (const year of years) figures.filter((f) => f.cycleYear === year).forEach((f, i) => (f.position = i + 1));
  for (const row of [...phases, ...figures, ...categories]) {
    if (!years.includes(row.cycleYear))
      throw new Error(`A row of cycle ${row.cycleYear}, which prize_cycles.csv does not have`);
  }

  // No primary source named the winners: the research's file is empty, and awards need Stocktaking entries.
  if (readCsv("prize_winners.csv").length > 0)
    throw new Error("prize_winners.csv: awards are recorded through the hub (awardPrize), not seeded");
  return { cycles, phases, categories, figures, sources: sources.all() };
}
