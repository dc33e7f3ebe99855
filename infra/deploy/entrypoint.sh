#!/bin/sh
# The entry point of the WSIS Hub image (Dockerfile): the first argument names the process to run.
#   gateway                      node gateway/dist/index.js
#   <subgraph>                   node subgraphs/<subgraph>/dist/index.js (a subgraph of supergraph.yaml with a workspace)
#   migrate [<subgraph> ...]     each named subgraph's migrations and seed (every in-repo subgraph when none), then exit
#   caller-keys CMD FILE         node gateway/dist/caller-keys.js CMD FILE (new|rotate|promote|retire|public)
#   --command <process>          prints the command a process runs, without running it (used by the tests)
# The subgraphs are read from the registry (supergraph.yaml: subgraphs.<name>.hub.workspace), so a subgraph added there
# is runnable without editing this file.
set -eu
APP_ROOT="${WSIS_APP_ROOT:-$(CDPATH='' cd -- "$(dirname -- "$0")/../.." 2>/dev/null && pwd)}"
[ -f "$APP_ROOT/supergraph.yaml" ] || APP_ROOT=/app
export APOLLO_TELEMETRY_DISABLED=true

# The in-repo subgraphs of the registry, one "name workspace" per line (the registry's own parser reads it).
subgraphs() {
  node -e '
    const { readRegistry, inRepoSubgraphs } = require(process.argv[1] + "/gateway/dist/registry.js");
    for (const s of inRepoSubgraphs(readRegistry(process.argv[1] + "/supergraph.yaml"))) console.log(s.name + " " + s.hub.workspace);
  ' "$APP_ROOT"
}

workspace_of() {
  subgraphs | while read -r name dir; do
    if [ "$name" = "$1" ]; then echo "$dir"; fi
  done
}

usage() {
  echo "usage: wsis-hub gateway | <subgraph> | migrate [<subgraph> ...] | caller-keys CMD FILE" >&2
  echo "subgraphs: $(subgraphs | cut -d' ' -f1 | tr '\n' ' ')" >&2
  exit 64
}

# The command line of one long-running process.
command_of() {
  case "$1" in
    gateway) echo "node --max-old-space-size=${GATEWAY_MAX_OLD_SPACE_MB:-1024} $APP_ROOT/gateway/dist/index.js" ;;
    *)
      dir="$(workspace_of "$1")"
      if [ -z "$dir" ]; then
        echo "wsis-hub: no process named '$1'" >&2
        usage
      fi
      echo "node $dir/dist/index.js"
      ;;
  esac
}

[ $# -ge 1 ] || usage
case "$1" in
  --command)
    [ $# -eq 2 ] || usage
    command_of "$2"
    ;;
  migrate)
    shift
    if [ $# -eq 0 ]; then set -- $(subgraphs | cut -d' ' -f1); fi
    for name in "$@"; do
      dir="$(workspace_of "$name")"
      if [ -z "$dir" ]; then
        echo "wsis-hub: no subgraph named '$name'" >&2
        usage
      fi
      node "$dir/dist/migrate.js"
    done
    ;;
  caller-keys)
    shift
    exec node "$APP_ROOT/gateway/dist/caller-keys.js" "$@"
    ;;
  -h | --help) usage ;;
  *)
    cmd="$(command_of "$1")"
    shift
    # exec: node replaces this shell, so it receives SIGTERM itself and drains (SHUTDOWN_GRACE_MS).
    exec $cmd "$@"
    ;;
esac
