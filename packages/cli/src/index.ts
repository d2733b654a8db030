export { runCommand, MrcFailure, FORWARD, type RunCommandOptions } from "./run-command.js";
export { serveTarget } from "./target-command.js";
export { targetUrl, listenAddress, DEFAULT_PORT } from "./address.js";
export { loadToken } from "./token.js";
export { RawTerminal, terminalSize } from "./terminal.js";
