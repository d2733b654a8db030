/** Limits every link enforces on what its peer sends (see docs/protocol.md, "Limits"). */
export interface Limits {
  /** Largest encoded frame accepted, in bytes. Larger frames close the link. */
  maxFrameBytes: number;
  /** Calls the peer may have in flight to us at once; beyond it the link closes. */
  maxInFlight: number;
  /** Streams that may exist at once on a link (open or with unread data). */
  maxStreams: number;
  /** Bytes a stream writer may send ahead of the reader's consumption (initial credit). */
  streamWindow: number;
  /** Time allowed for the handshake, ms. */
  handshakeTimeoutMs: number;
  /** Interval of keepalive pings on network links, ms; a peer silent for 3 intervals is dead. */
  keepaliveMs: number;
}

/** Defaults: 17 MiB frames (16 MiB payload plus headers), 4096 calls, 4096 streams, 4 MiB window. */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxFrameBytes: 17 * 1024 * 1024,
  maxInFlight: 4096,
  maxStreams: 4096,
  streamWindow: 4 * 1024 * 1024,
  handshakeTimeoutMs: 10_000,
  keepaliveMs: 2_000,
});

/** Largest payload the RPC layer puts in one DATA frame. */
export const MAX_DATA_CHUNK = 1024 * 1024;
