import type DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { loaderByKey } from "../graphql/loaders";
import { Source } from "./source.entity";

export function sourceByIdLoader(dataSource: DataSource): DataLoader<string, Source | null> {
  return loaderByKey(
    (ids) => dataSource.getRepository(Source).findBy({ id: In([...ids]) }),
    (row) => row.id,
  );
}
