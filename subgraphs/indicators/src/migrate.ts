import "reflect-metadata";
import { runMigrateAndSeed } from "@wsis/shared";
import { indicatorsModule } from "./module";

runMigrateAndSeed(indicatorsModule).catch((error: unknown) => {
  process.stderr.write(`indicators: migration or seed failed: ${(error as Error).message}\n`);
  process.exit(1);
});
