import express from "express";
import { ClientGone } from "../downloads/downloads.route";
import type { ExecutePublic } from "../public-graph";
import { availableConstraint, streamData } from "./sdmx.data";
import { checkStructureAccept, dataFormatOf, STRUCTURE_MEDIA_TYPE, wantsJsonError } from "./sdmx.formats";
import { AGENCY, buildModel, type Codelist, type Dataflow, type SdmxModel, VERSION } from "./sdmx.model";
import {
  parseDataQuery,
  parseKey,
  resolveFlow,
  SDMX_ERRORS,
  SDMX_MAX_OBSERVATIONS,
  SDMX_PATH,
  SdmxError,
} from "./sdmx.params";
import { type Catalog, CATALOG_QUERY } from "./sdmx.queries";
import { errorMessage, structureMessage, type Structures } from "./sdmx.structure";

export { SDMX_PATH };

/** The structures, derived from the public graph on every request (the response cache answers the catalog query). */
async function modelOf(execute: ExecutePublic): Promise<SdmxModel> {
  const result = await execute<Catalog>(CATALOG_QUERY, {});
  if (result.errors?.length || !result.data?.datasets)
    throw new SdmxError("unavailable", "The structures could not be read from the graph; try again later");
  return buildModel(result.data);
}

const REFERENCES = [
  "none",
  "parents",
  "parentsandsiblings",
  "children",
  "descendants",
  "all",
  "datastructure",
  "codelist",
  "conceptscheme",
  "dataflow",
] as const;
type References = (typeof REFERENCES)[number];

/** The query of a structure request: `references` (what to add), `detail` (full only). */
function structureQuery(query: Record<string, unknown>): References {
  const unknown = Object.keys(query).filter((name) => !["references", "detail"].includes(name));
  if (unknown.length)
    throw new SdmxError(
      "syntax",
      `Unknown parameter ${unknown.map((u) => JSON.stringify(u)).join(", ")}; structure queries take references and detail`,
    );
  const detail = query.detail ?? "full";
  if (detail !== "full")
    throw new SdmxError("notImplemented", `detail=${String(detail)} is not supported; structures are served in full`);
  const references = query.references ?? "none";
  if (typeof references !== "string" || !(REFERENCES as readonly string[]).includes(references.toLowerCase())) {
    throw new SdmxError(
      "syntax",
      `Parameter references must be one of ${REFERENCES.join(", ")}; got ${JSON.stringify(references)}`,
    );
  }
  return references.toLowerCase() as References;
}

/** Artefacts matching agency / id / version of a path (`all` and `latest` as wildcards); NoResultsFound when none. */
function select<T extends { id: string }>(
  kind: string,
  artefacts: T[],
  params: Record<string, string | undefined>,
): T[] {
  const { agency = "all", id = "all", version = "latest" } = params;
  if (!["all", AGENCY].includes(agency))
    throw new SdmxError("noResults", `No ${kind} of agency ${JSON.stringify(agency)}: the hub's agency is ${AGENCY}`);
  if (!["all", "latest", "+", "~", VERSION].includes(version))
    throw new SdmxError(
      "noResults",
      `No version ${JSON.stringify(version)}: the hub's structures are version ${VERSION}`,
    );
  const ids = id === "all" ? null : new Set(id.split("+").map((i) => i.toLowerCase()));
  const found = artefacts.filter((a) => ids === null || ids.has(a.id.toLowerCase()));
  if (found.length === 0)
    throw new SdmxError(
      "noResults",
      `No ${kind} ${JSON.stringify(id)}; GET ${SDMX_PATH}/${kind}/${AGENCY}/all lists them`,
    );
  return found;
}

const codelistsOf = (model: SdmxModel, flows: Dataflow[]): Codelist[] => {
  const used = new Set([
    ...flows.flatMap((f) => f.dimensions.map((d) => d.codelist)),
    ...model.attributes.flatMap((a) => (a.codelist ? [a.codelist] : [])),
  ]);
  return model.codelists.filter((c) => used.has(c.id));
};

function sendStructure(res: express.Response, model: SdmxModel, parts: Structures): void {
  res.status(200).setHeader("Content-Type", `${STRUCTURE_MEDIA_TYPE}; charset=utf-8`);
  res.setHeader("Cache-Control", "public, max-age=3600");
  // end, not send: send would rewrite the media type's parameters ("; version=2.1").
  res.end(structureMessage(model, parts));
}

/** An SDMX error: the SDMX-ML error message (JSON when the client asked for JSON), with the HTTP status of its code. */
function sendError(req: express.Request, res: express.Response, error: SdmxError): void {
  const { code, status, title } = SDMX_ERRORS[error.kind];
  res.status(status);
  if (wantsJsonError(req)) {
    res.json({ errors: [{ code, title, detail: error.message }] });
    return;
  }
  res.setHeader("Content-Type", "application/xml; charset=utf-8");
  res.end(errorMessage(code, `${title}: ${error.message}`));
}

/**
 * SDMX REST 1.5 (SDMX 2.1 messages) over the public graph: data (`/sdmx/data/{flow}/{key}`), structures (dataflow,
 * datastructure, codelist, conceptscheme) and what exists (`/sdmx/availableconstraint/{flow}/{key}`). One dataflow per
 * dataset, with the indicator as the SERIES dimension (see the README, "For statisticians").
 */
