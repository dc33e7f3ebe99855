import { createHash } from "node:crypto";
import { readFileSync, unwatchFile, watchFile } from "node:fs";
import type { SupergraphSdlHook } from "@apollo/gateway";
import { Supergraph } from "@apollo/federation-internals";
import type { Logger } from "@wsis/shared";
import { readRegistry, urlVariable, type HubSettings, type Registry } from "./registry";

/** The supergraph the gateway serves, with what it was loaded with. */
export interface LoadedSupergraph {
  sdl: string;
  /** sha256 (hex) of the SDL: named by GET /health/ready, and part of the response cache's keys. */
  hash: string;
  /** The subgraphs it routes to (their names in the registry), with the URL each is called at. */
  urls: Record<string, string>;
  registry: Registry;
}

export interface SupergraphSourceOptions {
  supergraphPath: string;
  registryPath: string;
  /** `<NAME>_URL` variables: they override a subgraph's routing URL. */
  urlOverrides: Record<string, string>;
  /** How often the file is polled for changes (0: never; reloads then come from SIGHUP only). */
  pollIntervalMs: number;
  log: Logger;
}

export const hashOf = (sdl: string) => createHash("sha256").update(sdl).digest("hex");

/**
 * Reads a supergraph and the registry beside it, checked as the gateway will use them: the SDL must build (Apollo's
 * `Supergraph.build`), and each subgraph's URL is its `<NAME>_URL`, else the URL composed into the supergraph.
 */
function load(options: SupergraphSourceOptions): LoadedSupergraph {
  const sdl = readFileSync(options.supergraphPath, "utf8");
  const registry = readRegistry(options.registryPath);
  const subgraphs = Supergraph.build(sdl).subgraphs();
  const urls: Record<string, string> = {};
  for (const subgraph of subgraphs)
    urls[subgraph.name] = options.urlOverrides[urlVariable(subgraph.name)] ?? subgraph.url;
  return { sdl, hash: hashOf(sdl), urls, registry };
}

/**
 * The gateway's supergraph, loaded from a file and reloaded when the file changes (polled) or on `reload()` (SIGHUP):
 * the new one is handed to Apollo's gateway, which plans new requests on it while the requests in flight finish on the
 * old one. A supergraph that does not load (unreadable, not a supergraph, a registry that does not parse) is refused,
 * logged, and the old one kept.
 */
export class SupergraphSource {
  private loaded: LoadedSupergraph;
  private update?: (sdl: string) => void;
  private readonly listeners = new Set<(loaded: LoadedSupergraph) => void>();
  private readonly onFileChange = (
    now: { mtimeMs: number; size: number },
    before: { mtimeMs: number; size: number },
  ) => {
    if (now.mtimeMs !== before.mtimeMs || now.size !== before.size) void this.reload("file changed");
  };
  private watching = false;
  private reloading: Promise<boolean> = Promise.resolve(true);

  constructor(private readonly options: SupergraphSourceOptions) {
    this.loaded = load(options);
  }

  get current(): LoadedSupergraph {
    return this.loaded;
  }

  /** The hub's settings of a subgraph (a subgraph absent from the registry gets the defaults: no caller). */
  settingsOf(name: string): HubSettings {
    return this.loaded.registry.subgraphs.find((s) => s.name === name)?.hub ?? { caller: false };
  }

  onChange(listener: (loaded: LoadedSupergraph) => void): void {
    this.listeners.add(listener);
  }

  /** For `new ApolloGateway({ supergraphSdl })`: the first supergraph, then every accepted change. */
  readonly hook: SupergraphSdlHook = async ({ update }) => {
    this.update = update;
    if (this.options.pollIntervalMs > 0) {
      this.watching = true;
      watchFile(
        this.options.supergraphPath,
        { interval: this.options.pollIntervalMs, persistent: false },
        this.onFileChange,
      );
    }
    return { supergraphSdl: this.loaded.sdl, cleanup: async () => this.stop() };
  };

  /** Loads the file again; resolves to whether the gateway now serves it (false: refused or unchanged). */
  reload(reason: string): Promise<boolean> {
    // One reload at a time: Apollo refuses an update while another is in progress.
    this.reloading = this.reloading.then(() => this.reloadNow(reason));
    return this.reloading;
  }

  private async reloadNow(reason: string): Promise<boolean> {
    const { log } = this.options;
    let next: LoadedSupergraph;
    try {
      next = load(this.options);
    } catch (error) {
      log.error(
        { reason, err: (error as Error).message, kept: this.loaded.hash },
        "supergraph refused: it does not load; the previous one is kept",
      );
      return false;
    }
    if (next.hash === this.loaded.hash) {
      // The registry's settings may have changed alone.
      this.loaded = { ...this.loaded, registry: next.registry };
      return false;
    }
    const previous = this.loaded;
    // Data sources built for new subgraphs during the update read their URL and settings from here.
    this.loaded = next;
    try {
      if (!this.update) throw new Error("the gateway has not started");
      this.update(next.sdl);
    } catch (error) {
      this.loaded = previous;
      log.error(
        { reason, err: (error as Error).message, kept: previous.hash },
        "supergraph refused by the gateway; the previous one is kept",
      );
      return false;
    }
    log.info({ reason, from: previous.hash, to: next.hash, subgraphs: Object.keys(next.urls) }, "supergraph reloaded");
    for (const listener of this.listeners) listener(next);
    return true;
  }

  stop(): void {
    if (this.watching) unwatchFile(this.options.supergraphPath, this.onFileChange);
    this.watching = false;
  }
}
