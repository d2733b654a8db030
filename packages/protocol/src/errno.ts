import { constants } from "node:os";

/**
 * POSIX errno names used across mrc, mapped to Linux numbers. Errors cross the wire by name
 * (stable across hosts), and become numbers only at the kernel boundary.
 */
export const ERRNO: Readonly<Record<string, number>> = Object.freeze({ ...constants.errno });

/** Linux errno number for a name such as "ENOENT"; EIO for anything unknown. */
export function errnoNumber(name: string | undefined): number {
  return (name !== undefined ? ERRNO[name] : undefined) ?? ERRNO.EIO ?? 5;
}

const byNumber = new Map<number, string>(Object.entries(ERRNO).map(([k, v]) => [v, k]));

/** Errno name for a Linux number, or undefined. */
export function errnoName(n: number): string | undefined {
  return byNumber.get(n);
}
