/**
 * The door protocol: what a guest speaks on the unix socket named in $MRC_MAILBOX.
 * Every frame is `u32 len | u8 type | u32 req | body`, big-endian, where `len` counts the bytes
 * after itself (type, req and body). Pure codecs, no I/O; see docs/mailbox.md.
 */

/** Frame types. Requests (guest → hub) below 0x80, replies (hub → guest) from 0x80. */
export const T = {
  /** req | u8 flags | u16 addrLen | addr | data */
  SEND: 0x01,
  /** req | u32 timeoutMs (0xffffffff: forever) | u8 boxLen | box */
  RECV: 0x02,
  /** req | name */
  OPEN: 0x03,
  /** req */
  WHOAMI: 0x04,
  /** req */
  ACK: 0x81,
  /** req | u16 fromLen | from | u16 boxLen | box | data */
  MSG: 0x82,
  /** req | addr */
  ADDR: 0x83,
  /** req | u16 codeLen | code | message */
  ERR: 0x8f,
} as const;

/** SEND flag: fail at once with MAILBOX_FULL instead of waiting for room. */
export const FLAG_NO_WAIT = 0x01;
/** RECV timeout meaning "wait forever". */
export const FOREVER = 0xffffffff;
/** Largest message payload. */
export const MAX_MESSAGE = 16 * 1024 * 1024;
/** Largest frame `len` accepted (a maximal message plus headers). */
export const MAX_FRAME = MAX_MESSAGE + 1024;

/** A decoded door frame. */
export type DoorFrame =
  | { t: typeof T.SEND; req: number; flags: number; addr: string; data: Buffer }
  | { t: typeof T.RECV; req: number; timeoutMs: number; box: string }
  | { t: typeof T.OPEN; req: number; name: string }
  | { t: typeof T.WHOAMI; req: number }
  | { t: typeof T.ACK; req: number }
  | { t: typeof T.MSG; req: number; from: string; box: string; data: Buffer }
  | { t: typeof T.ADDR; req: number; addr: string }
  | { t: typeof T.ERR; req: number; code: string; message: string };

/** A malformed frame: the connection is closed. */
export class DoorFrameError extends Error {
  readonly code = "BAD_FRAME";
}

/** One field of a frame body, as written: numbers, length-prefixed strings, trailing bytes. */
type Field =
  | { k: "u8" | "u32"; v: number }
  | { k: "s8" | "s16"; v: string }
  | { k: "str"; v: string }
  | { k: "bytes"; v: Buffer };

/** The fields after `type | req` of each frame type, in order: the table the encoder walks. */
const LAYOUT: { [K in DoorFrame["t"]]: (f: Extract<DoorFrame, { t: K }>) => Field[] } = {
  [T.SEND]: (f) => [{ k: "u8", v: f.flags }, { k: "s16", v: f.addr }, { k: "bytes", v: f.data }],
  [T.RECV]: (f) => [{ k: "u32", v: f.timeoutMs }, { k: "s8", v: f.box }],
  [T.OPEN]: (f) => [{ k: "str", v: f.name }],
  [T.WHOAMI]: () => [],
  [T.ACK]: () => [],
  [T.MSG]: (f) => [{ k: "s16", v: f.from }, { k: "s16", v: f.box }, { k: "bytes", v: f.data }],
  [T.ADDR]: (f) => [{ k: "str", v: f.addr }],
  [T.ERR]: (f) => [{ k: "s16", v: f.code }, { k: "str", v: f.message }],
};

const SIZE = { u8: 1, u32: 4, s8: 1, s16: 2, str: 0, bytes: 0 } as const;
/** Payloads up to this size are copied into the frame's one buffer; larger ones are written as is. */
const INLINE_MAX = 16 * 1024;

/**
 * Encode a frame: one buffer for small frames (one write, little garbage), or a header buffer
 * followed by the payload itself for large ones (no copy).
 */
export function encodeDoor(f: DoorFrame): Buffer[] {
  const fields = (LAYOUT[f.t] as (f: DoorFrame) => Field[])(f);
  let fixed = 9;
  let tail: Buffer | undefined;
  for (const x of fields) {
    fixed += SIZE[x.k];
    if (x.k === "s8" || x.k === "s16" || x.k === "str") fixed += Buffer.byteLength(x.v as string);
    else if (x.k === "bytes") tail = x.v;
  }
  const inline = tail === undefined || tail.length <= INLINE_MAX;
  const b = Buffer.allocUnsafe(inline && tail ? fixed + tail.length : fixed);
  b.writeUInt32BE(fixed - 4 + (tail?.length ?? 0), 0);
  b[4] = f.t;
  b.writeUInt32BE(f.req >>> 0, 5);
  let pos = 9;
  for (const x of fields) {
    if (x.k === "u8") b[pos++] = x.v;
    else if (x.k === "u32") pos = b.writeUInt32BE(x.v >>> 0, pos);
    else if (x.k === "bytes") {
      if (inline) pos += x.v.copy(b, pos);
    } else {
      const v = x.v as string;
      const n = Buffer.byteLength(v);
      if (x.k === "s8") {
        if (n > 0xff) throw new DoorFrameError("string too long for its field");
        b[pos++] = n;
      } else if (x.k === "s16") {
        if (n > 0xffff) throw new DoorFrameError("string too long for its field");
        pos = b.writeUInt16BE(n, pos);
      }
      pos += b.write(v, pos);
    }
  }
  return inline ? [b] : [b, tail!];
}

