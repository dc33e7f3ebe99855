import type { GraphQLError } from "graphql";
import type { Caller } from "@wsis/shared";
import {
  authorizeEventChange,
  authorizeOrganisers,
  changesOfUpdate,
  EventChange,
} from "../src/event/event.authorization";
import { EventOrganiserRole } from "../src/event/event.enums";

const agency = (id: string, scopes: string[] = ["events:write"]): Caller => ({ agency: id, subject: "s", scopes });
const { ORGANISER, CO_ORGANISER, CHAIR } = EventOrganiserRole;
const { NOTE, DETAILS, ORGANISERS, CANCEL } = EventChange;

function outcome(caller: Caller | null, role: EventOrganiserRole | null, changes: EventChange[]): string {
  try {
    authorizeEventChange(caller, "wsis-forum-2026", role, changes);
    return "allowed";
  } catch (error) {
    return String((error as GraphQLError).extensions.code);
  }
}

describe("who may change an event", () => {
  // Every role × every change: the whole rule in one table.
  it.each([
    [ORGANISER, NOTE, "allowed"],
    [ORGANISER, DETAILS, "allowed"],
    [ORGANISER, ORGANISERS, "allowed"],
    [ORGANISER, CANCEL, "allowed"],
    [CO_ORGANISER, NOTE, "allowed"],
    [CO_ORGANISER, DETAILS, "allowed"],
    [CO_ORGANISER, ORGANISERS, "FORBIDDEN"],
    [CO_ORGANISER, CANCEL, "FORBIDDEN"],
    [CHAIR, NOTE, "allowed"],
    [CHAIR, DETAILS, "FORBIDDEN"],
    [CHAIR, ORGANISERS, "FORBIDDEN"],
    [CHAIR, CANCEL, "FORBIDDEN"],
    [null, NOTE, "FORBIDDEN"],
    [null, DETAILS, "FORBIDDEN"],
    [null, ORGANISERS, "FORBIDDEN"],
    [null, CANCEL, "FORBIDDEN"],
  ] as const)("%s: %s is %s", (role, change, expected) => {
    expect(outcome(agency("ITU"), role, [change])).toBe(expected);
    // An admin may do anything, whatever its agency's part; nobody may without the scope or a caller.
    expect(outcome(agency("UNGIS", ["admin"]), role, [change])).toBe("allowed");
    expect(outcome(agency("ITU", ["reports:write"]), role, [change])).toBe("FORBIDDEN");
    expect(outcome(null, role, [change])).toBe("UNAUTHENTICATED");
  });

  it("refuses a change of several parts when any part is not allowed, and says which", () => {
    expect(outcome(agency("UNESCO"), CHAIR, [NOTE, DETAILS])).toBe("FORBIDDEN");
    expect(() => authorizeEventChange(agency("UNESCO"), "wsis-forum-2026", CO_ORGANISER, [NOTE, ORGANISERS])).toThrow(
      /UNESCO co-organises the event "wsis-forum-2026" and may only change its note and change its details, not replace its organisers/,
    );
    expect(() => authorizeEventChange(agency("WHO"), "cstd-2022", null, [NOTE])).toThrow(
      /WHO does not organise, co-organise or chair/,
    );
  });

  it("reads the changes of an update from the fields given", () => {
    expect(changesOfUpdate({ note: "x" })).toEqual([NOTE]);
    expect(changesOfUpdate({ note: null })).toEqual([NOTE]);
    expect(changesOfUpdate({ note: undefined, title: "t" })).toEqual([DETAILS]);
    expect(changesOfUpdate({ location: null, actionLines: ["C1"], tracks: [], partOf: "x" })).toEqual([DETAILS]);
    expect(changesOfUpdate({ organisers: [], note: "x" }).sort()).toEqual([NOTE, ORGANISERS].sort());
    expect(changesOfUpdate({})).toEqual([]);
  });

  it("keeps the caller's agency among the organisers of what it creates or hands over, as ORGANISER", () => {
    const refuse = (who: Caller, organisers: Array<{ agency: string; role: EventOrganiserRole }>) => {
      try {
        authorizeOrganisers(who, organisers, "create an event");
        return "allowed";
      } catch (error) {
        return String((error as GraphQLError).extensions.code);
      }
    };
    expect(refuse(agency("ITU"), [{ agency: "ITU", role: ORGANISER }])).toBe("allowed");
    expect(
      refuse(agency("ITU"), [
        { agency: "UNESCO", role: ORGANISER },
        { agency: "ITU", role: ORGANISER },
      ]),
    ).toBe("allowed");
    expect(
      refuse(agency("ITU"), [
        { agency: "ITU", role: CO_ORGANISER },
        { agency: "UNESCO", role: ORGANISER },
      ]),
    ).toBe("FORBIDDEN");
    expect(refuse(agency("ITU"), [{ agency: "ITU", role: CHAIR }])).toBe("FORBIDDEN");
    expect(refuse(agency("ITU"), [{ agency: "UNESCO", role: ORGANISER }])).toBe("FORBIDDEN");
    expect(refuse(agency("UNGIS", ["admin"]), [{ agency: "CSTD", role: ORGANISER }])).toBe("allowed");
  });
});
