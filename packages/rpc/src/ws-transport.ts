import type WebSocket from "ws";
import { CLOSE, type Transport } from "./transport.js";

/** Bytes buffered in the socket above which senders should wait for onDrain. */
export const WS_HIGH_WATER = 8 * 1024 * 1024;

/**
 * Adapt a `ws` WebSocket (open) to a Transport. Keepalive: a ping every `keepaliveMs`; a peer
 * that answers nothing for three intervals is declared lost (close code 4005).
 */
export function wsTransport(ws: WebSocket, keepaliveMs: number): Transport {
  let closed = false;
  let alive = true;
  let missed = 0;
  const t: Transport = {
    onMessage: () => {},
    onClose: () => {},
    onDrain: () => {},
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
    send(data, sent) {
      if (closed || ws.readyState !== ws.OPEN) return;
      const before = ws.bufferedAmount;
      // ws frames the message without copying it and calls back once the socket has written it
      // (permessage-deflate is off on every link).
      ws.send(data, { binary: true }, (err) => {
        if (!err) sent?.();
        if (before >= WS_HIGH_WATER / 2 && ws.bufferedAmount < WS_HIGH_WATER / 2) t.onDrain();
      });
    },
    close(code, reason) {
      if (closed) return;
      finish(code, reason);
      try {
        ws.close(code, reason.slice(0, 120));
      } catch {
        ws.terminate();
      }
      // A peer that does not complete the closing handshake is cut off.
      setTimeout(() => ws.terminate(), 2000).unref();
    },
  };
  const finish = (code: number, reason: string) => {
    if (closed) return;
    closed = true;
    clearInterval(timer);
    t.onClose(code, reason);
  };
  const timer = setInterval(() => {
    if (!alive) {
      missed++;
      if (missed >= 3) {
        finish(CLOSE.LINK_LOST, `link lost: no answer for ${(missed * keepaliveMs) / 1000} s`);
        ws.terminate();
        return;
      }
    } else missed = 0;
    alive = false;
    try {
      ws.ping();
    } catch {
      /* closing */
    }
  }, keepaliveMs);
  timer.unref();
  ws.on("pong", () => (alive = true));
  ws.on("ping", () => (alive = true));
  ws.on("message", (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
    alive = true;
    if (closed) return;
    if (!isBinary) {
      t.close(CLOSE.BAD_FRAME, "text frames are not part of the protocol");
      return;
    }
    const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
    t.onMessage(buf);
  });
  ws.on("close", (code: number, reason: Buffer) => {
    finish(code, reason.length > 0 ? reason.toString() : closeText(code));
  });
  ws.on("error", (err: Error & { code?: string }) => {
    const code = err.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH" ? CLOSE.TOO_BIG : CLOSE.BAD_FRAME;
    finish(code, `link error: ${err.message}`);
  });
  return t;
}

function closeText(code: number): string {
  if (code === 1006) return "link lost: connection closed without a close frame";
  if (code === 1000) return "link closed";
  return `link closed (code ${code})`;
}
