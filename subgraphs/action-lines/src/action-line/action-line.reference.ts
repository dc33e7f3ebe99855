import type { Context } from "../context";

export const actionLineReference = {
  ActionLine: {
    __resolveReference: (ref: { code: string }, ctx: Context) => ctx.loaders.actionLineByCode.load(ref.code),
  },
};
