/**
 * WebSocket framing (RFC 6455, section 5), without extensions: frame headers to send, and a
 * reader that turns the bytes of a connection back into messages and control frames.
 *
 * The reader is built for large binary messages. It can tell the socket where its next read
 * should land ({@link FrameReader.readTarget}): a message of at least {@link DIRECT_BYTES} is read
 * by the kernel straight into the buffer handed to the application, with no intermediate socket
 * buffer and no joining copy; small messages are views into a slab the reader never writes again.
 * It also accepts chunks the socket allocated itself ({@link FrameReader.push}), for sockets
 * (TLS) whose reads cannot be directed.
 *
 * Pure: no I/O. Errors are reported through `onError(closeCode, message)`, after which the reader
 * ignores everything.
 */

/** Frame opcodes. */
export const OP = { CONT: 0x0, TEXT: 0x1, BINARY: 0x2, CLOSE: 0x8, PING: 0x9, PONG: 0xa } as const;

/** Close codes the reader uses (RFC 6455, 7.4.1). */
export const WS_CLOSE = { PROTOCOL_ERROR: 1002, UNSUPPORTED: 1003, TOO_BIG: 1009 } as const;

/** Messages from this size on are read straight into their own buffer. */
export const DIRECT_BYTES = 64 * 1024;
/** Size of the slabs small messages are read into. */
const SLAB_BYTES = 256 * 1024;
/** A slab with less room than this left is replaced before the next read. */
const SLAB_MIN_ROOM = 16 * 1024;

/** Bytes of the header of a frame carrying `len` payload bytes. */
function headerLength(len: number, masked: boolean): number {
  return 2 + (len < 126 ? 0 : len < 0x10000 ? 2 : 8) + (masked ? 4 : 0);
}

/** Write a frame header at the start of `h` (which has headerLength(len, masked) bytes or more). */
function putHeader(h: Buffer, opcode: number, fin: boolean, len: number, masked: boolean): void {
  h[0] = (fin ? 0x80 : 0) | opcode;
  const m = masked ? 0x80 : 0;
  let at = 2;
  if (len < 126) h[1] = m | len;
  else if (len < 0x10000) {
    h[1] = m | 126;
    h.writeUInt16BE(len, 2);
    at = 4;
  } else {
    h[1] = m | 127;
    h.writeUInt32BE(Math.floor(len / 0x1_0000_0000), 2);
    h.writeUInt32BE(len >>> 0, 6);
    at = 10;
  }
  if (masked) h.writeUInt32BE(0, at);
}

/**
 * The header of one frame carrying `len` payload bytes. `masked`: set the mask bit with an
 * all-zero key (a client must mask; a zero key leaves the payload as it is, so neither end XORs).
 */
export function frameHeader(opcode: number, fin: boolean, len: number, masked: boolean): Buffer {
  const h = Buffer.allocUnsafe(headerLength(len, masked));
  putHeader(h, opcode, fin, len, masked);
  return h;
}

/** A whole frame (header and payload in one buffer): for control frames and small messages. */
export function frame(opcode: number, payload: Uint8Array, masked: boolean): Buffer {
  const hlen = headerLength(payload.length, masked);
  const out = Buffer.allocUnsafe(hlen + payload.length);
  putHeader(out, opcode, true, payload.length, masked);
  out.set(payload, hlen);
  return out;
}

/** The payload of a close frame: code and a UTF-8 reason cut to fit the 125-byte limit. */
export function closePayload(code: number, reason: string): Buffer {
  let r = Buffer.from(reason, "utf8");
  if (r.length > 123) r = Buffer.from(r.subarray(0, 123).toString("utf8").replace(/\uFFFD+$/, ""), "utf8");
  const out = Buffer.allocUnsafe(2 + r.length);
  out.writeUInt16BE(code, 0);
  r.copy(out, 2);
  return out;
}

/** Close codes a peer may send (RFC 6455, 7.4): 1000-1003, 1007-1014, 3000-4999. */
export function validCloseCode(code: number): boolean {
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}

