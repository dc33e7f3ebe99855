import { Field, Int, ObjectType } from "type-graphql";
import { UngisRole } from "./ungis-role.entity";

/** UNGIS in one year: its roles, from which the resolver derives chair, vice-chairs and members. */
@ObjectType({
  description:
    "The United Nations Group on the Information Society (UNGIS) in one year, as far as sourced records name it: " +
    "its chair, vice-chairs and members (no list is complete: no full membership list was found; `roles` has each " +
    "record with its source and verification flag)",
})
export class Ungis {
  @Field(() => Int)
  year: number;

  @Field(() => [UngisRole], { description: "Every role the sources name for the year, with its source" })
  roles: UngisRole[];
}