/** Concatenate an encoded frame (tests, hex dumps). */
export function encodeDoorBuffer(f: DoorFrame): Buffer {
  return Buffer.concat(encodeDoor(f));
}

/** Reads length-prefixed fields out of one frame body; any overrun is a DoorFrameError. */
class Cursor {
  pos = 0;
  constructor(readonly b: Buffer) {}
  need(n: number): void {
    if (this.pos + n > this.b.length) throw new DoorFrameError("truncated door frame");
  }
  u8(): number {
    this.need(1);
    return this.b[this.pos++]!;
  }
  u16(): number {
    this.need(2);
    const v = this.b.readUInt16BE(this.pos);
    this.pos += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const v = this.b.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  str(n: number): string {
    this.need(n);
    const s = this.b.toString("utf8", this.pos, this.pos + n);
    this.pos += n;
    return s;
  }
  rest(): Buffer {
    const r = this.b.subarray(this.pos);
    this.pos = this.b.length;
    return r;
  }
  restStr(): string {
    return this.rest().toString("utf8");
  }
}

/** Decoders of each frame body (after type and req), one per type: a table, not a ladder. */
const DECODERS: Record<number, (c: Cursor, req: number) => DoorFrame> = {
  [T.SEND]: (c, req) => {
    const flags = c.u8();
    const addr = c.str(c.u16());
    return { t: T.SEND, req, flags, addr, data: c.rest() };
  },
  [T.RECV]: (c, req) => {
    const timeoutMs = c.u32();
    return { t: T.RECV, req, timeoutMs, box: c.str(c.u8()) };
  },
  [T.OPEN]: (c, req) => ({ t: T.OPEN, req, name: c.restStr() }),
  [T.WHOAMI]: (_c, req) => ({ t: T.WHOAMI, req }),
  [T.ACK]: (_c, req) => ({ t: T.ACK, req }),
  [T.MSG]: (c, req) => {
    const from = c.str(c.u16());
    const box = c.str(c.u16());
    return { t: T.MSG, req, from, box, data: c.rest() };
  },
  [T.ADDR]: (c, req) => ({ t: T.ADDR, req, addr: c.restStr() }),
  [T.ERR]: (c, req) => {
    const code = c.str(c.u16());
    return { t: T.ERR, req, code, message: c.restStr() };
  },
};

/** Decode one frame body (type byte first, no length prefix). */
export function decodeDoorBody(body: Buffer): DoorFrame {
  const c = new Cursor(body);
  const t = c.u8();
  const req = c.u32();
  const dec = DECODERS[t];
  if (!dec) throw new DoorFrameError(`unknown door frame type 0x${t.toString(16)}`);
  return dec(c, req);
}

/**
 * Splits a byte stream into frames. `push(chunk)` returns the complete frames; a frame longer
 * than `maxFrame` throws (the caller closes the connection).
 */
export class DoorFrameReader {
  private chunks: Buffer[] = [];
  private have = 0;
  constructor(private readonly maxFrame = MAX_FRAME) {}

  /** Feed bytes; get every frame completed by them. */
  push(chunk: Buffer): DoorFrame[] {
    this.chunks.push(chunk);
    this.have += chunk.length;
    const out: DoorFrame[] = [];
    for (;;) {
      if (this.have < 4) break;
      // Only join chunks once a whole frame is there: a 16 MiB frame arriving in 64 KiB reads
      // must not be copied at each read.
      const first = this.chunks[0]!.length >= 4 ? this.chunks[0]! : this.flatten();
      const len = first.readUInt32BE(0);
      if (len > this.maxFrame) throw new DoorFrameError(`door frame of ${len} bytes exceeds the limit of ${this.maxFrame}`);
      if (len < 5) throw new DoorFrameError(`door frame of ${len} bytes is too short`);
      if (this.have < 4 + len) break;
      const buf = this.chunks.length === 1 ? this.chunks[0]! : this.flatten();
      out.push(decodeDoorBody(buf.subarray(4, 4 + len)));
      const rest = buf.subarray(4 + len);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.have = rest.length;
    }
    return out;
  }

  private flatten(): Buffer {
    const b = Buffer.concat(this.chunks, this.have);
    this.chunks = [b];
    return b;
  }
}

/**
 * Feed a door socket's bytes through a {@link DoorFrameReader} and hand each whole frame to
 * `onFrame`; a malformed or oversized frame destroys the socket with the decoder's error.
 */
export function readDoorFrames(sock: import("node:net").Socket, onFrame: (f: DoorFrame) => void, reader = new DoorFrameReader()): void {
  sock.on("data", (chunk: Buffer) => {
    let frames: DoorFrame[];
    try {
      frames = reader.push(chunk);
    } catch (err) {
      sock.destroy(err as Error);
      return;
    }
    for (const f of frames) onFrame(f);
  });
}
