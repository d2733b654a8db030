import assert from "node:assert/strict";
import { test } from "node:test";
import type { Attr, Entry } from "@mrc/protocol";
import { fuseError, toErrno } from "../errors.js";
import { LentBytes, type FuseFileSystem, type RequestContext } from "../fs.js";
import { cstr, hex, le32, le64 } from "../testing/bytes.js";
import {
  decodeInitOut, decodeOutHeader, encodeEntryOut, encodeInHeader, encodeInitIn, FATTR, INIT_FLAGS,
  initFlagNames, Op, Reader, readEntryOut,
} from "../wire/index.js";
import { negotiate } from "./negotiate.js";
import { FuseSession, type SessionOptions } from "./session.js";
import { setattrParams } from "./setattr.js";

const ATTR: Attr = {
  ino: 2, size: 3, blocks: 1, atimeSec: 1, atimeNsec: 0, mtimeSec: 2, mtimeNsec: 0, ctimeSec: 3,
  ctimeNsec: 0, mode: 0o100644, nlink: 1, uid: 0, gid: 0, rdev: 0, blksize: 4096,
};
const entry = (node: number): Entry => ({ node, generation: 1, attr: { ...ATTR, ino: node }, entryTtlMs: 1000, attrTtlMs: 1000 });

/** Kernel offer seen on this machine (6.18, 7.45). */
const KERNEL_FLAGS = 0x73fffffbn | (0x5fdn << 32n);

function request(opcode: number, unique: number, nodeid: number, body: Buffer | string = ""): Buffer {
  const b = typeof body === "string" ? hex(body) : body;
  return Buffer.concat([encodeInHeader({ len: 40 + b.length, opcode, unique, nodeid, uid: 1000, gid: 100, pid: 77, totalExtlen: 0 }), b]);
}

interface Harness {
  s: FuseSession;
  out: Buffer[];
  logs: string[];
  /** Send a request and return the reply it produced (or undefined). */
  call(opcode: number, unique: number, nodeid: number, body?: Buffer | string): Promise<Buffer | undefined>;
}

async function harness(fs: FuseFileSystem, opts: SessionOptions = {}, init = true): Promise<Harness> {
  const out: Buffer[] = [];
  const logs: string[] = [];
  const s = new FuseSession(fs, (b, payload) => out.push(payload === undefined ? b : Buffer.concat([b, payload])), { log: (m) => logs.push(m), interruptGrace: { requests: 2, ms: 0 }, ...opts });
  const call = async (opcode: number, unique: number, nodeid: number, body: Buffer | string = ""): Promise<Buffer | undefined> => {
    const before = out.length;
    await s.handle(request(opcode, unique, nodeid, body));
    return out.slice(before).find((b) => decodeOutHeader(b).unique === unique);
  };
  if (init) await call(Op.INIT, 2, 0, encodeInitIn({ major: 7, minor: 45, maxReadahead: 131072, flags: KERNEL_FLAGS }));
  out.length = 0;
  return { s, out, logs, call };
}

function errOf(b: Buffer | undefined): number {
  assert.ok(b, "expected a reply");
  return Math.abs(decodeOutHeader(b).error);
}

test("INIT: minor = min(kernel, ours), flags = kernel ∩ supported ∩ requested, INIT_EXT kept", async () => {
  const fs: FuseFileSystem = { lookup: async () => entry(2), readdirplus: async () => [] };
  const h = await harness(fs, {}, false);
  const r = await h.call(Op.INIT, 2, 0, encodeInitIn({ major: 7, minor: 45, maxReadahead: 131072, flags: KERNEL_FLAGS }));
  assert.ok(r);
  assert.deepEqual(decodeOutHeader(r), { len: 16 + 64, error: 0, unique: 2 });
  const o = decodeInitOut(r.subarray(16));
  assert.equal(o.major, 7);
  assert.equal(o.minor, 38);
  assert.equal(o.maxWrite, 1 << 20);
  assert.equal(o.maxPages, 256);
  assert.equal(o.maxReadahead, 131072);
  assert.deepEqual(initFlagNames(o.flags), [
    "ASYNC_READ", "ATOMIC_O_TRUNC", "BIG_WRITES", "AUTO_INVAL_DATA", "DO_READDIRPLUS", "READDIRPLUS_AUTO",
    "ASYNC_DIO", "PARALLEL_DIROPS", "MAX_PAGES", "INIT_EXT",
  ]);
  // No setlk → no lock flags; WRITEBACK_CACHE offered by the kernel but not requested.
  assert.equal(o.flags & INIT_FLAGS.POSIX_LOCKS, 0n);
  assert.equal(o.flags & INIT_FLAGS.WRITEBACK_CACHE, 0n);
  assert.equal(h.s.status, "running");
  assert.equal((await h.s.initialized).minor, 38);
});

