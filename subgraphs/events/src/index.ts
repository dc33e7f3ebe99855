import "reflect-metadata";
import { runSubgraph } from "@wsis/shared";
import { eventsModule } from "./module";

void runSubgraph(eventsModule);
