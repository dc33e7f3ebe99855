import { connectionArgs, connectionTypes, cursorCodec, type Connection } from "@wsis/shared";
import { ArgsType, Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Observation } from "../observation/observation.entity";

export enum ObservationChangeKind {
  INSERTED = "INSERTED",
  REVISED = "REVISED",
  WITHDRAWN = "WITHDRAWN",
}
registerEnumType(ObservationChangeKind, {
  name: "ObservationChangeKind",
  description:
    "INSERTED: a new observation; REVISED: a new value replacing the previous one; WITHDRAWN: the observation was withdrawn",
});

@ObjectType({ description: "One change of one observation, made by one release" })
export class ObservationChange {
  @Field(() => ObservationChangeKind)
  kind: ObservationChangeKind;

  @Field(() => Int, {
    description: "The release of the dataset that made the change (see `release` for when and by whom)",
  })
  releaseNumber: number;

  @Field(() => Observation, {
    description: "The value the release published (INSERTED, REVISED), or the value it withdrew (WITHDRAWN)",
  })
  observation: Observation;

  @Field(() => String, { nullable: true, description: "For REVISED: the value replaced" })
  previousValueText: string | null;

  datasetId: string;
  /** The release's global id: with the observation key, where a page of changes ends (its cursor). */
  releaseId: string;
}

export const CHANGES_PAGE = { min: 0, max: 1000, default: 100 } as const;

/** The page types of `changes` (their names and texts as served from the start; totalCount added). */
export const ObservationChangePage = connectionTypes(ObservationChange, {
  connection: "ObservationChangeConnection",
  edge: "ObservationChangeEdge",
  pageInfo: "ObservationChangePageInfo",
  description: "A page of changes, in the order they were published (release by release, then by observation key)",
  cursorDescription: "Opaque cursor; pass it as `after` to continue",
  totalCountDescription: "How many changes the releases published after `since` made in all (all pages)",
});
export type ObservationChangeConnection = Connection<ObservationChange>;

/** Which changes `changes` lists: those of the releases published after `since`, of one dataset or all. */
@ArgsType()
export class ChangesFilterArgs {
  @Field(() => GraphQLISODateTime, { description: "Only releases published after this moment" })
  since: Date;

  @Field(() => ID, { nullable: true, description: "Only this dataset's releases" })
  dataset?: string | null;
}

/** `first, after` of `changes`: 0 to 1000 a page, 100 by default (a client keeping a copy in sync reads many). */
@ArgsType()
export class ChangesPageArgs extends connectionArgs(null, CHANGES_PAGE, {
  first: `Page size, 0–${CHANGES_PAGE.max}`,
  after: "endCursor of the previous page",
}) {}

/** Where a page of changes ends: the release (its global id) and the observation key. */
export interface ChangeCursor {
  releaseId: string;
  indicator: string;
  economy: string;
  year: number;
  breakdownKey: string;
}

/** The cursor of a page of changes: the release (its global id) and the observation key it ended at (checked on the way in). */
const changeCursor = cursorCodec("c1", [
  { kind: "bigint" },
  { kind: "text", max: 64 },
  { kind: "text", max: 16 },
  { kind: "int" },
  { kind: "text", max: 200 },
] as const);

/** The cursor after one change: its release and its observation's key. */
export function changeCursorOf(c: ObservationChange): string {
  return changeCursor.encode([
    c.releaseId,
    c.observation.indicatorCode,
    c.observation.economyCode,
    c.observation.year,
    c.observation.breakdownKey,
  ]);
}

export function decodeChangeCursor(cursor: string): ChangeCursor {
  const [releaseId, indicator, economy, year, breakdownKey] = changeCursor.decode(
    cursor,
    "after",
    "pass an endCursor of changes",
  );
  return { releaseId, indicator, economy, year, breakdownKey };
}
