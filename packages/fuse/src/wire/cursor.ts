/**
 * Bounds-checked little-endian cursors over Buffers: every wire codec reads and writes through
 * these, so a short or malformed request fails with {@link WireError} instead of reading garbage.
 */

/** A request body was shorter than its struct, or a name was not NUL-terminated. */
export class WireError extends Error {
  override name = "WireError";
}

const TWO_32 = 0x1_0000_0000;
/** High word of MAX_SAFE_INTEGER (2^53 - 1): u64 fields above it cannot be JS numbers without loss. */
const HI_SAFE = 0x1f_ffff;

/** Sequential reader over a request body. */
export class Reader {
  private pos = 0;
  constructor(private readonly buf: Buffer) {}

  /** Bytes not yet consumed. */
  get remaining(): number {
    return this.buf.length - this.pos;
  }

  private need(n: number): number {
    if (this.pos + n > this.buf.length) {
      throw new WireError(`short struct: need ${n} bytes at ${this.pos}, have ${this.buf.length}`);
    }
    const at = this.pos;
    this.pos += n;
    return at;
  }

  u16(): number {
    return this.buf.readUInt16LE(this.need(2));
  }
  u32(): number {
    return this.buf.readUInt32LE(this.need(4));
  }
  i32(): number {
    return this.buf.readInt32LE(this.need(4));
  }
  /** u64 as a bigint, exact. */
  u64big(): bigint {
    return this.buf.readBigUInt64LE(this.need(8));
  }
  /** u64 as a number; values above 2^53 saturate at MAX_SAFE_INTEGER (offsets, sizes, ids). */
  u64(): number {
    // Two 32-bit halves: no BigInt allocated for the common case (every request has a few).
    const at = this.need(8);
    const hi = this.buf.readUInt32LE(at + 4);
    return hi > HI_SAFE ? Number.MAX_SAFE_INTEGER : hi * TWO_32 + this.buf.readUInt32LE(at);
  }
  i64(): number {
    return Number(this.buf.readBigInt64LE(this.need(8)));
  }
  skip(n: number): this {
    this.need(n);
    return this;
  }
  /** A NUL-terminated UTF-8 string (the NUL is consumed). */
  cstring(): string {
    const end = this.buf.indexOf(0, this.pos);
    if (end < 0) throw new WireError("unterminated name");
    const s = this.buf.toString("utf8", this.pos, end);
    this.pos = end + 1;
    return s;
  }
  /** The next n bytes (a view, not a copy). */
  bytes(n: number): Buffer {
    const at = this.need(n);
    return this.buf.subarray(at, at + n);
  }
  /** Everything left (a view). */
  rest(): Buffer {
    return this.bytes(this.remaining);
  }
}

/** Sequential writer into a fixed-size, zero-filled Buffer (padding stays zero). */
export class Writer {
  readonly buf: Buffer;
  private pos = 0;
  constructor(size: number) {
    this.buf = Buffer.alloc(size);
  }
  u16(v: number): this {
    this.pos = this.buf.writeUInt16LE(v, this.pos);
    return this;
  }
  u32(v: number): this {
    this.pos = this.buf.writeUInt32LE(v >>> 0, this.pos);
    return this;
  }
  i32(v: number): this {
    this.pos = this.buf.writeInt32LE(v, this.pos);
    return this;
  }
  u64(v: number | bigint): this {
    if (typeof v === "number" && v >= 0 && v <= Number.MAX_SAFE_INTEGER && Number.isInteger(v)) {
      // The common case (ids, sizes, times) without a BigInt.
      this.buf.writeUInt32LE(v % TWO_32, this.pos);
      this.buf.writeUInt32LE(Math.floor(v / TWO_32), this.pos + 4);
      this.pos += 8;
      return this;
    }
    this.pos = this.buf.writeBigUInt64LE(BigInt.asUintN(64, BigInt(v)), this.pos);
    return this;
  }
  i64(v: number | bigint): this {
    this.pos = this.buf.writeBigInt64LE(BigInt.asIntN(64, BigInt(v)), this.pos);
    return this;
  }
  skip(n: number): this {
    this.pos += n;
    return this;
  }
  bytes(b: Uint8Array): this {
    this.buf.set(b, this.pos);
    this.pos += b.length;
    return this;
  }
  /** Bytes written so far. */
  get length(): number {
    return this.pos;
  }
}
