import type { GraphQLError } from "graphql";
import type { Caller } from "@wsis/shared";
import { authorizeTransition, scopeFor } from "../src/report/report.authorization";
import { ReportStatus } from "../src/report/report.enums";
import type { Report } from "../src/report/report.entity";

const report = { id: "wsis20-action-line-review-c4", status: ReportStatus.SUBMITTED } as Report;
const COORDINATORS = ["UNDP", "UNESCO", "ITU", "UNCTAD"];
const ALL = Object.values(ReportStatus);

function outcome(caller: Caller | null, to: ReportStatus, coordinators = COORDINATORS): string {
  try {
    authorizeTransition(caller, report, to, coordinators);
    return "allowed";
  } catch (error) {
    return String((error as GraphQLError).extensions.code);
  }
}

const agency = (id: string, scopes: string[]): Caller => ({ agency: id, subject: "s", scopes });

describe("the authorization of report transitions", () => {
  it("needs reports:publish to publish, reports:write for every other target", () => {
    for (const to of ALL)
      expect(scopeFor(to)).toBe(to === ReportStatus.PUBLISHED ? "reports:publish" : "reports:write");
  });

  it.each(ALL)("to %s: a coordinator needs the step's scope; others and the anonymous are refused", (to) => {
    const publishing = to === ReportStatus.PUBLISHED;
    expect(outcome(null, to)).toBe("UNAUTHENTICATED");
    expect(outcome(agency("ITU", ["reports:write"]), to)).toBe(publishing ? "FORBIDDEN" : "allowed");
    expect(outcome(agency("ITU", ["reports:publish"]), to)).toBe(publishing ? "allowed" : "FORBIDDEN");
    expect(outcome(agency("UNCTAD", ["reports:write", "reports:publish"]), to)).toBe("allowed");
    expect(outcome(agency("WHO", ["reports:write", "reports:publish"]), to)).toBe("FORBIDDEN");
    expect(outcome(agency("ITU", ["events:write", "indicators:publish"]), to)).toBe("FORBIDDEN");
    expect(outcome(agency("WHO", ["admin"]), to)).toBe("allowed");
    expect(outcome(agency("ITU", ["reports:write", "reports:publish"]), to, [])).toBe("FORBIDDEN");
    expect(outcome(agency("UNGIS", ["admin"]), to, [])).toBe("allowed");
  });
});
