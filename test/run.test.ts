import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { once } from "node:events";
import { PassThrough, Writable } from "node:stream";
import * as pty from "node-pty";
import { runCommand } from "mrc";
import { MRC, processAlive, runMrc, startTargetDaemon, type TargetDaemon } from "./lib/mrc.js";

let target: TargetDaemon;
let env: NodeJS.ProcessEnv;
before(async () => {
  target = await startTargetDaemon();
  env = { ...process.env, MRC_TOKEN: target.token };
});
after(async () => {
  await target.stop();
});

/** Run through the library against the daemon, capturing output. */
async function api(argv: string[], input = ""): Promise<{ status: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const sink = (f: (s: string) => void) => new Writable({ write: (c: Buffer, _e, cb) => (f(c.toString()), cb()) });
  const stdin = new PassThrough();
  stdin.end(input);
  const status = await runCommand({
    target: target.addr,
    token: target.token,
    argv,
    tty: "never",
    stdin,
    stdout: sink((s) => (out += s)),
    stderr: sink((s) => (err += s)),
    forwardSignals: false,
  });
  return { status, out, err };
}

test("every exit code 0-255 comes back as mrc's status", async () => {
  for (let code = 0; code < 256; code++) {
    const r = await api(["sh", "-c", `exit ${code}`]);
    assert.equal(r.status, code);
  }
});

test("death by a signal becomes 128+N", async () => {
  for (const [sig, n] of [["TERM", 15], ["KILL", 9], ["USR1", 10], ["SEGV", 11]] as const) {
    const r = await api(["sh", "-c", `kill -${sig} $$`]);
    assert.equal(r.status, 128 + n, `SIG${sig}`);
  }
});

test("the CLI returns the guest's status and keeps stdout and stderr apart", async () => {
  const r = await runMrc(["run", "-r", target.addr, "--", "sh", "-c", "echo out; echo err >&2; echo out2; exit 7"], { env });
  assert.equal(r.status, 7);
  assert.equal(r.stdout.toString(), "out\nout2\n");
  assert.equal(r.stderr, "err\n");
});

test("a command not found on the target gives 127 with a message; not executable gives 126", async () => {
  const r = await api(["no-such-command-xyz"]);
  assert.equal(r.status, 127);
  assert.match(r.err, /no-such-command-xyz: command not found/);
  const r2 = await api(["/etc/passwd"]);
  assert.equal(r2.status, 126);
  assert.match(r2.err, /Permission denied/);
});

test("the head's cwd and environment travel; secrets and host-bound variables do not", async () => {
  const r = await runMrc(["run", "-r", target.addr, "--", "sh", "-c", 'pwd; echo "$FOO|${MRC_TOKEN:-unset}|${SSH_AUTH_SOCK:-unset}"'], {
    env: { ...env, FOO: "bar baz", SSH_AUTH_SOCK: "/tmp/agent" },
    cwd: "/usr/share",
  });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.toString(), "/usr/share\nbar baz|unset|unset\n");
});

test("100 MiB of random stdin round-trips with an equal checksum", async () => {
  const data = randomBytes(100 * 1024 * 1024);
  const r = await runMrc(["run", "-r", target.addr, "--", "cat"], { env, input: data });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.length, data.length);
  assert.equal(createHash("sha256").update(r.stdout).digest("hex"), createHash("sha256").update(data).digest("hex"));
});

test("a slow reader of mrc's stdout still gets every byte, and mrc exits after it", async () => {
  const { spawn } = await import("node:child_process");
  const p = spawn(process.execPath, [MRC, "run", "-r", target.addr, "--", "head", "-c", "30000000", "/dev/urandom"], { env, stdio: ["ignore", "pipe", "pipe"] });
  p.stdout.pause(); // let the pipe fill up: mrc must wait, not drop or hang
  await new Promise((r) => setTimeout(r, 300));
  let n = 0;
  p.stdout.on("data", (d: Buffer) => (n += d.length));
  p.stdout.resume();
  const [code] = (await once(p, "close")) as [number];
  assert.equal(code, 0);
  assert.equal(n, 30_000_000);
});

