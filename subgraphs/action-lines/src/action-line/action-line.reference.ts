import type { Context } from "../loaders";

export const actionLineReference = {
  ActionLine: {
    __resolveReference: (ref: { code: string }, ctx: Context) => ctx.loaders.actionLineByCode.load(ref.code),
  },
};
