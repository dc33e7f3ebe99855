import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import type { Caller } from "@wsis/shared";
import type { DataSource } from "typeorm";
import { ReleaseOperation } from "../release/release.entity";
import { runPublication } from "./engine";
import type { PublicationOutcome, PublicationRequest } from "./publication.types";
import type { ImportFormat } from "./formats";
import { importPayloadHash } from "./publishing.service";
import { type ReadProgress, TextStager } from "./text-stager";

/** The operation name of command-line imports (in the audit trail and for idempotency keys). */
export const CLI_IMPORT_OPERATION = "import";

export interface ImportFileOptions {
  file: string;
  datasetId: string;
  /** null: from the header */
  format: ImportFormat | null;
  caller: Caller;
  note: string | null;
  idempotencyKey: string | null;
  onProgress?: (progress: ReadProgress & { totalBytes: number }) => void;
  onPhase?: PublicationRequest["onPhase"];
  audit?: PublicationRequest["audit"];
  onStep?: PublicationRequest["onStep"];
}

export interface ImportFileOutcome extends PublicationOutcome {
  format: ImportFormat;
  bytes: number;
  sha256: string | null;
}

/**
 * Imports a file, streamed from disk (never held in memory), through the same staging, validation and set-based apply
 * as importObservations: the import command and the benchmark use it.
 */
export async function importFile(ds: DataSource, options: ImportFileOptions): Promise<ImportFileOutcome> {
  const { size } = await stat(options.file);
  const stream = createReadStream(options.file, { highWaterMark: 256 * 1024 });
  const stager = new TextStager(stream, options.format, (p) => options.onProgress?.({ ...p, totalBytes: size }));
  const name = path.basename(options.file);
  const describe = () =>
    `${stager.format === "SDMX_CSV" ? "SDMX-CSV" : "CSV"} file ${name} (${size} bytes, sha256 ${stager.contentSha256 ?? "unknown"}), imported by the command line`;
  try {
    const outcome = await runPublication(ds, {
      datasetId: options.datasetId,
      mode: "upsert",
      operation: ReleaseOperation.IMPORT,
      auditOperation: CLI_IMPORT_OPERATION,
      caller: options.caller,
      idempotencyKey: options.idempotencyKey,
      payloadHash: null,
      note: options.note,
      describe,
      argumentName: "file",
      fieldName: stager.fieldName,
      seriesCodesOnly: stager.seriesCodesOnly,
      auditEachObservation: false,
      stage: async (sink) => {
        await stager.stage(sink);
        return {
          payloadHash: importPayloadHash(
            CLI_IMPORT_OPERATION,
            options.datasetId,
            stager.format!,
            stager.contentSha256!,
          ),
        };
      },
      onPhase: options.onPhase,
      audit: options.audit,
      onStep: options.onStep,
    });
    return { ...outcome, format: stager.format!, bytes: stager.bytes, sha256: stager.contentSha256 };
  } finally {
    stream.destroy();
  }
}
