import { createHash } from "node:crypto";
import { BadUserInputError, type Caller, requireScope, textProblem } from "@wsis/shared";
import type { DataSource } from "typeorm";
import { normaliseDatasetId, normaliseEconomyCode } from "../codes";
import { BREAKDOWN_DIMENSIONS, type BreakdownDimension } from "../observation/breakdown";
import { ReleaseOperation } from "../release/release.entity";
import { runPublication } from "./engine";
import type { PublicationOutcome, PublicationRequest } from "./publication.types";
import type { StagingSink } from "./staging-sink";
import { hubDimension, type ImportFormat } from "./formats";
import type {
  ImportObservationsInput,
  ObservationKeyInput,
  PublishedObservationInput,
  PublishObservationsInput,
  WithdrawObservationsInput,
} from "./publishing.types";
import type { StagingRow } from "./staging";
import { controlCharacterProblem, slices, TextStager } from "./text-stager";

export const PUBLISHING_LIMITS = {
  observations: 10_000,
  /** What a request to the subgraph can carry (its body limit is 2 MB); the import command streams files of any size. */
  contentBytes: 1_900_000,
  note: 500,
  idempotencyKey: /^[A-Za-z0-9._:-]{8,128}$/,
} as const;

export const PUBLISH_SCOPE = "indicators:publish";

/**
 * The caller of a write: UNAUTHENTICATED without one (no token, a request sent straight to the subgraph, caller headers
 * not signed by the gateway), FORBIDDEN without the scope `indicators:publish` (or `admin`). The resolvers are
 * `@Authorized` too; this check keeps the service safe whoever calls it.
 */
export function requirePublisher(caller: Caller | null | undefined, what: string): Caller {
  return requireScope(caller, PUBLISH_SCOPE, what);
}

function checkCommon(input: { dataset: string; idempotencyKey: string; note?: string | null }): {
  datasetId: string;
  note: string | null;
} {
  const datasetId = normaliseDatasetId(input.dataset, "input.dataset");
  if (!PUBLISHING_LIMITS.idempotencyKey.test(input.idempotencyKey)) {
    throw new BadUserInputError(
      `Argument "input.idempotencyKey" must be 8 to 128 characters among letters, digits and . _ : - (a UUID will do)`,
      "input.idempotencyKey",
    );
  }
  const note = input.note?.trim() || null;
  if (note !== null) {
    const problem = textProblem(note, "input.note", { max: PUBLISHING_LIMITS.note, multiline: true });
    if (problem) throw new BadUserInputError(problem, "input.note");
  }
  return { datasetId, note };
}

