import { Field, ObjectType } from "type-graphql";

@ObjectType({ description: "One code of a breakdown dimension: the hub's (UNSD) code, its label and its SDMX code" })
export class BreakdownCode {
  @Field({ description: 'The hub\'s code, as in ObservationBreakdown ("FEMALE", "10MBPS")' })
  code: string;

  @Field({ description: 'Label, e.g. "Female", "10 Mbit/s and above"' })
  label: string;

  @Field({ description: 'The code in SDMX (the UN SDG data structure): "F", "IS_GE10M"; "_T" for the total' })
  sdmxCode: string;

  @Field({ description: "Whether this code means the total (no breakdown by this dimension)" })
  isTotal: boolean;
}

@ObjectType({
  description:
    "A dimension observations can be broken down by, with its known codes (Indicator.dimensions says which an indicator uses)",
})
export class BreakdownDimensionInfo {
  @Field({
    description: 'Dimension name as in ObservationBreakdown and breakdown keys: "sex", "speed", "age", "location"',
  })
  name: string;

  @Field({ description: 'Label, e.g. "Sex", "Fixed-broadband speed"' })
  label: string;

  @Field({
    description:
      'The SDMX concept (dimension id of the UN SDG data structure) it is exchanged as: "SEX", "COMPOSITE_BREAKDOWN"',
  })
  sdmxConcept: string;

  @Field(() => [BreakdownCode], {
    description:
      "The codes the hub knows a label for, the total first. Codes found in the data without a label here (age groups) are exchanged as they are.",
  })
  codes: BreakdownCode[];
}

@ObjectType({ description: "A nature code of observations (UN SDG database glossary): what kind of figure a value is" })
export class ObservationNatureCode {
  @Field({ description: 'The code, e.g. "E"' })
  code: string;

  @Field({ description: 'Its label, e.g. "Estimated data"' })
  label: string;
}

@ObjectType({ description: "A unit the hub's indicators are measured in, with its codes" })
export class UnitOfMeasure {
  @Field({ description: 'The unit as indicators name it, e.g. "% of population"' })
  unit: string;

  @Field({ description: 'The unit code the hub stores (UNSD): "PERCENT", "PER_100_POP"' })
  code: string;

  @Field({ description: 'The SDMX UNIT_MEASURE code: "PT", "PER_100_POP"' })
  sdmxCode: string;
}
