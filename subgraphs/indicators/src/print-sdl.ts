import "reflect-metadata";
import { buildIndicatorsSchema } from "./schema";

void buildIndicatorsSchema().then(({ sdl }) => process.stdout.write(sdl));
