/** Tiny helpers to write byte vectors in tests: hex strings and little-endian fields. */

/** Bytes from hex, ignoring whitespace and `|` separators. */
export function hex(s: string): Buffer {
  return Buffer.from(s.replace(/[\s|]/g, ""), "hex");
}

/** Little-endian u16 as hex. */
export function le16(n: number): string {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b.toString("hex");
}

/** Little-endian u32 as hex. */
export function le32(n: number): string {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b.toString("hex");
}

/** Little-endian u64 as hex. */
export function le64(n: number | bigint): string {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt.asUintN(64, BigInt(n)));
  return b.toString("hex");
}

/** A NUL-terminated string as hex. */
export function cstr(s: string): string {
  return Buffer.from(`${s}\0`, "utf8").toString("hex");
}
