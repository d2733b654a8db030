import { test, mock } from "node:test";
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { JOBLOG_HEADER, joblogLine } from "./joblog.js";
import { estimateEta, formatDuration, renderProgress } from "./progress.js";
import { mapExitStatus, summaryLine } from "./summary.js";
import { StatusLine } from "./status-line.js";

test("joblog: GNU parallel's columns and number formats", () => {
  assert.equal(JOBLOG_HEADER, "Seq\tHost\tStarttime\tJobRuntime\tSend\tReceive\tExitval\tSignal\tCommand");
  const line = joblogLine({ seq: 12, host: "t1", startMs: 1_700_000_000_123, runtimeMs: 1234.5, sent: 0, received: 42, exitval: 143, signal: 15, command: "sh -c 'a\tb\nc'" });
  assert.equal(line, "12\tt1\t1700000000.123\t   1.234\t0\t42\t143\t15\tsh -c 'a\\tb\\nc'");
  assert.equal(line.split("\t").length, 9);
  const never = joblogLine({ seq: 1, startMs: 5_000, runtimeMs: -3, sent: 0, received: 0, exitval: 255, signal: 0, command: "x" });
  assert.equal(never, "1\t-\t     5.000\t   0.000\t0\t0\t255\t0\tx");
});

test("formatDuration", () => {
  assert.equal(formatDuration(0), "0.0s");
  assert.equal(formatDuration(420), "0.4s");
  assert.equal(formatDuration(9_960), "9.9s");
  assert.equal(formatDuration(12_400), "12s");
  assert.equal(formatDuration(80_000), "1m20s");
  assert.equal(formatDuration(192_000), "3m12s");
  assert.equal(formatDuration(3_720_000), "1h02m");
  assert.equal(formatDuration(-5), "0.0s");
});

test("progress: bar, counters, ETA", () => {
  const c = { done: 37, failed: 2, running: 4, queued: 12, total: 200 };
  assert.equal(estimateEta(c, 37_000), 163_000);
  const line = renderProgress(c, { width: 100, elapsedMs: 37_000 });
  assert.equal(line, "[=====>                        ] 37/200 done, 2 failed, 4 running, 12 queued, ETA 2m43s");
  assert.ok(line.length < 100);
});

test("progress: unknown total has no bar and no ETA; nothing failed is not mentioned", () => {
  const line = renderProgress({ done: 3, failed: 0, running: 1, queued: 0 }, { width: 80, elapsedMs: 1000 });
  assert.equal(line, "3/? done, 1 running, 0 queued");
});

test("progress: the line never reaches the terminal's width", () => {
  const c = { done: 0, failed: 0, running: 0, queued: 5, total: 5 };
  assert.equal(renderProgress(c, { width: 80, elapsedMs: 0 }), "[>                             ] 0/5 done, 0 running, 5 queued");
  for (const width of [10, 20, 40, 45]) assert.ok(renderProgress(c, { width, elapsedMs: 0 }).length <= width - 1, `width ${width}`);
  assert.ok(!renderProgress(c, { width: 30, elapsedMs: 0 }).startsWith("["), "no room: no bar");
  const full = renderProgress({ ...c, done: 5, queued: 0 }, { width: 60, elapsedMs: 10 });
  assert.equal(full, `[${"=".repeat(17)}] 5/5 done, 0 running, 0 queued, ETA 0.0s`);
});

test("summary and exit status", () => {
  const base = { jobs: 200, succeeded: 198, failed: 2, killed: 0, failures: { "exit 1": 2 }, elapsedMs: 192_000, interrupted: false, halted: false };
  assert.equal(summaryLine(base), "mrc map: 200 jobs, 198 succeeded, 2 failed (exit 1: 2), 3m12s");
  assert.equal(mapExitStatus(base), 2);
  assert.equal(mapExitStatus({ ...base, failed: 0, failures: {} }), 0);
  assert.equal(mapExitStatus({ ...base, failed: 100 }), 100);
  assert.equal(mapExitStatus({ ...base, failed: 150 }), 101);
  assert.equal(mapExitStatus({ ...base, failed: 99, killed: 5 }), 101);
  assert.equal(mapExitStatus({ ...base, interrupted: true }), 130);
  assert.equal(mapExitStatus({ ...base, interrupted: true, error: "x" }), 255);
  const mixed = { ...base, jobs: 1, succeeded: 0, failed: 4, killed: 3, failures: { "exit 2": 1, SIGSEGV: 2, "could not run": 1 }, interrupted: true };
  assert.equal(summaryLine(mixed), "mrc map: 1 job, 0 succeeded, 4 failed (SIGSEGV: 2, could not run: 1, exit 2: 1), 3 killed, 3m12s (interrupted)");
});

test("StatusLine: at most one draw per interval, erased before output and at the end", () => {
  mock.timers.enable({ apis: ["setTimeout", "Date"] });
  try {
    let out = "";
    const w = new Writable({ write: (c: Buffer, _e, cb) => ((out += c.toString()), cb()) }) as Writable & { columns?: number };
    w.columns = 60;
    // Writes to a Writable without corking are synchronous here, so `out` is current after each call.
    const s = new StatusLine({ out: w, intervalMs: 100 });
    s.update({ done: 0, failed: 0, running: 1, queued: 0 });
    assert.equal(out, "\r0/? done, 1 running, 0 queued\x1b[K");
    out = "";
    for (let i = 1; i <= 5; i++) s.update({ done: i, failed: 0, running: 1, queued: 0 });
    assert.equal(out, "", "throttled");
    mock.timers.tick(100);
    assert.equal(out, "\r5/? done, 1 running, 0 queued\x1b[K", "one draw with the latest counters");
    out = "";
    s.clear();
    assert.equal(out, "\r\x1b[K");
    s.clear();
    assert.equal(out, "\r\x1b[K", "clearing twice writes once");
    s.close();
    mock.timers.tick(1000);
    assert.equal(out, "\r\x1b[K", "nothing after close");
  } finally {
    mock.timers.reset();
  }
});
