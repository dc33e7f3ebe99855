import { registerEnumType } from "type-graphql";

/**
 * Who carries out a Stocktaking entry. The platform's own form was not found; these are the stakeholder groups ITU
 * names together for WSIS ("Government, Private Sector, Civil Society, Academia, Technical Community and International
 * Organizations", WSIS+20 High-Level Event 2025) and the Stocktaking About page's "other entities" (data/SOURCES.md).
 */
export enum StakeholderType {
  GOVERNMENT = "GOVERNMENT",
  PRIVATE_SECTOR = "PRIVATE_SECTOR",
  CIVIL_SOCIETY = "CIVIL_SOCIETY",
  ACADEMIA = "ACADEMIA",
  INTERNATIONAL_ORGANIZATION = "INTERNATIONAL_ORGANIZATION",
  TECHNICAL_COMMUNITY = "TECHNICAL_COMMUNITY",
  OTHER = "OTHER",
}

/** Where a Stocktaking entry stands in moderation (entry.workflow.ts has the allowed steps). */
export enum StocktakingEntryStatus {
  SUBMITTED = "SUBMITTED",
  UNDER_REVIEW = "UNDER_REVIEW",
  PUBLISHED = "PUBLISHED",
  REJECTED = "REJECTED",
}

registerEnumType(StakeholderType, {
  name: "StocktakingStakeholderType",
  description:
    'Who carries out the activity. The WSIS stakeholder groups as ITU names them together, and OTHER ("other ' +
    "entities\", ITU's Stocktaking About page); the platform's own form was not found, so this list is not confirmed as its list",
});

registerEnumType(StocktakingEntryStatus, {
  name: "StocktakingEntryStatus",
  description:
    "Moderation: SUBMITTED → UNDER_REVIEW → PUBLISHED or REJECTED (with the reason), each step by a moderator; " +
    "PUBLISHED and REJECTED are final. Only PUBLISHED entries are public; a submitting agency sees its own",
});
