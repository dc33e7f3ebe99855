import type { Context } from "../context";

export const agencyReference = {
  Agency: {
    __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.agencyById.load(ref.id),
  },
};
