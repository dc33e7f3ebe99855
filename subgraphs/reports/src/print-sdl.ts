import "reflect-metadata";
import { buildReportsSchema } from "./schema";

void buildReportsSchema().then(({ sdl }) => process.stdout.write(sdl));
