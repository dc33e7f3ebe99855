import "reflect-metadata";
import { buildActionLinesSchema } from "./schema";

void buildActionLinesSchema().then(({ sdl }) => process.stdout.write(sdl));