test("INIT: the kernel's offer limits the result; old kernels refused with EPROTO", () => {
  const r = negotiate({ major: 7, minor: 40, maxReadahead: 65536, flags: INIT_FLAGS.ASYNC_READ }, { maxWrite: 128 << 10 });
  assert.ok(r.ok);
  assert.equal(r.out.flags, INIT_FLAGS.ASYNC_READ);
  assert.equal(r.out.maxPages, 0, "no MAX_PAGES offered → max_pages not sent");
  assert.equal(r.negotiated.maxWrite, 128 << 10);
  const both = negotiate({ major: 7, minor: 45, maxReadahead: 1, flags: KERNEL_FLAGS }, { initFlags: ["WRITEBACK_CACHE", "SPLICE_READ"] });
  assert.ok(both.ok);
  assert.deepEqual(both.negotiated.flagNames, ["WRITEBACK_CACHE", "INIT_EXT"], "SPLICE_READ is not supported by us");
  assert.deepEqual(negotiate({ major: 7, minor: 26, maxReadahead: 1, flags: 0n }), { ok: false, errno: "EPROTO" });
});

test("requests before INIT are answered EIO", async () => {
  const h = await harness({ lookup: async () => entry(2) }, {}, false);
  assert.equal(errOf(await h.call(Op.LOOKUP, 4, 1, cstr("x"))), 5);
});

test("LOOKUP → fuse_entry_out bytes; handler sees parent, name and the caller", async () => {
  let seen: { ctx?: RequestContext; p?: { parent: number; name: string } } = {};
  const h = await harness({ lookup: async (ctx, p) => ((seen = { ctx, p }), entry(5)) });
  const r = await h.call(Op.LOOKUP, 0x10, 1, cstr("file.txt"));
  assert.ok(r);
  assert.deepEqual(r, Buffer.concat([hex(le32(16 + 128) + le32(0) + le64(0x10)), encodeEntryOut(entry(5))]));
  assert.equal(readEntryOut(new Reader(r.subarray(16))).node, 5);
  assert.deepEqual(seen.p, { parent: 1, name: "file.txt" });
  assert.equal(seen.ctx?.uid, 1000);
  assert.equal(seen.ctx?.pid, 77);
  assert.equal(seen.ctx?.unique, 0x10);
});

test("errors: errno names, Node codes, and unexpected throws (EIO, logged)", async () => {
  let thrown: unknown = fuseError("ENOENT");
  const h = await harness({ lookup: async () => { throw thrown; } });
  assert.equal(errOf(await h.call(Op.LOOKUP, 4, 1, cstr("x"))), 2);
  thrown = Object.assign(new Error("x"), { code: "EACCES", errno: -13 });
  assert.equal(errOf(await h.call(Op.LOOKUP, 6, 1, cstr("x"))), 13);
  thrown = new TypeError("bug");
  assert.equal(h.logs.length, 0);
  assert.equal(errOf(await h.call(Op.LOOKUP, 8, 1, cstr("x"))), 5);
  assert.equal(h.logs.length, 1);
  assert.equal(toErrno({ errno: 28 }, () => undefined), 28);
  assert.equal(toErrno("weird", () => undefined), 5);
});

