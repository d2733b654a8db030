import { Packr, Unpackr } from "msgpackr";
import { RpcError, isWireError, type WireError } from "./errors.js";

/**
 * Frame kinds. Every frame is a msgpack array whose first element is one of these numbers.
 * The wire shape of each is written beside it; docs/protocol.md is the reference.
 */
export const F = {
  /** [0, {v, proto, nonce: bin32, features: string[], info}]  listener → dialer, first frame */
  HELLO: 0,
  /** [1, {v, nonce: bin32, mac: bin32, features: string[], info, limits}]  dialer → listener */
  AUTH: 1,
  /** [2, {mac: bin32, features: string[], info, limits}]  listener → dialer: authenticated */
  WELCOME: 2,
  /** [3, {code, message}]  either side during the handshake: refused; the link then closes */
  REJECT: 3,
  /** [10, id: uint, method: string, params, timeoutMs: uint (0 = none)] */
  CALL: 10,
  /** [11, id, result] */
  RESULT: 11,
  /** [12, id, {code, message, errno?}] */
  ERROR: 12,
  /** [13, method: string, params]  no reply */
  NOTIFY: 13,
  /** [14, id]  caller gives up on call id; the handler's AbortSignal fires */
  CANCEL: 14,
  /** [20, sid: uint, bytes: bin]  stream data, counted against credit */
  DATA: 20,
  /** [21, sid, bytes: uint]  reader grants the writer more credit */
  CREDIT: 21,
  /** [22, sid]  writer finished; no more DATA on sid */
  END: 22,
  /** [23, sid, {code, message}]  either side aborts the stream */
  RESET: 23,
  /** [30, {code, message}]  orderly close with a reason; the link then closes */
  GOODBYE: 30,
} as const;

/** A decoded frame. */
export type Frame =
  | { t: typeof F.HELLO; hello: Hello }
  | { t: typeof F.AUTH; auth: Auth }
  | { t: typeof F.WELCOME; welcome: Welcome }
  | { t: typeof F.REJECT; error: WireError }
  | { t: typeof F.CALL; id: number; method: string; params: unknown; timeoutMs: number }
  | { t: typeof F.RESULT; id: number; result: unknown }
  | { t: typeof F.ERROR; id: number; error: WireError }
  | { t: typeof F.NOTIFY; method: string; params: unknown }
  | { t: typeof F.CANCEL; id: number }
  | { t: typeof F.DATA; sid: number; data: Uint8Array }
  | { t: typeof F.CREDIT; sid: number; bytes: number }
  | { t: typeof F.END; sid: number }
  | { t: typeof F.RESET; sid: number; error: WireError }
  | { t: typeof F.GOODBYE; error: WireError };

/** Info a peer tells about itself in the handshake. */
export interface PeerInfo {
  /** Free-form name of the node ("head@host", "target@host"). */
  name?: string;
  /** Role on this link: "head", "target", "client". */
  role?: string;
  /** Software version. */
  version?: string;
}

/** First frame of the listener. */
export interface Hello {
  v: number;
  proto: string;
  nonce: Uint8Array;
  features: string[];
  info: PeerInfo;
}
/** Dialer's proof of the token. */
export interface Auth {
  v: number;
  nonce: Uint8Array;
  mac: Uint8Array;
  features: string[];
  info: PeerInfo;
  limits: { maxInFlight: number; streamWindow: number; maxFrameBytes: number };
}
/** Listener's acceptance and proof of the token. */
export interface Welcome {
  mac: Uint8Array;
  features: string[];
  info: PeerInfo;
  limits: { maxInFlight: number; streamWindow: number; maxFrameBytes: number };
}

const packr = new Packr({ useRecords: false, moreTypes: false, variableMapSize: true });
const unpackr = new Unpackr({ useRecords: false, mapsAsObjects: true, moreTypes: false });

/** Encode one frame given as its wire array. */
export function encode(arr: unknown[]): Buffer {
  return packr.pack(arr);
}

/**
 * The head of a CALL frame whose params' `data` (`tailBytes` long) travels as a binary tail:
 * `[CALL, id, method, params, timeoutMs, bin]`, with everything but the bin's bytes encoded here.
 * Sent head then tail as the two parts of one message, the data is never copied into the frame;
 * the receiver's decoder puts the bin back as `params.data`. The other side must have announced
 * {@link CALL_TAIL_FEATURE}.
 */
export function encodeCallHead(id: number, method: string, params: Record<string, unknown>, timeoutMs: number, tailBytes: number): Buffer {
  const five = packr.pack([F.CALL, id, method, params, timeoutMs]);
  const out = Buffer.allocUnsafe(five.length + 5);
  out.set(five, 0);
  out[0] = 0x96; // fixarray of 6 (msgpack wrote 0x95: fixarray of 5)
  out[five.length] = 0xc6; // bin 32
  out.writeUInt32BE(tailBytes, five.length + 1);
  return out;
}

