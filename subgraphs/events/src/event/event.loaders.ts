import { loaderByKey, loaderGroupedByKey } from "@wsis/shared";
import { In, type DataSource } from "typeorm";
import { EventActionLine } from "./event-action-line.entity";
import { Event } from "./event.entity";
import { EventOrganiser } from "./event-organiser.entity";
import { EventTrack } from "./event-track.entity";
import { RoadmapExpectation } from "./roadmap-expectation.entity";

/** The events' DataLoaders: keyed batch reads, results in key order (set-based reads are in event.queries.ts). */
export const eventLoaders = (ds: DataSource) => ({
  eventById: loaderByKey(
    (ids: readonly string[]) => ds.getRepository(Event).findBy({ id: In([...ids]) }),
    (row) => row.id,
  ),
  eventsByPartOf: loaderGroupedByKey(
    (ids: readonly string[]) =>
      ds
        .getRepository(Event)
        .find({ where: { partOfId: In([...ids]) }, order: { spanStart: "ASC", sortOrder: "ASC" } }),
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
