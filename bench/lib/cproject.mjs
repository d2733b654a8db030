// A small, deterministic C project for build benchmarks: `modules` .c files of a few hundred lines
// each, one header per module plus a shared header, a main.c and a Makefile (pattern rules, -O2).
//
//   writeCProject(dir, { modules: 40, funcs: 30 });   // then: make -j2 -C dir
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const pad = (n) => String(n).padStart(2, "0");

function commonHeader() {
  const lines = [
    "#ifndef COMMON_H",
    "#define COMMON_H",
    "#include <stddef.h>",
    "#include <stdint.h>",
    "",
    "typedef struct { int32_t a, b, c; uint64_t acc; const char *name; } rec_t;",
    "",
    "static inline uint64_t mix64(uint64_t x) {",
    "  x ^= x >> 33; x *= 0xff51afd7ed558ccdULL;",
    "  x ^= x >> 33; x *= 0xc4ceb9fe1a85ec53ULL;",
    "  return x ^ (x >> 33);",
    "}",
    "static inline int clampi(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }",
  ];
  for (let i = 0; i < 20; i++) {
    lines.push(`static inline int helper${i}(int x) { return clampi((x * ${i * 7 + 3}) ^ (x >> ${(i % 5) + 1}), -100000, 100000); }`);
  }
  lines.push("#endif", "");
  return lines.join("\n");
}

function moduleSource(m, modules, funcs) {
  const L = [
    "#include <stdio.h>",
    "#include <stdlib.h>",
    "#include <string.h>",
    '#include "common.h"',
    `#include "mod${pad(m)}.h"`,
    `#include "mod${pad((m + 1) % modules)}.h"`,
    "",
    `static rec_t table${m}[16] = {`,
  ];
  for (let i = 0; i < 16; i++) L.push(`  { ${i}, ${i * m + 1}, ${(i ^ m) + 2}, ${i * 31 + m}ULL, "m${m}r${i}" },`);
  L.push("};", "");
  for (let f = 0; f < funcs; f++) {
    const k = m * 131 + f * 17 + 5;
    L.push(
      `static int m${m}_f${f}(int x) {`,
      `  int s = ${k % 97};`,
      `  for (int i = 0; i < x; i++) {`,
      `    s += (i * ${k % 13 + 1}) ^ (s >> ${(f % 4) + 1});`,
      `    if (s % 7 == ${k % 7}) s -= helper${f % 20}(i);`,
      `    else s += table${m}[i & 15].b;`,
      `  }`,
      `  return s;`,
      `}`,
      "",
    );
  }
  L.push(`int mod${pad(m)}_run(int n) {`, "  uint64_t h = 0;");
  for (let f = 0; f < funcs; f++) L.push(`  h = mix64(h + (uint64_t)m${m}_f${f}(n + ${f}));`);
  L.push(`  char buf[64]; snprintf(buf, sizeof buf, "%s:%llu", table${m}[n & 15].name, (unsigned long long)h);`);
  L.push(`  return (int)(strlen(buf) + (h & 0xff)) + (n > 0 ? 0 : mod${pad((m + 1) % modules)}_run(1));`, "}", "");
  return L.join("\n");
}

function makefile() {
  return [
    "CC ?= cc",
    "CFLAGS ?= -O2 -Wall",
    "SRCS := $(wildcard src/*.c)",
    "OBJS := $(SRCS:src/%.c=obj/%.o)",
    "",
    "prog: $(OBJS)",
    "\t$(CC) -o $@ $(OBJS)",
    "",
    "obj/%.o: src/%.c $(wildcard include/*.h)",
    "\t$(CC) $(CFLAGS) -Iinclude -c -o $@ $<",
    "",
    "clean:",
    "\trm -f obj/*.o prog",
    "",
    ".PHONY: clean",
    "",
  ].join("\n");
}

/** Write the project into `dir` (created); returns { files, bytes }. */
export function writeCProject(dir, { modules = 40, funcs = 30 } = {}) {
  let files = 0;
  let bytes = 0;
  const put = (p, text) => {
    writeFileSync(join(dir, p), text);
    files++;
    bytes += Buffer.byteLength(text);
  };
  for (const d of ["", "src", "include", "obj"]) mkdirSync(join(dir, d), { recursive: true });
  put("Makefile", makefile());
  put("include/common.h", commonHeader());
  for (let m = 0; m < modules; m++) {
    put(`include/mod${pad(m)}.h`, `#ifndef MOD${pad(m)}_H\n#define MOD${pad(m)}_H\nint mod${pad(m)}_run(int n);\n#endif\n`);
    put(`src/mod${pad(m)}.c`, moduleSource(m, modules, funcs));
  }
  const main = ["#include <stdio.h>", '#include "common.h"'];
  for (let m = 0; m < modules; m++) main.push(`#include "mod${pad(m)}.h"`);
  main.push("int main(int argc, char **argv) {", "  (void)argv; long t = 0;");
  for (let m = 0; m < modules; m++) main.push(`  t += mod${pad(m)}_run(argc + ${m});`);
  main.push('  printf("%ld\\n", t);', "  return 0;", "}", "");
  put("src/main.c", main.join("\n"));
  return { files, bytes };
}
