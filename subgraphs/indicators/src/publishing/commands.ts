import type { Caller } from "@wsis/shared";
import type { DataSource } from "typeorm";
import type { PublicationOutcome, PublicationRequest } from "./publication.types";
import { importObservations, publishObservations, withdrawObservations } from "./publishing.service";
import type { ImportObservationsInput, PublishObservationsInput, WithdrawObservationsInput } from "./publishing.types";
import { ReleaseClock } from "./release-clock";
import {
  cancelScheduledRelease,
  schedulePublication,
  type ScheduledOperation,
  type ScheduledOutcome,
} from "./scheduled";

type Audit = PublicationRequest["audit"];

/** Each data source's release clock (one per server; see ReleaseClock): a schedule made here bounds caching at once. */
const clocks = new WeakMap<DataSource, ReleaseClock>();

export function releaseClockFor(
  ds: DataSource,
  audit: Audit,
  log: ConstructorParameters<typeof ReleaseClock>[2],
): ReleaseClock {
  const clock = clocks.get(ds) ?? new ReleaseClock(ds, audit, log);
  clocks.set(ds, clock);
  return clock;
}

/** The writes, bound to the data source: at once, or scheduled for `input.publishAt` (an embargoed release). */
export function publishingCommands(ds: DataSource, audit?: Audit) {
  const onScheduled = (at: Date) => clocks.get(ds)?.scheduled(at);
  const writer =
    <I extends { publishAt?: Date | null }>(
      operation: ScheduledOperation,
      now: (ds: DataSource, caller: Caller | null, input: I, audit?: Audit) => Promise<PublicationOutcome>,
    ) =>
    async (caller: Caller | null, input: I): Promise<ScheduledOutcome> =>
      input.publishAt !== undefined && input.publishAt !== null
        ? schedulePublication(ds, operation, caller, input as never, audit, onScheduled)
        : { ...(await now(ds, caller, input, audit)), publishAt: null };
  return {
    publishObservations: writer<PublishObservationsInput>("publishObservations", publishObservations),
    withdrawObservations: writer<WithdrawObservationsInput>("withdrawObservations", withdrawObservations),
    importObservations: writer<ImportObservationsInput>("importObservations", importObservations),
    cancelScheduledRelease: (caller: Caller | null, dataset: string) =>
      cancelScheduledRelease(ds, caller, dataset, audit),
  };
}
