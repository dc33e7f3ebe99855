import { readFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";

/** The data files shipped with this subgraph (see data/SOURCES.md). */
export const DATA_DIR = path.resolve(__dirname, "../../data");

/** The seed document: the roadmap text as handed to the project. */
export const ROADMAP_FILE = "itu-council-2022-wsis20-roadmap.txt";

export function readText(file: string): string {
  return readFileSync(path.join(DATA_DIR, file), "utf8");
}

export function readYaml(file: string): unknown {
  return YAML.parse(readText(file)) as unknown;
}
