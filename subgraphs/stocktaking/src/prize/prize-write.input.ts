import { Field, ID, InputType, Int } from "type-graphql";
import { PrizeFigureKind, PrizeFigureQualifier, PrizePhaseKind, PrizeRank } from "./prize.enums";

@InputType({ description: "A phase of a cycle, as the platform announces it" })
export class PrizePhaseInput {
  @Field(() => PrizePhaseKind)
  phase: PrizePhaseKind;

  @Field(() => String, {
    nullable: true,
    description: "How it is worded (1 to 200 characters); the phase's name in lower case when left out",
  })
  label?: string | null;

  @Field(() => String, { nullable: true, description: 'Its first day, "2027", "2027-03" or "2027-03-14"' })
  start?: string | null;

  @Field(() => String, { nullable: true, description: "Its last day; not before the start" })
  end?: string | null;

  @Field(() => String, { nullable: true, description: 'The event it takes place at, e.g. "wsis-forum-2026"' })
  event?: string | null;

  @Field(() => String, { nullable: true, description: "Where (1 to 300 characters)" })
  place?: string | null;
}

@InputType({ description: "A figure of a cycle, as the platform publishes it" })
export class PrizeFigureInput {
  @Field(() => PrizeFigureKind)
  kind: PrizeFigureKind;

  @Field(() => Int, { description: "0 or more" })
  value: number;

  @Field(() => PrizeFigureQualifier, { defaultValue: PrizeFigureQualifier.EXACT })
  qualifier: PrizeFigureQualifier;

  @Field({ description: "Announced before the outcome (true), or reported after it (false)" })
  planned: boolean;
}

@InputType({
  description:
    "A prize cycle as the platform's moderator records it: created if new (with the categories of the latest cycle), " +
    "otherwise its title and note changed and its phases and figures replaced",
})
export class SavePrizeCycleInput {
  @Field(() => Int, { description: "The cycle's year (2000 to 9999)" })
  year: number;

  @Field(() => String, { nullable: true, description: '1 to 200 characters; "WSIS Prizes <year>" when left out' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: "At most 2000 characters" })
  note?: string | null;

  @Field(() => [PrizePhaseInput], { description: "Every phase (at most 20): they replace the cycle's phases" })
  phases: PrizePhaseInput[];

  @Field(() => [PrizeFigureInput], { description: "Every figure (at most 50): they replace the cycle's figures" })
  figures: PrizeFigureInput[];
}

@InputType({ description: "An award of a cycle to a published Stocktaking entry" })
export class AwardPrizeInput {
  @Field(() => Int, { description: "The cycle's year" })
  cycle: number;

  @Field({ description: 'The category: its action-line code, e.g. "C7.e-health"' })
  category: string;

  @Field(() => PrizeRank)
  rank: PrizeRank;

  @Field(() => ID, { description: "The Stocktaking entry (PUBLISHED)" })
  entry: string;

  @Field(() => String, { nullable: true, description: "ITU's announcement of the award (http or https)" })
  announcementUrl?: string | null;

  @Field(() => String, { nullable: true, description: "At most 2000 characters" })
  note?: string | null;

  @Field(() => String, { nullable: true, description: "Makes a retry safe (8 to 128 of A-Z a-z 0-9 . _ : -)" })
  idempotencyKey?: string | null;
}
