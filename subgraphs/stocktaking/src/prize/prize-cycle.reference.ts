import type { Context } from "../context";

export const prizeCycleReference = {
  PrizeCycle: {
    __resolveReference: (ref: { year: number }, ctx: Context) => ctx.loaders.cycleByYear.load(Number(ref.year)),
  },
};