export function sdmxRouter(
  execute: ExecutePublic,
  options: { maxObservations: number } = { maxObservations: SDMX_MAX_OBSERVATIONS },
): express.Router {
  const router = express.Router();
  const handle =
    (answer: (req: express.Request, res: express.Response) => Promise<void>) =>
    async (req: express.Request, res: express.Response, next: express.NextFunction): Promise<void> => {
      try {
        await answer(req, res);
      } catch (error) {
        if (error instanceof ClientGone) return;
        if (res.headersSent) {
          res.destroy(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        if (error instanceof SdmxError) return sendError(req, res, error);
        next(error);
      }
    };
  const query = (req: express.Request) => req.query as Record<string, unknown>;
  const params = (req: express.Request) => req.params as Record<string, string | undefined>;

  router.get(
    `${SDMX_PATH}/data/:flow{/:key}{/:provider}`,
    handle(async (req, res) => {
      const dataQuery = parseDataQuery(query(req));
      const format = dataFormatOf(req, dataQuery.format);
      const model = await modelOf(execute);
      const flow = resolveFlow(model, String(req.params.flow));
      const key = parseKey(model, flow, params(req).key);
      await streamData(execute, model, flow, key, dataQuery, format, res, options.maxObservations);
    }),
  );

  router.get(
    `${SDMX_PATH}/availableconstraint/:flow{/:key}{/:provider}{/:component}`,
    handle(async (req, res) => {
      checkStructureAccept(req);
      const { references, ...rest } = query(req);
      const dataQuery = parseDataQuery(rest);
      const refs = structureQuery(references === undefined ? {} : { references });
      const model = await modelOf(execute);
      const flow = resolveFlow(model, String(req.params.flow));
      const key = parseKey(model, flow, params(req).key);
      const constraint = await availableConstraint(execute, model, flow, key, dataQuery);
      const withStructures = refs !== "none";
      sendStructure(res, model, {
        constraint,
        ...(withStructures
          ? { dataflows: [flow], datastructures: [flow], codelists: codelistsOf(model, [flow]), concepts: true }
          : {}),
      });
    }),
  );

  router.get(
    `${SDMX_PATH}/dataflow{/:agency}{/:id}{/:version}`,
    handle(async (req, res) => {
      checkStructureAccept(req);
      const references = structureQuery(query(req));
      const model = await modelOf(execute);
      const flows = select("dataflow", model.dataflows, params(req));
      const children = ["children", "descendants", "all", "datastructure"].includes(references);
      const deep = ["descendants", "all", "codelist", "conceptscheme"].includes(references);
      sendStructure(res, model, {
        dataflows: flows,
        ...(children || deep
          ? { datastructures: references === "codelist" || references === "conceptscheme" ? [] : flows }
          : {}),
        ...(deep
          ? {
              codelists: references === "conceptscheme" ? [] : codelistsOf(model, flows),
              concepts: references !== "codelist",
            }
          : {}),
      });
    }),
  );

  router.get(
    `${SDMX_PATH}/datastructure{/:agency}{/:id}{/:version}`,
    handle(async (req, res) => {
      checkStructureAccept(req);
      const references = structureQuery(query(req));
      const model = await modelOf(execute);
      const dsds = select(
        "datastructure",
        model.dataflows.map((f) => ({ ...f, id: f.dsd, flowId: f.id })),
        params(req),
      );
      const flows = model.dataflows.filter((f) => dsds.some((d) => d.flowId === f.id));
      const children = ["children", "descendants", "all", "codelist", "conceptscheme"].includes(references);
      const parents = ["parents", "parentsandsiblings", "all", "dataflow"].includes(references);
      sendStructure(res, model, {
        datastructures: flows,
        ...(parents ? { dataflows: flows } : {}),
        ...(children
          ? {
              codelists: references === "conceptscheme" ? [] : codelistsOf(model, flows),
              concepts: references !== "codelist",
            }
          : {}),
      });
    }),
  );

  router.get(
    `${SDMX_PATH}/codelist{/:agency}{/:id}{/:version}`,
    handle(async (req, res) => {
      checkStructureAccept(req);
      const references = structureQuery(query(req));
      const model = await modelOf(execute);
      const lists = select("codelist", model.codelists, params(req));
      const parents = ["parents", "parentsandsiblings", "all", "datastructure"].includes(references);
      const flows = parents
        ? model.dataflows.filter((f) => f.dimensions.some((d) => lists.some((l) => l.id === d.codelist)))
        : [];
      sendStructure(res, model, { codelists: lists, ...(parents ? { datastructures: flows } : {}) });
    }),
  );

  router.get(
    `${SDMX_PATH}/conceptscheme{/:agency}{/:id}{/:version}`,
    handle(async (req, res) => {
      checkStructureAccept(req);
      structureQuery(query(req));
      const model = await modelOf(execute);
      select("conceptscheme", [{ id: "CS_WSIS" }], params(req));
      sendStructure(res, model, { concepts: true });
    }),
  );

  router.use(SDMX_PATH, (req, res) =>
    sendError(
      req,
      res,
      new SdmxError(
        "notImplemented",
        `${req.path} is not a resource the hub serves; it serves data, dataflow, datastructure, codelist, conceptscheme and availableconstraint`,
      ),
    ),
  );
  return router;
}
