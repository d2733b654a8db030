import { createConnection, type AddressInfo, type Socket } from "node:net";
import { createServer as createHttpServer, type IncomingMessage, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { chmodSync, existsSync, lstatSync, unlinkSync } from "node:fs";
import type { TLSSocket } from "node:tls";
import { certFingerprint, checkPin, derFingerprint, type TlsPinOptions } from "./tls.js";
import { RpcError } from "./errors.js";
import { dialerHandshake, listenerHandshake, type HandshakeOptions } from "./handshake.js";
import { DEFAULT_LIMITS, type Limits } from "./limits.js";
import { Peer } from "./peer.js";
import { CALL_TAIL_FEATURE, type PeerInfo } from "./frames.js";
import type { Transport } from "./transport.js";
import { socketTransport } from "./socket-transport.js";
import { acceptUpgrade, dialUpgrade } from "./ws-upgrade.js";

/** Options shared by both ends of a link. */
export interface LinkOptions {
  /** The shared secret. Never sent; proven by HMAC over fresh nonces. */
  token: string | Uint8Array;
  /**
   * Listener only: further tokens a dialer may prove instead of `token`, asked at each handshake
   * (so they can change while listening). The matched tag is `peer.authTag`.
   */
  extraTokens?: () => Iterable<{ token: string | Uint8Array; tag: string }>;
  info?: PeerInfo;
  features?: string[];
  limits?: Partial<Limits>;
  onInternalError?: (method: string, err: unknown) => void;
}

/** Options of a listening endpoint. */
export interface ListenOptions extends LinkOptions {
  host?: string;
  port?: number;
  /** Listen on this unix socket instead (created 0600; a stale one is replaced). */
  path?: string;
  /** Serve wss:// with this certificate and key (PEM). */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Called with each authenticated link. */
  onPeer: (peer: Peer, req: IncomingMessage) => void;
  /** Called when a connection is refused or dropped before authenticating (for logs). */
  onReject?: (err: RpcError, remote: string) => void;
}

/** A listening endpoint. */
export interface Listener {
  readonly host: string;
  readonly port: number;
  /** Where to dial it: ws://host:port, wss://host:port or a unix URL. */
  readonly url: string;
  /** The certificate's fingerprint (TLS only). */
  readonly fingerprint?: string;
  /** Stop accepting and close every link. */
  close(): Promise<void>;
}

function handshakeOptions(o: LinkOptions, limits: Limits): HandshakeOptions {
  return { token: o.token, info: o.info ?? {}, features: [...(o.features ?? []), CALL_TAIL_FEATURE], limits, ...(o.extraTokens ? { extraTokens: o.extraTokens } : {}) };
}

/** Run one side's handshake on a transport and build the authenticated Peer. */
async function authenticate(t: Transport, o: LinkOptions, side: "listener" | "dialer"): Promise<Peer> {
  const limits = { ...DEFAULT_LIMITS, ...o.limits };
  const hs = await (side === "listener" ? listenerHandshake : dialerHandshake)(t, handshakeOptions(o, limits));
  const peer = new Peer(t, {
    side,
    limits,
    remoteLimits: hs.remoteLimits,
    remoteInfo: hs.info,
    remoteFeatures: hs.features,
    pending: hs.pending,
    ...(hs.authTag !== undefined ? { authTag: hs.authTag } : {}),
    ...(o.onInternalError ? { onInternalError: o.onInternalError } : {}),
  });
  return peer;
}

/** Run the listener handshake on a transport and build the Peer. */
export function acceptOn(t: Transport, o: LinkOptions): Promise<Peer> {
  return authenticate(t, o, "listener");
}

/** Run the dialer handshake on a transport and build the Peer. */
export function dialOn(t: Transport, o: LinkOptions): Promise<Peer> {
  return authenticate(t, o, "dialer");
}

/** The URL of a unix socket path, as {@link connect} dials it. */
export function unixUrl(path: string): string {
  return `ws+unix://${path}:/`;
}

/** Refuse a live socket at `path`; remove a stale one. */
function clearStaleSocket(path: string): Promise<void> {
  if (!existsSync(path)) return Promise.resolve();
  if (!lstatSync(path).isSocket()) return Promise.reject(new RpcError("SYSTEM", `${path} exists and is not a socket: refusing to replace it`, "EEXIST"));
  return new Promise((resolve, reject) => {
    const c = createConnection(path);
    c.once("connect", () => {
      c.destroy();
      reject(new RpcError("SYSTEM", `${path} is already in use by a running process`, "EADDRINUSE"));
    });
    c.once("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "ECONNREFUSED") {
        try {
          unlinkSync(path);
        } catch {
          // gone already
        }
        resolve();
      } else reject(err);
    });
  });
}

