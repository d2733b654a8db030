/**
 * A message transport under a Peer: ordered, reliable delivery of whole binary messages.
 * Implementations: {@link memoryPair} (tests) and {@link socketTransport} (the network).
 */
export interface Transport {
  /**
   * Queue one message. Never throws for a closed transport (the message is dropped). `sent`, if
   * given, is called once the transport no longer needs `data` (the caller may then reuse it);
   * it may never be called (link closed, or a transport that does not say).
   */
  send(data: Uint8Array, sent?: () => void): void;
  /**
   * Queue one message made of `parts`, in order, without joining them (a frame's head and a large
   * payload that lies elsewhere). `released` is called exactly once, when the transport holds no
   * reference to the parts any more: written to the OS, or dropped because the link closed.
   */
  sendParts(parts: readonly Uint8Array[], released: () => void): void;
  /** Close with a reason; `onClose` fires once, on both ends. */
  close(code: number, reason: string): void;
  /** Bytes accepted by send() but not yet handed to the OS. */
  readonly bufferedAmount: number;
  /**
   * Set by the Peer: one call per received message. `release`, when given, takes the message's
   * buffer back for a later message: call it (once) when nothing references `data` any more,
   * or never (then the buffer is simply collected).
   */
  onMessage: (data: Uint8Array, release?: () => void) => void;
  /** Set by the Peer: called once when the transport is closed, by either side or by failure. */
  onClose: (code: number, reason: string) => void;
  /** Set by the Peer: called when bufferedAmount falls back under the transport's low mark. */
  onDrain: () => void;
}

/** Bytes buffered in a network transport above which senders should wait for onDrain. */
export const WS_HIGH_WATER = 8 * 1024 * 1024;

/** Close codes used on links (WebSocket-compatible: 1000 normal, 4000+ application). */
export const CLOSE = {
  NORMAL: 1000,
  GOING_AWAY: 1001,
  TOO_BIG: 1009,
  BAD_FRAME: 4000,
  AUTH_FAILED: 4001,
  PROTOCOL: 4002,
  LIMIT: 4003,
  TIMEOUT: 4004,
  LINK_LOST: 4005,
} as const;
