# syntax=docker/dockerfile:1
# WSIS Hub: one image for every process of the hub. The first argument names the process (infra/deploy/entrypoint.sh):
#   docker run IMAGE gateway               the gateway (GraphQL at /graphql, the dashboard at /dashboard)
#   docker run IMAGE <subgraph>            one subgraph of supergraph.yaml: action-lines, events, indicators, ...
#   docker run IMAGE migrate [subgraph…]   migrations and seed of the subgraphs named (all when none), then exits
#   docker run IMAGE caller-keys new FILE  the gateway's caller signing keys (new|rotate|promote|retire|public FILE)
# Every process listens on 0.0.0.0:$PORT (8080) and answers GET /health/live and /health/ready.
# Build: docker build -t wsis-hub:VERSION .   (infra/deploy/compose.yaml and infra/deploy/k8s use this image)
#
# The base image is pinned to an exact Node release; pin it by digest too (node:20.20.2-bookworm-slim@sha256:…)
# where the registry the image is built from is mirrored.
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

# ---- build: every dependency, compile every workspace, build the dashboard ----
FROM ${NODE_IMAGE} AS build
ENV APOLLO_TELEMETRY_DISABLED=true \
    CI=true
WORKDIR /app
# The manifests first, so that `npm ci` is cached until a dependency changes. Every workspace of package.json is
# listed (a test checks it: infra/test/deploy/dockerfile.test.ts).
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY subgraphs/action-lines/package.json subgraphs/action-lines/
COPY subgraphs/events/package.json subgraphs/events/
COPY subgraphs/indicators/package.json subgraphs/indicators/
COPY subgraphs/reports/package.json subgraphs/reports/
COPY subgraphs/stocktaking/package.json subgraphs/stocktaking/
COPY gateway/package.json gateway/
COPY gateway/dashboard/package.json gateway/dashboard/
COPY infra/package.json infra/
COPY test/package.json test/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# ---- runtime dependencies only: the workspaces that run, without devDependencies ----
FROM ${NODE_IMAGE} AS deps
ENV APOLLO_TELEMETRY_DISABLED=true \
    CI=true
WORKDIR /app
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY subgraphs/action-lines/package.json subgraphs/action-lines/
COPY subgraphs/events/package.json subgraphs/events/
COPY subgraphs/indicators/package.json subgraphs/indicators/
COPY subgraphs/reports/package.json subgraphs/reports/
COPY subgraphs/stocktaking/package.json subgraphs/stocktaking/
COPY gateway/package.json gateway/
COPY gateway/dashboard/package.json gateway/dashboard/
COPY infra/package.json infra/
COPY test/package.json test/
# Only the production dependencies of the gateway, the dashboard, shared and the subgraphs (not infra's benchmark
# or the test tools); none of them needs an install script (the root package.json allows none of theirs either).
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
      --workspace=@wsis/shared --workspace=@wsis/gateway --workspace=@wsis/dashboard \
      --workspace=@wsis/action-lines --workspace=@wsis/events --workspace=@wsis/indicators \
      --workspace=@wsis/reports --workspace=@wsis/stocktaking \
    && npm cache clean --force

# ---- runtime: compiled code, runtime data, production node_modules; runs as the unprivileged user `node` ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    APOLLO_TELEMETRY_DISABLED=true \
    HOST=0.0.0.0 \
    PORT=8080 \
    LOG_LEVEL=info
WORKDIR /app
# The production node_modules with the workspaces' package.json files (and any workspace-level node_modules npm made).
COPY --from=deps /app ./
COPY supergraph.yaml ./
# shared: compiled code (the subgraphs import @wsis/shared from dist)
COPY --from=build /app/shared/dist shared/dist
# gateway: compiled code, the committed supergraph, the dashboard's built assets
COPY --from=build /app/gateway/dist gateway/dist
COPY --from=build /app/gateway/supergraph.graphql gateway/
COPY --from=build /app/gateway/dashboard/dist gateway/dashboard/dist
# subgraphs: compiled code, committed schema, the real data each seeds from (data/*.csv with SOURCES.md)
COPY --from=build /app/subgraphs/action-lines/schema.graphql subgraphs/action-lines/
COPY --from=build /app/subgraphs/action-lines/dist subgraphs/action-lines/dist
COPY --from=build /app/subgraphs/action-lines/data subgraphs/action-lines/data
COPY --from=build /app/subgraphs/events/schema.graphql subgraphs/events/
COPY --from=build /app/subgraphs/events/dist subgraphs/events/dist
COPY --from=build /app/subgraphs/events/data subgraphs/events/data
COPY --from=build /app/subgraphs/indicators/schema.graphql subgraphs/indicators/
COPY --from=build /app/subgraphs/indicators/dist subgraphs/indicators/dist
COPY --from=build /app/subgraphs/indicators/data subgraphs/indicators/data
COPY --from=build /app/subgraphs/reports/schema.graphql subgraphs/reports/
COPY --from=build /app/subgraphs/reports/dist subgraphs/reports/dist
COPY --from=build /app/subgraphs/reports/data subgraphs/reports/data
COPY --from=build /app/subgraphs/stocktaking/schema.graphql subgraphs/stocktaking/
COPY --from=build /app/subgraphs/stocktaking/dist subgraphs/stocktaking/dist
COPY --from=build /app/subgraphs/stocktaking/data subgraphs/stocktaking/data
COPY --chmod=0755 infra/deploy/entrypoint.sh /usr/local/bin/wsis-hub
# The code is owned by root and read-only to the process; only /app/.data (local key pairs outside production) and
# /tmp are writable, so the root filesystem can be mounted read-only with those two as volumes.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 8080
# Liveness of whichever process runs (the process answers; readiness, with its dependencies, is /health/ready).
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["wsis-hub"]
CMD ["gateway"]
