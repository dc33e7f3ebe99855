import { Field, ObjectType } from "type-graphql";
import { AgencyRef } from "../external/agency";
import { DatasetRelease } from "./release.entity";

@ObjectType({
  description:
    "Who published: the agency the caller acted for, and the subject of its token (a person or a service account)",
})
export class ReleasePublisher {
  @Field(() => String, {
    nullable: true,
    description: 'Agency id, e.g. "ITU" (release 1: the publisher of the source, where the hub knows it)',
  })
  agencyId: string | null;

  @Field(() => AgencyRef, { nullable: true })
  agency: AgencyRef | null;

  @Field({ description: 'The token subject ("seed" for release 1; "cli:<user>" for a command-line import)' })
  subject: string;
}

@ObjectType()
export class DatasetReleaseEdge {
  @Field({ description: "Opaque cursor; pass it as `after` to continue" })
  cursor: string;

  @Field(() => DatasetRelease)
  node: DatasetRelease;
}

@ObjectType()
export class DatasetReleasePageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

@ObjectType({ description: "A page of the releases of a dataset, newest first" })
export class DatasetReleaseConnection {
  @Field(() => [DatasetReleaseEdge])
  edges: DatasetReleaseEdge[];

  @Field(() => DatasetReleasePageInfo)
  pageInfo: DatasetReleasePageInfo;
}

export function publisherOf(release: DatasetRelease): ReleasePublisher {
  return {
    agencyId: release.publishedByAgency,
    agency: release.publishedByAgency ? { id: release.publishedByAgency } : null,
    subject: release.publishedBySubject,
  };
}
