import "reflect-metadata";
import { buildEventsSchema } from "./schema";

void buildEventsSchema().then(({ sdl }) => process.stdout.write(sdl));
