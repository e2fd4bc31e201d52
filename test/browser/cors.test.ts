import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  HAVE_CHROMIUM,
  type LaunchedBrowser,
  launchChromium,
  NO_CHROMIUM_MESSAGE,
} from "../support/chromium.js";
import { type DevGateway, startDevGateway } from "../support/dev-gateway.js";
import { type StaticServer, startStaticServer } from "../support/static-server.js";

if (!HAVE_CHROMIUM) console.warn(NO_CHROMIUM_MESSAGE);

const KEY = "browser-key-0123456789abcdef";
const page = {
  type: "text/html",
  body: readFileSync(new URL("../../examples/browser/index.html", import.meta.url)),
};

/**
 * A page served from one origin (127.0.0.1:A) calls the gateway on another (127.0.0.1:B) with fetch: the
 * browser enforces CORS, so this proves the preflight and response headers work for real, with a key.
 */
describe.skipIf(!HAVE_CHROMIUM)("a page on another origin, in headless Chromium", () => {
  let allowed: StaticServer;
  let other: StaticServer;
  let gw: DevGateway;
  let chromium: LaunchedBrowser;

  beforeAll(async () => {
    allowed = await startStaticServer({ "/index.html": page });
    other = await startStaticServer({ "/index.html": page });
    gw = await startDevGateway({
      corsOrigins: [allowed.origin],
      auth: {
        mode: "keys",
        keys: [
          { name: "browser", key: KEY, collections: ["Note"], actions: ["read", "write"], tenants: ["*"] },
        ],
      },
    });
    chromium = await launchChromium();
  }, 30_000);

  afterAll(async () => {
    await chromium?.close();
    await gw?.close();
    await allowed?.close();
    await other?.close();
  });

  const open = async (origin: string) => {
    const tab = await chromium.context.newPage();
    await tab.goto(`${origin}/index.html?gateway=${encodeURIComponent(gw.baseUrl)}&key=${KEY}`);
    await tab.waitForFunction(() => "notes" in window);
    return tab;
  };

  it("inserts and then finds an object with fetch from the allowed origin", async () => {
    const tab = await open(allowed.origin);
    const result = await tab.evaluate(async () => {
      const w = window as unknown as {
        notes: {
          addNote(t: string): Promise<{ id: string }>;
          searchNotes(q: string): Promise<{ objects: { id: string; properties: { text: string } }[] }>;
        };
      };
      const { id } = await w.notes.addNote("browsers can talk to Weaviate");
      const { objects } = await w.notes.searchNotes("browsers");
      return { id, found: objects.map((o) => ({ id: o.id, text: o.properties.text })) };
    });
    expect(result.found).toEqual([{ id: result.id, text: "browsers can talk to Weaviate" }]);
    // The same flow through the page's own form.
    await tab.fill("#query", "weaviate");
    await tab.click("#find button");
    await tab.getByText("1 found").waitFor({ timeout: 5_000 });
    await tab.close();
  }, 30_000);

  it("is blocked by the browser from an origin that is not configured", async () => {
    const tab = await open(other.origin);
    const outcome = await tab.evaluate(async () => {
      const w = window as unknown as { notes: { searchNotes(q: string): Promise<unknown> } };
      try {
        await w.notes.searchNotes("anything");
        return "allowed";
      } catch (e) {
        return (e as Error).name;
      }
    });
    expect(outcome).toBe("TypeError");
    await tab.close();
  }, 30_000);
});
