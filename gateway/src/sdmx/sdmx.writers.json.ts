import { AGENCY, type Dataflow, TIME_DIMENSION, VERSION } from "./sdmx.model";
import {
  ATTRIBUTES,
  type DataSetMeta,
  type DataWriter,
  type MessageMeta,
  type SdmxObservation,
  type SdmxSeries,
  withAttributes,
  withObservations,
} from "./sdmx.writer";

/** A JSON number token for a decimal as published ("16.50" stays 16.50: the value is exact). */
function jsonNumber(value: string): string {
  return /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(value) ? value : JSON.stringify(Number(value));
}

/** Positions of the values of one component, in the order they are first met (the structure lists them at the end). */
class ValueIndex {
  readonly values: string[] = [];
  private positions = new Map<string, number>();
  of(value: string): number {
    let at = this.positions.get(value);
    if (at === undefined) {
      at = this.values.length;
      this.values.push(value);
      this.positions.set(value, at);
    }
    return at;
  }
}

/**
 * SDMX-JSON 1.0 data. The data sets are written first and the structure last (the members of a JSON object have no
 * order), so that each series is written when it is read: the structure lists the values met, by position.
 */
export class JsonDataWriter implements DataWriter {
  private text = "";
  private dataSets = 0;
  private inDataSet = 0;
  private dimensionValues: ValueIndex[];
  private time = new ValueIndex();
  private attributeValues = ATTRIBUTES.map(() => new ValueIndex());

  constructor(
    private readonly meta: MessageMeta,
    private readonly names: (codelist: string, code: string) => string,
  ) {
    this.dimensionValues = meta.flow.dimensions.map(() => new ValueIndex());
  }

  begin(): void {
    const header = {
      id: this.meta.id,
      test: false,
      prepared: this.meta.prepared,
      sender: { id: AGENCY, name: "WSIS Hub" },
    };
    this.text += `{"header":${JSON.stringify(header)},"dataSets":[`;
  }

  startDataSet(meta: DataSetMeta): void {
    this.text += `${this.dataSets++ > 0 ? "," : ""}{"action":${JSON.stringify(meta.action)}${meta.validFrom ? `,"validFrom":${JSON.stringify(meta.validFrom)}` : ""},"${this.meta.allDimensions ? "observations" : "series"}":{`;
    this.inDataSet = 0;
  }

  private observation(o: SdmxObservation): string {
    const attributes = withAttributes(this.meta.detail)
      ? ATTRIBUTES.map(([, get], i) => (get(o) === null ? "null" : String(this.attributeValues[i].of(get(o)!))))
      : [];
    return `[${[jsonNumber(o.value), ...attributes].join(",")}]`;
  }

  series(series: SdmxSeries): void {
    const key = series.key.map((code, i) => this.dimensionValues[i].of(code));
    if (this.meta.allDimensions) {
      for (const o of series.observations) {
        this.text += `${this.inDataSet++ > 0 ? "," : ""}${JSON.stringify([...key, this.time.of(o.time)].join(":"))}:${this.observation(o)}`;
      }
      return;
    }
    const observations = withObservations(this.meta.detail)
      ? `,"observations":{${series.observations.map((o) => `${JSON.stringify(String(this.time.of(o.time)))}:${this.observation(o)}`).join(",")}}`
      : "";
    this.text += `${this.inDataSet++ > 0 ? "," : ""}${JSON.stringify(key.join(":"))}:{"attributes":[]${observations}}`;
  }

  endDataSet(): void {
    this.text += "}}";
  }

  end(): void {
    const { flow } = this.meta;
    const dimension = (d: Dataflow["dimensions"][number], i: number, values: ValueIndex) => ({
      id: d.id,
      name: d.name,
      keyPosition: i,
      values: values.values.map((id) => ({ id, name: this.names(d.codelist, id) })),
    });
    const dimensions = flow.dimensions.map((d, i) => dimension(d, i, this.dimensionValues[i]));
    const time = {
      id: TIME_DIMENSION.id,
      name: TIME_DIMENSION.name,
      role: "time",
      values: this.time.values.map((id) => ({
        id,
        name: id,
        start: `${id}-01-01T00:00:00`,
        end: `${id}-12-31T23:59:59`,
      })),
    };
    const attributes = withAttributes(this.meta.detail)
      ? ATTRIBUTES.map(([id], i) => ({
          id,
          name: id,
          values: this.attributeValues[i].values.map((v) => ({
            id: v,
            name: id === "COMMENT_OBS" ? v : this.names(id === "UNIT_MEASURE" ? "CL_UNIT_MEASURE" : "CL_OBS_STATUS", v),
          })),
        }))
      : [];
    const structure = {
      links: [{ href: `/sdmx/dataflow/${AGENCY}/${flow.id}/${VERSION}`, rel: "dataflow" }],
      name: flow.name,
      dimensions: this.meta.allDimensions
        ? { dataset: [], series: [], observation: [...dimensions, { ...time, keyPosition: dimensions.length }] }
        : { dataset: [], series: dimensions, observation: [time] },
      attributes: { dataSet: [], series: [], observation: attributes },
    };
    this.text += `],"structure":${JSON.stringify(structure)}}`;
  }

  take(): string {
    const text = this.text;
    this.text = "";
    return text;
  }
}
