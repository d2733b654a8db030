import { test } from "node:test";
import assert from "node:assert/strict";
import { WebSocket } from "ws";
import { Packr } from "msgpackr";
import { listen, connect } from "./link.js";
import type { Peer } from "./peer.js";
import { RpcError } from "./errors.js";

async function server(token = "right") {
  const peers: Peer[] = [];
  const rejects: string[] = [];
  const l = await listen({
    token,
    limits: { maxFrameBytes: 1024 * 1024 },
    onPeer: (p) => {
      p.handle("ping", () => "pong");
      peers.push(p);
    },
    onReject: (e) => rejects.push(e.message),
  });
  return { l, peers, rejects, url: `ws://127.0.0.1:${l.port}` };
}

/** Open a raw socket, wait for HELLO, then send `payload` and report how the link closed. */
function rawSend(url: string, payload: Buffer | string, binary = true): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once("message", () => ws.send(payload, { binary }));
    ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() }));
    ws.once("error", reject);
  });
}

test("wrong token is refused with a clear message; the server serves the next link", async () => {
  const s = await server();
  await assert.rejects(connect(s.url, { token: "wrong" }), (e: RpcError) => e.code === "AUTH_FAILED" && /wrong token/.test(e.message));
  const good = await connect(s.url, { token: "right" });
  assert.equal(await good.call("ping"), "pong");
  assert.equal(s.rejects.length, 1);
  good.close();
  await s.l.close();
});

test("a listener that does not know the token is detected by the dialer", async () => {
  // The dialer's proof can't be checked by an impostor, which then can't produce WELCOME.
  const s = await server("other");
  await assert.rejects(connect(s.url, { token: "right" }), (e: RpcError) => e.code === "AUTH_FAILED");
  await s.l.close();
});

test("garbage, malformed msgpack, text, oversized frames and pre-auth calls close only that connection", async () => {
  const s = await server();
  const good = await connect(s.url, { token: "right" });
  const packr = new Packr();
  const cases: Array<[string, Buffer | string, boolean]> = [
    ["garbage", Buffer.from("\xff\xfe\xfd garbage bytes", "latin1"), true],
    ["truncated msgpack", Buffer.from([0x95, 0x0a, 0x01]), true],
    ["not an array", packr.pack({ hello: 1 }), true],
    ["unknown kind", packr.pack([99, 1]), true],
    ["call before auth", packr.pack([10, 1, "ping", null, 0]), true],
    ["text frame", "hello", false],
    ["oversized", Buffer.alloc(2 * 1024 * 1024, 1), true],
  ];
  for (const [name, payload, binary] of cases) {
    const r = await rawSend(s.url, payload, binary);
    assert.ok(r.code !== 1000 || r.reason.length > 0, `${name}: closed with code ${r.code} ${r.reason}`);
    assert.equal(await good.call("ping"), "pong", `${name}: other link still served`);
  }
  assert.equal(s.peers.length, 1);
  good.close();
  await s.l.close();
});

test("a malformed frame after authentication closes that link with a reason", async () => {
  const s = await server();
  const a = await connect(s.url, { token: "right" });
  const b = await connect(s.url, { token: "right" });
  // Reach under the Peer: send a CALL with a non-string method.
  (a as unknown as { transport: { send(d: Uint8Array): void } }).transport.send(new Packr().pack([10, 1, 42, null, 0]));
  const reason = await a.closed;
  assert.match(reason.message, /malformed CALL/);
  assert.equal(await b.call("ping"), "pong");
  b.close();
  await s.l.close();
});

test("an unreachable listener gives a clear error", async () => {
  const s = await server();
  const url = s.url;
  await s.l.close();
  await assert.rejects(connect(url, { token: "right" }), (e: RpcError) => /cannot reach/.test(e.message) && /ECONNREFUSED/.test(e.message));
});
