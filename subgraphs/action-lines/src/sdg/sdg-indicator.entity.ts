import { Column, Entity, PrimaryColumn } from "typeorm";
import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";

export enum SdgIndicatorStatus {
  CURRENT = "current",
  DELETED = "deleted",
}
registerEnumType(SdgIndicatorStatus, {
  name: "SdgIndicatorStatus",
  description: "Whether the indicator is in the current global framework or was deleted in a review",
});

@Entity({ name: "sdg_indicator" })
@ObjectType({
  description: "An SDG indicator code of the global indicator framework (deleted codes are kept, flagged)",
})
@Directive('@key(fields: "code")')
export class SdgIndicator {
  @PrimaryColumn("text")
  @Field(() => ID, { description: 'Indicator code, e.g. "17.8.1"' })
  code: string;

  @Column("text", { name: "target_code" })
  @Field({ description: "Code of the target it measures" })
  targetCode: string;

  @Column("text", { name: "goal_code" })
  goalCode: string;

  @Column("int", { name: "sort_order" })
  sortOrder: number;

  @Column("text")
  @Field({ description: "Official title" })
  title: string;

  @Column("text")
  @Field(() => SdgIndicatorStatus)
  status: SdgIndicatorStatus;

  @Column("text", { name: "status_note", nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'Why the status is what it is, e.g. "deleted in 2020 comprehensive review"',
  })
  statusNote: string | null;

  @Column("text", { name: "unsd_series_codes", array: true })
  @Field(() => [String], { description: "UNSD SDG database series that report this indicator (2023 list)" })
  unsdSeriesCodes: string[];

  @Column("text", { name: "source_id" })
  sourceId: string;
}
