import type { Transport } from "./transport.js";

class MemoryEnd implements Transport {
  other: MemoryEnd | undefined;
  closed = false;
  onMessage: (data: Uint8Array) => void = () => {};
  onClose: (code: number, reason: string) => void = () => {};
  onDrain: () => void = () => {};
  get bufferedAmount(): number {
    return 0;
  }
  send(data: Uint8Array): void {
    // Copy: the sender may reuse its buffer, as a socket would allow.
    this.deliver(Uint8Array.prototype.slice.call(data));
  }
  sendParts(parts: readonly Uint8Array[], released: () => void): void {
    this.deliver(Buffer.concat(parts)); // a copy: the parts are free at once
    released();
  }
  private deliver(copy: Uint8Array): void {
    const o = this.other;
    if (this.closed || o === undefined) return;
    queueMicrotask(() => {
      if (!o.closed) o.onMessage(copy);
    });
  }
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    const o = this.other;
    queueMicrotask(() => this.onClose(code, reason));
    if (o !== undefined && !o.closed) {
      o.closed = true;
      queueMicrotask(() => o.onClose(code, reason));
    }
  }
}

/** Two connected in-memory transports (for tests and for an embedded target in one process). */
export function memoryPair(): [Transport, Transport] {
  const a = new MemoryEnd();
  const b = new MemoryEnd();
  a.other = b;
  b.other = a;
  return [a, b];
}
