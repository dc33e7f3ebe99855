export default async function globalTeardown(): Promise<void> {
  const handle = globalThis.__WSIS_EMBEDDED_PG__;
  if (handle) {
    await handle.stop();
    globalThis.__WSIS_EMBEDDED_PG__ = undefined;
  }
}
