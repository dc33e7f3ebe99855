import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { quantize } from "topojson-client";
import { presimplify, quantile, simplify } from "topojson-simplify";
import type { GeometryCollection, Topology } from "topojson-specification";
import { defineConfig, type Plugin } from "vite";

const require = createRequire(import.meta.url);
const WORLD_MODULE = "virtual:world-atlas";

/**
 * The world map's geometry: Natural Earth's 1:50m countries (the `world-atlas` package, 241 shapes — the 1:110m file
 * has only 177 and misses most small states), simplified once at build time (topology kept, the 10% least significant
 * points dropped, coordinates quantized to 10^4) from 756 kB to about 140 kB. Loaded as its own chunk by the map view.
 */
function worldAtlas(): Plugin {
  return {
    name: "wsis-world-atlas",
    resolveId: (id) => (id === WORLD_MODULE ? `\0${WORLD_MODULE}` : undefined),
    load(id) {
      if (id !== `\0${WORLD_MODULE}`) return undefined;
      const file = require.resolve("world-atlas/countries-50m.json");
      const full = JSON.parse(readFileSync(file, "utf8")) as Topology<{
        countries: GeometryCollection<{ name: string }>;
        land: GeometryCollection;
      }>;
      const { countries } = full.objects;
      const topology = presimplify({ ...full, objects: { countries } } as Topology<{
        countries: GeometryCollection<{ name: string }>;
      }>);
      const small = quantize(simplify(topology, quantile(topology, 0.1)), 1e4);
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(small))});`;
    },
  };
}

/**
 * The dashboard's operations as an Apollo persisted-query manifest (dist/persisted-query-manifest.json): give it to the
 * gateway as ALLOWLIST_PATH and only these operations run, each sent by its hash alone.
 */
function persistedQueryManifest(): Plugin {
  return {
    name: "wsis-persisted-query-manifest",
    generateBundle() {
      const documents = JSON.parse(
        readFileSync(new URL("./src/gql/persisted-documents.json", import.meta.url), "utf8"),
      ) as Record<string, string>;
      const operations = Object.entries(documents).map(([hash, body]) => ({
        id: hash.replace(/^sha256:/, ""),
        name: /^\s*query\s+(\w+)/.exec(body)?.[1] ?? "",
        type: "query",
        body,
      }));
      this.emitFile({
        type: "asset",
        fileName: "persisted-query-manifest.json",
        source: `${JSON.stringify({ format: "apollo-persisted-query-manifest", version: 1, operations }, null, 2)}\n`,
      });
    },
  };
}

export default defineConfig({
  base: "/dashboard/",
  plugins: [worldAtlas(), persistedQueryManifest()],
  build: {
    outDir: "dist",
    target: "es2022",
    reportCompressedSize: true,
    chunkSizeWarningLimit: 400,
  },
  server: {
    // `npm run dev -w @wsis/dashboard` against a hub started with `npm start` (HUB_URL to use another).
    proxy: {
      "/graphql": process.env.HUB_URL ?? "http://127.0.0.1:4000",
      "/downloads": process.env.HUB_URL ?? "http://127.0.0.1:4000",
    },
  },
});