/** XOR `buf[start, end)` with `key`, where `buf[start]` is payload byte number `phase`. */
function unmask(buf: Uint8Array, start: number, end: number, key: Uint8Array, phase: number): void {
  for (let i = start, j = phase; i < end; i++, j++) buf[i]! ^= key[j & 3]!;
}

/** What a reader reports. */
export interface FrameReaderHandlers {
  /**
   * A whole binary message. The reader never writes into `data` again. `release` is given when
   * the message lies in a buffer from `alloc`: it hands that buffer to `recycle` (once).
   */
  onMessage(data: Uint8Array, release?: () => void): void;
  /** A control frame (CLOSE, PING, PONG) with its payload (≤ 125 bytes, unmasked). */
  onControl(opcode: number, payload: Uint8Array): void;
  /** The stream is malformed or a limit was passed: close with `code`. Nothing is reported after. */
  onError(code: number, message: string): void;
}

/** Options of a reader. */
export interface FrameReaderOptions extends FrameReaderHandlers {
  /** Largest message accepted (all its fragments together), bytes. */
  maxMessage: number;
  /** The reader is the server's: frames must be masked (clients mask; servers must not). */
  server: boolean;
  /**
   * A buffer for a large message of `size` bytes (default: a fresh one). It may be longer. The
   * reader passes it to `recycle` when the application releases the message.
   */
  alloc?: (size: number) => Buffer;
  recycle?: (buf: Buffer) => void;
}

/**
 * Parses frames from a byte stream, by two ways in (do not mix them on one reader):
 * - directed reads: `readTarget()` gives the buffer the next socket read should fill, and
 *   `commit(n)` says n bytes were read into it;
 * - `push(chunk)`: a chunk the caller allocated and will not reuse.
 */
export class FrameReader {
  /** Buffered input not yet parsed lies in `slab[pos, end)`. */
  private slab: Buffer = Buffer.alloc(0);
  private pos = 0;
  private end = 0;
  /** The slab is ours (directed reads, or leftovers copied): views of it are never overwritten. */
  private owned = false;

  // The message being assembled (a large or fragmented one).
  private msg: Buffer | null = null;
  /** Bytes of `msg` filled. */
  private msgLen = 0;
  /** Small fragments of a fragmented message not yet placed in `msg`. */
  private pieces: Buffer[] = [];
  private piecesLen = 0;
  /** A fragmented message is in progress (its first frame had FIN clear). */
  private fragmented = false;

  // The data frame whose payload is being read into `msg` (payload > what the slab held).
  /** Payload bytes of the current frame still to come; 0 = none in progress. */
  private frameLeft = 0;
  private frameFin = false;
  private frameStart = 0;
  private frameKey: Uint8Array | null = null;

  private failed = false;
  /** The last readTarget() was into `msg` (true) or the slab (false). */
  private directed = false;

  constructor(private readonly o: FrameReaderOptions) {}

  /** Where the next socket read should put its bytes. */
  readTarget(): Buffer {
    if (this.frameLeft > 0 && this.msg !== null) {
      this.directed = true;
      return this.msg.subarray(this.msgLen, this.msgLen + this.frameLeft);
    }
    this.directed = false;
    if (!this.owned || this.slab.length - this.end < SLAB_MIN_ROOM) this.newSlab(SLAB_MIN_ROOM, SLAB_BYTES);
    return this.slab.subarray(this.end);
  }

  /** `n` bytes were read into the buffer the last readTarget() returned. */
  commit(n: number): void {
    if (this.failed || n <= 0) return;
    if (this.directed) {
      this.msgLen += n;
      this.frameLeft -= n;
      if (this.frameLeft === 0) this.frameDone();
      return;
    }
    this.end += n;
    this.parse();
  }

