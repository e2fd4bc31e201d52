import { Hono } from "hono";
import { buildOpenApi } from "../openapi/build-openapi.js";

export interface DocsOptions {
  /** The Scalar API reference bundle (standalone build) the /docs page loads. */
  readonly scriptUrl: string;
}

/**
 * `GET /openapi.json` and `GET /docs`. The document is built on first request, not at start-up, so a cold
 * Lambda or Worker does not pay for it unless asked. The docs UI (several MB) is never bundled: the page
 * loads it from `DOCS_SCRIPT_URL`, a CDN by default.
 */
export function docsRoutes(options: DocsOptions): Hono {
  let document: string | undefined;
  return new Hono()
    .get("/openapi.json", () => {
      document ??= JSON.stringify(buildOpenApi());
      return new Response(document, {
        headers: { "content-type": "application/json", "cache-control": "public, max-age=300" },
      });
    })
    .get("/docs", (c) => c.html(docsPage(options.scriptUrl)));
}

const escapeAttr = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function docsPage(scriptUrl: string): string {
  // A relative document URL, so the page works behind any prefix or proxy that serves /openapi.json beside it.
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Weaviate REST gateway: API reference</title>
</head>
<body>
<div id="app"></div>
<script src="${escapeAttr(scriptUrl)}"></script>
<script>
Scalar.createApiReference("#app", { url: "./openapi.json", defaultOpenAllTags: true });
</script>
</body>
</html>
`;
}
