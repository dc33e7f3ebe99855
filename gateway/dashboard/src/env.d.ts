/// <reference types="vite/client" />

declare module "virtual:world-atlas" {
  /** Natural Earth 1:50m countries (world-atlas), simplified at build time: see vite.config.ts. */
  const topology: import("topojson-specification").Topology;
  export default topology;
}
