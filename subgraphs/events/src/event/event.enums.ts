import { registerEnumType } from "type-graphql";

/** What kind of meeting or activity an event of the roadmap is. */
export enum EventKind {
  FORUM = "FORUM",
  CONFERENCE = "CONFERENCE",
  ASSEMBLY = "ASSEMBLY",
  MEETING = "MEETING",
  SESSION = "SESSION",
  CONSULTATION = "CONSULTATION",
  HIGH_LEVEL_MEETING = "HIGH_LEVEL_MEETING",
  SUBMISSION = "SUBMISSION",
  PREPARATORY_PROCESS = "PREPARATORY_PROCESS",
  CEREMONY = "CEREMONY",
}

/** How an event is attended, where its source says so. */
export enum EventFormat {
  IN_PERSON = "IN_PERSON",
  HYBRID = "HYBRID",
  VIRTUAL = "VIRTUAL",
}

/** Whether an event still takes place. */
export enum EventStatus {
  SCHEDULED = "SCHEDULED",
  CANCELLED = "CANCELLED",
  HELD = "HELD",
  POSTPONED = "POSTPONED",
}

/** The part an agency plays in an event. */
export enum EventOrganiserRole {
  ORGANISER = "ORGANISER",
  CO_ORGANISER = "CO_ORGANISER",
  CHAIR = "CHAIR",
}

registerEnumType(EventKind, {
  name: "EventKind",
  description: "What kind of meeting or activity an event is",
  valuesConfig: {
    FORUM: { description: "A multistakeholder forum, e.g. the annual WSIS Forum" },
    CONFERENCE: { description: "A treaty or policy conference, e.g. WTDC or the ITU Plenipotentiary Conference" },
    ASSEMBLY: { description: "An assembly of an ITU Sector, e.g. the Radiocommunication Assembly" },
    MEETING: { description: "A meeting of a group, e.g. UNGIS" },
    SESSION: { description: "A session of a UN commission, e.g. the UN Statistical Commission or the CSTD" },
    CONSULTATION: { description: "A series of consultations, e.g. the WSIS regional reviews" },
    HIGH_LEVEL_MEETING: { description: "A high-level meeting of the UN General Assembly" },
    SUBMISSION: { description: "A contribution to be submitted to another process (e.g. the HLPF), not a meeting" },
    PREPARATORY_PROCESS: { description: "Work during a period towards a later meeting, not a meeting itself" },
    CEREMONY: { description: "An award ceremony, e.g. the WSIS Prizes ceremony" },
  },
});

registerEnumType(EventFormat, {
  name: "EventFormat",
  description: "How an event is attended (only given where the event's location source says so)",
});

registerEnumType(EventStatus, {
  name: "EventStatus",
  description: "Whether an event takes place, took place, or will not (see `statusSource` for the record that says so)",
  valuesConfig: {
    SCHEDULED: {
      description: "Takes place as listed; for a past event: no record saying that it took place has been found",
    },
    CANCELLED: { description: "Cancelled by an organising agency (see `cancelledReason`)" },
    HELD: { description: "Took place: a public record says so (see `statusSource`)" },
    POSTPONED: { description: "Put off to a later date, as a public record says (see `statusSource`)" },
  },
});

registerEnumType(EventOrganiserRole, {
  name: "EventOrganiserRole",
  description: "The part an agency plays in an event",
  valuesConfig: {
    ORGANISER: { description: "Organises, hosts or convenes the event" },
    CO_ORGANISER: { description: "Organises the event together with the organiser" },
    CHAIR: { description: "Chairs the body that meets" },
  },
});
