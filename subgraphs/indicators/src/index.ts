import "reflect-metadata";
import { runSubgraph } from "@wsis/shared";
import { indicatorsModule } from "./module";

void runSubgraph(indicatorsModule);
