import { connectionTypes, type Connection } from "@wsis/shared";
import { StocktakingEntry } from "./entry.entity";

/** The page types of `stocktakingEntries`. */
export const EntryPage = connectionTypes(StocktakingEntry, {
  connection: "StocktakingEntryConnection",
  edge: "StocktakingEntryEdge",
  description: "A page of Stocktaking entries, newest first",
  totalCountDescription: "How many entries match the filter (all pages), among those the caller may see",
});
export type EntryConnection = Connection<StocktakingEntry>;
