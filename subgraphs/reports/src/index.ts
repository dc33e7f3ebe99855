import "reflect-metadata";
import { runSubgraph } from "@wsis/shared";
import { reportsModule } from "./module";

void runSubgraph(reportsModule);
