import { createCB } from "xmlbuilder2";
import type { XMLBuilderCB } from "xmlbuilder2/lib/interfaces";
import { csvField, csvRecord } from "../downloads/csv";
import type { DataFormat } from "./sdmx.formats";
import { AGENCY, type Dataflow, PRIMARY_MEASURE, TIME_DIMENSION, VERSION } from "./sdmx.model";
import type { Detail } from "./sdmx.params";

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

const ATTRIBUTES = [
  ["UNIT_MEASURE", (o: SdmxObservation) => o.unit],
  ["OBS_STATUS", (o: SdmxObservation) => o.status],
  ["COMMENT_OBS", (o: SdmxObservation) => o.comment],
] as const;

const withObservations = (detail: Detail) => detail === "full" || detail === "dataonly";
const withAttributes = (detail: Detail) => detail === "full" || detail === "nodata";

const dsdRef = (flow: Dataflow) => ({ agencyID: AGENCY, id: flow.dsd, version: VERSION });
const structureId = (flow: Dataflow) => `${AGENCY}_${flow.dsd}_${VERSION}`;

/** An XML writer whose output is collected into chunks (xmlbuilder2's callback API: escapes, streams, never holds the document). */
abstract class XmlDataWriter implements DataWriter {
  protected chunks: string[] = [];
  protected xml: XMLBuilderCB;

  constructor(protected readonly meta: MessageMeta) {
    this.xml = createCB({ data: (chunk: string) => this.chunks.push(chunk), prettyPrint: false });
  }

  take(): string {
    const text = this.chunks.join("");
    this.chunks = [];
    return text;
  }

  protected header(root: string, namespaces: Record<string, string>, structure: Record<string, string>): void {
    const { flow } = this.meta;
    this.xml.dec({ encoding: "UTF-8" }).ele(root, namespaces);
    this.xml.ele("message:Header");
    this.xml.ele("message:ID").txt(this.meta.id).up();
    this.xml.ele("message:Test").txt("false").up();
    this.xml.ele("message:Prepared").txt(this.meta.prepared).up();
    this.xml.ele("message:Sender", { id: AGENCY }).ele("common:Name", { "xml:lang": "en" }).txt("WSIS Hub").up().up();
    this.xml.ele("message:Structure", {
      structureID: structureId(flow),
      ...structure,
      dimensionAtObservation: this.meta.allDimensions ? "AllDimensions" : TIME_DIMENSION.id,
    });
    this.xml.ele("common:Structure").ele("Ref", dsdRef(flow)).up().up();
    this.xml.up();
    this.xml.ele("message:DataSetID").txt(flow.id).up();
    this.xml.up();
  }

  protected dataSetAttributes(meta: DataSetMeta): Record<string, string> {
    return { action: meta.action, ...(meta.validFrom ? { validFromDate: meta.validFrom } : {}) };
  }

  abstract begin(): void;
  abstract startDataSet(meta: DataSetMeta): void;
  abstract series(series: SdmxSeries): void;

  endDataSet(): void {
    this.xml.up();
  }

  end(): void {
    this.xml.up();
    this.xml.end();
  }
}

/** SDMX-ML 2.1 generic data. */
class GenericDataWriter extends XmlDataWriter {
  begin(): void {
    this.header(
      "message:GenericData",
      { "xmlns:message": NS.message, "xmlns:common": NS.common, "xmlns:generic": NS.generic },
      {},
    );
  }

  startDataSet(meta: DataSetMeta): void {
    this.xml.ele("message:DataSet", { structureRef: structureId(this.meta.flow), ...this.dataSetAttributes(meta) });
  }

  private values(element: string, ids: readonly string[], codes: readonly string[]): void {
    this.xml.ele(element);
    ids.forEach((id, i) => this.xml.ele("generic:Value", { id, value: codes[i] }).up());
    this.xml.up();
  }

  private observationBody(o: SdmxObservation): void {
    this.xml.ele("generic:ObsValue", { value: o.value }).up();
    if (!withAttributes(this.meta.detail)) return;
    const present = ATTRIBUTES.filter(([, get]) => get(o) !== null);
    if (present.length === 0) return;
    this.values(
      "generic:Attributes",
      present.map(([id]) => id),
      present.map(([, get]) => get(o)!),
    );
  }

  series(series: SdmxSeries): void {
    const ids = this.meta.flow.dimensions.map((d) => d.id);
    if (this.meta.allDimensions) {
      for (const o of series.observations) {
        this.xml.ele("generic:Obs");
        this.values("generic:ObsKey", [...ids, TIME_DIMENSION.id], [...series.key, o.time]);
        this.observationBody(o);
        this.xml.up();
      }
      return;
    }
    this.xml.ele("generic:Series");
    this.values("generic:SeriesKey", ids, series.key);
    if (withObservations(this.meta.detail)) {
      for (const o of series.observations) {
        this.xml.ele("generic:Obs");
        this.xml.ele("generic:ObsDimension", { value: o.time }).up();
        this.observationBody(o);
        this.xml.up();
      }
    }
    this.xml.up();
  }
}

/** SDMX-ML 2.1 structure-specific data (the DSD's components as attributes). */
class StructureSpecificDataWriter extends XmlDataWriter {
  private namespace(): string {
    const { flow } = this.meta;
    return `urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=${AGENCY}:${flow.dsd}(${VERSION}):ObsLevelDim:${this.meta.allDimensions ? "AllDimensions" : TIME_DIMENSION.id}`;
  }

  begin(): void {
    this.header(
      "message:StructureSpecificData",
      {
        "xmlns:message": NS.message,
        "xmlns:common": NS.common,
        "xmlns:ss": NS.ss,
        "xmlns:xsi": NS.xsi,
        "xmlns:ns1": this.namespace(),
      },
      { namespace: this.namespace() },
    );
  }

  startDataSet(meta: DataSetMeta): void {
    this.xml.ele("message:DataSet", {
      "ss:structureRef": structureId(this.meta.flow),
      "xsi:type": "ns1:DataSetType",
      "ss:dataScope": "DataStructure",
      ...this.dataSetAttributes(meta),
    });
  }

  private observation(o: SdmxObservation, key: Record<string, string>): void {
    const attributes: Record<string, string> = { ...key, [TIME_DIMENSION.id]: o.time, [PRIMARY_MEASURE.id]: o.value };
    if (withAttributes(this.meta.detail))
      for (const [id, get] of ATTRIBUTES) if (get(o) !== null) attributes[id] = get(o)!;
    this.xml.ele("Obs", attributes).up();
  }

  series(series: SdmxSeries): void {
    const key = Object.fromEntries(this.meta.flow.dimensions.map((d, i) => [d.id, series.key[i]]));
    if (this.meta.allDimensions) {
      for (const o of series.observations) this.observation(o, key);
      return;
    }
    this.xml.ele("Series", key);
    if (withObservations(this.meta.detail)) for (const o of series.observations) this.observation(o, {});
    this.xml.up();
  }
}

/** SDMX-CSV 1.0: DATAFLOW, the dimensions, TIME_PERIOD, OBS_VALUE, then the attributes (not with detail=dataonly). */
class CsvDataWriter implements DataWriter {
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
class JsonDataWriter implements DataWriter {
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
