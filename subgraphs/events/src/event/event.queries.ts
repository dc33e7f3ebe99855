import { Between, type DataSource, type SelectQueryBuilder } from "typeorm";
import { Event } from "./event.entity";
import type { EventKind } from "./event.enums";

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
    qb.andWhere("EXISTS (SELECT 1 FROM event_track t WHERE t.event_id = e.id AND t.track_id = :trackId)", {
      trackId: c.trackId,
    });
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

/** The set-based reads of events: lists, pages and counts of a checked filter, one statement each. */
export class EventQueries {
  constructor(private readonly ds: DataSource) {}

  /** The events matching a checked filter, in date order. */
  matching(c: EventCriteria): Promise<Event[]> {
    return matching(this.ds, c).orderBy("e.spanStart", "ASC").addOrderBy("e.sortOrder", "ASC").getMany();
  }

  /** One page of the events matching a checked filter, in date order, after a position. */
  page(c: EventCriteria, after: EventPosition | null, limit: number): Promise<Event[]> {
    const qb = matching(this.ds, c);
    if (after) {
      qb.andWhere("(e.span_start, e.sort_order) > (CAST(:afterStart AS date), :afterOrder)", {
        afterStart: after.spanStart,
        afterOrder: after.sortOrder,
      });
    }
    return qb.orderBy("e.spanStart", "ASC").addOrderBy("e.sortOrder", "ASC").limit(limit).getMany();
  }

  count(c: EventCriteria): Promise<number> {
    return matching(this.ds, c).getCount();
  }

  /** The events listed under the roadmap's timeline years, in the roadmap's order. */
  timeline(fromYear: number, toYear: number): Promise<Event[]> {
    return this.ds.getRepository(Event).find({
      where: { timelineYear: Between(fromYear, toYear) },
      order: { timelineYear: "ASC", sortOrder: "ASC" },
    });
  }
}
