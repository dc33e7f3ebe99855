import { csvField, csvText } from "./csv";
import type { DownloadObservation } from "./downloads.queries";

/** The columns of a CSV download, in order, with what each holds (the metadata JSON lists them too). */
export const CSV_COLUMNS: ReadonlyArray<{
  name: string;
  description: string;
  cell: (o: DownloadObservation) => string;
}> = [
  { name: "indicator", description: "Indicator code of the hub", cell: (o) => csvField(o.indicator?.code) },
  {
    name: "economy",
    description: "ISO 3166-1 alpha-3 for countries (XKX for Kosovo), zero-padded M49 for aggregates",
    cell: (o) => csvField(o.economy?.code),
  },
  { name: "m49", description: "UN M49 code, zero-padded", cell: (o) => csvField(o.economy?.m49) },
  { name: "economy_name", description: "Name of the economy", cell: (o) => csvText(o.economy?.name) },
  { name: "economy_kind", description: "COUNTRY or AGGREGATE", cell: (o) => csvField(o.economy?.kind) },
  { name: "year", description: "Year of the observation", cell: (o) => csvField(o.year) },
  { name: "value", description: "The value exactly as the source publishes it", cell: (o) => csvField(o.valueText) },
  { name: "unit", description: "Unit of the value", cell: (o) => csvText(o.unit) },
  {
    name: "breakdown",
    description: 'Label of the breakdown ("Total", "Female", "10 Mbit/s and above")',
    cell: (o) => csvText(o.breakdown.label),
  },
  {
    name: "sex",
    description: "UNSD code: BOTHSEX, FEMALE, MALE; empty when not broken down by sex",
    cell: (o) => csvField(o.breakdown.sex),
  },
  { name: "age", description: "UNSD age code, where the source gives one", cell: (o) => csvField(o.breakdown.age) },
  {
    name: "speed",
    description: "UNSD fixed-broadband speed code: ANYS, 256KT2MBPS, 2MT10MBPS, 10MBPS",
    cell: (o) => csvField(o.breakdown.speed),
  },
  {
    name: "location",
    description: "UNSD urban/rural code, where the source gives one",
    cell: (o) => csvField(o.breakdown.location),
  },
  {
    name: "nature",
    description: "UNSD nature code (C country data, E estimated, N non-relevant, ...); empty where the source has none",
    cell: (o) => csvField(o.nature),
  },
  { name: "nature_label", description: "Label of the nature code", cell: (o) => csvText(o.natureLabel) },
  { name: "footnote", description: "Footnote of the source, if any", cell: (o) => csvText(o.footnote) },
  {
    name: "dataset",
    description: "Dataset (source and release) the value comes from; see the metadata JSON for licence and citation",
    cell: (o) => csvField(o.dataset?.id),
  },
];

/** The columns of a wide CSV before the years (one row per economy and breakdown, one column per year after them). */
export const WIDE_COLUMNS: ReadonlyArray<{
  name: string;
  description: string;
  cell: (o: DownloadObservation) => string;
}> = [
  ...CSV_COLUMNS.filter((c) =>
    ["indicator", "economy", "m49", "economy_name", "economy_kind", "breakdown", "unit"].includes(c.name),
  ),
  { name: "dataset", description: "Dataset the values come from", cell: (o) => csvField(o.dataset?.id) },
];

/** A wide file holds every observation in memory to know its columns: beyond this many, a filter (or layout=long) is needed. */
export const WIDE_MAX_OBSERVATIONS = 100_000;

/** The UTF-8 byte-order mark that tells a spreadsheet the file is UTF-8 (excel=1). */
export const UTF8_BOM = "\uFEFF";
