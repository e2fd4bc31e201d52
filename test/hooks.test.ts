import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseHooks } from "../src/hooks/hook-config.js";
import { type GatewayHarness, startGatewayHarness } from "./support/gateway-harness.js";

const GITHUB_SECRET = "It's a Secret to Everybody";
const STRIPE_SECRET = "whsec_test_0123456789";
const GATEWAY_KEY = "gateway-key-0123456789abcdef";

const { hooks, problems } = parseHooks(
  JSON.stringify({
    "github-issues": {
      collection: "Issue",
      signature: { scheme: "github" },
      secret: GITHUB_SECRET,
      properties: { title: "issue.title", body: "issue.body?", repo: "repository.full_name" },
      id: { path: "issue.node_id" },
    },
    payments: {
      collection: "Payment",
      signature: { scheme: "stripe" },
      secret: STRIPE_SECRET,
      properties: { kind: "type", amount: "data.object.amount" },
      vector: "data.object.embedding",
    },
  }),
  {},
);

let gw: GatewayHarness;
beforeAll(async () => {
  expect(problems).toEqual([]);
  // Keys mode: every other route needs a gateway key, a webhook authenticates by its signature alone.
  gw = await startGatewayHarness({
    hooks,
    auth: {
      mode: "keys",
      keys: [{ name: "reader", key: GATEWAY_KEY, collections: ["*"], actions: ["read"], tenants: ["*"] }],
    },
  });
});
afterAll(() => gw.close());
beforeEach(() => gw.upstream.reset());

const enc = (s: string) => new TextEncoder().encode(s);
async function hmacHex(secret: string, data: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", enc(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  return Buffer.from(await crypto.subtle.sign("HMAC", key, enc(data))).toString("hex");
}

async function deliverGithub(payload: unknown, signature?: string) {
  const body = JSON.stringify(payload);
  const sig = signature ?? `sha256=${await hmacHex(GITHUB_SECRET, body)}`;
  return gw.post("/v1/hooks/github-issues", body, {
    "x-hub-signature-256": sig,
    "x-github-event": "issues",
  });
}

async function deliverStripe(payload: unknown, t = Math.floor(Date.now() / 1000)) {
  const body = JSON.stringify(payload);
  const v1 = await hmacHex(STRIPE_SECRET, `${t}.${body}`);
  return gw.post("/v1/hooks/payments", body, { "stripe-signature": `t=${t},v1=${v1}` });
}

const issueEvent = {
  action: "opened",
  issue: { node_id: "I_kwDOAbc123", title: "Crash on start", body: "Stack trace..." },
  repository: { full_name: "acme/app" },
};

describe("POST /v1/hooks/{name}", () => {
  it("stores a signed GitHub delivery as an object mapped from the payload, without a gateway key", async () => {
    const res = await deliverGithub(issueEvent);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ collection: "Issue", status: "success" });
    const [call] = gw.upstream.callsTo("BatchObjects");
    const [object] = (
      call.request as { objects: { uuid: string; collection: string; properties: unknown }[] }
    ).objects;
    expect(object.collection).toBe("Issue");
    expect(object.uuid).toBe(res.body.id);
    expect(JSON.stringify(object.properties)).toContain("Crash on start");
    expect(JSON.stringify(object.properties)).toContain("acme/app");
  });

  it("gives a redelivered event the same id, so it replaces instead of duplicating", async () => {
    const first = await deliverGithub(issueEvent);
    const again = await deliverGithub({ ...issueEvent, action: "edited" });
    const other = await deliverGithub({ ...issueEvent, issue: { ...issueEvent.issue, node_id: "I_other" } });
    expect(again.body.id).toBe(first.body.id);
    expect(other.body.id).not.toBe(first.body.id);
  });

  it("answers 401 for a wrong signature, and writes nothing", async () => {
    const res = await deliverGithub(issueEvent, `sha256=${"0".repeat(64)}`);
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body.detail).toBe("signature does not match");
    const unsigned = await gw.post("/v1/hooks/github-issues", issueEvent);
    expect(unsigned.status).toBe(401);
    expect(gw.upstream.calls).toHaveLength(0);
  });

  it("answers 422 naming the paths a payload lacks", async () => {
    const res = await deliverGithub({ issue: { node_id: "x" }, repository: {} });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { path: "issue.title", message: "is absent" },
      { path: "repository.full_name", message: "is absent" },
    ]);
    expect(gw.upstream.calls).toHaveLength(0);
  });

  it("accepts a Stripe delivery in the tolerance, maps the vector, and refuses a stale timestamp with 401", async () => {
    const event = {
      id: "evt_1",
      type: "charge.succeeded",
      data: { object: { amount: 1200, embedding: [0.25, 0.5] } },
    };
    const ok = await deliverStripe(event);
    expect(ok.status).toBe(200);
    const [call] = gw.upstream.callsTo("BatchObjects");
    const [object] = (call.request as { objects: { vectorBytes: Uint8Array }[] }).objects;
    expect([...new Float32Array(new Uint8Array(object.vectorBytes).buffer)]).toEqual([0.25, 0.5]);
    // The id rule defaults to content: the same event content gives the same id.
    expect((await deliverStripe(event)).body.id).toBe(ok.body.id);
    const stale = await deliverStripe(event, Math.floor(Date.now() / 1000) - 301);
    expect(stale.status).toBe(401);
    expect(stale.body.detail).toMatch(/tolerance/);
  });

  it("answers 404 for a hook that is not configured, 400 for a signed body that is not JSON", async () => {
    expect((await gw.post("/v1/hooks/nope", {})).status).toBe(404);
    const body = "not json";
    const res = await gw.post("/v1/hooks/github-issues", body, {
      "x-hub-signature-256": `sha256=${await hmacHex(GITHUB_SECRET, body)}`,
    });
    expect(res.status).toBe(400);
  });

  it("still requires a gateway key on the other routes", async () => {
    expect((await gw.post("/v1/collections/Issue/search", {})).status).toBe(401);
    const ok = await gw.post("/v1/collections/Issue/search", {}, { "x-api-key": GATEWAY_KEY });
    expect(ok.status).toBe(200);
  });
});
