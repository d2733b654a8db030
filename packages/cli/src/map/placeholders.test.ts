import { test } from "node:test";
import assert from "node:assert/strict";
import { basename, buildCommand, dirname, displayQuote, expandWord, hasPlaceholder, removeExtension, shellQuote } from "./placeholders.js";

const v = (line: string, seq = 7, slot = 3) => ({ line, seq, slot });

test("each placeholder on a path with dots in directories", () => {
  const x = v("dir.d/sub/file.tar.gz");
  assert.equal(expandWord("{}", x), "dir.d/sub/file.tar.gz");
  assert.equal(expandWord("{.}", x), "dir.d/sub/file.tar");
  assert.equal(expandWord("{/}", x), "file.tar.gz");
  assert.equal(expandWord("{//}", x), "dir.d/sub");
  assert.equal(expandWord("{/.}", x), "file.tar");
  assert.equal(expandWord("{#}", x), "7");
  assert.equal(expandWord("{%}", x), "3");
});

test("{.} removes only an extension of the last component", () => {
  assert.equal(removeExtension("file"), "file");
  assert.equal(removeExtension("dir.d/file"), "dir.d/file", "a dot in a directory is no extension");
  assert.equal(removeExtension("a.b"), "a");
  assert.equal(removeExtension("a."), "a.", "a trailing dot is kept (parallel: \\.[^/.]+$)");
  assert.equal(removeExtension(".bashrc"), "", "as GNU parallel");
  assert.equal(removeExtension("dir/"), "dir/");
  assert.equal(removeExtension("x.tar.gz"), "x.tar");
});

test("{/} and {//} with trailing slashes, roots and bare names", () => {
  assert.equal(basename("a/b/c"), "c");
  assert.equal(basename("c"), "c");
  assert.equal(basename("a/b/"), "", "trailing slash: empty basename, as parallel's s:.*/::");
  assert.equal(basename("/"), "");
  assert.equal(dirname("a/b/c"), "a/b");
  assert.equal(dirname("c"), ".");
  assert.equal(dirname("/c"), "/");
  assert.equal(dirname("/"), "/");
  assert.equal(dirname("a/b/"), "a", "trailing slash ignored, like dirname(1)");
  assert.equal(dirname("a/b//"), "a");
  assert.equal(dirname("a//b"), "a");
  assert.equal(dirname("./a"), ".");
  assert.equal(dirname(""), ".");
  assert.equal(dirname("/a/b.c/d.e"), "/a/b.c");
});

test("{/.} is the basename without extension", () => {
  assert.equal(expandWord("{/.}", v("/x.y/z")), "z");
  assert.equal(expandWord("{/.}", v("/x.y/z.w.q")), "z.w");
  assert.equal(expandWord("{/.}", v("a/b/")), "");
});

test("placeholders inside words, several per word, unknown braces left alone", () => {
  assert.equal(expandWord("out/{/.}-{#}.txt", v("in/a.csv", 12)), "out/a-12.txt");
  assert.equal(expandWord("{}{}", v("x")), "xx");
  assert.equal(expandWord("{x} {1} {", v("q")), "{x} {1} {");
  assert.equal(hasPlaceholder("{x}"), false);
  assert.equal(hasPlaceholder("a{%}"), true);
  assert.equal(hasPlaceholder("{//}"), true);
});

test("the line is one argv word, appended when no placeholder is used", () => {
  assert.deepEqual(buildCommand(["echo", "hi"], v("a b  c")).argv, ["echo", "hi", "a b  c"]);
  assert.deepEqual(buildCommand(["cp", "{}", "{.}.bak"], v("x y.txt")).argv, ["cp", "x y.txt", "x y.bak"]);
  // {#} alone is a placeholder: nothing appended (as parallel).
  assert.deepEqual(buildCommand(["echo", "{#}"], v("zzz")).argv, ["echo", "7"]);
  assert.deepEqual(buildCommand(["echo"], v("")).argv, ["echo", ""], "an empty line is still an argument");
  assert.deepEqual(buildCommand(["echo", "$HOME;", "'{}'"], v("a;b")).argv, ["echo", "$HOME;", "'a;b'"], "no shell: nothing is interpreted");
});

test("--shell: sh -c with the values single-quoted", () => {
  const c = buildCommand(["grep foo {} > {.}.out"], v("it's a.txt"), { shell: true });
  assert.deepEqual(c.argv, ["sh", "-c", `grep foo 'it'\\''s a.txt' > 'it'\\''s a'.out`]);
  assert.equal(c.display, c.argv[2]);
  assert.deepEqual(buildCommand(["wc", "-c"], v("$(rm -rf /)"), { shell: true }).argv, ["sh", "-c", "wc -c '$(rm -rf /)'"]);
  assert.deepEqual(buildCommand(["echo", "{#}/{%}"], v("x"), { shell: true }).argv, ["sh", "-c", "echo 7/3"]);
});

test("quoting for the shell and for display", () => {
  assert.equal(shellQuote("abc-1.2/x"), "abc-1.2/x");
  assert.equal(shellQuote(""), "''");
  assert.equal(shellQuote("a b"), "'a b'");
  assert.equal(shellQuote("a'b"), `'a'\\''b'`);
  assert.equal(displayQuote("a\tb"), "$'a\\tb'");
  assert.equal(displayQuote("it's\n"), "$'it\\'s\\n'");
  assert.equal(buildCommand(["printf", "%s"], v("a b")).display, "printf %s 'a b'");
});