test("unknown opcode and unimplemented op → ENOSYS; malformed body → EIO", async () => {
  const h = await harness({});
  assert.equal(errOf(await h.call(9999, 4, 1)), 38);
  assert.equal(errOf(await h.call(Op.LOOKUP, 6, 1, cstr("x"))), 38);
  assert.equal(errOf(await h.call(Op.BMAP, 8, 1)), 38);
  assert.equal(errOf(await h.call(Op.MKDIR, 10, 1, "0100")), 5);
});

test("missing open/opendir/release/statfs get harmless defaults", async () => {
  const h = await harness({});
  const r = await h.call(Op.OPEN, 4, 2, le32(0) + le32(0));
  assert.deepEqual(r, hex(le32(32) + le32(0) + le64(4) + le64(0) + le32(0) + le32(0)));
  assert.equal(errOf(await h.call(Op.RELEASE, 6, 2, le64(0) + le32(0) + le32(0) + le64(0))), 0);
  const st = await h.call(Op.STATFS, 8, 1);
  assert.equal(st?.length, 16 + 80);
});

test("ENOSYS thrown by a handler is remembered for ops the kernel also stops sending", async () => {
  let calls = 0;
  const h = await harness({ access: async () => { calls++; throw fuseError("ENOSYS"); }, lookup: async () => { calls++; throw fuseError("ENOSYS"); } });
  assert.equal(errOf(await h.call(Op.ACCESS, 4, 1, le32(4) + le32(0))), 38);
  assert.equal(errOf(await h.call(Op.ACCESS, 6, 1, le32(4) + le32(0))), 38);
  assert.equal(calls, 1);
  await h.call(Op.LOOKUP, 8, 1, cstr("x"));
  await h.call(Op.LOOKUP, 10, 1, cstr("x"));
  assert.equal(calls, 3, "LOOKUP's ENOSYS is not sticky");
});

test("FORGET and BATCH_FORGET: passed through, never answered", async () => {
  const got: Array<[number, number]> = [];
  const h = await harness({ forget: (_c, p) => void got.push(...p.items) });
  assert.equal(await h.call(Op.FORGET, 4, 9, le64(3)), undefined);
  assert.equal(await h.call(Op.BATCH_FORGET, 6, 0, le32(2) + le32(0) + le64(5) + le64(1) + le64(6) + le64(2)), undefined);
  assert.equal(h.out.length, 0);
  assert.deepEqual(got, [[9, 3], [5, 1], [6, 2]]);
});

test("INTERRUPT aborts the in-flight handler's signal; it answers EINTR", async () => {
  let started!: () => void;
  const running = new Promise<void>((r) => (started = r));
  let sawAbort = false;
  const h = await harness({
    read: (ctx) => new Promise((_res, rej) => {
      started();
      ctx.signal.addEventListener("abort", () => { sawAbort = true; rej(ctx.signal.reason); });
    }),
  });
  const pending = h.call(Op.READ, 20, 2, le64(1) + le64(0) + le32(4096) + le32(0) + le64(0) + le32(0) + le32(0));
  await running;
  assert.equal(h.s.inFlightCount, 1);
  assert.equal(await h.call(Op.INTERRUPT, 21, 0, le64(20)), undefined, "the INTERRUPT itself gets no reply");
  assert.equal(errOf(await pending), 4);
  assert.ok(sawAbort);
  assert.equal(h.s.inFlightCount, 0);
});

test("READ with lent bytes: the reply carries them, then (and only then) they are released; also when the session closed meanwhile", async () => {
  const events: string[] = [];
  let gate: (() => void) | undefined;
  const h = await harness({
    read: async (_ctx, p) => {
      if (p.fh === 2) await new Promise<void>((r) => (gate = r));
      const data = Buffer.alloc(p.size + 10, 0x61 + p.fh); // longer than asked: cut to size
      return new LentBytes(data, () => events.push(`release ${p.fh} after ${h.out.length} replies`));
    },
  });
  const r = await h.call(Op.READ, 20, 2, le64(1) + le64(0) + le32(100 * 1024) + le32(0) + le64(0) + le32(0) + le32(0));
  assert.ok(r);
  assert.equal(r.length, 16 + 100 * 1024, "header + exactly the size asked");
  assert.equal(r[16], 0x62);
  assert.deepEqual(events, ["release 1 after 1 replies"]);
  // A read still running when the session closes: no reply, but the bytes still go back.
  const pending = h.call(Op.READ, 21, 2, le64(2) + le64(0) + le32(4096) + le32(0) + le64(0) + le32(0) + le32(0));
  while (gate === undefined) await new Promise((res) => setImmediate(res));
  h.s.close();
  gate();
  assert.equal(await pending, undefined);
  assert.deepEqual(events, ["release 1 after 1 replies", "release 2 after 1 replies"]);
});

