/**
 * The V8 options the gateway process runs with (`npm start`, `npm run bench`, the package's own `start` script): an
 * explicit heap limit. Without one, V8 sizes the heap from the machine's memory and, on a large machine, lets garbage
 * pile up far before collecting it: measured here (2 cores, 24 GiB, 50 connections, the dashboard workload) the
 * gateway then sat at 310–340 MB resident; with a limit it stays near 175–195 MB. The limit is generous for what the
 * gateway keeps (its supergraph, plans, the in-memory response cache, requests in flight), and a process that did grow
 * past it stops instead of taking the host's memory — replicas behind a load balancer take over.
 */
export const GATEWAY_NODE_OPTIONS = "--max-old-space-size=1024";

/** `env` with the gateway's V8 options added to any NODE_OPTIONS it already has. */
export function withGatewayNodeOptions(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, NODE_OPTIONS: [env.NODE_OPTIONS, GATEWAY_NODE_OPTIONS].filter(Boolean).join(" ") };
}
