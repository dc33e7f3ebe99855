import { normaliseEconomyCode } from "../codes";
import type { Context } from "../context";

export const economyReference = {
  Economy: {
    /** Other subgraphs may hold any code of an economy ("ken", "404"); it is normalised, then loaded in one batch. */
    __resolveReference: async (ref: { code: string }, ctx: Context) =>
      (await ctx.loaders.economyByAnyCode.load(normaliseEconomyCode(String(ref.code))))?.economy ?? null,
  },
};
