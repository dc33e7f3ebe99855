import "reflect-metadata";
import { runSubgraph } from "@wsis/shared";
import { actionLinesModule } from "./module";

void runSubgraph(actionLinesModule);
