/**
 * Which variables of the head's environment travel with a job, and why some do not.
 * A variable is dropped when its value only makes sense on the head (sockets, sessions, display),
 * is a secret of mrc itself, or is set by the target for the guest.
 */
export const ENV_NOT_SENT: Readonly<Record<string, string>> = Object.freeze({
  MRC_TOKEN: "mrc's own secret: never leaves the head",
  SSH_AUTH_SOCK: "a unix socket on the head; meaningless on the target",
  SSH_AGENT_PID: "a process on the head",
  SSH_CLIENT: "describes the head's own ssh login",
  SSH_CONNECTION: "describes the head's own ssh login",
  SSH_TTY: "a terminal device on the head",
  DISPLAY: "an X server reachable from the head only",
  WAYLAND_DISPLAY: "a compositor socket on the head",
  XAUTHORITY: "credentials for the head's X server",
  DBUS_SESSION_BUS_ADDRESS: "the head's session bus socket",
  XDG_RUNTIME_DIR: "a per-login directory on the head",
  XDG_SESSION_ID: "a login session on the head",
  XDG_SESSION_TYPE: "a login session on the head",
  XDG_SESSION_CLASS: "a login session on the head",
  TMUX: "a tmux server socket on the head",
  TMUX_PANE: "a tmux pane on the head",
  STY: "a screen session on the head",
  WINDOWID: "a window on the head's display",
  TERM: "sent only with a tty (the terminal type of this side); without one the guest has no TERM, as with ssh",
  COLUMNS: "the tty size travels separately and follows resizes",
  LINES: "the tty size travels separately and follows resizes",
  SHLVL: "the shell nesting level of the head's shell",
  _: "the head shell's last command",
  OLDPWD: "the head shell's previous directory",
  PWD: "set to the job's cwd",
  HOSTNAME: "the target has its own",
  MRC_ADDR: "set by mrc for each job",
  MRC_MAILBOX: "set by mrc for each job",
  MRC_JOB: "set by mrc for each job",
});

/** The environment to send: `env` minus {@link ENV_NOT_SENT}, with PWD set to `cwd`. */
export function jobEnvironment(env: NodeJS.ProcessEnv, cwd: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined || k in ENV_NOT_SENT || k.includes("=") || k.length === 0) continue;
    out[k] = v;
  }
  out.PWD = cwd;
  return out;
}
