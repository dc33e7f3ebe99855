import type { Context } from "../loaders";

export const roadmapTrackReference = {
  RoadmapTrack: {
    __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.trackById.load(ref.id),
  },
};
