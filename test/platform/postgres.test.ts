import { spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/process.ts';

const serverUrl = process.env.TEST_DATABASE_URL;

function hubAsync(
  args: string[],
  env: Record<string, string>,
): Promise<{ status: number | null; summary: any; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/hub.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (status) => {
      const last = stdout.trim().split('\n').pop() ?? '';
      let summary: any;
      try {
        summary = JSON.parse(last);
      } catch {
        summary = undefined;
      }
      resolve({ status, summary, stderr });
    });
  });
}

describe.runIf(serverUrl)('on a PostgreSQL server', () => {
  it('lets two processes migrate a fresh database at once: each migration is applied exactly once', async () => {
    const name = `hub_t_migrate_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(`drop database if exists ${name}`);
      await admin.query(`create database ${name}`);
      const url = new URL(serverUrl!);
      url.pathname = `/${name}`;
      const env = { DATABASE_URL: url.toString(), DATA_DIR: `/tmp/${name}` };
      const [a, b] = await Promise.all([hubAsync(['migrate'], env), hubAsync(['migrate'], env)]);
      expect(a.status, a.stderr).toBe(0);
      expect(b.status, b.stderr).toBe(0);
      const appliedByEach = [a.summary.applied.length, b.summary.applied.length].sort(
        (x, y) => x - y,
      );
      expect(appliedByEach[0]).toBe(0);
      expect(appliedByEach[1]).toBeGreaterThan(3);
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      const { rows } = await client.query(
        'select name, count(*)::int as n from kysely_migration group by name',
      );
      await client.end();
      expect(rows.length).toBe(appliedByEach[1]);
      expect(rows.every((row) => row.n === 1)).toBe(true);
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }, 120_000);
});