test("an aborted handler that still fails with its own errno keeps that errno", async () => {
  const h = await harness({
    read: (ctx) => new Promise((_res, rej) => ctx.signal.addEventListener("abort", () => rej(fuseError("EIO")))),
  });
  const pending = h.call(Op.READ, 20, 2, le64(1) + le64(0) + le32(4096) + le32(0) + le64(0) + le32(0) + le32(0));
  await h.call(Op.INTERRUPT, 21, 0, le64(20));
  assert.equal(errOf(await pending), 5);
});

test("INTERRUPT arriving before its request: the request starts already aborted", async () => {
  let aborted: boolean | undefined;
  const h = await harness({ getattr: async (ctx) => { aborted = ctx.signal.aborted; throw ctx.signal.reason; } });
  await h.call(Op.INTERRUPT, 31, 0, le64(30));
  assert.equal(h.s.pendingInterrupts, 1);
  assert.equal(errOf(await h.call(Op.GETATTR, 30, 2, le32(0) + le32(0) + le64(0))), 4);
  assert.equal(aborted, true);
  assert.equal(h.s.pendingInterrupts, 0);
  assert.equal(h.out.length, 1, "no EAGAIN for a matched interrupt");
});

test("an unmatched INTERRUPT is answered EAGAIN after the grace; one for a finished request is dropped", async () => {
  const h = await harness({ getattr: async () => ATTR });
  await h.call(Op.GETATTR, 40, 2, le32(0) + le32(0) + le64(0));
  await h.call(Op.INTERRUPT, 41, 0, le64(40));
  assert.equal(h.s.pendingInterrupts, 0, "request 40 already answered");
  await h.call(Op.INTERRUPT, 51, 0, le64(50));
  assert.equal(h.s.pendingInterrupts, 1);
  h.out.length = 0;
  for (const u of [60, 62, 64]) await h.call(Op.GETATTR, u, 2, le32(0) + le32(0) + le64(0));
  const eagain = h.out.find((b) => decodeOutHeader(b).unique === 51);
  assert.ok(eagain, "EAGAIN reply carries the INTERRUPT's unique");
  assert.deepEqual(decodeOutHeader(eagain), { len: 16, error: -11, unique: 51 });
  assert.equal(h.s.pendingInterrupts, 0);
});

test("GETATTR: bare Attr uses the default TTL; AttrReply its own", async () => {
  let ret: Attr | { attr: Attr; attrTtlMs: number } = ATTR;
  const h = await harness({ getattr: async () => ret }, { attrTtlMs: 1500 });
  const a = await h.call(Op.GETATTR, 4, 2, le32(0) + le32(0) + le64(0));
  assert.deepEqual(a?.subarray(16, 32), hex(le64(1) + le32(500_000_000) + le32(0)));
  ret = { attr: ATTR, attrTtlMs: 0 };
  const b = await h.call(Op.GETATTR, 6, 2, le32(0) + le32(0) + le64(0));
  assert.deepEqual(b?.subarray(16, 32), Buffer.alloc(16));
});

test("SETATTR valid bits: NOW → 'now', omitted → absent, FH/SIZE/MODE copied", () => {
  const base = { fh: 7, size: 10, lockOwner: 0n, atime: 5, mtime: 6, ctime: 0, atimensec: 1, mtimensec: 2, ctimensec: 0, mode: 0o600, uid: 1, gid: 2 };
  assert.deepEqual(setattrParams(3, { ...base, valid: FATTR.SIZE | FATTR.FH }), { node: 3, fh: 7, size: 10 });
  assert.deepEqual(setattrParams(3, { ...base, valid: FATTR.ATIME | FATTR.ATIME_NOW | FATTR.MTIME }),
    { node: 3, atime: "now", mtime: { sec: 6, nsec: 2 } });
  assert.deepEqual(setattrParams(3, { ...base, valid: FATTR.MODE | FATTR.UID | FATTR.GID | FATTR.MTIME | FATTR.MTIME_NOW }),
    { node: 3, mode: 0o600, uid: 1, gid: 2, mtime: "now" });
});

