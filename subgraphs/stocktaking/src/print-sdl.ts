import "reflect-metadata";
import { buildStocktakingSchema } from "./schema";

void buildStocktakingSchema().then(({ sdl }) => process.stdout.write(sdl));
