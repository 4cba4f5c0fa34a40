import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import { redactedError } from '../redact.ts';
import { ChangeTrackerPlugin } from './change-tracker.ts';
import { SerializedPGliteDialect, shareOverSocket } from './embedded.ts';
import { acquireDataDirLock, readLockHolder } from './lock.ts';
import { Mutex } from './mutex.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** A repository function takes either the database or an open transaction. */
export type Executor = Db | Tx;

export type DatabaseKind = 'embedded' | 'embedded-via-server' | 'postgres';

export interface DatabaseHandle {
  readonly db: Db;
  readonly kind: DatabaseKind;
  /** The embedded engine itself, when this process holds it (tests dump it as a template). */
  readonly pglite?: PGlite;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Serve the embedded database on a local socket for `hub` commands (the web server does). */
  share?: boolean;
  /** If another process holds the embedded database, reach it through its socket (the CLI does). */
  viaServer?: boolean;
  /** Start from a copy of this data directory's files (tests use a migrated template). */
  loadDataDir?: Blob;
  /** Keep the embedded database in memory only (tests). */
  inMemory?: boolean;
}

const INT8 = 20;
const DATE = 1082;

// Dates without time stay 'YYYY-MM-DD' strings; 64-bit counts become numbers. The same on both drivers.
pg.types.setTypeParser(INT8, (value) => Number(value));
pg.types.setTypeParser(DATE, (value) => value);

export function socketDirectory(dataDir: string): string {
  return path.join(dataDir, 'run');
}

/**
 * Opens the configured database: PostgreSQL when DATABASE_URL is set, else the embedded PGlite
 * under DATA_DIR, which one process holds at a time (a lock file; others are refused or, with
 * `viaServer`, talk to the holder through its socket).
 */
export async function openDatabase(
  config: Config,
  options: OpenOptions = {},
): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10 });
    // An idle connection dropped by the server (restart, failover) must not crash the process;
    // the pool replaces it on the next query.
    pool.on('error', (error) =>
      process.emitWarning(`PostgreSQL connection lost: ${redactedError(error)}`),
    );
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      plugins: [new ChangeTrackerPlugin()],
    });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  if (options.inMemory) {
    return openEmbedded(undefined, options);
  }
  const socketDir = socketDirectory(config.dataDir);
  const holder = await readLockHolder(config.dataDir);
  if (holder && options.viaServer && holder.socketPath) {
    const pool = new pg.Pool({
      host: path.dirname(holder.socketPath),
      port: 5432,
      user: 'postgres',
      database: 'postgres',
      max: 1,
    });
    pool.on('error', (error) => process.emitWarning(`database connection lost: ${error.message}`));
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      plugins: [new ChangeTrackerPlugin()],
    });
    return { db, kind: 'embedded-via-server', close: () => db.destroy() };
  }
  const socketPath = path.join(socketDir, '.s.PGSQL.5432');
  const lock = await acquireDataDirLock(config.dataDir, options.share ? socketPath : '');
  try {
    return await openEmbedded(
      {
        dataDir: path.join(config.dataDir, 'pgdata'),
        socketPath: options.share ? socketPath : undefined,
      },
      options,
      () => lock.release(),
    );
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function openEmbedded(
  files: { dataDir: string; socketPath: string | undefined } | undefined,
  options: OpenOptions,
  onClose: () => void = () => {},
): Promise<DatabaseHandle> {
  const pglite = await PGlite.create({
    dataDir: files?.dataDir,
    loadDataDir: options.loadDataDir,
    parsers: { [INT8]: (value: string) => Number(value), [DATE]: (value: string) => value },
    // PostgreSQL's default 128 MB of shared buffers would be most of the process's memory; a
    // coalition's data fits in far less (docs/decisions/0002-database.md).
    postgresqlconf: ['shared_buffers=8MB', 'wal_buffers=256kB', 'work_mem=4MB', 'temp_buffers=2MB'],
  });
  const mutex = new Mutex();
  let socketServer: PGLiteSocketServer | undefined;
  if (files?.socketPath) {
    fs.mkdirSync(path.dirname(files.socketPath), { recursive: true });
    fs.rmSync(files.socketPath, { force: true });
    socketServer = await shareOverSocket(pglite, mutex, files.socketPath);
  }
  const db = new Kysely<Database>({
    dialect: new SerializedPGliteDialect(pglite, mutex),
    plugins: [new ChangeTrackerPlugin()],
  });
  let closed = false;
  return {
    db,
    kind: 'embedded',
    pglite,
    async close() {
      if (closed) return;
      closed = true;
      await socketServer?.stop();
      if (files?.socketPath) fs.rmSync(files.socketPath, { force: true });
      await db.destroy();
      onClose();
    },
  };
}
