import type { EntityManager } from "typeorm";
import { upsertRows } from "../database/upsert";
import type { SourceRow } from "./source.entity";

export function upsertSources(manager: EntityManager, rows: readonly SourceRow[]): Promise<number> {
  return upsertRows(manager, {
    table: "source",
    columns: ["id", "title", "publisher", "url", "licence", "note"],
    key: ["id"],
    rows,
    values: (r) => [r.id, r.title, r.publisher, r.url, r.licence, r.note],
  });
}
