import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface DataDirLock {
  release(): void;
}

export interface LockHolder {
  pid: number;
  socketPath: string;
  /** The holder's start time (field 22 of /proc/<pid>/stat), telling a reused pid apart. */
  startTime?: string;
  /** The kernel's boot id: a lock written before a reboot names no living process. */
  bootId?: string;
}

export interface LockOptions {
  /** How long to wait for a holder that looks alive to die or let go (ms). */
  waitMs?: number;
}

const LOCK_FILE = 'hub.lock';
const WAIT_MS = 3000;
const POLL_MS = 100;

/** The fields of /proc/<pid>/stat after the command name (field 3, the state, first). */
function procStat(pid: number): string[] | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may itself hold spaces and parentheses.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** When pid started, in clock ticks since boot (Linux); undefined where /proc is not there. */
export function processStartTime(pid: number): string | undefined {
  return procStat(pid)?.[19]; // field 22
}

function bootId(): string | undefined {
  try {
    return fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return undefined;
  }
}

function signalable(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Nobody listens on the holder's socket any more: the file is there but a connection is
 * refused. A crashed server leaves it so (a closed server removes the file, a starting one has
 * not made it yet, a busy one still accepts into its backlog), whatever the platform.
 */
function socketAbandoned(socketPath: string): Promise<boolean> {
  if (!socketPath || !fs.existsSync(socketPath)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const socket = net.connect(socketPath);
    const done = (abandoned: boolean) => {
      socket.destroy();
      resolve(abandoned);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(false));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNREFUSED'));
  });
}

/**
 * Whether the process that wrote this lock still runs. Dead: no such process, a zombie (killed
 * but not yet reaped by its parent, often PID 1 in a container), another process that got the
 * same pid (its start time or the boot differs), or a holder whose socket no longer answers.
 */
export async function holderAlive(holder: LockHolder): Promise<boolean> {
  if (holder.bootId && bootId() && holder.bootId !== bootId()) return false;
  if (!signalable(holder.pid)) return false;
  const stat = procStat(holder.pid);
  if (stat) {
    if (stat[0] === 'Z' || stat[0] === 'X' || stat[0] === 'x') return false;
    if (holder.startTime && stat[19] !== holder.startTime) return false;
  }
  return !(await socketAbandoned(holder.socketPath));
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
    return Number.isInteger(holder.pid) && holder.pid > 0 ? holder : undefined;
  } catch {
    return undefined;
  }
}

const ownStartTime = processStartTime(process.pid);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isSelf(holder: LockHolder): boolean {
  return holder.pid === process.pid && (!holder.startTime || holder.startTime === ownStartTime);
}

/** Who holds the embedded database under dataDir now, if a live process (not this one) does. */
export async function readLockHolder(dataDir: string): Promise<LockHolder | undefined> {
  const holder = readHolder(path.join(dataDir, LOCK_FILE));
  if (!holder || isSelf(holder) || !(await holderAlive(holder))) return undefined;
  return holder;
}

export class DataDirLockedError extends Error {
  constructor(readonly holder: LockHolder) {
    super(`the embedded database is in use by process ${holder.pid}`);
    this.name = 'DataDirLockedError';
  }
}

/**
 * Takes the embedded database for this process. The lock file is created exclusively and names
 * this process (pid, start time, boot); a lock left by a process that died (kill -9, even one
 * still a zombie) is taken over; a holder that looks alive is given options.waitMs to go, then
 * refused.
 */
export async function acquireDataDirLock(
  dataDir: string,
  socketPath: string,
  options: LockOptions = {},
): Promise<DataDirLock> {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const deadline = Date.now() + (options.waitMs ?? WAIT_MS);
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      const mine: LockHolder = { pid: process.pid, socketPath };
      if (ownStartTime) mine.startTime = ownStartTime;
      const boot = bootId();
      if (boot) mine.bootId = boot;
      fs.writeSync(fd, JSON.stringify(mine));
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      return {
        release() {
          const holder = readHolder(file);
          if (holder && isSelf(holder)) fs.rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(file);
      const dead = holder
        ? !(await holderAlive(holder))
        : // Half-written by a process that died while writing it, or being written this moment.
          Date.now() - mtime(file) >= 5000;
      if (dead) {
        // Only if it is still the lock judged dead, not one another starter has just written.
        if (sameHolder(readHolder(file), holder)) fs.rmSync(file, { force: true });
        continue;
      }
      if (Date.now() >= deadline || attempt > 1000) {
        throw new DataDirLockedError(holder ?? { pid: 0, socketPath: '' });
      }
      await sleep(POLL_MS);
    }
  }
}

function sameHolder(a: LockHolder | undefined, b: LockHolder | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function mtime(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0; // gone meanwhile: try again
  }
}
