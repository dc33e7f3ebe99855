# Reads the hub's SDMX REST API with rsdmx, as a statistician would, and writes what it read as CSV files for the
# e2e test (sdmx.e2e.test.ts) to compare with the GraphQL API.
# Usage: Rscript rsdmx-read.R <base URL> <dataflow> <key> <startPeriod> <endPeriod> <output directory>
suppressPackageStartupMessages(library(rsdmx))
args <- commandArgs(trailingOnly = TRUE)
base <- args[1]; flow <- args[2]; key <- args[3]; start <- args[4]; end <- args[5]; out <- args[6]

flows <- as.data.frame(readSDMX(paste0(base, "/sdmx/dataflow/WSIS/all/latest")))
write.csv(flows[, c("id", "dsdRef")], file.path(out, "dataflows.csv"), row.names = FALSE)

dsdRef <- flows$dsdRef[flows$id == flow]
dsd <- readSDMX(paste0(base, "/sdmx/datastructure/WSIS/", dsdRef, "/1.0?references=children"))
codelists <- slot(dsd, "codelists")
ids <- sapply(slot(codelists, "codelists"), function(x) slot(x, "id"))
counts <- sapply(ids, function(id) nrow(as.data.frame(codelists, codelistId = id)))
write.csv(data.frame(id = ids, codes = counts), file.path(out, "codelists.csv"), row.names = FALSE)
area <- as.data.frame(codelists, codelistId = "CL_AREA")
write.csv(area[, c("id", "name.en")], file.path(out, "areas.csv"), row.names = FALSE)
structure <- slot(slot(dsd, "datastructures"), "datastructures")[[1]]
dimensions <- sapply(slot(slot(structure, "Components"), "Dimensions"), function(d) slot(d, "conceptRef"))
write.csv(data.frame(id = dimensions), file.path(out, "dimensions.csv"), row.names = FALSE)

data <- as.data.frame(readSDMX(paste0(base, "/sdmx/data/", flow, "/", key, "?startPeriod=", start, "&endPeriod=", end)))
write.csv(data, file.path(out, "data.csv"), row.names = FALSE)
