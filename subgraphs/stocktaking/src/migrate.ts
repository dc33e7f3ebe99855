import "reflect-metadata";
import { runMigrateAndSeed } from "@wsis/shared";
import { stocktakingModule } from "./module";

runMigrateAndSeed(stocktakingModule).catch((error: unknown) => {
  process.stderr.write(`stocktaking: migration or seed failed: ${(error as Error).message}\n`);
  process.exit(1);
});
