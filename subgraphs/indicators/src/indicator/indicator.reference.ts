import type { Context } from "../loaders";

export const indicatorReference = {
  Indicator: {
    __resolveReference: (ref: { code: string }, ctx: Context) => ctx.loaders.indicatorByCode.load(ref.code),
  },
};
