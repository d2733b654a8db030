import type { Duplex } from "node:stream";
import type WebSocket from "ws";
import { CLOSE, type Transport } from "./transport.js";

/** Bytes buffered in the socket above which senders should wait for onDrain. */
export const WS_HIGH_WATER = 8 * 1024 * 1024;

/** Frames from this size on are not held back to be coalesced with others (see wsTransport). */
const CORK_MAX = 64 * 1024;

const RESOLVED = Promise.resolve();

/** Options of every ws.send (ws copies them; one object serves all). */
const BINARY = { binary: true } as const;
/** A part of a message other than its last (sendParts): a WebSocket fragment. */
const FRAGMENT = { binary: true, fin: false } as const;

/**
 * Adapt a `ws` WebSocket (open) to a Transport. Keepalive: a ping every `keepaliveMs`; a peer
 * that answers nothing for three intervals is declared lost (close code 4005).
 */
export function wsTransport(ws: WebSocket, keepaliveMs: number): Transport {
  // Small frames sent in a burst leave in one write(2): the first frame of a burst is written at
  // once (a lone call or reply is not delayed), later ones are held (socket corked) until a
  // microtask after the code that sent them has run; the replies to several calls that arrived
  // in one read, or a reply and a notification, then cost two system calls instead of one each.
  // A microtask rather than a tick: code that awaits anything after sending, even on its way to
  // process.exit(), finds its frames handed to the OS, as before. A large frame flushes what is
  // held and goes out at once (bulk streams are not delayed); close() flushes too. `_socket` is
  // ws's socket (not public API; without it every frame is written on its own).
  const socket = (ws as unknown as { _socket?: Duplex })._socket;
  /** A frame went out since the last microtask checkpoint (endBurst is queued). */
  let inBurst = false;
  let corked = false;
  const flush = () => {
    if (!corked) return;
    corked = false;
    socket?.uncork();
  };
  const endBurst = () => {
    inBurst = false;
    flush();
  };
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
      if (socket !== undefined) {
        if (data.byteLength >= CORK_MAX) flush();
        else if (!inBurst) {
          inBurst = true;
          void RESOLVED.then(endBurst); // cheaper than queueMicrotask (no async resource)
        } else if (!corked) {
          corked = true;
          socket.cork();
        }
      }
      const before = ws.bufferedAmount;
      // ws frames the message without copying it and calls back once the socket has written it
      // (permessage-deflate is off on every link). The callback is needed only to report `sent`
      // or the end of a congestion.
      if (sent === undefined && before < WS_HIGH_WATER / 2) ws.send(data, BINARY);
      else
        ws.send(data, BINARY, (err) => {
          if (!err) sent?.();
          if (before >= WS_HIGH_WATER / 2 && ws.bufferedAmount < WS_HIGH_WATER / 2) t.onDrain();
        });
    },
    sendParts(parts, released) {
      if (closed || ws.readyState !== ws.OPEN || parts.length === 0) return released();
      flush(); // a message in parts is a large one: nothing held back goes after it
      const last = parts.length - 1;
      // One WebSocket message in fragments (the receiver's ws joins them, as it joins the socket
      // reads of any large message); nothing can be sent between them: this runs to completion.
      for (let i = 0; i < last; i++) ws.send(parts[i]!, FRAGMENT);
      const before = ws.bufferedAmount;
      // ws calls back once the socket wrote the last part (so all of them), or with an error once
      // it was destroyed (then nothing will be written): either way the parts are free.
      ws.send(parts[last]!, BINARY, () => {
        released();
        if (before >= WS_HIGH_WATER / 2 && ws.bufferedAmount < WS_HIGH_WATER / 2) t.onDrain();
      });
    },
    close(code, reason) {
      if (closed) return;
      flush(); // a GOODBYE or REJECT just sent goes out before the close frame, now
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
