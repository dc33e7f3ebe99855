import type express from "express";
import { SdmxError } from "./sdmx.params";

/** The data formats served, with the media types of the SDMX REST specification. */
export const DATA_FORMATS = {
  genericdata: "application/vnd.sdmx.genericdata+xml;version=2.1",
  structurespecificdata: "application/vnd.sdmx.structurespecificdata+xml;version=2.1",
  csv: "application/vnd.sdmx.data+csv;version=1.0.0",
  json: "application/vnd.sdmx.data+json;version=1.0.0",
} as const;
export type DataFormat = keyof typeof DATA_FORMATS;

export const STRUCTURE_MEDIA_TYPE = "application/vnd.sdmx.structure+xml;version=2.1";

/** `format=` values (as SDMX web services name them) and the format each selects. */
const FORMAT_PARAMETER: Record<string, DataFormat> = {
  genericdata: "genericdata",
  generic: "genericdata",
  xml: "genericdata",
  structurespecificdata: "structurespecificdata",
  structurespecific: "structurespecificdata",
  csv: "csv",
  csvfile: "csv",
  "sdmx-csv": "csv",
  json: "json",
  jsondata: "json",
  "sdmx-json": "json",
};

/** Media types a client may accept, in the order of preference of the hub (the first for * / *: generic data). */
const ACCEPTED: ReadonlyArray<[string, DataFormat]> = [
  [DATA_FORMATS.genericdata, "genericdata"],
  [DATA_FORMATS.structurespecificdata, "structurespecificdata"],
  [DATA_FORMATS.csv, "csv"],
  [DATA_FORMATS.json, "json"],
  ["application/vnd.sdmx.genericdata+xml", "genericdata"],
  ["application/vnd.sdmx.structurespecificdata+xml", "structurespecificdata"],
  ["application/vnd.sdmx.data+csv", "csv"],
  ["application/vnd.sdmx.data+json", "json"],
  ["application/xml", "genericdata"],
  ["text/xml", "genericdata"],
  ["text/csv", "csv"],
  ["application/json", "json"],
];

/** The data format of a request: `format=` first, else its Accept header; 406 when it accepts none of them. */
export function dataFormatOf(req: express.Request, formatParameter: string | null): DataFormat {
  if (formatParameter !== null) {
    const format = FORMAT_PARAMETER[formatParameter.toLowerCase()];
    if (!format)
      throw new SdmxError(
        "notAcceptable",
        `format=${formatParameter} is not served; use one of ${Object.keys(FORMAT_PARAMETER).join(", ")}`,
      );
    return format;
  }
  const match = req.accepts(ACCEPTED.map(([type]) => type));
  if (!match) {
    throw new SdmxError(
      "notAcceptable",
      `None of the media types accepted (${req.get("accept")}) is served; the data is served as ${Object.values(DATA_FORMATS).join(", ")}`,
    );
  }
  return ACCEPTED.find(([type]) => type === match)![1];
}

/** Structure messages are SDMX-ML 2.1 only: 406 for a client that accepts none of its media types. */
export function checkStructureAccept(req: express.Request): void {
  if (!req.accepts([STRUCTURE_MEDIA_TYPE, "application/vnd.sdmx.structure+xml", "application/xml", "text/xml"])) {
    throw new SdmxError(
      "notAcceptable",
      `Structures are served as ${STRUCTURE_MEDIA_TYPE} only; the request accepts ${req.get("accept")}`,
    );
  }
}

/** Whether an error answer should be JSON (the client asked for JSON) rather than an SDMX-ML error message. */
export function wantsJsonError(req: express.Request): boolean {
  const format = typeof req.query.format === "string" ? req.query.format.toLowerCase() : "";
  if (format.includes("json")) return true;
  const accept = req.get("accept") ?? "";
  return /json/i.test(accept) && !/xml/i.test(accept);
}