test("when mrc's stdout reader goes away, the guest gets EPIPE instead of blocking", async () => {
  const { spawn } = await import("node:child_process");
  const p = spawn(process.execPath, [MRC, "run", "-r", target.addr, "--", "sh", "-c", "yes | head -c 100000000; echo guest-done >&2"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  p.stderr.on("data", (d: Buffer) => (err += d.toString()));
  p.stdout.once("data", () => p.stdout.destroy());
  const [code] = (await once(p, "close")) as [number];
  assert.equal(code, 0); // the guest script itself exits 0 after head fails
  assert.match(err, /guest-done/);
});

test("stdin EOF reaches the guest", async () => {
  const r = await runMrc(["run", "-r", target.addr, "--", "wc", "-c"], { env, input: "12345" });
  assert.equal(r.stdout.toString().trim(), "5");
});

test("SIGINT to mrc stops the guest, mrc exits 130 and no guest process is left", async () => {
  let pids: number[] = [];
  const r = await runMrc(["run", "-r", target.addr, "--", "sh", "-c", "sleep 1000 & echo $$ $!; wait"], {
    env,
    onSpawn: (p) => {
      let buf = "";
      p.stdout!.on("data", (d: Buffer) => {
        buf += d.toString();
        if (buf.includes("\n") && pids.length === 0) {
          pids = buf.trim().split(" ").map(Number);
          p.kill("SIGINT");
        }
      });
    },
  });
  assert.equal(r.status, 130, r.stderr);
  assert.equal(pids.length, 2);
  await target.waitLog((l) => l.msg === "job ended" && l.signal === "SIGINT");
  for (const pid of pids) assert.equal(processAlive(pid), false, `guest process ${pid} still alive`);
});

test("other signals are forwarded: SIGUSR1 reaches a trapping guest", async () => {
  const r = await runMrc(["run", "-r", target.addr, "--", "sh", "-c", 'trap "echo got-usr1; exit 3" USR1; echo ready; while :; do sleep 0.05; done'], {
    env,
    onSpawn: (p) => p.stdout!.once("data", () => p.kill("SIGUSR1")),
  });
  assert.equal(r.stdout.toString(), "ready\ngot-usr1\n");
  assert.equal(r.status, 3);
});

test("a tty job sees a terminal of the right size and gets resizes; ^C interrupts it", async () => {
  const term = pty.spawn(process.execPath, [MRC, "run", "-r", target.addr, "--", "sh", "-c", 'trap "stty size" WINCH; tty >/dev/null && echo is-a-tty; stty size; while :; do sleep 0.05; done'], {
    cols: 100,
    rows: 30,
    env: env as Record<string, string>,
  });
  let out = "";
  const waitFor = (s: string) =>
    new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`timed out waiting for ${JSON.stringify(s)}; got ${JSON.stringify(out)}`)), 15_000);
      const check = () => out.includes(s) && (clearTimeout(t), sub.dispose(), resolve());
      const sub = term.onData((d) => ((out += d), check()));
      check();
    });
  const exited = new Promise<number>((r) => term.onExit((e) => r(e.exitCode)));
  await waitFor("is-a-tty");
  await waitFor("30 100");
  term.resize(120, 40);
  await waitFor("40 120");
  term.write("\x03");
  assert.equal(await exited, 130);
});

test("-T gives no tty even on a terminal; -t forces one on pipes", async () => {
  const r = await runMrc(["run", "-r", target.addr, "-t", "--", "sh", "-c", "tty >/dev/null && echo tty || echo notty"], { env });
  assert.equal(r.stdout.toString().trim(), "tty");
  const r2 = await runMrc(["run", "-r", target.addr, "-T", "--", "sh", "-c", "tty >/dev/null && echo tty || echo notty"], { env });
  assert.equal(r2.stdout.toString().trim(), "notty");
});

test("a wrong token gives 255 with a clear message and the target serves the next job", async () => {
  const r = await runMrc(["run", "-r", target.addr, "--", "true"], { env: { ...env, MRC_TOKEN: "wrong" } });
  assert.equal(r.status, 255);
  assert.match(r.stderr, /^mrc: .*authentication refused: wrong token\n$/);
  const ok = await runMrc(["run", "-r", target.addr, "--", "echo", "fine"], { env });
  assert.equal(ok.status, 0);
  assert.equal(ok.stdout.toString(), "fine\n");
});

