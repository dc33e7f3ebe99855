import { Column, Entity, PrimaryColumn } from "typeorm";

/** Total population (World Bank SP.POP.TOTL) of a country in a year: the weights of population-weighted figures. */
@Entity({ name: "population" })
export class Population {
  @PrimaryColumn("text", { name: "economy_code" })
  economyCode: string;

  @PrimaryColumn("int")
  year: number;

  /** bigint, read as text */
  @Column("bigint")
  value: string;

  @Column("text", { name: "source_id" })
  sourceId: string;
}
