import { randomBytes } from "node:crypto";
import { Client } from "pg";

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** The test server as given (TEST_DATABASE_URL, or the embedded server of the global setup). */
export function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set: run the tests through jest (its global setup provides it)");
  return url;
}

/** The URL of database `name` on the test server. */
export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `fn` with a client of the test server's admin database, closed afterwards. */
export async function withAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database on the test server, for one test file — empty, or a copy of `template` — ; `drop()` removes it.
 */
export async function createTestDatabase(label = "t", template?: string): Promise<TestDatabase> {
  const name = `wsis_test_${label.replace(/[^a-z0-9]/gi, "_").toLowerCase()}_${randomBytes(4).toString("hex")}`;
  await withAdmin((c) =>
    c.query(template ? `CREATE DATABASE "${name}" TEMPLATE "${template}"` : `CREATE DATABASE "${name}"`),
  );
  return {
    url: databaseUrl(name),
    name,
    drop: async () => {
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
