// The dashboard's own tests run in Node without a database: its pure modules (state, CSV, the M49 join, the client's
// requests) and the checks of its generated operations against gateway/supergraph.graphql. Browser tests are in test/.
const preset = require("../../jest.preset.js")(__dirname, {
  globalSetup: undefined,
  globalTeardown: undefined,
  setupFiles: [],
});

module.exports = {
  ...preset,
  // d3-dsv ships ES modules only: compiled like the sources.
  transform: { "^.+\\.(ts|js|mjs)$": preset.transform["^.+\\.ts$"] },
  transformIgnorePatterns: ["/node_modules/(?!(d3-dsv)/)"],
};
