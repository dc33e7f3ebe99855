import { createCB } from "xmlbuilder2";
import type { XMLBuilderCB } from "xmlbuilder2/lib/interfaces";
import {
  AGENCY,
  type Codelist,
  CONCEPT_SCHEME,
  type Dataflow,
  PRIMARY_MEASURE,
  type SdmxModel,
  TIME_DIMENSION,
  VERSION,
} from "./sdmx.model";
import { NS } from "./sdmx.writers";

const URN = "urn:sdmx:org.sdmx.infomodel";

/** What a structure message holds. */
export interface Structures {
  dataflows?: Dataflow[];
  codelists?: Codelist[];
  concepts?: boolean;
  datastructures?: Dataflow[];
  constraint?: AvailableConstraint;
}

/** The codes that exist for a dataflow (a key and periods applied): per dimension, and the time range. */
export interface AvailableConstraint {
  flow: Dataflow;
  codes: Array<Set<string>>;
  firstYear: number | null;
  lastYear: number | null;
  observations: number;
}

const maintainable = (id: string) => ({ id, agencyID: AGENCY, version: VERSION, isFinal: "true" });

function name(xml: XMLBuilderCB, text: string): void {
  xml.ele("common:Name", { "xml:lang": "en" }).txt(text).up();
}

function ref(xml: XMLBuilderCB, element: string, attributes: Record<string, string>): void {
  xml.ele(element).ele("Ref", attributes).up().up();
}

function conceptIdentity(xml: XMLBuilderCB, id: string): void {
  ref(xml, "structure:ConceptIdentity", {
    id,
    maintainableParentID: CONCEPT_SCHEME,
    maintainableParentVersion: VERSION,
    agencyID: AGENCY,
    package: "conceptscheme",
    class: "Concept",
  });
}

function enumeration(xml: XMLBuilderCB, codelist: string): void {
  xml.ele("structure:LocalRepresentation");
  ref(xml, "structure:Enumeration", {
    id: codelist,
    version: VERSION,
    agencyID: AGENCY,
    package: "codelist",
    class: "Codelist",
  });
  xml.up();
}

function dataStructure(xml: XMLBuilderCB, model: SdmxModel, flow: Dataflow): void {
  xml.ele("structure:DataStructure", {
    ...maintainable(flow.dsd),
    urn: `${URN}.datastructure.DataStructure=${AGENCY}:${flow.dsd}(${VERSION})`,
  });
  name(xml, `Data structure of ${flow.name}`);
  xml.ele("structure:DataStructureComponents");
  xml.ele("structure:DimensionList", { id: "DimensionDescriptor" });
  flow.dimensions.forEach((d, i) => {
    xml.ele("structure:Dimension", { id: d.id, position: String(i + 1) });
    conceptIdentity(xml, d.id);
    enumeration(xml, d.codelist);
    xml.up();
  });
  xml.ele("structure:TimeDimension", { id: TIME_DIMENSION.id, position: String(flow.dimensions.length + 1) });
  conceptIdentity(xml, TIME_DIMENSION.id);
  xml
    .ele("structure:LocalRepresentation")
    .ele("structure:TextFormat", { textType: "ObservationalTimePeriod" })
    .up()
    .up();
  xml.up();
  xml.up();
  xml.ele("structure:AttributeList", { id: "AttributeDescriptor" });
  for (const a of model.attributes) {
    xml.ele("structure:Attribute", { id: a.id, assignmentStatus: "Conditional" });
    conceptIdentity(xml, a.id);
    if (a.codelist) enumeration(xml, a.codelist);
    else xml.ele("structure:LocalRepresentation").ele("structure:TextFormat", { textType: "String" }).up().up();
    xml.ele("structure:AttributeRelationship");
    ref(xml, "structure:PrimaryMeasure", { id: PRIMARY_MEASURE.id });
    xml.up();
    xml.up();
  }
  xml.up();
  xml.ele("structure:MeasureList", { id: "MeasureDescriptor" });
  xml.ele("structure:PrimaryMeasure", { id: PRIMARY_MEASURE.id });
  conceptIdentity(xml, PRIMARY_MEASURE.id);
  xml.up();
  xml.up();
  xml.up();
  xml.up();
}

