import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { RpcError } from "./errors.js";
import { F, decode, encode, type Frame, type PeerInfo } from "./frames.js";
import { CLOSE, type Transport } from "./transport.js";
import type { Limits } from "./limits.js";

/** Protocol name and version spoken by this build. */
export const PROTO = "mrc";
export const PROTO_VERSION = 1;

/** What a completed handshake tells about the other side. */
export interface HandshakeResult {
  info: PeerInfo;
  features: string[];
  /** Listener only: the tag of the extra token the dialer proved (undefined: the main token). */
  authTag?: string;
  /** The limits the peer announced (in AUTH or WELCOME). */
  remoteLimits: { maxInFlight: number; streamWindow: number; maxFrameBytes: number };
  /** Frames that arrived right after the handshake, before the Peer took over. */
  pending: Uint8Array[];
}

/** Options of either side of the handshake. */
export interface HandshakeOptions {
  token: string | Uint8Array;
  /** Listener only: further tokens a dialer may prove instead (e.g. mailbox mesh tokens), each with a tag. */
  extraTokens?: () => Iterable<{ token: string | Uint8Array; tag: string }>;
  info: PeerInfo;
  features: string[];
  limits: Limits;
}

const mac = (token: string | Uint8Array, label: string, sNonce: Uint8Array, cNonce: Uint8Array): Buffer =>
  createHmac("sha256", token).update(label).update(sNonce).update(cNonce).digest();

const DIALER_LABEL = "mrc1 dialer proof";
const LISTENER_LABEL = "mrc1 listener proof";

function sameMac(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && timingSafeEqual(a, b);
}

/**
 * Run one side's handshake on a fresh transport: wait for `expect`ed frames in order.
 * Resolves when authenticated; rejects (and closes the transport) with a clear reason otherwise.
 */
function runHandshake(
  t: Transport,
  limits: Limits,
  start: () => void,
  step: (f: Frame, done: (r: Omit<HandshakeResult, "pending">) => void) => void,
): Promise<HandshakeResult> {
  return new Promise((resolve, reject) => {
    let finished = false;
    const pending: Uint8Array[] = [];
    const fail = (code: number, err: RpcError, sendReject: boolean) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      if (sendReject) t.send(encode([F.REJECT, err.toWire()]));
      t.close(code, err.message);
      reject(err);
    };
    const timer = setTimeout(
      () => fail(CLOSE.TIMEOUT, new RpcError("TIMEOUT", `handshake not completed within ${limits.handshakeTimeoutMs} ms`), false),
      limits.handshakeTimeoutMs,
    );
    timer.unref();
    t.onClose = (_code, reason) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      reject(new RpcError("CONNECTION_CLOSED", `link closed during handshake: ${reason}`));
    };
    t.onMessage = (data) => {
      if (finished) return;
      let f: Frame;
      try {
        f = decode(data, Math.min(limits.maxFrameBytes, 64 * 1024));
      } catch (err) {
        fail(CLOSE.BAD_FRAME, err as RpcError, false);
        return;
      }
      if (f.t === F.REJECT) {
        fail(CLOSE.AUTH_FAILED, new RpcError(f.error.code, f.error.message), false);
        return;
      }
      try {
        step(f, (r) => {
          finished = true;
          clearTimeout(timer);
          t.onMessage = (d) => pending.push(d);
          resolve({ ...r, pending });
        });
      } catch (err) {
        const e = err instanceof RpcError ? err : new RpcError("BAD_FRAME", String(err));
        const code = e.code === "AUTH_FAILED" ? CLOSE.AUTH_FAILED : CLOSE.PROTOCOL;
        fail(code, e, true);
      }
    };
    start();
  });
}

/** Listening side: send HELLO with a nonce, check the dialer's proof, prove ours in WELCOME. */
export function listenerHandshake(t: Transport, o: HandshakeOptions): Promise<HandshakeResult> {
  const sNonce = randomBytes(32);
  return runHandshake(
    t,
    o.limits,
    () => t.send(encode([F.HELLO, { v: PROTO_VERSION, proto: PROTO, nonce: sNonce, features: o.features, info: o.info }])),
    (f, done) => {
      if (f.t !== F.AUTH) throw new RpcError("AUTH_FAILED", "frame before authentication");
      if (f.auth.v !== PROTO_VERSION) throw new RpcError("PROTOCOL_VERSION", `protocol version ${f.auth.v} not supported (this side speaks ${PROTO_VERSION})`);
      if (f.auth.nonce.byteLength !== 32) throw new RpcError("AUTH_FAILED", "bad nonce");
      // The main token first, then each extra one; we prove the one the dialer proved.
      let proven: string | Uint8Array | undefined;
      let authTag: string | undefined;
      if (sameMac(f.auth.mac, mac(o.token, DIALER_LABEL, sNonce, f.auth.nonce))) proven = o.token;
      else {
        for (const x of o.extraTokens?.() ?? []) {
          if (sameMac(f.auth.mac, mac(x.token, DIALER_LABEL, sNonce, f.auth.nonce))) {
            proven = x.token;
            authTag = x.tag;
            break;
          }
        }
      }
      if (proven === undefined) throw new RpcError("AUTH_FAILED", "authentication refused: wrong token");
      const limits = { maxInFlight: o.limits.maxInFlight, streamWindow: o.limits.streamWindow, maxFrameBytes: o.limits.maxFrameBytes };
      t.send(encode([F.WELCOME, { mac: mac(proven, LISTENER_LABEL, sNonce, f.auth.nonce), features: o.features, info: o.info, limits }]));
      done({ info: f.auth.info, features: f.auth.features, remoteLimits: f.auth.limits, ...(authTag !== undefined ? { authTag } : {}) });
    },
  );
}

/** Dialing side: answer HELLO with our nonce and proof, then check the listener's proof. */
export function dialerHandshake(t: Transport, o: HandshakeOptions): Promise<HandshakeResult> {
  const cNonce = randomBytes(32);
  let sNonce: Uint8Array | undefined;
  return runHandshake(
    t,
    o.limits,
    () => {},
    (f, done) => {
      if (sNonce === undefined) {
        if (f.t !== F.HELLO) throw new RpcError("PROTOCOL_VERSION", "the peer did not greet with HELLO");
        if (f.hello.proto !== PROTO || f.hello.v !== PROTO_VERSION) {
          throw new RpcError("PROTOCOL_VERSION", `peer speaks ${f.hello.proto}/${f.hello.v}, this side ${PROTO}/${PROTO_VERSION}`);
        }
        if (f.hello.nonce.byteLength !== 32) throw new RpcError("AUTH_FAILED", "bad nonce");
        sNonce = f.hello.nonce;
        const limits = { maxInFlight: o.limits.maxInFlight, streamWindow: o.limits.streamWindow, maxFrameBytes: o.limits.maxFrameBytes };
        t.send(encode([F.AUTH, { v: PROTO_VERSION, nonce: cNonce, mac: mac(o.token, DIALER_LABEL, sNonce, cNonce), features: o.features, info: o.info, limits }]));
        return;
      }
      if (f.t !== F.WELCOME) throw new RpcError("AUTH_FAILED", "frame before authentication");
      if (!sameMac(f.welcome.mac, mac(o.token, LISTENER_LABEL, sNonce, cNonce))) {
        throw new RpcError("AUTH_FAILED", "the listener failed to prove the shared token (wrong token on its side, or an impostor)");
      }
      done({ info: f.welcome.info, features: f.welcome.features, remoteLimits: f.welcome.limits });
    },
  );
}
