// Our WebSocket framing against an independent implementation: the `ws` library, as client (which
// masks with random keys) and as server, over real loopback sockets.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { WebSocket, WebSocketServer } from "ws";
import { socketTransport } from "./socket-transport.js";
import { acceptUpgrade, dialUpgrade } from "./ws-upgrade.js";
import type { Transport } from "./transport.js";

const sha = (b: Uint8Array) => createHash("sha1").update(b).digest("hex");
const SIZES = [0, 1, 125, 126, 65_535, 65_536, 200_000, 1024 * 1024 + 7, 3000];

/** An http server whose upgrades become our transports, each echoing what it receives. */
async function echoServer(): Promise<{ url: string; closes: Array<[number, string]>; close(): Promise<void> }> {
  const server = createServer();
  const closes: Array<[number, string]> = [];
  server.on("upgrade", (req: IncomingMessage, socket: Socket, head: Buffer) => {
    if (!acceptUpgrade(req, socket)) return;
    const t = socketTransport(socket, { server: true, head, maxMessage: 4 * 1024 * 1024, keepaliveMs: 60_000 });
    let n = 0;
    // Echo: alternately as one message and as a message in two parts (header + payload elsewhere).
    t.onMessage = (d) => {
      const copy = Buffer.from(d);
      if (n++ % 2 === 0 || copy.length < 2) t.send(copy);
      else t.sendParts([copy.subarray(0, 1), copy.subarray(1)], () => {});
    };
    t.onClose = (code, reason) => closes.push([code, reason]);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    closes,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

test("a ws client (random masks, fragmented messages, pings) is served by our transport", async () => {
  const s = await echoServer();
  const ws = new WebSocket(s.url, { perMessageDeflate: false });
  await new Promise((r, j) => ws.once("open", r).once("error", j));
  const got: string[] = [];
  const want: string[] = [];
  const all = new Promise<void>((resolve) => {
    ws.on("message", (d: Buffer) => {
      got.push(sha(d));
      if (got.length === SIZES.length * 2) resolve();
    });
  });
  for (const size of SIZES) {
    const m = randomBytes(size);
    want.push(sha(m));
    ws.send(m, { binary: true });
  }
  for (const size of SIZES) {
    // The same bytes as three fragments of one message.
    const m = randomBytes(size);
    want.push(sha(m));
    const a = Math.floor(size / 3);
    ws.send(m.subarray(0, a), { binary: true, fin: false });
    ws.send(m.subarray(a, 2 * a), { binary: true, fin: false });
    ws.send(m.subarray(2 * a), { binary: true, fin: true });
  }
  await all;
  assert.deepEqual(got, want);
  const pong = new Promise<Buffer>((r) => ws.once("pong", r));
  ws.ping(Buffer.from("are you there"));
  assert.equal((await pong).toString(), "are you there");
  const closed = new Promise<[number, string]>((r) => ws.once("close", (c, why) => r([c, why.toString()])));
  ws.close(4321, "done here");
  assert.deepEqual(await closed, [4321, ""]);
  assert.deepEqual(s.closes, [[4321, "done here"]]);
  await s.close();
});

/** Our dialer against a ws server that echoes; the transport and what the server saw on close. */
async function dialWsServer(): Promise<{ t: Transport; serverClose: Promise<[number, string]>; wss: WebSocketServer }> {
  const wss = new WebSocketServer({ port: 0, host: "127.0.0.1", perMessageDeflate: false });
  await new Promise((r) => wss.once("listening", r));
  const serverClose = new Promise<[number, string]>((resolve) => {
    wss.on("connection", (ws) => {
      ws.on("message", (d: Buffer) => ws.send(d, { binary: true }));
      ws.on("close", (c, why) => resolve([c, why.toString()]));
    });
  });
  const up = await dialUpgrade(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`, { timeoutMs: 5000 });
  const t = socketTransport(up.socket, { server: false, head: up.head, maxMessage: 4 * 1024 * 1024, keepaliveMs: 60_000 });
  return { t, serverClose, wss };
}

test("our dialer's frames (zero-key masks, messages in parts) are understood by a ws server", async () => {
  const { t, serverClose, wss } = await dialWsServer();
  const got: string[] = [];
  const want: string[] = [];
  const all = new Promise<void>((resolve) => {
    t.onMessage = (d) => {
      got.push(sha(d));
      if (got.length === SIZES.length * 2) resolve();
    };
  });
  let released = 0;
  for (const size of SIZES) {
    const m = randomBytes(size);
    want.push(sha(m));
    t.send(m);
  }
  for (const size of SIZES) {
    const m = randomBytes(size);
    want.push(sha(m));
    t.sendParts([m.subarray(0, 10), m.subarray(10, 20), m.subarray(20)], () => released++);
  }
  await all;
  assert.deepEqual(got, want);
  assert.equal(released, SIZES.length, "every sendParts released its parts once");
  const closes: Array<[number, string]> = [];
  t.onClose = (c, r) => closes.push([c, r]);
  t.close(4001, "going now");
  assert.deepEqual(await serverClose, [4001, "going now"]);
  assert.deepEqual(closes, [[4001, "going now"]]);
  await new Promise((r) => wss.close(r));
});

test("a peer that vanishes without a close frame is reported as lost (1006), once", async () => {
  const { t, wss } = await dialWsServer();
  const closed = new Promise<Array<[number, string]>>((resolve) => {
    const seen: Array<[number, string]> = [];
    t.onClose = (c, r) => {
      seen.push([c, r]);
      setImmediate(() => resolve(seen));
    };
  });
  for (const c of wss.clients) c.terminate();
  const seen = await closed;
  assert.equal(seen.length, 1);
  assert.equal(seen[0]![0], 1006);
  assert.match(seen[0]![1], /without a close frame/);
  await new Promise((r) => wss.close(r));
});

test("the opening handshake: a wrong accept key, a plain HTTP server and bad upgrade requests are refused", async () => {
  // A server that answers 101 with a wrong Sec-WebSocket-Accept.
  const liar = createServer();
  liar.on("upgrade", (_req, socket: Socket) => {
    socket.on("end", () => socket.destroy()); // http servers allow half-open sockets
    socket.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\n\r\n");
  });
  liar.on("request", (_req, res) => res.writeHead(200).end("hello"));
  await new Promise<void>((r) => liar.listen(0, "127.0.0.1", r));
  const url = `ws://127.0.0.1:${(liar.address() as AddressInfo).port}`;
  await assert.rejects(dialUpgrade(url, { timeoutMs: 5000 }), (e: Error & { code?: string }) => e.code === "EPROTO" && /Sec-WebSocket-Accept/.test(e.message));
  liar.removeAllListeners("upgrade");
  await assert.rejects(dialUpgrade(url, { timeoutMs: 5000 }), (e: Error & { code?: string }) => e.code === "EPROTO" && /HTTP 200/.test(e.message));
  liar.closeAllConnections();
  await new Promise((r) => liar.close(r));

  // Our server side refuses an upgrade without a valid key, with a 400 that says why.
  const s = await echoServer();
  const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const ws = new WebSocket(s.url, { protocolVersion: 8 });
    ws.on("unexpected-response", (_req, r) => {
      let body = "";
      r.on("data", (c: Buffer) => (body += c.toString()));
      r.on("end", () => resolve({ status: r.statusCode ?? 0, body }));
    });
    ws.on("error", () => {});
    ws.on("open", () => reject(new Error("opened")));
  });
  assert.equal(res.status, 400);
  assert.match(res.body, /Sec-WebSocket-Version must be 13/);
  await s.close();
});
