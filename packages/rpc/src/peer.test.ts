import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { memoryPeers, wsPeers, type PeerPair } from "./testing.js";
import { RpcError } from "./errors.js";
import { InPlaceReply, replyBuffer } from "./data-frames.js";
import type { LinkOptions } from "./link.js";

const transports: Array<[string, (o?: Partial<LinkOptions>) => Promise<PeerPair>]> = [
  ["memory", (o) => memoryPeers(o)],
  ["ws", (o) => wsPeers(o)],
];

for (const [name, make] of transports) {
  describe(`rpc over ${name}`, () => {
    test("calls go both ways and results come back", async () => {
      const { a, b, close } = await make();
      a.handle("add", (p: { x: number; y: number }) => p.x + p.y);
      b.handle("echo", async (p: unknown) => p);
      assert.equal(await b.call("add", { x: 2, y: 40 }), 42);
      const bin = randomBytes(1000);
      assert.deepEqual(Buffer.from((await a.call<{ bin: Uint8Array }>("echo", { bin })).bin), bin);
      await close();
    });

    test("binary results read into reply buffers arrive intact, large ones from a recycled pool", async () => {
      const { a, b, close } = await make();
      // Each reply is filled in its own reply buffer; many in flight at once, so pooled buffers
      // are reused while other replies are still queued: a buffer recycled too early would
      // deliver another call's bytes.
      const sizes = [0, 1, 4096, 64 * 1024, 300 * 1024, 1024 * 1024, 2 * 1024 * 1024 + 3];
      a.handle("fill", async (p: { n: number; seed: number }) => {
        // Take the buffer late (call k after k turns), when earlier replies are out of the
        // handlers' hands but still queued behind a full socket.
        for (let t = 0; t < p.seed; t++) await new Promise((r) => setImmediate(r));
        const buf = replyBuffer(p.n);
        for (let i = 0; i < p.n; i += 4096) buf[i] = (p.seed + i / 4096) & 0xff;
        return new InPlaceReply(buf);
      });
      const calls = [];
      for (let k = 0; k < 48; k++) {
        const n = k % 3 === 0 ? sizes[k % sizes.length]! : 1024 * 1024;
        calls.push(b.call<Uint8Array>("fill", { n, seed: k }).then((got) => ({ k, n, got })));
      }
      for (const { k, n, got } of await Promise.all(calls)) {
        assert.equal(got.byteLength, n);
        for (let i = 0; i < n; i += 4096) assert.equal(got[i], (k + i / 4096) & 0xff, `call ${k} byte ${i}`);
      }
      await close();
    });

    test("calls with binary tails arrive intact, many in flight, while the sender reuses each tail once its call settled", async () => {
      const { a, b, close } = await make();
      a.handle("sum", (p: { k: number; data: Uint8Array }) => createHash("sha1").update(p.data).digest("hex") + `:${p.k}`);
      // A small pool of tail buffers, each refilled as soon as its call settled (as the target's
      // write-behind hands FUSE request buffers back): a tail still referenced by the transport
      // when its call settled would reach the other side with another call's bytes.
      const pool = Array.from({ length: 3 }, () => Buffer.allocUnsafe(1024 * 1024 + 7));
      const sizes = [0, 1, 4096, 300 * 1024, 1024 * 1024 + 7];
      const one = async (k: number): Promise<void> => {
        const buf = pool.pop()!;
        const data = buf.subarray(0, sizes[k % sizes.length]!).fill(k & 0xff);
        const want = createHash("sha1").update(data).digest("hex") + `:${k}`;
        const got = await b.call<string>("sum", { k }, { tail: data });
        pool.push(buf);
        assert.equal(got, want, `call ${k}`);
      };
      let next = 0;
      await Promise.all(Array.from({ length: 3 }, async () => {
        while (next < 40) await one(next++);
      }));
      await close();
    });

    test("errors cross as data with code and errno", async () => {
      const { a, b, close } = await make();
      a.handle("fail", () => {
        throw Object.assign(new Error("no such file"), { errno: "ENOENT" });
      });
      a.handle("app", () => {
        throw new RpcError("JOB_NOT_FOUND", "no job 7");
      });
      await assert.rejects(b.call("fail"), (e: RpcError) => e.code === "SYSTEM" && e.errno === "ENOENT" && e.message === "no such file");
      await assert.rejects(b.call("app"), (e: RpcError) => e.code === "JOB_NOT_FOUND");
      await assert.rejects(b.call("nope"), (e: RpcError) => e.code === "METHOD_NOT_FOUND");
      await close();
    });

    test("timeouts reject the caller and abort the handler", async () => {
      const { a, b, close } = await make();
      let aborted!: () => void;
      const sawAbort = new Promise<void>((r) => (aborted = r));
      a.handle("hang", (_p, ctx) => new Promise((_r, rej) => ctx.signal.addEventListener("abort", () => (aborted(), rej(new Error("x"))))));
      await assert.rejects(b.call("hang", null, { timeoutMs: 50 }), (e: RpcError) => e.code === "TIMEOUT");
      await sawAbort;
      await close();
    });

    test("cancellation aborts the handler's signal", async () => {
      const { a, b, close } = await make();
      let started!: () => void;
      const isStarted = new Promise<void>((r) => (started = r));
      const sawAbort = new Promise<void>((resolve) =>
        a.handle("hang", (_p, ctx) => {
          started();
          return new Promise(() => ctx.signal.addEventListener("abort", () => resolve()));
        }),
      );
      const ac = new AbortController();
      const p = b.call("hang", null, { signal: ac.signal });
      await isStarted;
      ac.abort();
      await assert.rejects(p, (e: RpcError) => e.code === "CANCELLED");
      await sawAbort;
      await close();
    });

    test("a handler's signal read only after a cancel is already aborted, with the reason", async () => {
      const { a, b, close } = await make();
      let started!: () => void;
      const isStarted = new Promise<void>((r) => (started = r));
      let later!: () => void;
      const goOn = new Promise<void>((r) => (later = r));
      const seen = new Promise<AbortSignal>((resolve) =>
        a.handle("late", async (_p, ctx) => {
          started();
          await goOn;
          resolve(ctx.signal);
          return "done";
        }),
      );
      const ac = new AbortController();
      const p = b.call("late", null, { signal: ac.signal });
      await isStarted;
      ac.abort();
      await assert.rejects(p, (e: RpcError) => e.code === "CANCELLED");
      await new Promise((r) => setTimeout(r, 20)); // the CANCEL reaches a
      later();
      const signal = await seen;
      assert.equal(signal.aborted, true);
      assert.equal((signal.reason as RpcError).code, "CANCELLED");
      assert.equal(await b.call("late").catch(() => "x"), "done"); // the link is fine
      await close();
    });

    test("queued calls carry their params; one cancelled while queued is never sent", async () => {
      const { a, b, close } = await make({ limits: { maxInFlight: 2 } });
      const calls: number[] = [];
      a.handle("n", async (p: { n: number }) => {
        calls.push(p.n);
        await new Promise((r) => setImmediate(r));
        return p.n * 2;
      });
      const ac = new AbortController();
      const ps = [0, 1, 2, 3, 4].map((n) => b.call<number>("n", { n }, n === 3 ? { signal: ac.signal } : {}));
      ac.abort();
      const res = await Promise.allSettled(ps);
      assert.deepEqual(res.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as RpcError).code)), [0, 2, 4, "CANCELLED", 8]);
      assert.deepEqual(calls, [0, 1, 2, 4]);
      await close();
    });

    test("notifications arrive in order", async () => {
      const { a, b, close } = await make();
      const got: number[] = [];
      const done = new Promise<void>((r) => a.onNotify("n", (x: number) => (got.push(x), x === 99 && r())));
      for (let i = 0; i < 100; i++) b.notify("n", i);
      await done;
      assert.deepEqual(got, [...Array(100).keys()]);
      await close();
    });

    test("a byte stream carries 32 MiB intact with a slow reader and bounded buffering", async () => {
      const { a, b, close } = await make();
      const w = b.openWriter();
      const r = a.reader(w.sid);
      const data = randomBytes(32 * 1024 * 1024);
      const want = createHash("sha256").update(data).digest("hex");
      const h = createHash("sha256");
      let maxBuffered = 0;
      const sink = new Writable({
        highWaterMark: 64 * 1024,
        write(chunk: Buffer, _e, cb) {
          maxBuffered = Math.max(maxBuffered, r.readableLength);
          h.update(chunk);
          setImmediate(cb); // a slow consumer
        },
      });
      await Promise.all([
        pipeline(Readable.from((function* () { for (let o = 0; o < data.length; o += 100_000) yield data.subarray(o, o + 100_000); })()), w),
        pipeline(r, sink),
      ]);
      assert.equal(h.digest("hex"), want);
      assert.ok(maxBuffered <= a.limits.streamWindow + 1024 * 1024, `reader buffered ${maxBuffered}`);
      await close();
    });

    test("a stream opened for reading is written by the other side, END delivered", async () => {
      const { a, b, close } = await make();
      const r = a.openReader();
      const w = b.writer(r.sid);
      w.end(Buffer.from("hello"));
      const chunks: Buffer[] = [];
      for await (const c of r) chunks.push(c as Buffer);
      assert.equal(Buffer.concat(chunks).toString(), "hello");
      await close();
    });

    test("a reader destroyed while data is in flight drops late frames and keeps the link", async () => {
      const { a, b, close } = await make();
      a.handle("ping", () => "pong");
      const r = a.openReader();
      const w = b.writer(r.sid);
      w.on("error", () => {});
      w.write(Buffer.alloc(64 * 1024, 1));
      r.destroy();
      w.write(Buffer.alloc(64 * 1024, 2));
      assert.equal(await b.call("ping"), "pong");
      assert.equal(a.isClosed, false);
      await close();
    });

    test("closing the link rejects pending calls with CONNECTION_CLOSED", async () => {
      const { a, b, close } = await make();
      a.handle("hang", () => new Promise(() => {}));
      const p = b.call("hang");
      const r = b.openWriter();
      a.close("going away");
      await assert.rejects(p, (e: RpcError) => e.code === "CONNECTION_CLOSED");
      const reason = await b.closed;
      assert.match(reason.message, /going away/);
      assert.ok(r.destroyed);
      await close();
    });

    test("calls beyond the peer's in-flight limit queue instead of failing", async () => {
      const { a, b, close } = await make();
      let active = 0;
      let peak = 0;
      a.handle("slow", async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setImmediate(r));
        active--;
        return 1;
      });
      const results = await Promise.all(Array.from({ length: 10_000 }, () => b.call<number>("slow")));
      assert.equal(results.length, 10_000);
      assert.ok(peak <= a.limits.maxInFlight + 1, `peak ${peak}`);
      await close();
    });
  });
}
