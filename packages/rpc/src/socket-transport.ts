/**
 * A Transport over an upgraded WebSocket connection (a TCP, unix or TLS socket after the HTTP
 * handshake of ws-upgrade.ts), with our own framing (ws-frames.ts): binary messages, pings,
 * and the closing handshake of RFC 6455, no extensions.
 *
 * Receiving: on TCP and unix sockets the kernel reads straight into the buffer each message ends
 * up in (directed-reads.ts); TLS sockets are read through 'data' events.
 * Sending: a frame's header and its payload leave in one writev(2), the payload never copied;
 * small frames sent in a burst are coalesced (see `send`).
 */
import type { Socket } from "node:net";
import { CLOSE, WS_HIGH_WATER, type Transport } from "./transport.js";
import { closePayload, frame, frameHeader, FrameReader, OP, validCloseCode, WS_CLOSE } from "./ws-frames.js";
import { directReads } from "./directed-reads.js";
import { POOLED_BYTES, recycleFrameBuffer, takePooled } from "./data-frames.js";

/** Frames from this size on are not held back to be coalesced with others. */
const CORK_MAX = 64 * 1024;
/** Payloads up to this size are copied behind their header (one buffer, one write). */
const JOIN_MAX = 1024;
/** Buffered bytes under which a congested link counts as drained (onDrain). */
const LOW_WATER = WS_HIGH_WATER / 2;
/** How long a closing handshake may take before the socket is cut. */
const CLOSE_WAIT_MS = 2000;

const RESOLVED = Promise.resolve();
/**
 * Received messages of more than half a pooled buffer (a 1 MiB file read or write and its frame
 * head) are assembled in buffers of the frame pool (data-frames.ts), which come back when the
 * application releases the message (Transport.onMessage's `release`): a cold read of gigabytes
 * then allocates nothing.
 */
function recvAlloc(size: number): Buffer {
  return size > POOLED_BYTES || size <= POOLED_BYTES / 2 ? Buffer.allocUnsafeSlow(size) : takePooled();
}

/** Directed reads (directed-reads.ts) unless MRC_LINK_DIRECT_READS=0 (for A/B measurements). */
const DIRECT = process.env.MRC_LINK_DIRECT_READS !== "0";

/** Options of {@link socketTransport}. */
export interface SocketTransportOptions {
  /** This end accepted the connection (expects masked frames, sends unmasked ones). */
  server: boolean;
  /** Bytes that arrived with the handshake, after it. */
  head?: Buffer;
  /** Largest message accepted, bytes. */
  maxMessage: number;
  /** A ping every this many ms; a peer silent for three intervals is lost (close code 4005). */
  keepaliveMs: number;
}

/** What a close frame's code means when the peer gave no reason. */
function closeText(code: number): string {
  if (code === 1006) return "link lost: connection closed without a close frame";
  if (code === 1000) return "link closed";
  return `link closed (code ${code})`;
}