/** An SDMX-ML 2.1 structure message (the parts in the order of the schema), written with xmlbuilder2 (escaped). */
export function structureMessage(model: SdmxModel, parts: Structures): string {
  const chunks: string[] = [];
  const xml = createCB({ data: (chunk: string) => chunks.push(chunk), prettyPrint: true });
  xml.dec({ encoding: "UTF-8" }).ele("message:Structure", {
    "xmlns:message": NS.message,
    "xmlns:structure": NS.structure,
    "xmlns:common": NS.common,
  });
  xml.ele("message:Header");
  xml.ele("message:ID").txt(`WSIS-${Date.now()}`).up();
  xml.ele("message:Test").txt("false").up();
  xml.ele("message:Prepared").txt(new Date().toISOString()).up();
  xml.ele("message:Sender", { id: AGENCY }).ele("common:Name", { "xml:lang": "en" }).txt("WSIS Hub").up().up();
  xml.up();
  xml.ele("message:Structures");
  if (parts.dataflows?.length) {
    xml.ele("structure:Dataflows");
    for (const flow of parts.dataflows) {
      xml.ele("structure:Dataflow", {
        ...maintainable(flow.id),
        urn: `${URN}.datastructure.Dataflow=${AGENCY}:${flow.id}(${VERSION})`,
      });
      name(xml, flow.name);
      xml.ele("common:Description", { "xml:lang": "en" }).txt(flow.description).up();
      ref(xml, "structure:Structure", {
        id: flow.dsd,
        version: VERSION,
        agencyID: AGENCY,
        package: "datastructure",
        class: "DataStructure",
      });
      xml.up();
    }
    xml.up();
  }
  if (parts.codelists?.length) {
    xml.ele("structure:Codelists");
    for (const list of parts.codelists) {
      xml.ele("structure:Codelist", {
        ...maintainable(list.id),
        urn: `${URN}.codelist.Codelist=${AGENCY}:${list.id}(${VERSION})`,
      });
      name(xml, list.name);
      for (const code of list.codes) {
        xml.ele("structure:Code", {
          id: code.id,
          urn: `${URN}.codelist.Code=${AGENCY}:${list.id}(${VERSION}).${code.id}`,
        });
        name(xml, code.name);
        xml.up();
      }
      xml.up();
    }
    xml.up();
  }
  if (parts.concepts) {
    xml.ele("structure:Concepts");
    xml.ele("structure:ConceptScheme", {
      ...maintainable(CONCEPT_SCHEME),
      urn: `${URN}.conceptscheme.ConceptScheme=${AGENCY}:${CONCEPT_SCHEME}(${VERSION})`,
    });
    name(xml, "Concepts of the WSIS Hub's statistics");
    for (const concept of model.concepts) {
      xml.ele("structure:Concept", {
        id: concept.id,
        urn: `${URN}.conceptscheme.Concept=${AGENCY}:${CONCEPT_SCHEME}(${VERSION}).${concept.id}`,
      });
      name(xml, concept.name);
      xml.up();
    }
    xml.up();
    xml.up();
  }
  if (parts.datastructures?.length) {
    xml.ele("structure:DataStructures");
    for (const flow of parts.datastructures) dataStructure(xml, model, flow);
    xml.up();
  }
  if (parts.constraint) {
    const { flow, codes, firstYear, lastYear, observations } = parts.constraint;
    xml.ele("structure:Constraints");
    xml.ele("structure:ContentConstraint", { ...maintainable(`CC_${flow.id}`), type: "Actual" });
    xml.ele("common:Annotations").ele("common:Annotation", { id: "obs_count" });
    xml
      .ele("common:AnnotationTitle")
      .txt(String(observations))
      .up()
      .ele("common:AnnotationType")
      .txt("sdmx_metrics")
      .up();
    xml.up().up();
    name(xml, `Data available in ${flow.name}`);
    xml.ele("structure:ConstraintAttachment");
    ref(xml, "structure:Dataflow", {
      id: flow.id,
      version: VERSION,
      agencyID: AGENCY,
      package: "datastructure",
      class: "Dataflow",
    });
    xml.up();
    xml.ele("structure:CubeRegion", { include: "true" });
    flow.dimensions.forEach((d, i) => {
      xml.ele("common:KeyValue", { id: d.id });
      for (const code of [...codes[i]].sort()) xml.ele("common:Value").txt(code).up();
      xml.up();
    });
    if (firstYear !== null && lastYear !== null) {
      xml.ele("common:KeyValue", { id: TIME_DIMENSION.id }).ele("common:TimeRange");
      xml.ele("common:StartPeriod", { isInclusive: "true" }).txt(String(firstYear)).up();
      xml.ele("common:EndPeriod", { isInclusive: "true" }).txt(String(lastYear)).up();
      xml.up().up();
    }
    xml.up();
    xml.up();
    xml.up();
  }
  xml.up();
  xml.up();
  xml.end();
  return chunks.join("");
}

/** An SDMX-ML 2.1 error message. */
export function errorMessage(code: number, text: string): string {
  const chunks: string[] = [];
  const xml = createCB({ data: (chunk: string) => chunks.push(chunk), prettyPrint: true });
  xml.dec({ encoding: "UTF-8" }).ele("message:Error", { "xmlns:message": NS.message, "xmlns:common": NS.common });
  xml
    .ele("message:ErrorMessage", { code: String(code) })
    .ele("common:Text", { "xml:lang": "en" })
    .txt(text)
    .up()
    .up();
  xml.up();
  xml.end();
  return chunks.join("");
}
