// Small helpers shared by the case files.
import { open } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import { digest } from "../normalize.js";
import type { Value } from "../types.js";

/** Deterministic, non-periodic bytes so that misplaced blocks change the hash. */
export function pattern(size: number, seed = 0): Buffer {
  const b = Buffer.allocUnsafe(size);
  let x = (seed * 2654435761 + 12345) >>> 0;
  for (let i = 0; i < size; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

/** Reads `length` bytes at `position` through a handle; returns exactly what was read. */
export async function pread(h: FileHandle, length: number, position: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await h.read(buf, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return buf.subarray(0, got);
}

/** Opens `path`, runs `fn` with the handle and always closes it. */
export async function withHandle<T>(path: string, flags: string | number, fn: (h: FileHandle) => Promise<T>, mode?: number): Promise<T> {
  const h = await open(path, flags, mode);
  try {
    return await fn(h);
  } finally {
    await h.close();
  }
}

/** Opens and closes `path`, returning "opened"; for steps where only success/errno matters. */
export async function openClose(path: string, flags: string | number, mode?: number): Promise<string> {
  await withHandle(path, flags, async () => undefined, mode);
  return "opened";
}

/** Content as text when short and printable, otherwise as a digest. */
export function content(data: Buffer): Value {
  return data.byteLength <= 256 && /^[\x20-\x7e\n]*$/.test(data.toString("latin1")) ? data.toString("latin1") : digest(data);
}
