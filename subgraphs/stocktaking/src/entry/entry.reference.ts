import type { Context } from "../context";
import { canSee, viewerOf } from "./entry.authorization";

export const entryReference = {
  StocktakingEntry: {
    __resolveReference: async (ref: { id: string }, ctx: Context) => {
      const entry = await ctx.loaders.entryById.load(String(ref.id));
      return entry && canSee(viewerOf(ctx.caller), entry) ? entry : null;
    },
  },
};
