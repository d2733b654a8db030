import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { inputLines, ReadAhead, readLines, splitCommand } from "./input.js";

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const chunks = (...c: Array<string | Buffer>) => Readable.from(c.map((x) => (typeof x === "string" ? Buffer.from(x) : x)));

test("splitCommand: ::: separates the values from the command", () => {
  assert.deepEqual(splitCommand(["echo", "{}"]), { template: ["echo", "{}"] });
  assert.deepEqual(splitCommand(["echo", "{}", ":::", "a", "b c"]), { template: ["echo", "{}"], args: ["a", "b c"] });
  assert.deepEqual(splitCommand(["echo", ":::"]), { template: ["echo"], args: [] });
  assert.throws(() => splitCommand(["echo", ":::", "a", ":::", "b"]), /only one :::/);
});

test("readLines: lines across chunks, last line without newline, empty lines kept", async () => {
  assert.deepEqual(await all(readLines(chunks("a\nb", "c\n\nd"))), ["a", "bc", "", "d"]);
  assert.deepEqual(await all(readLines(chunks("x\n"))), ["x"], "a final newline makes no empty line");
  assert.deepEqual(await all(readLines(chunks())), []);
  assert.deepEqual(await all(readLines(chunks("\n"))), [""]);
  assert.deepEqual(await all(readLines(chunks("a\r\n"))), ["a\r"], "as parallel: only the newline is removed");
});

test("readLines: a UTF-8 character split between chunks stays whole", async () => {
  const b = Buffer.from("é€\n😀x");
  const parts = [b.subarray(0, 1), b.subarray(1, 3), b.subarray(3, 7), b.subarray(7)];
  assert.deepEqual(await all(readLines(chunks(...parts))), ["é€", "😀x"]);
});

test("readLines: NUL-separated items may hold newlines", async () => {
  assert.deepEqual(await all(readLines(chunks("a\nb\0c\0"), "\0")), ["a\nb", "c"]);
});

test("readLines is lazy: it reads no further than the lines taken", async () => {
  const src = new PassThrough();
  const it = readLines(src)[Symbol.asyncIterator]();
  src.write("one\ntw");
  assert.deepEqual(await it.next(), { done: false, value: "one" });
  const second = it.next();
  src.write("o\n");
  assert.deepEqual(await second, { done: false, value: "two" });
  const third = it.next();
  src.end();
  assert.deepEqual(await third, { done: true, value: undefined });
});

test("inputLines: ::: values, a file, stdin", async () => {
  assert.deepEqual(await all(inputLines({ kind: "args", values: ["a", "b"] })), ["a", "b"]);
  const dir = mkdtempSync(join(tmpdir(), "mrc-map-input-"));
  try {
    writeFileSync(join(dir, "f"), "1\n2\n3");
    assert.deepEqual(await all(inputLines({ kind: "file", path: join(dir, "f") })), ["1", "2", "3"]);
    await assert.rejects(all(inputLines({ kind: "file", path: join(dir, "missing") })), /ENOENT/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.deepEqual(await all(inputLines({ kind: "stdin" }, { stdin: chunks("s1\0s2"), sep: "\0" })), ["s1", "s2"]);
});

test("ReadAhead learns the total of a short input before it is consumed", async () => {
  const ra = new ReadAhead(["a", "b", "c"][Symbol.iterator](), 10);
  assert.deepEqual(await ra.next(), { done: false, value: "a" });
  await ra.settled();
  assert.equal(ra.total, 3);
  assert.deepEqual(await ra.next(), { done: false, value: "b" });
  assert.deepEqual(await ra.next(), { done: false, value: "c" });
  assert.deepEqual(await ra.next(), { done: true, value: undefined });
  assert.equal(ra.total, 3);
});

test("ReadAhead reads no more than its bound ahead, and passes errors on after the items", async () => {
  let pulled = 0;
  async function* gen() {
    for (let i = 0; i < 100; i++) {
      pulled++;
      yield String(i);
    }
  }
  const ra = new ReadAhead(gen(), 5);
  assert.deepEqual(await ra.next(), { done: false, value: "0" });
  await ra.settled();
  assert.equal(pulled, 6, "the one taken and five ahead");
  assert.equal(ra.total, undefined);
  async function* bad() {
    yield "x";
    throw new Error("boom");
  }
  const rb = new ReadAhead(bad(), 5);
  assert.deepEqual(await rb.next(), { done: false, value: "x" });
  await assert.rejects(rb.next(), /boom/);
});
