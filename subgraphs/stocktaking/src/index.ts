import "reflect-metadata";
import { runSubgraph } from "@wsis/shared";
import { stocktakingModule } from "./module";

void runSubgraph(stocktakingModule);
