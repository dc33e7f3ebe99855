import "reflect-metadata";
import { runMigrateAndSeed } from "@wsis/shared";
import { eventsModule } from "./module";

runMigrateAndSeed(eventsModule).catch((error: unknown) => {
  process.stderr.write(`events: migration or seed failed: ${(error as Error).message}\n`);
  process.exit(1);
});