test("GETXATTR: size-0 probe gets the length; too small a buffer gets ERANGE", async () => {
  const h = await harness({ getxattr: async () => Buffer.from("value") });
  const probe = await h.call(Op.GETXATTR, 4, 2, le32(0) + le32(0) + cstr("user.k"));
  assert.deepEqual(probe, hex(le32(24) + le32(0) + le64(4) + le32(5) + le32(0)));
  assert.equal(errOf(await h.call(Op.GETXATTR, 6, 2, le32(3) + le32(0) + cstr("user.k"))), 34);
  const full = await h.call(Op.GETXATTR, 8, 2, le32(64) + le32(0) + cstr("user.k"));
  assert.deepEqual(full?.subarray(16), Buffer.from("value"));
});

test("READDIR: asks for a bounded count, packs what fits, kernel resumes from the last off", async () => {
  const names = Array.from({ length: 200 }, (_, i) => `entry-number-${i}`);
  const asked: number[] = [];
  const h = await harness({
    readdir: async (_c, p) => {
      asked.push(p.maxEntries);
      return names.slice(p.offset, p.offset + p.maxEntries).map((name, i) => ({ name, ino: 100 + p.offset + i, type: 8, off: p.offset + i + 1 }));
    },
  });
  const seen: string[] = [];
  let off = 0;
  for (let guard = 0; guard < 50; guard++) {
    const r = await h.call(Op.READDIR, 100 + guard * 2, 1, le64(0) + le64(off) + le32(1024) + le32(0) + le64(0) + le32(0) + le32(0));
    const body = r!.subarray(16);
    assert.ok(body.length <= 1024);
    if (body.length === 0) break;
    const rd = new Reader(body);
    while (rd.remaining > 0) {
      rd.u64();
      off = rd.u64();
      const len = rd.u32();
      rd.u32();
      seen.push(rd.bytes(len).toString());
      rd.skip(((24 + len + 7) & ~7) - 24 - len);
    }
  }
  assert.deepEqual(seen, names, "nothing lost, nothing repeated");
  assert.deepEqual(new Set(asked), new Set([32]));
});

test("READDIRPLUS: entries that do not fit are forgotten back (their lookup undone)", async () => {
  const forgotten: Array<[number, number]> = [];
  const h = await harness({
    readdirplus: async () => [
      { name: ".", ino: 1, type: 4, off: 1 },
      { name: "a", ino: 2, type: 8, off: 2, entry: entry(2) },
      { name: "b", ino: 3, type: 8, off: 3, entry: entry(3) },
      { name: "c", ino: 4, type: 8, off: 4, entry: entry(4) },
    ],
    forget: (_c, p) => void forgotten.push(...p.items),
  });
  const r = await h.call(Op.READDIRPLUS, 4, 1, le64(0) + le64(0) + le32(160 * 2 + 100) + le32(0) + le64(0) + le32(0) + le32(0));
  assert.equal(r!.length - 16, 320);
  assert.deepEqual(forgotten, [[3, 1], [4, 1]]);
});

test("DESTROY: answered, file system told, later requests get EIO", async () => {
  let destroyed = 0;
  const h = await harness({ destroy: () => void destroyed++, getattr: async () => ATTR });
  assert.equal(errOf(await h.call(Op.DESTROY, 4, 0)), 0);
  assert.equal(destroyed, 1);
  assert.equal(errOf(await h.call(Op.GETATTR, 6, 1, le32(0) + le32(0) + le64(0))), 5);
  h.s.close();
  assert.equal(destroyed, 1);
});