test("an unreachable target gives 255 with a clear message", async () => {
  const r = await runMrc(["run", "-r", "127.0.0.1:1", "--", "true"], { env });
  assert.equal(r.status, 255);
  assert.match(r.stderr, /^mrc: cannot reach ws:\/\/127\.0\.0\.1:1: ECONNREFUSED\n$/);
});

test("a target killed mid-job makes mrc exit 255 with a clear message within seconds; the guest dies too", async () => {
  const t2 = await startTargetDaemon("other-token");
  let guestPid = 0;
  const started = Date.now();
  let killedAt = 0;
  const r = await runMrc(["run", "-r", t2.addr, "--", "sh", "-c", "echo $$; exec sleep 1000"], {
    env: { ...env, MRC_TOKEN: t2.token },
    onSpawn: (p) =>
      p.stdout!.once("data", (d: Buffer) => {
        guestPid = Number(d.toString().trim());
        killedAt = Date.now();
        t2.proc.kill("SIGKILL");
      }),
  });
  assert.equal(r.status, 255);
  assert.match(r.stderr, /^mrc: link to 127\.0\.0\.1:\d+ lost: .+\n$/);
  assert.ok(Date.now() - killedAt < 5000, `took ${Date.now() - started} ms`);
  // The guest was tied to the runner (pdeathsig): it must be gone.
  const deadline = Date.now() + 5000;
  while (processAlive(guestPid) && Date.now() < deadline) await new Promise((r) => setImmediate(r));
  assert.equal(processAlive(guestPid), false);
});

test("SIGTERM to the target daemon kills its guests and exits cleanly", async () => {
  const t3 = await startTargetDaemon("third");
  let guestPid = 0;
  const r = await runMrc(["run", "-r", t3.addr, "--", "sh", "-c", "echo $$; exec sleep 1000"], {
    env: { ...env, MRC_TOKEN: t3.token },
    onSpawn: (p) =>
      p.stdout!.once("data", (d: Buffer) => {
        guestPid = Number(d.toString().trim());
        t3.proc.kill("SIGTERM");
      }),
  });
  assert.equal(r.status, 128 + 9);
  if (t3.proc.exitCode === null && t3.proc.signalCode === null) await once(t3.proc, "exit");
  assert.equal(t3.proc.exitCode, 0);
  assert.ok(t3.logs.some((l) => l.msg === "target stopped"));
  assert.equal(processAlive(guestPid), false);
});

test("garbage, malformed msgpack and oversized frames sent to the target's port close only that connection", async () => {
  const { connect: netConnect } = await import("node:net");
  const { WebSocket } = await import("ws");
  const { Packr } = await import("msgpackr");
  // 1. Not even HTTP.
  const sock = netConnect(target.port, "127.0.0.1");
  sock.on("error", () => {});
  sock.resume(); // read, so the server's answer and close are seen
  await once(sock, "connect");
  sock.write(Buffer.from("\x00\xff\xfe garbage\r\n\r\n", "latin1"));
  await once(sock, "close");
  // 2-4. A WebSocket that sends garbage, malformed msgpack, or a frame over the size limit.
  const wsCases: Array<[string, Buffer]> = [
    ["garbage", Buffer.from("not msgpack at all \xc1\xc1", "latin1")],
    ["malformed msgpack", Buffer.from([0x95, 0x0a, 0x01])],
    ["wrong shape", new Packr().pack([1, { v: 1 }])],
    ["oversized", Buffer.alloc(18 * 1024 * 1024, 7)],
  ];
  for (const [name, payload] of wsCases) {
    const ws = new WebSocket(`ws://127.0.0.1:${target.port}`);
    ws.on("error", () => {});
    ws.once("message", () => ws.send(payload));
    const [code] = (await once(ws, "close")) as [number, Buffer];
    assert.notEqual(code, 1000, `${name}: link closed as an error`);
    const r = await api(["echo", "still-alive"]);
    assert.equal(r.out, "still-alive\n", `${name}: target still serves`);
  }
  await target.waitLog((l) => l.msg === "link refused" && /exceeds|Max payload/i.test(String(l.reason)));
});

test("the embedded target runs a job with no setup", async () => {
  const r = await runMrc(["run", "--", "sh", "-c", "echo embedded; exit 5"], { env: process.env });
  assert.equal(r.status, 5);
  assert.equal(r.stdout.toString(), "embedded\n");
});

