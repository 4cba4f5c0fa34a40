import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { features } from '../../src/features/index.ts';
import { boot } from '../../src/platform/boot.ts';
import { parseConfig } from '../../src/platform/config.ts';

/**
 * Migrates and seeds one template database before any test runs; each test file then starts
 * from a copy of it (PGlite: its dumped files; PostgreSQL: CREATE DATABASE ... TEMPLATE).
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const template = `hub_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${template}`);
    await admin.query(`create database ${template}`);
    const url = new URL(serverUrl);
    url.pathname = `/${template}`;
    const booted = await boot(
      parseConfig({ DATABASE_URL: url.toString(), LOG_LEVEL: 'silent' }),
      features,
    );
    await booted.close();
    project.provide('templateDatabase', template);
    project.provide('templateFile', '');
    return async () => {
      const mine = `hub_test_${process.pid}_%`;
      await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where (datname like $1 or datname = $2) and pid <> pg_backend_pid()',
        [mine, template],
      );
      const { rows } = await admin.query<{ datname: string }>(
        'select datname from pg_database where datname like $1 or datname = $2',
        [mine, template],
      );
      for (const row of rows) await admin.query(`drop database if exists ${row.datname}`);
      await admin.end();
    };
  }
  const booted = await boot(parseConfig({ LOG_LEVEL: 'silent', DATA_DIR: os.tmpdir() }), features, {
    inMemory: true,
  });
  const dump = await booted.handle.pglite!.dumpDataDir('none');
  await booted.close();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hub-template-')), 'template.tar');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('templateFile', file);
  project.provide('templateDatabase', '');
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateFile: string;
    templateDatabase: string;
  }
}
