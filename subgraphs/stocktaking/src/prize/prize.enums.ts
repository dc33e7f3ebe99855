import { registerEnumType } from "type-graphql";

/** The phases of a WSIS Prizes cycle. */
export enum PrizePhaseKind {
  SUBMISSION = "SUBMISSION",
  NOMINATION = "NOMINATION",
  ONLINE_VOTING = "ONLINE_VOTING",
  CEREMONY = "CEREMONY",
}

/** What a published figure of a cycle counts. */
export enum PrizeFigureKind {
  SUBMISSIONS = "SUBMISSIONS",
  COUNTRIES = "COUNTRIES",
  VOTES = "VOTES",
  NOMINATED_PROJECTS = "NOMINATED_PROJECTS",
  FINALISTS_PER_CATEGORY = "FINALISTS_PER_CATEGORY",
  WINNERS = "WINNERS",
  CHAMPIONS = "CHAMPIONS",
  CATEGORIES = "CATEGORIES",
  STAKEHOLDERS_SINCE_INCEPTION = "STAKEHOLDERS_SINCE_INCEPTION",
}

/** Whether a figure is the number itself or a lower bound ("more than 1,000"). */
export enum PrizeFigureQualifier {
  EXACT = "EXACT",
  MORE_THAN = "MORE_THAN",
}

/** The rank of an award in its category. */
export enum PrizeRank {
  WINNER = "WINNER",
  CHAMPION = "CHAMPION",
}

registerEnumType(PrizePhaseKind, {
  name: "PrizePhaseKind",
  description: "A phase of a WSIS Prizes cycle",
  valuesConfig: {
    SUBMISSION: { description: "Projects are submitted (one category each)" },
    NOMINATION: { description: "Expert review and the announcement of the nominated projects" },
    ONLINE_VOTING: { description: "Public online voting among the nominated projects" },
    CEREMONY: { description: "Winners and champions are announced and awarded" },
  },
});
registerEnumType(PrizeFigureKind, {
  name: "PrizeFigureKind",
  description: "What a figure of a WSIS Prizes cycle counts",
  valuesConfig: {
    FINALISTS_PER_CATEGORY: {
      description: "Projects per category that the online voting selects (a rule of the contest)",
    },
    STAKEHOLDERS_SINCE_INCEPTION: {
      description: "Stakeholders the contest has attracted since it began (cumulative, not of the cycle)",
    },
  },
});
registerEnumType(PrizeFigureQualifier, {
  name: "PrizeFigureQualifier",
  description: 'EXACT, or MORE_THAN for "more than <value>"',
});
registerEnumType(PrizeRank, {
  name: "PrizeRank",
  description: "WINNER of a category, or CHAMPION (ITU names further champion projects in each category)",
});
