import * as fs from "node:fs";
import type { BigIntStats } from "node:fs";

/**
 * Promise wrappers over the callback fs API. Callback `open` returns a raw fd number that we
 * own outright (unlike fs.promises' FileHandle, which closes itself on garbage collection).
 */
export function open(path: string, flags: number, mode?: number): Promise<number> {
  return new Promise((resolve, reject) => {
    fs.open(path, flags, mode ?? 0o666, (err, fd) => (err ? reject(err) : resolve(fd)));
  });
}

/** fstat with nanosecond precision. */
export function fstat(fd: number): Promise<BigIntStats> {
  return new Promise((resolve, reject) => {
    fs.fstat(fd, { bigint: true }, (err, st) => (err ? reject(err) : resolve(st)));
  });
}

/** Close an fd, ignoring errors (used on failure paths). */
export function closeQuietly(fd: number): void {
  fs.close(fd, () => undefined);
}

/** Positional read into a fresh buffer; returns the filled part. */
export function pread(fd: number, size: number, position: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(size);
  return new Promise((resolve, reject) => {
    fs.read(fd, buf, 0, size, position, (err, n) => (err ? reject(err) : resolve(buf.subarray(0, n))));
  });
}

/** Positional write of a whole buffer (loops over short writes); returns bytes written. */
export async function pwriteAll(fd: number, data: Uint8Array, position: number | null): Promise<number> {
  let done = 0;
  while (done < data.length) {
    const n = await new Promise<number>((resolve, reject) => {
      fs.write(fd, data, done, data.length - done, position === null ? null : position + done, (err, w) =>
        err ? reject(err) : resolve(w),
      );
    });
    if (n === 0) break;
    done += n;
  }
  return done;
}

/** ftruncate. */
export function ftruncate(fd: number, size: number): Promise<void> {
  return new Promise((resolve, reject) => fs.ftruncate(fd, size, (err) => (err ? reject(err) : resolve())));
}

/** fsync or fdatasync. */
export function sync(fd: number, datasync: boolean): Promise<void> {
  return new Promise((resolve, reject) =>
    (datasync ? fs.fdatasync : fs.fsync)(fd, (err) => (err ? reject(err) : resolve())),
  );
}
