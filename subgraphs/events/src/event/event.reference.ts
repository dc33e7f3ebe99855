import type { Context } from "../context";

export const eventReference = {
  Event: {
    __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.eventById.load(ref.id),
  },
};
