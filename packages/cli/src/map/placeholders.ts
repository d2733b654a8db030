/**
 * GNU parallel's replacement strings, for `mrc map`. Pure functions: no I/O.
 *
 * | string | value | `dir.d/file.tar.gz` |
 * |---|---|---|
 * | `{}` | the input line | `dir.d/file.tar.gz` |
 * | `{.}` | without its extension | `dir.d/file.tar` |
 * | `{/}` | basename | `file.tar.gz` |
 * | `{//}` | dirname | `dir.d` |
 * | `{/.}` | basename without extension | `file.tar` |
 * | `{#}` | the job's sequence number (1-based) | `1` |
 * | `{%}` | the job's slot number (1..jobs) | `1` |
 *
 * The path forms follow parallel's definitions exactly: `{.}` is `s:\.[^/.]+$::`, `{/}` is
 * `s:.*\/::`, `{//}` is Perl's File::Basename `dirname` (POSIX dirname(1)), `{/.}` is `{/}` then
 * `{.}`.
 */

/** What a job's placeholders expand to. */
export interface JobVars {
  /** The input line (without its terminator). */
  line: string;
  /** Sequence number, 1-based, in input order. */
  seq: number;
  /** Slot number: the lowest number (from 1) not used by another unfinished job of this map. */
  slot: number;
}

/** Every placeholder, longest first where they share a prefix. */
export const PLACEHOLDERS = ["{}", "{.}", "{/}", "{//}", "{/.}", "{#}", "{%}"] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const PATTERN = /\{(?:\/\/|\/\.|\/|\.|#|%)?\}/g;

/** `{.}`: the line without its extension (a last `.xxx` in the last path component). */
export function removeExtension(s: string): string {
  return s.replace(/\.[^/.]+$/, "");
}

/** `{/}`: everything after the last `/` (empty for a trailing slash). */
export function basename(s: string): string {
  return s.replace(/^[\s\S]*\//, "");
}

/**
 * `{//}`: the directory part, like dirname(1) and Perl's File::Basename::dirname: trailing
 * slashes are ignored, "." when there is no slash, "/" for the root.
 */
export function dirname(s: string): string {
  const split = (p: string): [dir: string, base: string] => {
    const i = p.lastIndexOf("/");
    return i < 0 ? ["./", p] : [p.slice(0, i + 1), p.slice(i + 1)];
  };
  // s{(.)/*\z}{$1}s: drop trailing slashes, but keep a lone "/".
  const strip = (d: string): string => d.replace(/([\s\S])\/*$/, "$1");
  let [dir, base] = split(s);
  dir = strip(dir);
  if (base === "") {
    [dir] = split(dir);
    dir = strip(dir);
  }
  return dir;
}

/** The value of one placeholder. */
export function placeholderValue(p: Placeholder, v: JobVars): string {
  switch (p) {
    case "{}":
      return v.line;
    case "{.}":
      return removeExtension(v.line);
    case "{/}":
      return basename(v.line);
    case "{//}":
      return dirname(v.line);
    case "{/.}":
      return removeExtension(basename(v.line));
    case "{#}":
      return String(v.seq);
    case "{%}":
      return String(v.slot);
  }
}

/** Does this word hold a placeholder? */
export function hasPlaceholder(word: string): boolean {
  PATTERN.lastIndex = 0;
  return PATTERN.test(word);
}

/** Replace every placeholder in `word`; `quote` is applied to each value (shell mode). */
export function expandWord(word: string, v: JobVars, quote: (s: string) => string = (s) => s): string {
  return word.replace(PATTERN, (m) => {
    const p = m as Placeholder;
    // Numbers need no quoting; quoting them anyway would be harmless but noisy.
    return p === "{#}" || p === "{%}" ? placeholderValue(p, v) : quote(placeholderValue(p, v));
  });
}

/** Quote a word for a POSIX shell: as is when it is safe, else in single quotes. */
export function shellQuote(s: string): string {
  if (s === "") return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * A word for display (joblog, dry run, job names): like {@link shellQuote}, but control
 * characters (a tab or newline in a line) use bash's `$'...'` form so the result stays one line.
 */
export function displayQuote(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[\x00-\x1f\x7f]/.test(s)) return shellQuote(s);
  const body = s.replace(/[\\'\x00-\x1f\x7f]/g, (c) => {
    switch (c) {
      case "\\":
        return "\\\\";
      case "'":
        return "\\'";
      case "\n":
        return "\\n";
      case "\t":
        return "\\t";
      case "\r":
        return "\\r";
      default:
        return `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`;
    }
  });
  return `$'${body}'`;
}

/** The command of one job, as run and as shown. */
export interface JobCommand {
  argv: string[];
  /** One line for humans and the joblog (the shell script itself with --shell). */
  display: string;
}

/**
 * Build a job's argv from the template. Without `shell`, each template word is one argv word
 * with placeholders replaced (no quoting: a line with spaces stays one word); when no word holds
 * a placeholder, the line is appended as one more word. With `shell`, the words are joined with
 * spaces into a script run by `sh -c`, each replaced value single-quoted (the line is appended,
 * quoted, when there is no placeholder).
 */
export function buildCommand(template: readonly string[], v: JobVars, o: { shell?: boolean } = {}): JobCommand {
  const any = template.some(hasPlaceholder);
  if (o.shell) {
    const words = template.map((w) => expandWord(w, v, shellQuote));
    if (!any) words.push(shellQuote(v.line));
    const script = words.join(" ");
    return { argv: ["sh", "-c", script], display: script };
  }
  const argv = template.map((w) => expandWord(w, v));
  if (!any) argv.push(v.line);
  return { argv, display: argv.map(displayQuote).join(" ") };
}
