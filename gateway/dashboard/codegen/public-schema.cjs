// The schema the dashboard's operations are typed against: the public API of the composed supergraph
// (gateway/supergraph.graphql without its federation machinery), exactly what a third-party client sees.
const { readFileSync } = require("node:fs");
const { Supergraph } = require("@apollo/federation-internals");

module.exports = function publicSchema(pointer) {
  return Supergraph.build(readFileSync(pointer, "utf8")).apiSchema().toGraphQLJSSchema();
};
