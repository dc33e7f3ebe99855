import type { Context } from "../context";

export const sdgReference = {
  SdgGoal: {
    __resolveReference: (ref: { code: string }, ctx: Context) => ctx.loaders.sdgGoalByCode.load(ref.code),
  },
  SdgTarget: {
    __resolveReference: (ref: { code: string }, ctx: Context) => ctx.loaders.sdgTargetByCode.load(ref.code),
  },
  SdgIndicator: {
    __resolveReference: (ref: { code: string }, ctx: Context) => ctx.loaders.sdgIndicatorByCode.load(ref.code),
  },
};
