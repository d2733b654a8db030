import { connect, type Peer } from "@mrc/rpc";
import { MBOX, type Location } from "./wire.js";

/** How a hub dials another target's runner (replaceable in tests). */
export type MeshDial = (url: string, token: string, hubId: string) => Promise<Peer>;

/** Default dial: an authenticated ws link, role "mbox-mesh", 3 s to connect. */
export const defaultMeshDial: MeshDial = (url, token, hubId) =>
  connect(url, { token, info: { name: hubId, role: "mbox-mesh" }, features: ["mbox"], connectTimeoutMs: 3000 });

/** After a failed dial, route through the home for this long before trying again. */
export const MESH_RETRY_MS = 10_000;

/**
 * Direct target↔target links, opened on demand, shared both ways and reused. A hub whose dial
 * fails is marked unreachable for {@link MESH_RETRY_MS}; callers then go through the home.
 */
export class Mesh {
  private readonly peers = new Map<string, Peer>();
  private readonly dialing = new Map<string, Promise<Peer | undefined>>();
  private readonly unreachable = new Map<string, number>();
  /** Dials attempted and failed (for tests and stats). */
  dials = 0;
  failures = 0;

  constructor(
    private readonly hubId: string,
    /** Installs the hub's handlers on a new mesh link (either direction). */
    private readonly install: (peer: Peer) => void,
    private readonly dial: MeshDial = defaultMeshDial,
  ) {}

  /** A link to the hub at `loc`, or undefined if it has no URL or cannot be reached now. */
  get(loc: Location, token: string | undefined): Peer | undefined | Promise<Peer | undefined> {
    const p = this.peers.get(loc.hubId);
    if (p && !p.isClosed) return p;
    if (loc.url === undefined || token === undefined) return undefined;
    const until = this.unreachable.get(loc.hubId);
    if (until !== undefined && until > Date.now()) return undefined;
    let d = this.dialing.get(loc.hubId);
    if (!d) {
      d = this.open(loc as Required<Location>, token).finally(() => this.dialing.delete(loc.hubId));
      this.dialing.set(loc.hubId, d);
    }
    return d;
  }

  /** A link the other hub dialed: learn its id from its mbox.meshHello. */
  accept(peer: Peer): void {
    this.install(peer);
    peer.handle(MBOX.meshHello, (p: { hubId?: unknown }) => {
      if (typeof p?.hubId === "string" && p.hubId.length <= 64) this.adopt(p.hubId, peer);
      return { hubId: this.hubId };
    });
  }

  /** Close every mesh link. */
  close(): void {
    for (const p of this.peers.values()) p.close("hub closing");
    this.peers.clear();
  }

  private adopt(hubId: string, peer: Peer): void {
    const old = this.peers.get(hubId);
    if (old && !old.isClosed && old !== peer) return; // keep the first; both work
    this.peers.set(hubId, peer);
    this.unreachable.delete(hubId);
    peer.once("close", () => {
      if (this.peers.get(hubId) === peer) this.peers.delete(hubId);
    });
  }

  private async open(loc: Required<Location>, token: string): Promise<Peer | undefined> {
    this.dials++;
    try {
      const peer = await this.dial(loc.url, token, this.hubId);
      this.accept(peer);
      const r = await peer.call<{ hubId?: unknown }>(MBOX.meshHello, { hubId: this.hubId }, { timeoutMs: 3000 });
      if (r?.hubId !== loc.hubId) {
        peer.close(`expected hub ${loc.hubId} at ${loc.url}, found ${String(r?.hubId)}`);
        throw new Error("wrong hub");
      }
      this.adopt(loc.hubId, peer);
      return peer;
    } catch {
      this.failures++;
      this.unreachable.set(loc.hubId, Date.now() + MESH_RETRY_MS);
      return undefined;
    }
  }
}
