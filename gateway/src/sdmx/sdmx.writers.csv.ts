import { csvField, csvRecord } from "../downloads/csv";
import { AGENCY, PRIMARY_MEASURE, TIME_DIMENSION, VERSION } from "./sdmx.model";
import {
  ATTRIBUTES,
  type DataWriter,
  type MessageMeta,
  type SdmxSeries,
  withAttributes,
  withObservations,
} from "./sdmx.writer";

/** SDMX-CSV 1.0: DATAFLOW, the dimensions, TIME_PERIOD, OBS_VALUE, then the attributes (not with detail=dataonly). */
export class CsvDataWriter implements DataWriter {
  private text = "";
  constructor(private readonly meta: MessageMeta) {}

  private get attributes(): boolean {
    return withAttributes(this.meta.detail);
  }

  begin(): void {
    const observations = withObservations(this.meta.detail);
    this.text += csvRecord([
      "DATAFLOW",
      ...this.meta.flow.dimensions.map((d) => d.id),
      ...(observations ? [TIME_DIMENSION.id, PRIMARY_MEASURE.id] : []),
      ...(this.attributes && observations ? ATTRIBUTES.map(([id]) => id) : []),
    ]);
  }

  startDataSet(): void {}
  endDataSet(): void {}
  end(): void {}

  series(series: SdmxSeries): void {
    const flow = `${AGENCY}:${this.meta.flow.id}(${VERSION})`;
    const key = series.key.map(csvField);
    if (!withObservations(this.meta.detail)) {
      this.text += csvRecord([csvField(flow), ...key]);
      return;
    }
    for (const o of series.observations) {
      this.text += csvRecord([
        csvField(flow),
        ...key,
        csvField(o.time),
        csvField(o.value),
        ...(this.attributes ? ATTRIBUTES.map(([, get]) => csvField(get(o))) : []),
      ]);
    }
  }

  take(): string {
    const text = this.text;
    this.text = "";
    return text;
  }
}