/** Handshake feature: this side decodes CALL frames with a binary tail (see encodeCallHead). */
export const CALL_TAIL_FEATURE = "rpc.call-tail";

const isUint = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
const isStr = (v: unknown): v is string => typeof v === "string";
const isBin = (v: unknown): v is Uint8Array => v instanceof Uint8Array;
const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Uint8Array);
const isStrList = (v: unknown): v is string[] => Array.isArray(v) && v.length <= 64 && v.every(isStr);
const isInfo = (v: unknown): v is PeerInfo =>
  isObj(v) && ["name", "role", "version"].every((k) => v[k] === undefined || isStr(v[k]));

function bad(message: string): never {
  throw new RpcError("BAD_FRAME", message);
}

/** Per-kind shape checks: given the array, return the typed frame or throw BAD_FRAME. */
const DECODERS: Record<number, (a: unknown[]) => Frame> = {
  [F.HELLO]: (a) => {
    const h = a[1];
    if (!isObj(h) || !isUint(h.v) || !isStr(h.proto) || !isBin(h.nonce) || !isStrList(h.features) || !isInfo(h.info)) bad("malformed HELLO");
    return { t: F.HELLO, hello: h as unknown as Hello };
  },
  [F.AUTH]: (a) => {
    const h = a[1];
    if (!isObj(h) || !isUint(h.v) || !isBin(h.nonce) || !isBin(h.mac) || !isStrList(h.features) || !isInfo(h.info) || !isObj(h.limits)) bad("malformed AUTH");
    const l = h.limits;
    if (!isUint(l.maxInFlight) || !isUint(l.streamWindow) || !isUint(l.maxFrameBytes)) bad("malformed AUTH limits");
    return { t: F.AUTH, auth: h as unknown as Auth };
  },
  [F.WELCOME]: (a) => {
    const h = a[1];
    if (!isObj(h) || !isBin(h.mac) || !isStrList(h.features) || !isInfo(h.info) || !isObj(h.limits)) bad("malformed WELCOME");
    const l = h.limits;
    if (!isUint(l.maxInFlight) || !isUint(l.streamWindow) || !isUint(l.maxFrameBytes)) bad("malformed WELCOME limits");
    return { t: F.WELCOME, welcome: h as unknown as Welcome };
  },
  [F.REJECT]: (a) => (isWireError(a[1]) ? { t: F.REJECT, error: a[1] } : bad("malformed REJECT")),
  [F.CALL]: (a) => {
    if ((a.length !== 5 && a.length !== 6) || !isUint(a[1]) || !isStr(a[2]) || !isUint(a[4])) bad("malformed CALL");
    if (a.length === 6) {
      // A binary tail (encodeCallHead): it is the params' `data`.
      const params = a[3];
      if (!isObj(params) || !isBin(a[5]) || params.data !== undefined) bad("malformed CALL tail");
      params.data = a[5];
    }
    return { t: F.CALL, id: a[1], method: a[2], params: a[3], timeoutMs: a[4] };
  },
  [F.RESULT]: (a) => (a.length === 3 && isUint(a[1]) ? { t: F.RESULT, id: a[1], result: a[2] } : bad("malformed RESULT")),
  [F.ERROR]: (a) => (a.length === 3 && isUint(a[1]) && isWireError(a[2]) ? { t: F.ERROR, id: a[1], error: a[2] } : bad("malformed ERROR")),
  [F.NOTIFY]: (a) => (a.length === 3 && isStr(a[1]) ? { t: F.NOTIFY, method: a[1], params: a[2] } : bad("malformed NOTIFY")),
  [F.CANCEL]: (a) => (a.length === 2 && isUint(a[1]) ? { t: F.CANCEL, id: a[1] } : bad("malformed CANCEL")),
  [F.DATA]: (a) => (a.length === 3 && isUint(a[1]) && isBin(a[2]) ? { t: F.DATA, sid: a[1], data: a[2] } : bad("malformed DATA")),
  [F.CREDIT]: (a) => (a.length === 3 && isUint(a[1]) && isUint(a[2]) ? { t: F.CREDIT, sid: a[1], bytes: a[2] } : bad("malformed CREDIT")),
  [F.END]: (a) => (a.length === 2 && isUint(a[1]) ? { t: F.END, sid: a[1] } : bad("malformed END")),
  [F.RESET]: (a) => (a.length === 3 && isUint(a[1]) && isWireError(a[2]) ? { t: F.RESET, sid: a[1], error: a[2] } : bad("malformed RESET")),
  [F.GOODBYE]: (a) => (isWireError(a[1]) ? { t: F.GOODBYE, error: a[1] } : bad("malformed GOODBYE")),
};