/** Wrap an upgraded socket as a Transport. */
export function socketTransport(socket: Socket, o: SocketTransportOptions): Transport {
  const masked = !o.server; // a client masks every frame (with an all-zero key: see frameHeader)
  let closed = false; // onClose has fired
  let closeSent = false;
  let closeReceived = false;
  let alive = true;
  let missed = 0;

  // Coalescing: the first frame of a burst is written at once (a lone call or reply is not
  // delayed); later ones are held (socket corked) until a microtask after the code that sent them
  // has run, so the replies to several calls that arrived in one read cost one write(2). A large
  // frame flushes what is held and goes out at once; close() flushes too.
  let inBurst = false;
  let corked = false;
  const flush = () => {
    if (!corked) return;
    corked = false;
    socket.uncork();
  };
  const endBurst = () => {
    inBurst = false;
    flush();
  };
  const writable = () => !closeSent && !socket.destroyed && socket.writable;

  const finish = (code: number, reason: string) => {
    if (closed) return;
    closed = true;
    clearInterval(timer);
    t.onClose(code, reason);
  };

  /** Send our close frame (once), then end the socket when the handshake is complete. */
  const sendClose = (code: number, reason: string) => {
    if (closeSent || socket.destroyed) return;
    flush();
    socket.write(frame(OP.CLOSE, closePayload(code, reason), masked));
    closeSent = true;
    if (closeReceived) socket.end();
    else setTimeout(() => socket.destroy(), CLOSE_WAIT_MS).unref();
  };

  const reader = new FrameReader({
    server: o.server,
    maxMessage: o.maxMessage,
    alloc: recvAlloc,
    recycle: recycleFrameBuffer,
    onMessage: (data, release) => {
      if (!closed) t.onMessage(data, release);
    },
    onControl: (op, bytes) => {
      const payload = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      if (op === OP.PING) {
        if (writable()) socket.write(frame(OP.PONG, payload, masked));
      } else if (op === OP.CLOSE) {
        closeReceived = true;
        let code = 1005;
        let reason = "";
        if (payload.length === 1) return fail(WS_CLOSE.PROTOCOL_ERROR, "close frame with a 1-byte payload");
        if (payload.length >= 2) {
          code = payload.readUInt16BE(0);
          if (!validCloseCode(code)) return fail(WS_CLOSE.PROTOCOL_ERROR, `invalid close code ${code}`);
          reason = payload.subarray(2).toString("utf8");
        }
        if (closeSent) socket.end();
        else sendClose(code === 1005 ? 1000 : code, "");
        finish(code, reason.length > 0 ? reason : closeText(code));
      }
      // PONG: `alive` is set by every read.
    },
    onError: (code, message) => fail(code, message),
  });

  /** The peer broke the protocol: tell it why, and close. */
  const fail = (code: number, message: string) => {
    sendClose(code, message);
    finish(code === WS_CLOSE.TOO_BIG ? CLOSE.TOO_BIG : CLOSE.BAD_FRAME, `link error: ${message}`);
  };

  const t: Transport = {
    onMessage: () => {},
    onClose: () => {},
    onDrain: () => {},
    get bufferedAmount() {
      return socket.writableLength;
    },
    send(data, sent) {
      if (closed || !writable()) return;
      if (data.byteLength >= CORK_MAX) flush();
      else if (!inBurst) {
        inBurst = true;
        void RESOLVED.then(endBurst); // cheaper than queueMicrotask (no async resource)
      } else if (!corked) {
        corked = true;
        socket.cork();
      }
      const before = socket.writableLength;
      const done =
        sent === undefined && before < LOW_WATER
          ? undefined
          : (err?: Error | null) => {
              if (!err) sent?.();
              drained(before);
            };
      if (data.byteLength <= JOIN_MAX) socket.write(frame(OP.BINARY, data, masked), done);
      else writeParts([frameHeader(OP.BINARY, true, data.byteLength, masked), data], done);
    },
    sendParts(parts, released) {
      if (closed || !writable() || parts.length === 0) return released();
      flush(); // a message in parts is a large one: nothing held back goes after it
      const out: Uint8Array[] = [];
      const last = parts.length - 1;
      parts.forEach((p, i) => out.push(frameHeader(i === 0 ? OP.BINARY : OP.CONT, i === last, p.byteLength, masked), p));
      const before = socket.writableLength;
      // Called once the socket wrote the last part (so all of them), or with an error once it was
      // destroyed (then nothing more will be written): either way the parts are free.
      writeParts(out, () => {
        released();
        drained(before);
      });
    },
    close(code, reason) {
      if (closed) return;
      finish(code, reason);
      sendClose(code, reason.slice(0, 120));
    },
  };

  /** After a write that began with `before` bytes buffered: report the end of a congestion. */
  const drained = (before: number) => {
    if (before >= LOW_WATER && socket.writableLength < LOW_WATER) t.onDrain();
  };

  /** Write `parts` in one writev (corked), `cb` after the last. */
  const writeParts = (parts: Uint8Array[], cb: ((err?: Error | null) => void) | undefined) => {
    const held = corked;
    if (!held) socket.cork();
    const last = parts.length - 1;
    for (let i = 0; i < last; i++) socket.write(parts[i]!);
    socket.write(parts[last]!, cb);
    if (!held) socket.uncork();
  };

  const timer = setInterval(() => {
    if (!alive) {
      missed++;
      if (missed >= 3) {
        finish(CLOSE.LINK_LOST, `link lost: no answer for ${(missed * o.keepaliveMs) / 1000} s`);
        socket.destroy();
        return;
      }
    } else missed = 0;
    alive = false;
    if (writable()) socket.write(frame(OP.PING, Buffer.alloc(0), masked));
  }, o.keepaliveMs);
  timer.unref();

  socket.on("error", () => {}); // 'close' follows and says the link is gone
  socket.on("close", () => finish(1006, closeText(1006)));
  socket.setNoDelay?.(true);
  socket.setTimeout?.(0);

  const onChunk = (chunk: Buffer) => {
    alive = true;
    reader.push(chunk);
  };
  // Reading starts once the caller has set the handlers (the head may hold a first message).
  process.nextTick(() => {
    if (o.head !== undefined && o.head.length > 0) onChunk(o.head);
    const direct =
      DIRECT &&
      !socket.destroyed &&
      directReads(socket, onChunk, {
        target: () => reader.readTarget(),
        commit: (n) => {
          alive = true;
          reader.commit(n);
        },
        // The peer closed its side (or the read failed): nothing more can arrive. What we still
        // have to send (a close frame answering theirs) goes out first; the socket's stream never
        // sees this end of input (its reads are ours), so it is destroyed once written.
        end: (err) => {
          if (err !== undefined || socket.writableLength === 0) return void socket.destroy();
          socket.end(() => socket.destroy());
          setTimeout(() => socket.destroy(), CLOSE_WAIT_MS).unref();
        },
      });
    if (!direct) {
      socket.on("data", onChunk);
      socket.on("end", () => socket.end());
    }
  });
  return t;
}
