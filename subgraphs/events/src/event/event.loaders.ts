import { loaderByKey, loaderGroupedByKey } from "@wsis/shared";
import { Between, In, type DataSource, type SelectQueryBuilder } from "typeorm";
import { EventActionLine } from "./event-action-line.entity";
import { Event } from "./event.entity";
import type { EventKind } from "./event.enums";
import { EventOrganiser } from "./event-organiser.entity";
import { EventTrack } from "./event-track.entity";
import { RoadmapExpectation } from "./roadmap-expectation.entity";

/** A checked filter: every code is known, every day is a real yyyy-mm-dd. */
export interface EventCriteria {
  kind?: EventKind;
  trackId?: string;
  agencyId?: string;
  actionLineCode?: string;
  /** Events whose span ends on or after this day. */
  fromDay?: string;
  /** Events whose span starts on or before this day. */
  toDay?: string;
}

/** A position in date order, for keyset pagination. */
export interface EventPosition {
  spanStart: string;
  sortOrder: number;
}

function matching(ds: DataSource, c: EventCriteria): SelectQueryBuilder<Event> {
  const qb = ds.getRepository(Event).createQueryBuilder("e");
  if (c.kind) qb.andWhere("e.kind = :kind", { kind: c.kind });
  if (c.fromDay) qb.andWhere("e.span_end >= CAST(:fromDay AS date)", { fromDay: c.fromDay });
  if (c.toDay) qb.andWhere("e.span_start <= CAST(:toDay AS date)", { toDay: c.toDay });
  if (c.trackId) {
    qb.andWhere("EXISTS (SELECT 1 FROM event_track t WHERE t.event_id = e.id AND t.track_id = :trackId)", { trackId: c.trackId });
  }
  if (c.agencyId) {
    qb.andWhere("EXISTS (SELECT 1 FROM event_organiser o WHERE o.event_id = e.id AND o.agency_id = :agencyId)", {
      agencyId: c.agencyId,
    });
  }
  if (c.actionLineCode) {
    qb.andWhere(
      "EXISTS (SELECT 1 FROM event_action_line l WHERE l.event_id = e.id AND l.action_line_code = :actionLineCode)",
      { actionLineCode: c.actionLineCode },
    );
  }
  return qb;
}

export const eventLoaders = (ds: DataSource) => ({
  eventById: loaderByKey(
    (ids: readonly string[]) => ds.getRepository(Event).findBy({ id: In([...ids]) }),
    (row) => row.id,
  ),
  /** The events matching a checked filter, in date order (one statement). */
  eventsMatching: (c: EventCriteria): Promise<Event[]> =>
    matching(ds, c).orderBy("e.spanStart", "ASC").addOrderBy("e.sortOrder", "ASC").getMany(),
  /** One page of the events matching a checked filter, in date order, after a position (one statement). */
  eventPage: (c: EventCriteria, after: EventPosition | null, limit: number): Promise<Event[]> => {
    const qb = matching(ds, c);
    if (after) {
      qb.andWhere("(e.span_start, e.sort_order) > (CAST(:afterStart AS date), :afterOrder)", {
        afterStart: after.spanStart,
        afterOrder: after.sortOrder,
      });
    }
    return qb.orderBy("e.spanStart", "ASC").addOrderBy("e.sortOrder", "ASC").limit(limit).getMany();
  },
  countMatching: (c: EventCriteria): Promise<number> => matching(ds, c).getCount(),
  /** The events listed under the roadmap's timeline years, in the roadmap's order (one statement). */
  eventsOfTimeline: (fromYear: number, toYear: number): Promise<Event[]> =>
    ds.getRepository(Event).find({
      where: { timelineYear: Between(fromYear, toYear) },
      order: { timelineYear: "ASC", sortOrder: "ASC" },
    }),
  eventsByPartOf: loaderGroupedByKey(
    (ids: readonly string[]) =>
      ds.getRepository(Event).find({ where: { partOfId: In([...ids]) }, order: { spanStart: "ASC", sortOrder: "ASC" } }),
    (row) => row.partOfId ?? "",
  ),
  eventsByHostEconomy: loaderGroupedByKey(
    (codes: readonly string[]) =>
      ds
        .getRepository(Event)
        .find({ where: { hostEconomyCode: In([...codes]) }, order: { spanStart: "ASC", sortOrder: "ASC" } }),
    (row) => row.hostEconomyCode ?? "",
  ),
  organisersByEvent: loaderGroupedByKey(
    (ids: readonly string[]) =>
      ds.getRepository(EventOrganiser).find({ where: { eventId: In([...ids]) }, order: { position: "ASC" } }),
    (row) => row.eventId,
  ),
  organisersByAgency: loaderGroupedByKey(
    (ids: readonly string[]) =>
      ds.getRepository(EventOrganiser).find({ where: { agencyId: In([...ids]) }, order: { eventId: "ASC" } }),
    (row) => row.agencyId,
  ),
  actionLinksByEvent: loaderGroupedByKey(
    (ids: readonly string[]) =>
      ds.getRepository(EventActionLine).find({ where: { eventId: In([...ids]) }, order: { position: "ASC" } }),
    (row) => row.eventId,
  ),
  actionLinksByActionLine: loaderGroupedByKey(
    (codes: readonly string[]) =>
      ds.getRepository(EventActionLine).find({ where: { actionLineCode: In([...codes]) }, order: { eventId: "ASC" } }),
    (row) => row.actionLineCode,
  ),
  trackLinksByEvent: loaderGroupedByKey(
    (ids: readonly string[]) =>
      ds.getRepository(EventTrack).find({ where: { eventId: In([...ids]) }, order: { position: "ASC" } }),
    (row) => row.eventId,
  ),
  trackLinksByTrack: loaderGroupedByKey(
    (ids: readonly string[]) =>
      ds.getRepository(EventTrack).find({ where: { trackId: In([...ids]) }, order: { eventId: "ASC" } }),
    (row) => row.trackId,
  ),
  expectationsByEvent: loaderGroupedByKey(
    (ids: readonly string[]) =>
      ds.getRepository(RoadmapExpectation).find({ where: { eventId: In([...ids]) }, order: { position: "ASC" } }),
    (row) => row.eventId,
  ),
});
