#!/usr/bin/env node
// primes.mjs: count the primes below N by trial division (deliberately CPU-bound).
//   ./examples/primes/primes.mjs 5000000
//   npx mrc run -- ./examples/primes/primes.mjs 5000000 > result.txt
// Progress goes to stderr (a line every 10%), the result to stdout. Ctrl-C (SIGINT) stops it
// early: it reports how far it got on stderr and exits 130, as a shell would show for SIGINT.
import { hostname } from "node:os";

const limit = Number(process.argv[2] ?? 2_000_000);
if (!Number.isSafeInteger(limit) || limit < 2) {
  process.stderr.write("usage: primes.mjs [N >= 2]   (counts the primes below N)\n");
  process.exit(2);
}

let stop = false;
process.on("SIGINT", () => (stop = true));

const isPrime = (n) => {
  if (n % 2 === 0) return n === 2;
  for (let d = 3; d * d <= n; d += 2) if (n % d === 0) return false;
  return true;
};

const start = Date.now();
process.stderr.write(`counting primes below ${limit} on ${hostname()}\n`);
let count = 0;
let last = 0;
let n = 2;
const step = Math.max(1, Math.floor(limit / 10));
// Work in slices so the SIGINT handler gets a chance to run.
function slice() {
  const end = Math.min(limit, n + 100_000);
  for (; n < end; n++) if (isPrime(n)) last = (count++, n);
  if (stop) {
    process.stderr.write(`interrupted at ${n} after ${count} primes\n`);
    process.exit(130);
  }
  if (n < limit) {
    if (Math.floor(n / step) !== Math.floor((n - 100_000) / step)) {
      process.stderr.write(`  ${Math.floor((100 * n) / limit)}% (${count} primes so far)\n`);
    }
    setImmediate(slice);
    return;
  }
  const secs = ((Date.now() - start) / 1000).toFixed(2);
  process.stderr.write(`done in ${secs} s\n`);
  process.stdout.write(`${count} primes below ${limit}; the largest is ${last}\n`);
}
slice();