  /** Parse a chunk the caller will not reuse (the reader may keep views of it). */
  push(chunk: Buffer): void {
    if (this.failed || chunk.length === 0) return;
    let off = 0;
    if (this.frameLeft > 0) {
      const n = Math.min(this.frameLeft, chunk.length);
      chunk.copy(this.msg!, this.msgLen, 0, n);
      this.msgLen += n;
      this.frameLeft -= n;
      off = n;
      if (this.frameLeft === 0) this.frameDone();
      if (off === chunk.length || this.failed) return;
    }
    if (this.pos < this.end) {
      // Leftover bytes (a partial header or small frame): append to them.
      const rest = chunk.length - off;
      if (this.slab.length - this.end < rest || !this.owned) this.newSlab(rest, 0);
      chunk.copy(this.slab, this.end, off);
      this.end += rest;
    } else {
      this.slab = chunk;
      this.pos = off;
      this.end = chunk.length;
      this.owned = false;
    }
    this.parse();
    // Keep what is left (the chunk is the caller's to drop; copying a partial frame is cheap).
    if (!this.owned && this.pos < this.end && !this.failed) this.newSlab(0, 0);
  }

  /** Move the unparsed bytes to a fresh owned slab of at least `min` bytes, with room for `need` more. */
  private newSlab(need: number, min: number): void {
    const left = this.end - this.pos;
    // Push mode (min 0) keeps only a partial frame: room for it to grow to a small message.
    const size = Math.max(min, left + need, min === 0 ? Math.min(DIRECT_BYTES, 2 * (left + need) + 1024) : 0);
    const s = Buffer.allocUnsafeSlow(size);
    this.slab.copy(s, 0, this.pos, this.end);
    this.slab = s;
    this.pos = 0;
    this.end = left;
    this.owned = true;
  }

  private fail(code: number, message: string): void {
    if (this.failed) return;
    this.failed = true;
    this.msg = null;
    this.pieces = [];
    this.o.onError(code, message);
  }

