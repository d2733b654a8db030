/**
 * The WebSocket opening handshake (RFC 6455, section 4) over Node's HTTP client and server: the
 * listener answers an upgrade request with 101, the dialer sends one and checks the answer. No
 * subprotocols or extensions are negotiated (an offered permessage-deflate is declined by not
 * answering it). What runs on the upgraded socket is socket-transport.ts.
 */
import { createHash, randomBytes } from "node:crypto";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";

const GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

/** The Sec-WebSocket-Accept value for a key. */
export function acceptKey(key: string): string {
  return createHash("sha1").update(key + GUID).digest("base64");
}

/** Why an upgrade request is refused (null: it is acceptable). */
export function upgradeProblem(req: IncomingMessage): string | null {
  if (req.method !== "GET") return "method must be GET";
  if ((req.headers.upgrade ?? "").toLowerCase() !== "websocket") return "Upgrade: websocket expected";
  if (req.headers["sec-websocket-version"] !== "13") return "Sec-WebSocket-Version must be 13";
  const key = req.headers["sec-websocket-key"];
  if (typeof key !== "string" || !/^[+/0-9A-Za-z]{22}==$/.test(key)) return "missing or malformed Sec-WebSocket-Key";
  return null;
}

/**
 * Complete the handshake of an upgrade request on a server (http 'upgrade' event): write 101 and
 * return true, or write 400 with the reason, destroy the socket and return false.
 */
export function acceptUpgrade(req: IncomingMessage, socket: Duplex): boolean {
  const problem = upgradeProblem(req);
  if (problem !== null) {
    const body = `${problem}\n`;
    socket.end(`HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    return false;
  }
  const accept = acceptKey(req.headers["sec-websocket-key"] as string);
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  return true;
}

/** Where a ws://, wss:// or ws+unix:// URL leads. */
export interface DialTarget {
  tls: boolean;
  host?: string;
  port?: number;
  socketPath?: string;
  path: string;
}

/** Parse a link URL: ws://host:port/path, wss://…, or ws+unix:///socket/path:/request-path. */
export function parseLinkUrl(url: string): DialTarget {
  if (url.startsWith("ws+unix://")) {
    const rest = url.slice("ws+unix://".length);
    const colon = rest.lastIndexOf(":");
    const socketPath = colon >= 0 ? rest.slice(0, colon) : rest;
    if (socketPath.length === 0) throw new Error(`bad unix link URL ${url}`);
    return { tls: false, socketPath, path: colon >= 0 && rest.slice(colon + 1).length > 0 ? rest.slice(colon + 1) : "/" };
  }
  const u = new URL(url);
  if (u.protocol !== "ws:" && u.protocol !== "wss:") throw new Error(`not a ws:// or wss:// URL: ${url}`);
  const tls = u.protocol === "wss:";
  return { tls, host: u.hostname.replace(/^\[|\]$/g, ""), port: u.port ? Number(u.port) : tls ? 443 : 80, path: `${u.pathname || "/"}${u.search}` };
}

/** An upgraded connection: the socket and any bytes that came after the 101 answer. */
export interface Upgraded {
  socket: Socket;
  head: Buffer;
}

/** Options of {@link dialUpgrade}. */
export interface DialUpgradeOptions {
  timeoutMs: number;
  /** TLS only: check the listener's certificate before anything is sent on the upgraded link; throw to refuse. */
  checkTls?: (socket: Socket) => void;
}

/**
 * Connect and complete the opening handshake. Rejects with an error whose `code` is the socket
 * error's (ECONNREFUSED, ...) or one of ours: ETIMEDOUT, EPROTO (not a WebSocket answer).
 */
export function dialUpgrade(url: string, o: DialUpgradeOptions): Promise<Upgraded> {
  const d = parseLinkUrl(url);
  const key = randomBytes(16).toString("base64");
  return new Promise((resolve, reject) => {
    const req = (d.tls ? httpsRequest : httpRequest)({
      ...(d.socketPath !== undefined ? { socketPath: d.socketPath } : { host: d.host, port: d.port }),
      path: d.path,
      agent: false,
      headers: {
        Connection: "Upgrade",
        Upgrade: "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": key,
      },
      ...(d.tls ? { rejectUnauthorized: false } : {}),
    });
    let settled = false;
    const fail = (err: Error & { code?: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(err);
    };
    const timer = setTimeout(() => fail(Object.assign(new Error("opening handshake timed out"), { code: "ETIMEDOUT" })), o.timeoutMs);
    req.on("error", fail);
    req.on("response", (res) => {
      res.resume();
      fail(Object.assign(new Error(`not a WebSocket listener (HTTP ${res.statusCode ?? "?"})`), { code: "EPROTO" }));
    });
    req.on("upgrade", (res, socket: Socket, head: Buffer) => {
      if (settled) return socket.destroy();
      const problem =
        res.statusCode !== 101
          ? `HTTP ${res.statusCode ?? "?"}`
          : (res.headers.upgrade ?? "").toLowerCase() !== "websocket"
            ? "no Upgrade: websocket"
            : res.headers["sec-websocket-accept"] !== acceptKey(key)
              ? "wrong Sec-WebSocket-Accept"
              : res.headers["sec-websocket-extensions"] !== undefined
                ? "an extension was not asked for"
                : null;
      if (problem !== null) {
        socket.destroy();
        return fail(Object.assign(new Error(`bad WebSocket answer: ${problem}`), { code: "EPROTO" }));
      }
      if (o.checkTls !== undefined) {
        try {
          o.checkTls(socket);
        } catch (err) {
          socket.destroy();
          return fail(err as Error);
        }
      }
      settled = true;
      clearTimeout(timer);
      resolve({ socket, head });
    });
    req.end();
  });
}
