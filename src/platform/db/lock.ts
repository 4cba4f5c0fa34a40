import fs from 'node:fs';
import path from 'node:path';

export interface DataDirLock {
  release(): void;
}

export interface LockHolder {
  pid: number;
  socketPath: string;
}

const LOCK_FILE = 'hub.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Who holds the embedded database under dataDir now, if a live process does. */
export function readLockHolder(dataDir: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')) as LockHolder;
    return isAlive(holder.pid) && holder.pid !== process.pid ? holder : undefined;
  } catch {
    return undefined;
  }
}

export class DataDirLockedError extends Error {
  constructor(readonly holder: LockHolder) {
    super(`the embedded database is in use by process ${holder.pid}`);
    this.name = 'DataDirLockedError';
  }
}

/**
 * Takes the embedded database for this process. The lock file is created exclusively; a lock
 * left by a process that died (kill -9) is taken over, a live holder's is refused.
 */
export function acquireDataDirLock(dataDir: string, socketPath: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, JSON.stringify({ pid: process.pid, socketPath } satisfies LockHolder));
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      return {
        release() {
          try {
            const holder = JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
            if (holder.pid === process.pid) fs.unlinkSync(file);
          } catch {
            // already gone
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: LockHolder | undefined;
      try {
        holder = JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
      } catch {
        holder = undefined; // half-written by a process that died while writing it
      }
      if (holder && isAlive(holder.pid)) throw new DataDirLockedError(holder);
      if (!holder && Date.now() - fs.statSync(file).mtimeMs < 5000) {
        // Another process is writing its lock this very moment.
        throw new DataDirLockedError({ pid: 0, socketPath: '' });
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`could not take the lock ${file}`);
}
