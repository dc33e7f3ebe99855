import { Field, ObjectType } from "type-graphql";

@ObjectType({
  description: "The meaning of a breakdown code and how sure the hub is of it (data/ict_dimension_labels.csv)",
})
export class BreakdownCodeLabel {
  @Field()
  code: string;

  @Field({ description: 'Human label, e.g. "Female", "Changing privacy settings on your device, account or app ..."' })
  label: string;

  @Field({
    description:
      "True only where the pairing of this code with this label was confirmed in a primary source (or the code spells it out: 15_24, URBAN); false where it rests on third-party code or on the name alone",
  })
  verified: boolean;

  @Field({ description: "Where the label comes from and why it is (not) verified" })
  evidence: string;
}

@ObjectType({ description: "A breakdown dimension of an indicator and the codes its observations take" })
export class IndicatorDimension {
  @Field({
    description:
      'Dimension name as in ObservationBreakdown: "sex", "speed", "age", "location", "skill", "educationLevel"',
  })
  dimension: string;

  @Field(() => [String], { description: "The codes found in the data (UNSD codes)" })
  codes: string[];

  @Field(() => [BreakdownCodeLabel], {
    description:
      "What each code means, with whether that meaning was verified in a primary source (in the order of codes)",
  })
  labels: BreakdownCodeLabel[];
}
