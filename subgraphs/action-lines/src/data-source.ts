import { AuditEntry, createSubgraphDatabase, Source, type DataSourceExtras, type SubgraphDatabase } from "@wsis/shared";
import { ActionLine } from "./action-line/action-line.entity";
import { Facilitation } from "./action-line/facilitation.entity";
import { Agency } from "./agency/agency.entity";
import { MatrixLink } from "./matrix/matrix-link.entity";
import { Initial1764270000000 } from "./migrations/1764270000000-Initial";
import { AuditLog1764500000000 } from "./migrations/1764500000000-AuditLog";
import { AgencyIdIgnoringCase1764700000000 } from "./migrations/1764700000000-AgencyIdIgnoringCase";
import { PlanOfActionCheck1764700000001 } from "./migrations/1764700000001-PlanOfActionCheck";
import { SdgGoal } from "./sdg/sdg-goal.entity";
import { SdgIndicator } from "./sdg/sdg-indicator.entity";
import { SdgTarget } from "./sdg/sdg-target.entity";
import { Ungis1765000000000 } from "./migrations/1765000000000-Ungis";
import { UngisRole } from "./ungis/ungis-role.entity";

/** The PostgreSQL schema this subgraph owns. */
export const SCHEMA = "action_lines";

export function createActionLinesDataSource(url: string, options: DataSourceExtras = {}): SubgraphDatabase {
  return createSubgraphDatabase({
    url,
    schema: SCHEMA,
    entities: [
      Source,
      Agency,
      ActionLine,
      Facilitation,
      SdgGoal,
      SdgTarget,
      SdgIndicator,
      MatrixLink,
      UngisRole,
      AuditEntry,
    ],
    migrations: [
      Initial1764270000000,
      AuditLog1764500000000,
      AgencyIdIgnoringCase1764700000000,
      PlanOfActionCheck1764700000001,
      Ungis1765000000000,
    ],
    ...options,
  });
}