/**
 * Decode and validate one frame. Throws RpcError BAD_FRAME (malformed msgpack, unknown kind,
 * wrong shape) or LIMIT (too large); the caller closes the link with that reason.
 */
export function decode(buf: Uint8Array, maxFrameBytes: number): Frame {
  if (buf.byteLength > maxFrameBytes) {
    throw new RpcError("LIMIT", `frame of ${buf.byteLength} bytes exceeds the limit of ${maxFrameBytes}`);
  }
  let arr: unknown;
  try {
    arr = unpackr.unpack(buf);
  } catch (err) {
    bad(`undecodable frame: ${(err as Error).message}`);
  }
  if (!Array.isArray(arr) || arr.length < 2 || typeof arr[0] !== "number") bad("a frame must be an array [kind, ...]");
  const dec = DECODERS[arr[0]];
  if (dec === undefined) bad(`unknown frame kind ${String(arr[0])}`);
  return dec(arr);
}

/** Longest header of a DATA frame: fixarray, kind, uint32 sid, bin32 length. */
export const DATA_HEADER_MAX = 12;

/** Longest header of a RESULT frame with a binary result: fixarray, kind, 9-byte id, bin32 length. */
export const RESULT_HEADER_MAX = 16;

/**
 * Write the msgpack header of a RESULT frame `[11, id, bin(len)]` so that it ends at `end` in
 * `out` (the payload follows it there); returns where it starts. Header and payload together are
 * plain msgpack, decoded by {@link decode} like any frame.
 */
export function writeResultHeader(out: Buffer, end: number, id: number, len: number): number {
  if (!(Number.isSafeInteger(id) && id >= 0)) throw new RpcError("LIMIT", `call id ${id} out of range`);
  if (!(len >= 0 && len < 2 ** 32)) throw new RpcError("LIMIT", `binary result of ${len} bytes is too long`);
  const idBytes = id < 128 ? 1 : id < 256 ? 2 : id < 65536 ? 3 : id < 2 ** 32 ? 5 : 9;
  let p = end - (2 + idBytes + 5);
  if (p < 0) throw new RpcError("INTERNAL", "no room for the RESULT header");
  const start = p;
  out[p++] = 0x93; // fixarray of 3
  out[p++] = F.RESULT; // positive fixint
  if (id < 128) out[p++] = id;
  else if (id < 256) (out[p++] = 0xcc), (out[p++] = id);
  else if (id < 65536) (out[p++] = 0xcd), out.writeUInt16BE(id, p), (p += 2);
  else if (id < 2 ** 32) (out[p++] = 0xce), out.writeUInt32BE(id, p), (p += 4);
  else (out[p++] = 0xcb), out.writeDoubleBE(id, p), (p += 8); // as msgpackr writes such numbers
  out[p++] = 0xc6; // bin 32
  out.writeUInt32BE(len, p);
  return start;
}

/** Length of the header of a DATA frame on stream `sid`. */
export function dataHeaderLength(sid: number): number {
  if (!(sid >= 0 && sid < 2 ** 32)) throw new RpcError("LIMIT", `stream id ${sid} out of range`);
  return 2 + (sid < 128 ? 1 : sid < 256 ? 2 : sid < 65536 ? 3 : 5) + 5;
}

/**
 * Write the msgpack header of a DATA frame `[20, sid, bin(len)]` at the start of `out` (the
 * payload follows it); returns the header's length. Header and payload together are plain
 * msgpack, decoded by {@link decode} like any frame.
 */
export function writeDataHeader(out: Buffer, sid: number, len: number): number {
  const head = dataHeaderLength(sid);
  out[0] = 0x93; // fixarray of 3
  out[1] = F.DATA; // positive fixint 20
  let p = 2;
  if (sid < 128) out[p++] = sid;
  else if (sid < 256) (out[p++] = 0xcc), (out[p++] = sid);
  else if (sid < 65536) (out[p++] = 0xcd), out.writeUInt16BE(sid, p), (p += 2);
  else (out[p++] = 0xce), out.writeUInt32BE(sid, p), (p += 4);
  out[p++] = 0xc6; // bin 32
  out.writeUInt32BE(len, p);
  return head;
}

/**
 * Encode a DATA frame `[20, sid, bin]` by hand: one allocation and one copy of the payload
 * (the generic encoder would copy it into its own buffer first).
 */
export function encodeData(sid: number, data: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(dataHeaderLength(sid) + data.byteLength);
  out.set(data, writeDataHeader(out, sid, data.byteLength));
  return out;
}
