import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/platform/config.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { freePort, killStrayServers, runHub, spawnServer, submitForm } from '../support/process.ts';

const dirs: string[] = [];
afterAll(() => {
  killStrayServers();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-proc-'));
  dirs.push(dir);
  return dir;
}

// These start real processes on the embedded database; on PostgreSQL CI covers them elsewhere.
const embedded = !process.env.TEST_DATABASE_URL;

describe.runIf(embedded)('the server process on the embedded database', () => {
  it('prints a first-administrator link, keeps acknowledged writes through kill -9, shares the database with hub, refuses a second server, and stops cleanly on SIGTERM', async () => {
    const DATA_DIR = dataDir();
    const port = await freePort();
    const env = { DATA_DIR, PORT: String(port), SAMPLE_CONTENT: 'off' };
    const first = await spawnServer(env);
    for (let i = 0; i < 100 && !first.output().includes('/setup/'); i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(first.output()).toMatch(/first administrator:\s+http:\/\/127\.0\.0\.1:\d+\/setup\/\S+/);

    const acknowledged = await submitForm(first.url, '/login', { email: 'durable@example.org' });
    expect(acknowledged.status).toBe(200);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(fs.existsSync(path.join(DATA_DIR, 'hub.lock'))).toBe(true); // left behind by the dead process

    const second = await spawnServer(env);
    const viaSocket = runHub(['admin:create', '--email', 'ops@example.org', '--name', 'Ops'], {
      DATA_DIR,
    });
    expect(viaSocket.status, viaSocket.stderr).toBe(0);
    expect(viaSocket.summary).toMatchObject({
      command: 'admin:create',
      ok: true,
      email: 'ops@example.org',
    });
    expect(viaSocket.summary.signInLink).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${port}/login/\\S+$`),
    );
    const token = runHub(['token:create', '--email', 'ops@example.org', '--label', 'ci'], {
      DATA_DIR,
    });
    expect(token.summary).toMatchObject({ ok: true, label: 'ci' });

    const intruder = await spawnServer({ ...env, PORT: String(await freePort()) }).catch(
      (error: Error) => error,
    );
    expect(intruder).toBeInstanceOf(Error);
    expect(String(intruder)).toContain('is in use by another Coalition Hub process');

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(fs.existsSync(path.join(DATA_DIR, 'hub.lock'))).toBe(false);

    const handle = await openDatabase(parseConfig({ DATA_DIR }));
    try {
      const mail = await handle.db.selectFrom('mail_messages').select('to_address').execute();
      expect(mail.map((m) => m.to_address)).toContain('durable@example.org');
      const tokens = await handle.db.selectFrom('api_tokens').select('label').execute();
      expect(tokens.map((t) => t.label)).toEqual(['ci']);
    } finally {
      await handle.close();
    }
  }, 120_000);

  it('refuses to start on invalid configuration, one line per problem', async () => {
    const error = await spawnServer({
      DATA_DIR: dataDir(),
      PORT: 'x',
      COALITION_TIMEZONE: 'Nowhere/Land',
    }).catch((e: Error) => e);
    expect(String(error)).toContain('Configuration error: PORT: must be a number');
    expect(String(error)).toContain(
      'Configuration error: COALITION_TIMEZONE: must be an IANA time zone',
    );
  });

  it('hub explains bad input and exits non-zero, with a JSON summary line', () => {
    const DATA_DIR = dataDir();
    const missing = runHub(['token:create', '--email', 'nobody@example.org'], { DATA_DIR });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('No account for nobody@example.org');
    expect(missing.summary).toMatchObject({ ok: false });
    const unknown = runHub(['frobnicate'], { DATA_DIR });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    const help = runHub(['admin:create', '--help'], { DATA_DIR });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: hub admin:create --email E [--name N]');
    const migrated = runHub(['migrate'], { DATA_DIR });
    expect(migrated.summary).toMatchObject({ command: 'migrate', ok: true });
  }, 60_000);
});
