import { WebSocket, WebSocketServer } from "ws";
import type { AddressInfo } from "node:net";
import type { IncomingMessage } from "node:http";
import { RpcError } from "./errors.js";
import { dialerHandshake, listenerHandshake, type HandshakeOptions } from "./handshake.js";
import { DEFAULT_LIMITS, type Limits } from "./limits.js";
import { Peer } from "./peer.js";
import type { PeerInfo } from "./frames.js";
import type { Transport } from "./transport.js";
import { wsTransport } from "./ws-transport.js";

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
  /** Called with each authenticated link. */
  onPeer: (peer: Peer, req: IncomingMessage) => void;
  /** Called when a connection is refused or dropped before authenticating (for logs). */
  onReject?: (err: RpcError, remote: string) => void;
}

/** A listening endpoint. */
export interface Listener {
  readonly host: string;
  readonly port: number;
  /** Stop accepting and close every link. */
  close(): Promise<void>;
}

function handshakeOptions(o: LinkOptions, limits: Limits): HandshakeOptions {
  return { token: o.token, info: o.info ?? {}, features: o.features ?? [], limits, ...(o.extraTokens ? { extraTokens: o.extraTokens } : {}) };
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

/** Listen for WebSocket links on host:port (port 0 picks a free one). */
export function listen(o: ListenOptions): Promise<Listener> {
  const limits = { ...DEFAULT_LIMITS, ...o.limits };
  return new Promise((resolve, reject) => {
    const wss = new WebSocketServer({
      host: o.host ?? "127.0.0.1",
      port: o.port ?? 0,
      maxPayload: limits.maxFrameBytes,
      perMessageDeflate: false,
      clientTracking: true,
    });
    wss.once("error", reject);
    wss.on("connection", (ws, req) => {
      const remote = `${req.socket.remoteAddress ?? "?"}:${req.socket.remotePort ?? "?"}`;
      const t = wsTransport(ws, limits.keepaliveMs);
      acceptOn(t, o).then(
        (peer) => o.onPeer(peer, req),
        (err: RpcError) => o.onReject?.(err, remote),
      );
    });
    wss.once("listening", () => {
      wss.off("error", reject);
      const a = wss.address() as AddressInfo;
      resolve({
        host: a.address,
        port: a.port,
        close: () =>
          new Promise<void>((r) => {
            for (const c of wss.clients) c.terminate();
            wss.close(() => r());
          }),
      });
    });
  });
}

/** Options of a dial. */
export interface ConnectOptions extends LinkOptions {
  /** Give up connecting after this many ms. */
  connectTimeoutMs?: number;
}

/**
 * Dial a listener at `url` (ws://host:port) and authenticate. Rejects with an RpcError whose
 * message says what failed: unreachable, refused authentication, version mismatch.
 */
export function connect(url: string, o: ConnectOptions): Promise<Peer> {
  const limits = { ...DEFAULT_LIMITS, ...o.limits };
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, {
      maxPayload: limits.maxFrameBytes,
      perMessageDeflate: false,
      // An all-zero masking key makes ws skip the XOR pass over every byte on both ends. Masking
      // only protects browser-era HTTP intermediaries; mrc links are authenticated peer links.
      generateMask: (mask: Buffer) => void mask.fill(0),
      handshakeTimeout: o.connectTimeoutMs ?? 10_000,
    });
    ws.once("error", (err: Error & { code?: string }) => {
      reject(new RpcError("CONNECTION_CLOSED", `cannot reach ${url}: ${err.code ?? err.message}`));
    });
    ws.once("open", () => {
      ws.removeAllListeners("error");
      const t = wsTransport(ws, limits.keepaliveMs);
      dialOn(t, o).then(resolve, reject);
    });
  });
}
