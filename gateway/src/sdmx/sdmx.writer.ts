import { AGENCY, type Dataflow, VERSION } from "./sdmx.model";
import type { Detail } from "./sdmx.params";

/* What every SDMX data writer shares: the message and series types, the namespaces, the attributes, the detail levels. */

export const NS = {
  message: "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message",
  common: "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common",
  structure: "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure",
  generic: "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic",
  ss: "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
} as const;

/** One observation as SDMX exchanges it: the period, the value as published, its attributes. */
export interface SdmxObservation {
  time: string;
  value: string;
  unit: string | null;
  status: string | null;
  comment: string | null;
}

/** A series: the codes of its key (one per dimension of the dataflow, in order) and its observations by period. */
export interface SdmxSeries {
  key: string[];
  observations: SdmxObservation[];
}

/** One data set of the message: the current values, or (includeHistory) the values one release published. */
export interface DataSetMeta {
  action: "Information" | "Replace";
  validFrom?: string;
}

export interface MessageMeta {
  flow: Dataflow;
  allDimensions: boolean;
  detail: Detail;
  id: string;
  prepared: string;
}

/** Writes a data message piece by piece; `take` returns what was written since its last call (for the socket). */
export interface DataWriter {
  begin(): void;
  startDataSet(meta: DataSetMeta): void;
  series(series: SdmxSeries): void;
  endDataSet(): void;
  end(): void;
  take(): string;
}

export const ATTRIBUTES = [
  ["UNIT_MEASURE", (o: SdmxObservation) => o.unit],
  ["OBS_STATUS", (o: SdmxObservation) => o.status],
  ["COMMENT_OBS", (o: SdmxObservation) => o.comment],
] as const;

export const withObservations = (detail: Detail) => detail === "full" || detail === "dataonly";
export const withAttributes = (detail: Detail) => detail === "full" || detail === "nodata";

export const dsdRef = (flow: Dataflow) => ({ agencyID: AGENCY, id: flow.dsd, version: VERSION });
export const structureId = (flow: Dataflow) => `${AGENCY}_${flow.dsd}_${VERSION}`;
