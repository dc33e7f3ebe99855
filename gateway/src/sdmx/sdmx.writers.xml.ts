import { createCB } from "xmlbuilder2";
import type { XMLBuilderCB } from "xmlbuilder2/lib/interfaces";
import { AGENCY, PRIMARY_MEASURE, TIME_DIMENSION, VERSION } from "./sdmx.model";
import {
  ATTRIBUTES,
  type DataSetMeta,
  type DataWriter,
  dsdRef,
  type MessageMeta,
  NS,
  type SdmxObservation,
  type SdmxSeries,
  structureId,
  withAttributes,
  withObservations,
} from "./sdmx.writer";

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
export class GenericDataWriter extends XmlDataWriter {
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
export class StructureSpecificDataWriter extends XmlDataWriter {
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