/** Listen for WebSocket links on host:port, a unix socket, or TLS (port 0 picks a free one). */
export async function listen(o: ListenOptions): Promise<Listener> {
  const limits = { ...DEFAULT_LIMITS, ...o.limits };
  if (o.path !== undefined) await clearStaleSocket(o.path);
  const server: Server = o.tls ? createHttpsServer({ cert: o.tls.cert, key: o.tls.key }) : createHttpServer();
  const sockets = new Set<Socket>();
  // Plain HTTP requests get 426; links arrive as upgrade requests.
  server.on("request", (_req, res) => {
    res.writeHead(426, { "Content-Type": "text/plain", Upgrade: "websocket" }).end("this is an mrc link endpoint: WebSocket only\n");
  });
  server.on("upgrade", (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on("error", () => {});
    if (!acceptUpgrade(req, socket)) return;
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    const remote = o.path !== undefined ? "unix" : `${req.socket.remoteAddress ?? "?"}:${req.socket.remotePort ?? "?"}`;
    const t = socketTransport(socket, { server: true, head, maxMessage: limits.maxFrameBytes, keepaliveMs: limits.keepaliveMs });
    acceptOn(t, o).then(
      (peer) => o.onPeer(peer, req),
      (err: RpcError) => o.onReject?.(err, remote),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    const done = () => {
      server.off("error", reject);
      resolve();
    };
    if (o.path !== undefined) {
      server.listen(o.path, done); // the socket's directory should be private; chmod 0600 follows
    } else server.listen(o.port ?? 0, o.host ?? "127.0.0.1", done);
  });
  if (o.path !== undefined) chmodSync(o.path, 0o600);
  const a = o.path === undefined ? (server.address() as AddressInfo) : undefined;
  const host = a ? a.address : o.path!;
  const port = a ? a.port : 0;
  const hostPart = host.includes(":") ? `[${host}]` : host;
  return {
    host,
    port,
    url: o.path !== undefined ? unixUrl(o.path) : `${o.tls ? "wss" : "ws"}://${hostPart}:${port}`,
    ...(o.tls ? { fingerprint: certFingerprint(o.tls.cert) } : {}),
    close: () =>
      new Promise<void>((r) => {
        for (const c of sockets) c.destroy();
        server.close(() => {
          if (o.path !== undefined) {
            try {
              unlinkSync(o.path);
            } catch {
              // gone already
            }
          }
          r();
        });
        server.closeAllConnections?.();
      }),
  };
}

/** Options of a dial. */
export interface ConnectOptions extends LinkOptions {
  /** Give up connecting after this many ms. */
  connectTimeoutMs?: number;
  /** For wss:// URLs: how the listener's certificate is checked (default: known_hosts, trust on first use). */
  tls?: TlsPinOptions;
}

/**
 * Dial a listener at `url` (ws://host:port) and authenticate. Rejects with an RpcError whose
 * message says what failed: unreachable, refused authentication, version mismatch.
 */
export async function connect(url: string, o: ConnectOptions): Promise<Peer> {
  const limits = { ...DEFAULT_LIMITS, ...o.limits };
  let checkTls: ((socket: Socket) => void) | undefined;
  if (url.startsWith("wss:")) {
    // The certificate is checked before the link is used: nothing of ours is sent to a wrong peer.
    const u = new URL(url);
    const hostPort = `${u.hostname.replace(/^\[|\]$/g, "")}:${u.port || "443"}`;
    checkTls = (socket) => {
      const cert = (socket as TLSSocket).getPeerCertificate(true);
      if (!cert?.raw) throw new RpcError("TLS_PIN_MISMATCH", `${hostPort} offered no TLS certificate`);
      checkPin(hostPort, derFingerprint(cert.raw), o.tls ?? {});
    };
  }
  let up: Awaited<ReturnType<typeof dialUpgrade>>;
  try {
    up = await dialUpgrade(url, { timeoutMs: o.connectTimeoutMs ?? 10_000, ...(checkTls ? { checkTls } : {}) });
  } catch (err) {
    if (err instanceof RpcError) throw err;
    const e = err as Error & { code?: string };
    throw new RpcError("CONNECTION_CLOSED", `cannot reach ${url}: ${e.code ?? e.message}${e.code === "EPROTO" ? ` (${e.message})` : ""}`);
  }
  const t = socketTransport(up.socket, { server: false, head: up.head, maxMessage: limits.maxFrameBytes, keepaliveMs: limits.keepaliveMs });
  return dialOn(t, o);
}
