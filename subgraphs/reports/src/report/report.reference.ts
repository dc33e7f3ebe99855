import type { Context } from "../context";

export const reportReference = {
  Report: {
    __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.reportById.load(ref.id),
  },
};
