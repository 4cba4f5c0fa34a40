import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/platform/config.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import {
  acquireDataDirLock,
  DataDirLockedError,
  processStartTime,
  readLockHolder,
} from '../../src/platform/db/lock.ts';
import { freePort, killStrayServers, ROOT, spawnServer, submitForm } from '../support/process.ts';

// Process states and start times come from /proc: Linux, where the containers run.
const linux = fs.existsSync('/proc/self/stat');
const embedded = !process.env.TEST_DATABASE_URL;

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  killStrayServers();
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-lock-'));
  dirs.push(dir);
  return dir;
}

interface Started {
  child: ChildProcess;
  output(): string;
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<string>;
}

function start(command: string, args: string[], env: Record<string, string> = {}): Started {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return {
    child,
    output: () => output,
    async waitFor(text, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = output.match(text);
        if (match) return match[0];
        if (Date.now() > deadline) throw new Error(`waited for ${text}:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/** Starts args under a parent that never reaps it; answers the child's pid. */
async function startUnreaped(args: string[], env: Record<string, string> = {}) {
  const parent = start('sh', [path.join(ROOT, 'test/support/unreaped-parent.sh'), ...args], env);
  const pid = Number(await parent.waitFor(/^\d+/));
  return { parent, pid };
}

function holdLock(dir: string, ...flags: string[]) {
  return startUnreaped([
    process.execPath,
    '--import',
    'tsx',
    'test/support/lock-holder.ts',
    dir,
    ...flags,
  ]);
}

function state(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
  } catch {
    return undefined;
  }
}

async function untilZombie(pid: number): Promise<void> {
  for (let i = 0; i < 500 && state(pid) !== 'Z'; i++) await new Promise((r) => setTimeout(r, 20));
  expect(state(pid)).toBe('Z');
}

function writeLock(dir: string, holder: object): void {
  fs.writeFileSync(path.join(dir, 'hub.lock'), JSON.stringify(holder));
}

describe.runIf(linux)('the embedded database lock', () => {
  it('takes over from a holder killed with -9 that is still a zombie (no socket to ask)', async () => {
    const dir = dataDir();
    const { parent, pid } = await holdLock(dir, '--no-socket');
    await parent.waitFor('holding');
    await expect(acquireDataDirLock(dir, '', { waitMs: 200 })).rejects.toBeInstanceOf(
      DataDirLockedError,
    );
    expect((await readLockHolder(dir))?.pid).toBe(pid);

    process.kill(pid, 'SIGKILL');
    await untilZombie(pid);
    expect(await readLockHolder(dir)).toBeUndefined();
    const started = Date.now();
    const lock = await acquireDataDirLock(dir, '', { waitMs: 0 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'hub.lock'), 'utf8'))).toMatchObject({
      pid: process.pid,
      startTime: processStartTime(process.pid),
    });
    lock.release();
    expect(fs.existsSync(path.join(dir, 'hub.lock'))).toBe(false);
    parent.child.kill('SIGKILL');
  }, 60_000);

  it('counts a holder whose start time differs from the recorded one (a reused pid) as dead', async () => {
    const dir = dataDir();
    const other = start('sleep', ['60']); // a live process that did not write the lock
    const pid = other.child.pid!;
    const startTime = processStartTime(pid)!;
    expect(startTime).toMatch(/^\d+$/);

    writeLock(dir, { pid, socketPath: '', startTime });
    await expect(acquireDataDirLock(dir, '', { waitMs: 0 })).rejects.toBeInstanceOf(
      DataDirLockedError,
    );
    writeLock(dir, { pid, socketPath: '', startTime: String(Number(startTime) - 1) });
    expect(await readLockHolder(dir)).toBeUndefined();
    (await acquireDataDirLock(dir, '', { waitMs: 0 })).release();

    // This very process's pid in a lock written by an earlier one (a container restarted).
    writeLock(dir, { pid: process.pid, socketPath: '', startTime: '1' });
    (await acquireDataDirLock(dir, '', { waitMs: 0 })).release();
    other.child.kill('SIGKILL');
  });

  it('counts a holder whose socket no longer answers as dead, and one that answers as alive', async () => {
    const dir = dataDir();
    const { parent, pid } = await holdLock(dir);
    await parent.waitFor('holding');
    const socketPath = path.join(dir, 'holder.sock');
    const other = start('sleep', ['60']);
    // A lock without a start time (as older versions wrote), naming a live process.
    writeLock(dir, { pid: other.child.pid, socketPath });
    await expect(acquireDataDirLock(dir, '', { waitMs: 0 })).rejects.toBeInstanceOf(
      DataDirLockedError,
    );
    process.kill(pid, 'SIGKILL');
    await untilZombie(pid);
    expect(fs.existsSync(socketPath)).toBe(true); // left behind, nobody listening
    expect(await readLockHolder(dir)).toBeUndefined();
    (await acquireDataDirLock(dir, '', { waitMs: 0 })).release();
    parent.child.kill('SIGKILL');
    other.child.kill('SIGKILL');
  }, 60_000);

  it('waits a moment for a dying holder before refusing', async () => {
    const dir = dataDir();
    const holder = start(process.execPath, ['--import', 'tsx', 'test/support/lock-holder.ts', dir]);
    await holder.waitFor('holding');
    setTimeout(() => holder.child.kill('SIGTERM'), 500);
    const lock = await acquireDataDirLock(dir, '', { waitMs: 10_000 });
    lock.release();
  }, 60_000);
});

describe.runIf(linux && embedded)('a server killed with -9', () => {
  it('starts again at once while the dead one is still a zombie, with its acknowledged writes', async () => {
    const DATA_DIR = dataDir();
    const env = {
      DATA_DIR,
      PORT: String(await freePort()),
      SAMPLE_CONTENT: 'off',
      LOG_LEVEL: 'info',
    };
    const { parent, pid } = await startUnreaped([process.execPath, 'scripts/start.mjs'], env);
    await parent.waitFor('is running at', 120_000);
    const url = `http://127.0.0.1:${env.PORT}`;
    expect((await submitForm(url, '/login', { email: 'crash@example.org' })).status).toBe(200);

    process.kill(pid, 'SIGKILL');
    await untilZombie(pid);
    const second = await spawnServer(env, 120_000);
    expect(second.output()).not.toContain('in use by another');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    parent.child.kill('SIGKILL');

    const handle = await openDatabase(parseConfig({ DATA_DIR }));
    try {
      const mail = await handle.db.selectFrom('mail_messages').select('to_address').execute();
      expect(mail.map((m) => m.to_address)).toContain('crash@example.org');
    } finally {
      await handle.close();
    }
  }, 360_000);
});
