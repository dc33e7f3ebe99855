import type { Context } from "../context";

export const roadmapTrackReference = {
  RoadmapTrack: {
    __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.trackById.load(ref.id),
  },
};
