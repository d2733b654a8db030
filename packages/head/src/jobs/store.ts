import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { newHomeId } from "@mrc/mailbox";
import type { JobInfo, JobSpec } from "../cluster-api.js";

/** A job as the head keeps it on disk: what the user asked, and where it got to. */
export interface JobRecord {
  info: JobInfo;
  spec: JobSpec;
  /** The job's id on its target (durable job), once started. */
  targetJobId?: string;
  /** The target's URL, for ad-hoc targets that must be re-dialed after a restart. */
  targetUrl?: string;
  /** Token of an ad-hoc target (stored 0600 with the record). */
  token?: string;
  /** Its mailbox address. */
  addr?: string;
}

/** The head's persistent identity. */
interface HomeFile {
  homeId: string;
  nextJob: number;
}

/**
 * The head daemon's state directory: `home.json` (its id, which owns its durable jobs on every
 * target, and the next job number) and `jobs/<id>/` (`job.json` plus the output log). Files are
 * written whole and renamed into place, so a crash leaves the old or the new version.
 */
export class JobStore {
  private home: HomeFile;

  constructor(readonly dir: string) {
    mkdirSync(join(dir, "jobs"), { recursive: true, mode: 0o700 });
    let home: HomeFile | undefined;
    try {
      home = JSON.parse(readFileSync(join(dir, "home.json"), "utf8")) as HomeFile;
    } catch {
      home = undefined;
    }
    this.home = home && typeof home.homeId === "string" && Number.isInteger(home.nextJob) ? home : { homeId: newHomeId(), nextJob: 1 };
    this.saveHome();
  }

  /** The id that owns this head's durable jobs (and is the home of their mailboxes). */
  get homeId(): string {
    return this.home.homeId;
  }

  /** A fresh job id ("1", "2", ...; never reused by this state directory). */
  nextId(): string {
    const id = String(this.home.nextJob++);
    this.saveHome();
    return id;
  }

  private saveHome(): void {
    atomicWrite(join(this.dir, "home.json"), JSON.stringify(this.home));
  }

  /** Directory of job `id` (its record and output log). */
  jobDir(id: string): string {
    return join(this.dir, "jobs", id);
  }

  /** Write a job's record. */
  save(rec: JobRecord): void {
    const dir = this.jobDir(rec.info.id);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    atomicWrite(join(dir, "job.json"), JSON.stringify(rec));
  }

  /** Every job record on disk, by id order. Unreadable ones are skipped. */
  loadAll(): JobRecord[] {
    const out: JobRecord[] = [];
    for (const id of readdirSync(join(this.dir, "jobs"))) {
      try {
        out.push(JSON.parse(readFileSync(join(this.jobDir(id), "job.json"), "utf8")) as JobRecord);
      } catch {
        // a job dir without a record (crash before the first save): nothing to resume
      }
    }
    return out.sort((a, b) => Number(a.info.id) - Number(b.info.id));
  }

  /** Delete a job's record and log. */
  remove(id: string): void {
    rmSync(this.jobDir(id), { recursive: true, force: true });
  }
}

function atomicWrite(path: string, data: string): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, data, { mode: 0o600 });
  renameSync(tmp, path);
}