function checkCount(n: number): void {
  if (n > PUBLISHING_LIMITS.observations) {
    throw new BadUserInputError(
      `Argument "input.observations" has ${n} elements; at most ${PUBLISHING_LIMITS.observations} (use importObservations or the import command for more)`,
      "input.observations",
    );
  }
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** The period of an input: `period` or `year`, which must agree when both are given. */
function periodOf(o: { period?: string | null; year?: number | null }): { period: string; problem: string | null } {
  const period = o.period?.trim() ?? null;
  const year = o.year ?? null;
  if (period === null && year === null) return { period: "", problem: `give "period" (e.g. "2023") or "year"` };
  if (period !== null && year !== null && period !== String(year)) {
    return { period, problem: `"period" ${JSON.stringify(period)} and "year" ${year} disagree` };
  }
  return { period: period ?? String(year), problem: null };
}

/**
 * The text fields of an input element, each checked for control characters (a NUL byte would stop the COPY of the
 * staging rows): a field that holds one is blanked and reported as a problem of its row, named as the input names it.
 */
function withoutControlCharacters<
  T extends ObservationKeyInput & Partial<Pick<PublishedObservationInput, "value" | "nature" | "footnote">>,
>(o: T): { element: T; problems: StagingRow["problems"] } {
  const problems: StagingRow["problems"] = [];
  const clean = (field: string, value: string | null | undefined, multiline = false): string | null | undefined => {
    if (typeof value !== "string") return value;
    const message = controlCharacterProblem(value, multiline);
    if (!message) return value;
    problems.push({ field, message });
    return "";
  };
  const breakdown = o.breakdown
    ? { sex: clean("sex", o.breakdown.sex), speed: clean("speed", o.breakdown.speed) }
    : o.breakdown;
  const element = {
    ...o,
    indicator: clean("indicator", o.indicator) ?? "",
    economy: clean("economy", o.economy) ?? "",
    period: clean("period", o.period),
    breakdown,
    value: clean("value", o.value),
    nature: clean("nature", o.nature),
    footnote: clean("footnote", o.footnote, true),
  };
  return { element, problems };
}

/** An input element as a staging row: codes normalised, totals as "", the lookups left to the set-based validation. */
function stagingRowOf(
  input: ObservationKeyInput & Partial<Pick<PublishedObservationInput, "value" | "nature" | "footnote">>,
  ord: number,
  withValue: boolean,
): StagingRow {
  const { element: o, problems: controls } = withoutControlCharacters(input);
  const { period, problem } = periodOf(o);
  const dims = { age: "", location: "", sex: "", speed: "" } as Record<BreakdownDimension, string | null>;
  const dimsRaw = { age: "", location: "", sex: "", speed: "" } as Record<BreakdownDimension, string>;
  const given = (o.breakdown ?? {}) as Partial<Record<BreakdownDimension, string | null>>;
  for (const d of BREAKDOWN_DIMENSIONS) {
    const raw = given[d]?.trim() ?? "";
    dimsRaw[d] = raw;
    dims[d] = hubDimension(d, raw);
  }
  const economyRaw = o.economy.trim();
  return {
    ord,
    line: null,
    indicator: o.indicator.trim(),
    economy: economyRaw === "" ? null : normaliseEconomyCode(economyRaw),
    economyRaw,
    period,
    dims,
    dimsRaw,
    value: withValue ? (o.value ?? "").trim() : null,
    unit: "",
    unitRaw: "",
    nature: withValue ? o.nature?.trim().toUpperCase() || null : null,
    footnote: withValue ? o.footnote?.trim() || null : null,
    problems: [
      ...controls,
      ...(problem && !controls.some((c) => c.field === "period") ? [{ field: "period", message: problem }] : []),
    ],
    broken: false,
  };
}

/** Field names of the input elements. */
function inputFieldName(field: string): string {
  return (BREAKDOWN_DIMENSIONS as readonly string[]).includes(field) ? `breakdown.${field}` : field;
}

async function stageRows(sink: StagingSink, rows: StagingRow[]): Promise<void> {
  for (const row of rows) {
    sink.add(row);
    await sink.maybeFlush();
  }
}

/** The hash that identifies the payload of an import: what, where, in which format, and the bytes. */
export function importPayloadHash(
  operation: string,
  datasetId: string,
  format: ImportFormat,
  contentSha256: string,
): string {
  return sha256(JSON.stringify([operation, datasetId, format, contentSha256]));
}

type Audit = PublicationRequest["audit"];
/** How a publication runs: at once (the default), as a dry run, or as the application of a scheduled release. */
export type RunOptions = Pick<PublicationRequest, "dryRun" | "scheduled">;

/**
 * The publication of a list of observations given to a mutation (publish or withdraw): the rows as validated, staged one
 * by one, audited one by one (the list is bounded), refusals naming `input.observations[i].field`.
 */
function apiPublication(
  ds: DataSource,
  request: Pick<
    PublicationRequest,
    "datasetId" | "mode" | "operation" | "caller" | "note" | "audit" | "dryRun" | "scheduled"
  > & {
    auditOperation: "publishObservations" | "withdrawObservations";
    idempotencyKey: string | null | undefined;
    /** What identifies the payload (hashed with the operation, the dataset and the note). */
    payload: unknown[];
    rows: StagingRow[];
    /** How the rows reached the hub, for the release's provenance ("given through the API"). */
    how: string;
  },
): Promise<PublicationOutcome> {
  const { rows, payload, how, auditOperation, ...rest } = request;
  return runPublication(ds, {
    ...rest,
    auditOperation,
    idempotencyKey: request.idempotencyKey ?? null,
    payloadHash: sha256(JSON.stringify([auditOperation, request.datasetId, request.note, payload])),
    describe: () => `${auditOperation}: ${rows.length} observation${rows.length === 1 ? "" : "s"} ${how}`,
    argumentName: "input.observations",
    fieldName: inputFieldName,
    seriesCodesOnly: () => false,
    auditEachObservation: true,
    stage: (sink) => stageRows(sink, rows),
  });
}

/** publishObservations: validates every element, then writes all of them as one release, or nothing. */
export function publishObservations(
  ds: DataSource,
  caller: Caller | null,
  input: PublishObservationsInput,
  audit?: Audit,
  options: RunOptions = {},
): Promise<PublicationOutcome> {
  const who = requirePublisher(caller, "publishObservations");
  const { datasetId, note } = checkCommon(input);
  checkCount(input.observations.length);
  const rows = input.observations.map((o, i) => stagingRowOf(o, i, true));
  const payload = input.observations.map((o) => [
    o.indicator,
    o.economy,
    o.period ?? null,
    o.year ?? null,
    o.breakdown?.sex ?? null,
    o.breakdown?.speed ?? null,
    o.value,
    o.nature ?? null,
    o.footnote ?? null,
  ]);
  return apiPublication(ds, {
    datasetId,
    mode: "upsert",
    operation: ReleaseOperation.PUBLISH,
    auditOperation: "publishObservations",
    caller: who,
    idempotencyKey: input.idempotencyKey,
    note,
    payload,
    rows,
    how: "given through the API",
    audit,
    ...options,
  });
}

/** withdrawObservations: each key must have a current value; the values are kept as revisions, marked withdrawn. */
export function withdrawObservations(
  ds: DataSource,
  caller: Caller | null,
  input: WithdrawObservationsInput,
  audit?: Audit,
  options: RunOptions = {},
): Promise<PublicationOutcome> {
  const who = requirePublisher(caller, "withdrawObservations");
  const { datasetId, note } = checkCommon(input);
  checkCount(input.observations.length);
  const rows = input.observations.map((o, i) => stagingRowOf(o, i, false));
  const payload = input.observations.map((o) => [
    o.indicator,
    o.economy,
    o.period ?? null,
    o.year ?? null,
    o.breakdown?.sex ?? null,
    o.breakdown?.speed ?? null,
  ]);
  return apiPublication(ds, {
    datasetId,
    mode: "withdraw",
    operation: ReleaseOperation.WITHDRAW,
    auditOperation: "withdrawObservations",
    caller: who,
    idempotencyKey: input.idempotencyKey,
    note,
    payload,
    rows,
    how: "withdrawn through the API",
    audit,
    ...options,
  });
}

/** importObservations: a CSV or SDMX-CSV text, staged by COPY and applied set-based (as the import command does). */
export function importObservations(
  ds: DataSource,
  caller: Caller | null,
  input: ImportObservationsInput,
  audit?: Audit,
  options: RunOptions = {},
): Promise<PublicationOutcome> {
  const who = requirePublisher(caller, "importObservations");
  const { datasetId, note } = checkCommon(input);
  const bytes = Buffer.byteLength(input.content, "utf8");
  if (bytes > PUBLISHING_LIMITS.contentBytes) {
    throw new BadUserInputError(
      `Argument "input.content" has ${bytes} bytes; at most ${PUBLISHING_LIMITS.contentBytes} (for larger files, the import command streams them: npm run import -- <file> --dataset <id>)`,
      "input.content",
    );
  }
  const stager = new TextStager(slices(input.content), input.format);
  const contentSha = sha256(input.content);
  return runPublication(ds, {
    datasetId,
    mode: "upsert",
    operation: ReleaseOperation.IMPORT,
    auditOperation: "importObservations",
    caller: who,
    idempotencyKey: input.idempotencyKey,
    payloadHash: importPayloadHash("importObservations", datasetId, input.format, contentSha),
    note,
    describe: () =>
      `importObservations: ${input.format === "SDMX_CSV" ? "SDMX-CSV" : "CSV"} text of ${bytes} bytes (sha256 ${contentSha})`,
    argumentName: "input.content",
    fieldName: stager.fieldName,
    seriesCodesOnly: stager.seriesCodesOnly,
    auditEachObservation: false,
    stage: stager.stage,
    audit,
    ...options,
  });
}
