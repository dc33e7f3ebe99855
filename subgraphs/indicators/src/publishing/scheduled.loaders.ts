import { loaderByKey } from "@wsis/shared";
import type { DataSource } from "typeorm";
import { SCHEDULED_COLUMNS, type ScheduledReleaseRow } from "./scheduled";

/** Per request: the scheduled release of each dataset asked for, in one statement. */
export const scheduledLoaders = (ds: DataSource) => ({
  scheduledReleaseByDataset: loaderByKey(
    async (ids: readonly string[]): Promise<ScheduledReleaseRow[]> =>
      ds.query(`SELECT ${SCHEDULED_COLUMNS} FROM scheduled_release WHERE dataset_id = ANY($1::text[])`, [[...ids]]),
    (row) => row.dataset_id,
  ),
});