test("SETLK with FUSE_LK_FLOCK → setlk({flock: true}); SETLKW → wait", async () => {
  const calls: Array<{ wait: boolean; flock: boolean; owner: string; end: number }> = [];
  const h = await harness({ setlk: async (_c, p) => void calls.push({ wait: p.wait, flock: p.flock, owner: p.owner, end: p.lock.end }) });
  const lk = (flags: number): string => le64(1) + le64(0xffn) + le64(0) + le64(0x7fffffffffffffffn) + le32(1) + le32(9) + le32(flags) + le32(0);
  await h.call(Op.SETLK, 4, 2, lk(1));
  await h.call(Op.SETLKW, 6, 2, lk(0));
  assert.deepEqual(calls, [{ wait: false, flock: true, owner: "255", end: -1 }, { wait: true, flock: false, owner: "255", end: -1 }]);
});

test("signals are reused only when never aborted: every request starts with a live signal", async () => {
  const seen: AbortSignal[] = [];
  let block = true;
  const h = await harness({
    getattr: async (ctx) => {
      seen.push(ctx.signal);
      assert.equal(ctx.signal.aborted, false);
      if (block) await new Promise((_r, rej) => ctx.signal.addEventListener("abort", () => rej(ctx.signal.reason), { once: true }));
      return ATTR;
    },
  });
  const pending = h.call(Op.GETATTR, 40, 2, le32(0) + le32(0) + le64(0));
  await h.call(Op.INTERRUPT, 41, 0, le64(40));
  assert.equal(errOf(await pending), 4);
  block = false;
  for (const u of [42, 44, 46]) assert.equal(errOf(await h.call(Op.GETATTR, u, 2, le32(0) + le32(0) + le64(0))), 0);
  assert.ok(seen[0]!.aborted, "the interrupted request's signal stays aborted");
  assert.notEqual(seen[1], seen[0], "an aborted controller is not reused");
  assert.equal(seen[2], seen[1], "a finished request's controller is reused");
});

test("WRITE: data is a view of the request, and the device's recycle callback reaches the handler", async () => {
  let got: { data: Uint8Array; recycle?: () => void } | undefined;
  const h = await harness({ write: async (_c, p) => ((got = p), p.data.length) });
  const body = Buffer.concat([hex(le64(7) + le64(0) + le32(5) + le32(0) + le64(0) + le32(0) + le32(0)), Buffer.from("hello")]);
  const req = request(Op.WRITE, 50, 3, body);
  let recycled = 0;
  await h.s.handle(req, () => recycled++);
  assert.equal(Buffer.from(got!.data).toString(), "hello");
  assert.equal(got!.data.buffer, req.buffer, "no copy");
  got!.recycle!();
  assert.equal(recycled, 1);
  await h.s.handle(request(Op.WRITE, 52, 3, body));
  assert.equal(got!.recycle, undefined);
});

test("READ: a large payload is handed to send behind its header (one writev), a small one inside the reply", async () => {
  const calls: Array<[Buffer, Uint8Array | undefined]> = [];
  const data = Buffer.alloc(64 * 1024, 7);
  const fs: FuseFileSystem = { read: async (_c, p) => data.subarray(0, p.size) };
  const s = new FuseSession(fs, (b, payload) => calls.push([b, payload]), { log: () => {} });
  await s.handle(request(Op.INIT, 2, 0, encodeInitIn({ major: 7, minor: 45, maxReadahead: 131072, flags: KERNEL_FLAGS })));
  const readIn = (size: number) => le64(1) + le64(0) + le32(size) + le32(0) + le64(0) + le32(0) + le32(0);
  await s.handle(request(Op.READ, 4, 9, readIn(64 * 1024)));
  const [hdr, payload] = calls[calls.length - 1]!;
  assert.deepEqual(decodeOutHeader(hdr), { len: 16 + 64 * 1024, error: 0, unique: 4 });
  assert.equal(hdr.length, 16);
  assert.equal(payload!.buffer, data.buffer, "the handler's bytes, not a copy");
  assert.equal(payload!.length, 64 * 1024);
  await s.handle(request(Op.READ, 6, 9, readIn(100)));
  const [small, none] = calls[calls.length - 1]!;
  assert.equal(none, undefined);
  assert.deepEqual(decodeOutHeader(small), { len: 116, error: 0, unique: 6 });
  assert.equal(small.length, 116);
});

