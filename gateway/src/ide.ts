import path from "node:path";
import express from "express";

/** Serves GraphiQL from the npm packages installed with the gateway: no CDN, works without internet access. */
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

const ASSETS: Record<string, string> = {
  "react.js": path.join(packageDir("react"), "umd/react.production.min.js"),
  "react-dom.js": path.join(packageDir("react-dom"), "umd/react-dom.production.min.js"),
  "graphiql.js": path.join(packageDir("graphiql"), "graphiql.min.js"),
  "graphiql.css": path.join(packageDir("graphiql"), "graphiql.min.css"),
};

const DEFAULT_QUERY = `# WSIS Hub: one graph over the WSIS action lines, the SDGs, events, ICT indicators and reports.
{
  actionLine(code: "C5") {
    title
    facilitators { id name }
    sdgTargets { code title goal { code } }
  }
}
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>WSIS Hub — GraphQL</title>
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <link rel="stylesheet" href="/ide/graphiql.css" />
  <style>html, body, #ide { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="ide">Loading the GraphQL IDE…</div>
  <script src="/ide/react.js"></script>
  <script src="/ide/react-dom.js"></script>
  <script src="/ide/graphiql.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: "/graphql" });
    ReactDOM.createRoot(document.getElementById("ide")).render(
      React.createElement(GraphiQL, { fetcher, defaultQuery: ${JSON.stringify(DEFAULT_QUERY)}, defaultEditorToolsVisibility: true })
    );
  </script>
</body>
</html>`;

export function ideRouter(): express.Router {
  const router = express.Router();
  router.get("/ide", (_req, res) => {
    res.type("html").send(PAGE);
  });
  router.get("/ide/:asset", (req, res) => {
    const file = ASSETS[req.params.asset];
    if (!file) {
      res.status(404).type("text").send("Not found");
      return;
    }
    res.setHeader("cache-control", "public, max-age=86400");
    res.sendFile(file);
  });
  return router;
}
