import { loadPresent, Source } from "@wsis/shared";
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { checkCode } from "../known/codes";
import { byChronology } from "../event/chronology";
import { Event } from "../event/event.entity";
import type { Context } from "../context";
import { RoadmapTrack } from "./roadmap-track.entity";

@Resolver(() => RoadmapTrack)
export class RoadmapTrackResolver {
  @Query(() => [RoadmapTrack], {
    nullable: true,
    description: "The nine tracks (processes) of the WSIS+20 roadmap, in its order",
  })
  roadmapTracks(@Ctx() ctx: Context): Promise<RoadmapTrack[]> {
    return ctx.loaders.trackList();
  }

  @Query(() => RoadmapTrack, { nullable: true, description: 'One track by id, e.g. "wsis-forum"; null when unknown' })
  roadmapTrack(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<RoadmapTrack | null> {
    return ctx.loaders.trackById.load(checkCode("track", id, "id"));
  }

  @FieldResolver(() => [Event], { description: "The timeline's events on this track, in date order (may be empty)" })
  async events(@Root() track: RoadmapTrack, @Ctx() ctx: Context): Promise<Event[]> {
    const links = await ctx.loaders.trackLinksByTrack.load(track.id);
    const events = await loadPresent(
      ctx.loaders.eventById,
      links.map((l) => l.eventId),
    );
    return events.sort(byChronology);
  }

  @FieldResolver(() => Source, { nullable: true })
  source(@Root() track: RoadmapTrack, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(track.sourceId);
  }
}
