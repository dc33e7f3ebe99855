import type { Caller } from "@wsis/shared";
import type { EntityManager, QueryRunner } from "typeorm";
import type { PublicationWarningRow } from "../quality/quality.flags";
import type { ReleaseOperation } from "../release/release.entity";
import type { StagingSink } from "./staging-sink";

/** What a publication did. `release` is the release it created, null when nothing changed (no release is made). */
export interface PublicationOutcome {
  datasetId: string;
  release: number | null;
  rowsRead: number;
  inserted: number;
  revised: number;
  unchanged: number;
  withdrawn: number;
  /** True when an idempotency key returned the result of an earlier call (nothing was done this time). */
  replayed: boolean;
  /** Soft quality rules the rows written break (the first MAX_REPORTED_WARNINGS; they were published, flagged). */
  warnings: PublicationWarningRow[];
  warningCount: number;
  /** The hash idempotency keys are checked against (null without one); kept when a publication is scheduled. */
  payloadHash?: string | null;
}

export type PublicationMode = "upsert" | "withdraw";

export interface PublicationRequest {
  datasetId: string;
  mode: PublicationMode;
  operation: ReleaseOperation.PUBLISH | ReleaseOperation.IMPORT | ReleaseOperation.WITHDRAW;
  /** The name the audit trail records: the mutation, or "import (command line)". */
  auditOperation: string;
  caller: Caller;
  idempotencyKey: string | null;
  /** sha256 of the payload, when known before staging (the GraphQL mutations); else `stage` returns it. */
  payloadHash: string | null;
  note: string | null;
  /** What the rows came from, for the release's provenance record ("SDMX-CSV file x.csv, sha256 ..."). */
  describe: (payloadHash: string | null) => string;
  /** The argument named by a refusal ("input.observations", "input.content"). */
  argumentName: string;
  /** Names a field the way the input names it (a column of the file, a field of the input). */
  fieldName: (field: string) => string;
  /** SDMX-CSV names indicators by UNSD series code only (asked once the rows are staged: a file's format may come from its header). */
  seriesCodesOnly: () => boolean;
  /** Record one audit entry per changed observation (bounded inputs), besides the one of the release. */
  auditEachObservation: boolean;
  /** Feeds every row to the sink; may return the payload hash computed while reading. */
  stage: (sink: StagingSink) => Promise<{ payloadHash?: string } | void>;
  onPhase?: (phase: "staged" | "validated" | "applied", detail: { rows: number }) => void;
  /** Time spent in each step (ms), for the benchmark. */
  onStep?: (step: string, ms: number) => void;
  /** Records the audit trail in the transaction of the publication. */
  audit?: (manager: EntityManager, entries: AuditEntryInput[]) => Promise<void>;
  /**
   * Embargo (publishing/scheduled.ts). `dryRun`: validate and count as the publication would, then roll everything
   * back (a publication scheduled for later is checked at once). `scheduled`: the run that applies a scheduled
   * release — its moment becomes the release's `published_at`, `beforeCommit` removes the schedule in the same
   * transaction, and the dataset's schedule does not refuse it.
   */
  dryRun?: boolean;
  scheduled?: { publishAt: Date; beforeCommit: (q: QueryRunner, release: number | null) => Promise<void> };
}

/** One audit entry of a publication, ready for the shared audit trail. */
export interface AuditEntryInput {
  operation: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  caller: Caller;
}

/** What the rows of a publication do: how many are inserted, revised, unchanged and withdrawn. */
export interface Counts {
  inserted: number;
  revised: number;
  unchanged: number;
  withdrawn: number;
}
