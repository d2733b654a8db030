import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect, listen, type Listener, type Peer } from "@mrc/rpc";
import { MailboxHub } from "./hub.js";
import { MailboxRouter } from "./router.js";
import { defaultMeshDial } from "./mesh.js";
import type { QueueLimits } from "./mailbox.js";
import type { DoorLimits } from "./door.js";

/** Options of {@link startCluster}. */
export interface ClusterOptions {
  /** Number of target hubs (default 2). */
  hubs?: number;
  /** Let targets link directly (default true); false: every remote message goes through the head. */
  direct?: boolean;
  queue?: Partial<QueueLimits>;
  door?: Partial<DoorLimits>;
  homeId?: string;
}

/** One target of the harness: its hub, its listener URL and its end of the head link. */
export interface HarnessTarget {
  hub: MailboxHub;
  url: string;
  /** The hub's side of the head link (what a Session would hold). */
  headLink: Peer;
}

/** A head with a router and N target hubs, linked by real ws on 127.0.0.1. */
export interface TestCluster {
  /** The head's router (a new one after {@link TestCluster.restartHead}). */
  router: MailboxRouter;
  targets: HarnessTarget[];
  /** Frames (calls and notifications) sent on every link so far. */
  readonly linkFrames: number;
  /** Open a job's door on target `i` (address allocated unless given). */
  startJob(i: number, addr?: string): Promise<{ addr: string; path: string }>;
  /** End a job on target `i`. */
  endJob(i: number, addr: string): Promise<void>;
  /** Close the head's link to target `i` (the target and its jobs stay). */
  unlink(i: number): Promise<void>;
  /** Link the head to target `i` again (after {@link unlink}). */
  relink(i: number): Promise<void>;
  /** A restarted head: every link closed, a new router with the same home id, every target linked again. */
  restartHead(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Start the harness: what the lead's integration does in TargetRunner/Session (hub, uplinks,
 * mesh peers, doors) and in the head (router.addTarget per link), without launching guests.
 * Harness simplification: the head token doubles as the mesh token, and the listener tells mesh
 * links from head links by the dialer's role (the runner uses the matched token instead).
 */
export async function startCluster(o: ClusterOptions = {}): Promise<TestCluster> {
  const token = "cluster-test-token";
  const dir = mkdtempSync(join(tmpdir(), "mrc-mbox-"));
  let frames = 0;
  const count = (p: Peer): Peer => {
    const call = p.call.bind(p);
    const notify = p.notify.bind(p);
    p.call = ((m: string, params?: unknown, opts?: object) => (frames++, call(m, params, opts))) as Peer["call"];
    p.notify = ((m: string, params?: unknown) => (frames++, notify(m, params))) as Peer["notify"];
    return p;
  };
  let router = new MailboxRouter({ meshToken: token, ...(o.homeId ? { homeId: o.homeId } : {}) });
  const listeners: Listener[] = [];
  const heads: Array<Peer | undefined> = [];
  const targets: HarnessTarget[] = [];
  const gotHeads: Array<(p: Peer) => void> = [];
  /** Link the head (the current router) to target `i`; resolves once the hub has its side. */
  const link = async (i: number): Promise<void> => {
    const t = targets[i]!;
    const hubSide = new Promise<Peer>((r) => (gotHeads[i] = r));
    const head = count(await connect(t.url, { token, info: { name: "test-head", role: "head" } }));
    heads[i] = head;
    // An unreachable URL (port 9, refused) forces the head path.
    await router.addTarget(head, o.direct === false ? "ws://127.0.0.1:9" : t.url);
    t.headLink = await hubSide;
  };
  const unlink = async (i: number): Promise<void> => {
    const head = heads[i];
    heads[i] = undefined;
    if (!head) return;
    const closed = Promise.all([new Promise((r) => head.once("close", r)), new Promise((r) => targets[i]!.headLink.once("close", r))]);
    head.close("head link dropped (test)");
    await closed;
  };
  for (let i = 0; i < (o.hubs ?? 2); i++) {
    const hub = new MailboxHub({
      dir,
      dial: (url, tok, id) => defaultMeshDial(url, tok, id).then(count),
      ...(o.queue ? { queue: o.queue } : {}),
      ...(o.door ? { door: o.door } : {}),
    });
    const l = await listen({
      token,
      onPeer: (peer) => {
        count(peer);
        if (peer.remoteInfo.role === "head") {
          hub.addUplink(peer);
          gotHeads[i]?.(peer);
        } else hub.addMeshPeer(peer);
      },
    });
    listeners.push(l);
    targets.push({ hub, url: `ws://127.0.0.1:${l.port}`, headLink: undefined as unknown as Peer });
    await link(i);
  }
  return {
    get router() {
      return router;
    },
    targets,
    unlink,
    relink: link,
    async restartHead() {
      for (let i = 0; i < targets.length; i++) await unlink(i);
      router = new MailboxRouter({ meshToken: token, homeId: router.homeId });
      for (let i = 0; i < targets.length; i++) await link(i);
    },
    get linkFrames() {
      return frames;
    },
    async startJob(i, addr) {
      const a = addr ?? router.allocate();
      const t = targets[i]!;
      const { path } = await t.hub.openDoor({ addr: a, via: t.headLink });
      return { addr: a, path };
    },
    async endJob(i, addr) {
      await targets[i]!.hub.closeDoor(addr);
    },
    async close() {
      await Promise.all(targets.map((t) => t.hub.close()));
      for (const h of heads) h?.close("test over");
      await Promise.all(listeners.map((l) => l.close()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
