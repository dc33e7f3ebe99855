import { normaliseEconomyCode } from "../codes";
import type { Context } from "../loaders";

export const economyReference = {
  Economy: {
    /** Other subgraphs may hold any code of an economy ("ken", "404"); it is normalised, then loaded in a batch. */
    __resolveReference: (ref: { code: string }, ctx: Context) => {
      const normal = normaliseEconomyCode(String(ref.code));
      return "m49" in normal ? ctx.loaders.economyByM49.load(normal.m49) : ctx.loaders.economyByCode.load(normal.iso3);
    },
  },
};
