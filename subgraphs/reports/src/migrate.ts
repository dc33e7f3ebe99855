import "reflect-metadata";
import { runMigrateAndSeed } from "@wsis/shared";
import { reportsModule } from "./module";

runMigrateAndSeed(reportsModule).catch((error: unknown) => {
  process.stderr.write(`reports: migration or seed failed: ${(error as Error).message}\n`);
  process.exit(1);
});
