import type { Context } from "../context";

export const indicatorReference = {
  Indicator: {
    __resolveReference: (ref: { code: string }, ctx: Context) => ctx.loaders.indicatorByCode.load(ref.code),
  },
};