test("HANDLE_KILLPRIV_V2: WRITE/OPEN/CREATE/SETATTR kill flags reach the handler as killSuidgid: true, else absent", async () => {
  const seen: Array<[string, boolean | undefined]> = [];
  const h = await harness({
    write: async (_c, p) => (seen.push(["write", p.killSuidgid]), p.data.length),
    open: async (_c, p) => (seen.push(["open", p.killSuidgid]), { fh: 1, keepCache: false }),
    create: async (_c, p) => (seen.push(["create", p.killSuidgid]), { entry: entry(5), open: { fh: 2, keepCache: false } }),
    setattr: async (_c, p) => (seen.push(["setattr", p.killSuidgid]), ATTR),
  });
  // fuse_write_in: fh, offset, size, write_flags (FUSE_WRITE_KILL_SUIDGID = 1 << 2), lock_owner, flags, padding.
  const write = (writeFlags: number) => Buffer.concat([hex(le64(7) + le64(0) + le32(2) + le32(writeFlags) + le64(0) + le32(0) + le32(0)), Buffer.from("hi")]);
  // fuse_open_in: flags, open_flags (FUSE_OPEN_KILL_SUIDGID = 1 << 0).
  const open = (openFlags: number) => le32(0o1001) + le32(openFlags);
  // fuse_create_in: flags, mode, umask, open_flags, then the name.
  const create = (openFlags: number) => le32(0o1101) + le32(0o100644) + le32(0o22) + le32(openFlags) + cstr("f");
  // fuse_setattr_in with SIZE, and FATTR_KILL_SUIDGID (1 << 11) or not.
  const setattr = (valid: number) => le32(valid) + le32(0) + le64(0) + le64(0) + le64(0) + le64(0) + le64(0) + le64(0) + le32(0).repeat(8);
  for (const [op, body] of [[Op.WRITE, write(4)], [Op.WRITE, write(0)], [Op.OPEN, open(1)], [Op.OPEN, open(0)], [Op.CREATE, create(1)], [Op.CREATE, create(0)],
    [Op.SETATTR, setattr(FATTR.SIZE | FATTR.KILL_SUIDGID)], [Op.SETATTR, setattr(FATTR.SIZE)]] as const) {
    assert.equal(errOf(await h.call(op, 60 + seen.length * 2, 3, body)), 0);
  }
  assert.deepEqual(seen, [
    ["write", true], ["write", undefined], ["open", true], ["open", undefined],
    ["create", true], ["create", undefined], ["setattr", true], ["setattr", undefined],
  ]);
});

test("stats: each answered request is counted under its opcode (failures too); the report is logged when the session ends", async () => {
  const h = await harness({ lookup: async () => entry(2), getattr: async () => { throw fuseError("EACCES", "no"); } }, { stats: true });
  await h.call(Op.LOOKUP, 4, 1, cstr("a"));
  await h.call(Op.LOOKUP, 6, 1, cstr("b"));
  await h.call(Op.GETATTR, 8, 1, le32(0) + le32(0) + le64(0));
  assert.equal(h.s.stats?.count("LOOKUP"), 2);
  assert.equal(h.s.stats?.count("GETATTR"), 1);
  assert.equal(h.s.stats?.count("INIT"), 0, "INIT is not a file system request");
  h.s.close();
  const lines = h.logs.filter((l) => l.startsWith("fuse stats: "));
  assert.equal(lines.length, 2);
  assert.match(lines.find((l) => l.includes("LOOKUP")) ?? "", /LOOKUP +n=2 total=[\d.]+ms mean=\d+us p50<=\d+us/);
});

test("stats are off by default: nothing counted, nothing logged", async () => {
  const h = await harness({ lookup: async () => entry(2) });
  await h.call(Op.LOOKUP, 4, 1, cstr("a"));
  assert.equal(h.s.stats, undefined);
  h.s.close();
  assert.deepEqual(h.logs.filter((l) => l.startsWith("fuse stats")), []);
});
