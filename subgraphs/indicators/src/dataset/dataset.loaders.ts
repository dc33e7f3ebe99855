import { loaderByKey, memoised } from "@wsis/shared";
import { In, type DataSource } from "typeorm";
import { Dataset } from "./dataset.entity";

export const datasetLoaders = (ds: DataSource) => ({
  datasetList: memoised(() => ds.getRepository(Dataset).find({ order: { id: "ASC" } })),
  datasetById: loaderByKey(
    (ids: readonly string[]) => ds.getRepository(Dataset).findBy({ id: In([...ids]) }),
    (row) => row.id,
  ),
});
