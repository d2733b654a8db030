/** fuse_setattr_in → SetAttrIn: FATTR_* valid bits decide which fields are present. */
import type { SetAttrIn, SetTime } from "@mrc/protocol";
import { FATTR } from "../wire/constants.js";
import type { SetattrInWire } from "../wire/node-ops.js";

function time(valid: number, setBit: number, nowBit: number, sec: number, nsec: number): SetTime | undefined {
  if ((valid & nowBit) !== 0) return "now";
  if ((valid & setBit) !== 0) return { sec, nsec };
  return undefined;
}

/**
 * Translate the raw struct: MODE/UID/GID/SIZE/FH copy their field; ATIME_NOW/MTIME_NOW become
 * "now" (they come with ATIME/MTIME also set); ATIME/MTIME alone become exact times; a field whose
 * bit is clear is absent. KILL_SUIDGID (sent with HANDLE_KILLPRIV_V2 on truncates by callers
 * without CAP_FSETID and on chown of non-directories) becomes `killSuidgid: true`. CTIME is not
 * forwarded (the file system sets ctime on any change).
 */
export function setattrParams(node: number, s: SetattrInWire): SetAttrIn & { lockOwner?: string } {
  const v = s.valid;
  const p: SetAttrIn & { lockOwner?: string } = { node };
  if (v & FATTR.KILL_SUIDGID) p.killSuidgid = true;
  if (v & FATTR.FH) p.fh = s.fh;
  if (v & FATTR.MODE) p.mode = s.mode;
  if (v & FATTR.UID) p.uid = s.uid;
  if (v & FATTR.GID) p.gid = s.gid;
  if (v & FATTR.SIZE) p.size = s.size;
  const atime = time(v, FATTR.ATIME, FATTR.ATIME_NOW, s.atime, s.atimensec);
  if (atime !== undefined) p.atime = atime;
  const mtime = time(v, FATTR.MTIME, FATTR.MTIME_NOW, s.mtime, s.mtimensec);
  if (mtime !== undefined) p.mtime = mtime;
  if (v & FATTR.LOCKOWNER) p.lockOwner = s.lockOwner.toString();
  return p;
}
