import { Field, ObjectType } from "type-graphql";

@ObjectType({ description: "A breakdown dimension of an indicator and the codes its observations take" })
export class IndicatorDimension {
  @Field({ description: 'Dimension name as in ObservationBreakdown: "sex", "speed", "age", "location"' })
  dimension: string;

  @Field(() => [String], { description: "The codes found in the data (UNSD codes)" })
  codes: string[];
}
