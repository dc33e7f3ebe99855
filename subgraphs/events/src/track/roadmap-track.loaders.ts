import { loaderByKey, memoised } from "@wsis/shared";
import { In, type DataSource } from "typeorm";
import { RoadmapTrack } from "./roadmap-track.entity";

export const trackLoaders = (ds: DataSource) => ({
  /** The nine tracks of the roadmap, in its order; memoised for the request. */
  trackList: memoised(() => ds.getRepository(RoadmapTrack).find({ order: { position: "ASC" } })),
  trackById: loaderByKey(
    (ids: readonly string[]) => ds.getRepository(RoadmapTrack).findBy({ id: In([...ids]) }),
    (row) => row.id,
  ),
});
