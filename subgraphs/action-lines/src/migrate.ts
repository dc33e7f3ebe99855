import "reflect-metadata";
import { runMigrateAndSeed } from "@wsis/shared";
import { actionLinesModule } from "./module";

runMigrateAndSeed(actionLinesModule).catch((error: unknown) => {
  process.stderr.write(`action-lines: migration or seed failed: ${(error as Error).message}\n`);
  process.exit(1);
});
