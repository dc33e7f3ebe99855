import type { DataFormat } from "./sdmx.formats";
import type { DataWriter, MessageMeta } from "./sdmx.writer";
import { CsvDataWriter } from "./sdmx.writers.csv";
import { JsonDataWriter } from "./sdmx.writers.json";
import { GenericDataWriter, StructureSpecificDataWriter } from "./sdmx.writers.xml";

export { type DataSetMeta, type DataWriter, NS, type SdmxObservation, type SdmxSeries } from "./sdmx.writer";

/** The writer of one data format (SDMX-ML 2.1 generic or structure-specific, SDMX-CSV 1.0, SDMX-JSON 1.0). */
export function dataWriter(
  format: DataFormat,
  meta: MessageMeta,
  names: (codelist: string, code: string) => string,
): DataWriter {
  switch (format) {
    case "genericdata":
      return new GenericDataWriter(meta);
    case "structurespecificdata":
      return new StructureSpecificDataWriter(meta);
    case "csv":
      return new CsvDataWriter(meta);
    case "json":
      return new JsonDataWriter(meta, names);
  }
}
