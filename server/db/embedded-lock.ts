// PGlite does not lock its data directory, and two processes opening it would corrupt it. This
// lock file (pid and role of the holder) makes the second opener fail with a clear message
// instead; a lock left by a process that died is taken over.
import fs from "node:fs";
import path from "node:path";

export class EmbeddedDatabaseBusyError extends Error {
  constructor(
    readonly holder: { pid: number; role: string; since: string },
    dataDir: string,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by a running Valara ${holder.role} (pid ${holder.pid}, since ${holder.since}). ` +
        `Stop it first, or point DATABASE_URL at PostgreSQL to share one database between processes.`,
    );
    this.name = "EmbeddedDatabaseBusyError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the lock for this process; returns its release function. */
export function lockEmbeddedDatabase(dataDir: string, role: string): () => void {
  const file = path.join(dataDir, "valara.lock");
  const mine = JSON.stringify({ pid: process.pid, role, since: new Date().toISOString() });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, mine, { flag: "wx" });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, "utf8") === mine) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let holder: { pid: number; role: string; since: string } | undefined;
      try {
        holder = JSON.parse(fs.readFileSync(file, "utf8"));
      } catch {
        holder = undefined;
      }
      if (holder && holder.pid !== process.pid && isAlive(holder.pid)) throw new EmbeddedDatabaseBusyError(holder, dataDir);
      // Stale (its process is gone) or unreadable: remove it and try again.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the embedded database lock ${file}`);
}