  /** Parse whole frames from the slab; stop at a partial one (or at a large payload to read directly). */
  private parse(): void {
    const s = this.slab;
    while (!this.failed && this.frameLeft === 0) {
      const avail = this.end - this.pos;
      if (avail < 2) return;
      const p = this.pos;
      const b0 = s[p]!;
      const b1 = s[p + 1]!;
      const fin = (b0 & 0x80) !== 0;
      const opcode = b0 & 0x0f;
      const masked = (b1 & 0x80) !== 0;
      let len = b1 & 0x7f;
      const ext = len === 126 ? 2 : len === 127 ? 8 : 0;
      const hlen = 2 + ext + (masked ? 4 : 0);
      if (avail < hlen) return;
      if ((b0 & 0x70) !== 0) return this.fail(WS_CLOSE.PROTOCOL_ERROR, "frame with reserved bits set (no extension was negotiated)");
      if (masked !== this.o.server) {
        return this.fail(WS_CLOSE.PROTOCOL_ERROR, this.o.server ? "unmasked frame from a client" : "masked frame from a server");
      }
      if (ext === 2) len = s.readUInt16BE(p + 2);
      else if (ext === 8) {
        const hi = s.readUInt32BE(p + 2);
        if (hi > 0x1fffff) return this.fail(WS_CLOSE.TOO_BIG, "frame length out of range");
        len = hi * 0x1_0000_0000 + s.readUInt32BE(p + 6);
      }
      let key: Uint8Array | null = null;
      if (masked) {
        const k = s.subarray(p + 2 + ext, p + hlen);
        if ((k[0]! | k[1]! | k[2]! | k[3]!) !== 0) key = Uint8Array.from(k);
      }
      const body = p + hlen;

      if (opcode >= 0x8) {
        if (opcode !== OP.CLOSE && opcode !== OP.PING && opcode !== OP.PONG) return this.fail(WS_CLOSE.PROTOCOL_ERROR, `unknown control opcode ${opcode}`);
        if (!fin || len > 125) return this.fail(WS_CLOSE.PROTOCOL_ERROR, "fragmented or oversized control frame");
        if (avail < hlen + len) return;
        const payload = Buffer.from(s.subarray(body, body + len));
        if (key !== null) unmask(payload, 0, len, key, 0);
        this.pos = body + len;
        this.o.onControl(opcode, payload);
        continue;
      }
      if (opcode === OP.TEXT) return this.fail(WS_CLOSE.UNSUPPORTED, "text frames are not part of the protocol");
      if (opcode !== OP.BINARY && opcode !== OP.CONT) return this.fail(WS_CLOSE.PROTOCOL_ERROR, `unknown data opcode ${opcode}`);
      if (opcode === OP.CONT && !this.fragmented) return this.fail(WS_CLOSE.PROTOCOL_ERROR, "continuation frame without a message to continue");
      if (opcode === OP.BINARY && this.fragmented) return this.fail(WS_CLOSE.PROTOCOL_ERROR, "new message before the fragmented one ended");
      const total = this.piecesLen + this.msgLen + len;
      if (total > this.o.maxMessage) return this.fail(WS_CLOSE.TOO_BIG, `message of ${total} bytes exceeds the limit of ${this.o.maxMessage}`);

      const have = Math.min(len, avail - hlen);
      if (!this.fragmented && fin && have === len) {
        // The common case: a whole message in the slab. A view; the slab is never written there again.
        const data = s.subarray(body, body + len);
        if (key !== null) unmask(data, 0, len, key, 0);
        this.pos = body + len;
        this.o.onMessage(data);
        continue;
      }
      if (have === len && total < DIRECT_BYTES) {
        // A whole small fragment: keep it until the message ends.
        const piece = s.subarray(body, body + len);
        if (key !== null) unmask(piece, 0, len, key, 0);
        this.pos = body + len;
        this.fragmented = !fin;
        this.pieces.push(piece);
        this.piecesLen += len;
        if (fin) this.emitPieces();
        continue;
      }
      if (total < DIRECT_BYTES && this.msg === null) return; // a small frame still arriving: wait for it in the slab
      // A large message (or one that became large): its bytes go into `msg`, the rest read directly.
      this.fragmented = !fin;
      this.ensureMsg(total);
      this.frameStart = this.msgLen;
      this.frameKey = key;
      this.frameFin = fin;
      this.slab.copy(this.msg!, this.msgLen, body, body + have);
      this.msgLen += have;
      this.pos = body + have;
      this.frameLeft = len - have;
      if (this.frameLeft === 0) this.frameDone();
    }
  }

  /** Make `msg` hold `total` bytes, with the pieces gathered so far at its start. */
  private ensureMsg(total: number): void {
    if (this.msg !== null && this.msg.length >= total) return;
    const m = this.msg === null && this.o.alloc !== undefined ? this.o.alloc(total) : Buffer.allocUnsafeSlow(total);
    let at = 0;
    if (this.msg !== null) {
      this.msg.copy(m, 0, 0, this.msgLen);
      at = this.msgLen;
    }
    for (const p of this.pieces) {
      m.set(p, at);
      at += p.length;
    }
    this.pieces = [];
    this.piecesLen = 0;
    this.msg = m;
    this.msgLen = at;
  }

  /** The current frame's payload is all in `msg`. */
  private frameDone(): void {
    if (this.frameKey !== null) unmask(this.msg!, this.frameStart, this.msgLen, this.frameKey, 0);
    this.frameKey = null;
    if (this.frameFin) {
      const full = this.msg!;
      const m = full.subarray(0, this.msgLen);
      this.msg = null;
      this.msgLen = 0;
      this.fragmented = false;
      const recycle = this.o.recycle;
      if (recycle === undefined) this.o.onMessage(m);
      else {
        let once = false;
        this.o.onMessage(m, () => {
          if (once) return;
          once = true;
          recycle(full);
        });
      }
    }
    // Whatever the slab still holds is parsed by the caller (parse's loop, or push after this).
  }

  private emitPieces(): void {
    const ps = this.pieces;
    this.pieces = [];
    this.piecesLen = 0;
    this.fragmented = false;
    this.o.onMessage(ps.length === 1 ? ps[0]! : Buffer.concat(ps));
  }
}
