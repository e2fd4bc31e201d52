import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  HAVE_CHROMIUM,
  type LaunchedBrowser,
  launchChromium,
  NO_CHROMIUM_MESSAGE,
} from "../support/chromium.js";
import { type GatewayHarness, startGatewayHarness } from "../support/gateway-harness.js";
import { type StaticServer, startStaticServer } from "../support/static-server.js";

if (!HAVE_CHROMIUM) console.warn(NO_CHROMIUM_MESSAGE);

/**
 * The /docs page in a real browser. The machine has no internet, so the page is pointed (DOCS_SCRIPT_URL)
 * at a local copy of the Scalar bundle the CDN would serve: the same file, from the npm package.
 */
describe.skipIf(!HAVE_CHROMIUM)("the /docs page in headless Chromium", () => {
  let cdn: StaticServer;
  let gw: GatewayHarness;
  let chromium: LaunchedBrowser;

  beforeAll(async () => {
    const require = createRequire(import.meta.url);
    const bundle = require.resolve("@scalar/api-reference/browser/standalone.js");
    cdn = await startStaticServer({
      "/scalar.js": { type: "text/javascript", body: readFileSync(bundle) },
    });
    gw = await startGatewayHarness({ docsScriptUrl: `${cdn.origin}/scalar.js` });
    chromium = await launchChromium();
  }, 30_000);

  afterAll(async () => {
    await chromium?.close();
    await gw?.close();
    await cdn?.close();
  });

  it("loads the document and lists the operations", async () => {
    const page = await chromium.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const loaded = page.waitForResponse((r) => r.url().endsWith("/openapi.json"));
    await page.goto(`${gw.baseUrl}/docs`);
    expect((await loaded).status()).toBe(200);
    for (const summary of [
      "Search a collection",
      "Insert or replace many objects",
      "Ingest a webhook delivery",
    ]) {
      await page.getByText(summary).first().waitFor({ state: "visible", timeout: 15_000 });
    }
    expect(await page.title()).toMatch(/Weaviate REST gateway/);
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);
});
