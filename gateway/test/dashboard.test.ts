import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import express from "express";
import { DASHBOARD_PATH, dashboardRouter } from "../src/dashboard";
import type { ExecutePublic } from "../src/public-graph";

/** A built dashboard in a temporary folder: index.html and one hashed asset (large enough to be compressed). */
function fakeDist(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "wsis-dashboard-dist-"));
  mkdirSync(path.join(dir, "assets"));
  writeFileSync(
    path.join(dir, "index.html"),
    '<!doctype html><title>Dashboard</title><script type="module" src="/dashboard/assets/index-Ab12Cd34.js"></script>',
  );
  writeFileSync(path.join(dir, "assets/index-Ab12Cd34.js"), `console.log(${JSON.stringify("x".repeat(5000))});`);
  writeFileSync(
    path.join(dir, "persisted-query-manifest.json"),
    '{"format":"apollo-persisted-query-manifest","version":1,"operations":[]}',
  );
  return dir;
}

const indicators: ExecutePublic = async <T>() =>
  ({
    data: {
      indicators: [{ code: "internet_users_pct", name: "Individuals using the <Internet>", unit: "% of population" }],
    },
  }) as { data: T };

async function serve(router: express.Router): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  app.use(router);
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A request with the path and headers sent exactly as written (fetch normalises `..` and adds no-cache to conditional requests). */
function rawGet(url: string, rawPath: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    http
      .get({ hostname, port, path: rawPath, headers }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on("error", reject);
  });
}

describe("the dashboard's files and the landing page", () => {
  const dist = fakeDist();
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    server = await serve(dashboardRouter({ ide: true, executePublic: indicators, distDir: dist }));
  });
  afterAll(async () => {
    await server.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it("serves index.html at /dashboard and /dashboard/, revalidated (ETag, 304), with a same-origin content security policy", async () => {
    for (const url of [
      `${server.url}${DASHBOARD_PATH}`,
      `${server.url}${DASHBOARD_PATH}/`,
      `${server.url}${DASHBOARD_PATH}/?view=map&indicator=x`,
    ]) {
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toMatch(/^text\/html/);
      expect(page.headers.get("cache-control")).toBe("no-cache");
      expect(page.headers.get("content-security-policy")).toMatch(/default-src 'self'.*connect-src 'self'/);
      expect(await page.text()).toContain("/dashboard/assets/index-Ab12Cd34.js");
      expect(
        await rawGet(server.url, url.slice(server.url.length), { "if-none-match": page.headers.get("etag")! }),
      ).toBe(304);
    }
  });

  it("caches hashed assets for a year (immutable) and compresses them; other files are revalidated", async () => {
    const asset = await fetch(`${server.url}${DASHBOARD_PATH}/assets/index-Ab12Cd34.js`, {
      headers: { "accept-encoding": "gzip" },
    });
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(asset.headers.get("content-encoding")).toBe("gzip");
    expect(asset.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await asset.text()).toContain("xxxx");
    const manifest = await fetch(`${server.url}${DASHBOARD_PATH}/persisted-query-manifest.json`);
    expect(manifest.status).toBe(200);
    expect(manifest.headers.get("cache-control")).toBe("no-cache");
  });

  it("answers 404 for files it does not have, and never serves a file outside its folder", async () => {
    expect((await fetch(`${server.url}${DASHBOARD_PATH}/assets/missing-0000.js`)).status).toBe(404);
    expect((await fetch(`${server.url}${DASHBOARD_PATH}/other/page`)).status).toBe(404);
    for (const raw of [
      `${DASHBOARD_PATH}/../package.json`,
      `${DASHBOARD_PATH}/%2e%2e/%2e%2e/package.json`,
      `${DASHBOARD_PATH}/assets/..%2f..%2findex.html`,
    ]) {
      expect([400, 403, 404]).toContain(await rawGet(server.url, raw));
    }
  });

  it("the landing page links the dashboard, the IDE, the calendar feed, the SDMX endpoint and each indicator's downloads (names escaped)", async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const href of [
      'href="/dashboard/"',
      'href="/ide"',
      'href="/events.ics"',
      'href="/sdmx/dataflow/WSIS/all/latest"',
      'href="/downloads/internet_users_pct.csv"',
      'href="/downloads/internet_users_pct.json"',
    ]) {
      expect(html).toContain(href);
    }
    expect(html).toContain("Individuals using the &lt;Internet&gt;");
    expect(html).not.toContain("<Internet>");
  });
});

describe("without the IDE, without the graph, without a build", () => {
  it("the landing page leaves the IDE out when it is off, and says where the downloads are when the graph does not answer", async () => {
    const failing: ExecutePublic = async () => {
      throw new Error("indicators down");
    };
    const server = await serve(dashboardRouter({ ide: false, executePublic: failing, distDir: fakeDist() }));
    try {
      const html = await (await fetch(`${server.url}/`)).text();
      expect(html).not.toContain('href="/ide"');
      expect(html).toContain("The list of indicators cannot be read right now");
      expect(html).toContain("/downloads/&lt;indicator&gt;.csv");
    } finally {
      await server.close();
    }
  });

  it("/dashboard says how to build it when its files are missing (503), instead of a bare 404", async () => {
    const server = await serve(
      dashboardRouter({
        ide: false,
        executePublic: indicators,
        distDir: path.join(tmpdir(), "wsis-no-such-dashboard"),
      }),
    );
    try {
      const page = await fetch(`${server.url}${DASHBOARD_PATH}`);
      expect(page.status).toBe(503);
      expect(await page.text()).toMatch(/npm run build/);
    } finally {
      await server.close();
    }
  });
});
