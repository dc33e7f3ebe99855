import { dropRunTemplates } from "./template-database";

export default async function globalTeardown(): Promise<void> {
  // The run's seeded templates, before the server goes (when the server is the embedded one, they go with it anyway).
  const run = process.env.WSIS_TEST_RUN;
  if (run && process.env.TEST_DATABASE_URL) await dropRunTemplates(run);
  const handle = globalThis.__WSIS_EMBEDDED_PG__;
  if (handle) {
    await handle.stop();
    globalThis.__WSIS_EMBEDDED_PG__ = undefined;
  }
}
