import type { Context } from "../loaders";

export const agencyReference = {
  Agency: {
    __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.agencyById.load(ref.id),
  },
};
