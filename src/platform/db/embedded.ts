import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import {
  type DatabaseConnection,
  type Driver,
  PGliteDialect,
  type TransactionSettings,
} from 'kysely';
import type { Mutex } from './mutex.ts';

/**
 * Kysely's PGlite driver hands out its one connection without waiting, so two requests could
 * interleave inside one transaction. This driver makes every user take the connection in turn;
 * the socket server shared with the CLI takes the same turns (see shareOverSocket).
 */
class SerializedDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly mutex: Mutex,
  ) {}
  #releases = new WeakMap<DatabaseConnection, (() => void)[]>();
  init() {
    return this.inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.mutex.acquire();
    const connection = await this.inner.acquireConnection();
    const list = this.#releases.get(connection) ?? [];
    list.push(release);
    this.#releases.set(connection, list);
    return connection;
  }
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await this.inner.releaseConnection(connection);
    this.#releases.get(connection)?.shift()?.();
  }
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    return this.inner.beginTransaction(connection, settings);
  }
  commitTransaction(connection: DatabaseConnection) {
    return this.inner.commitTransaction(connection);
  }
  rollbackTransaction(connection: DatabaseConnection) {
    return this.inner.rollbackTransaction(connection);
  }
  savepoint(...args: Parameters<NonNullable<Driver['savepoint']>>) {
    return this.inner.savepoint!(...args);
  }
  rollbackToSavepoint(...args: Parameters<NonNullable<Driver['rollbackToSavepoint']>>) {
    return this.inner.rollbackToSavepoint!(...args);
  }
  releaseSavepoint(...args: Parameters<NonNullable<Driver['releaseSavepoint']>>) {
    return this.inner.releaseSavepoint!(...args);
  }
  destroy() {
    return this.inner.destroy();
  }
}

export class SerializedPGliteDialect extends PGliteDialect {
  constructor(
    readonly pglite: PGlite,
    readonly mutex: Mutex,
  ) {
    super({ pglite });
  }
  override createDriver(): Driver {
    return new SerializedDriver(super.createDriver(), this.mutex);
  }
}

const SYNC = 0x53; // 'S': ends an extended-protocol exchange
const QUERY = 0x51; // 'Q': a simple query, complete in one message
const TERMINATE = 0x58; // 'X'

/**
 * Serves the process's PGlite on a Unix socket so `hub` commands can run while the server
 * holds the database. Socket clients take the same mutex as the app, from the first message of
 * an exchange until it ends outside a transaction, so neither side runs inside the other's work.
 */
export async function shareOverSocket(
  pglite: PGlite,
  mutex: Mutex,
  socketPath: string,
): Promise<PGLiteSocketServer> {
  let release: (() => void) | undefined;
  let lastMessageType = 0;
  const settle = () => {
    const ended =
      lastMessageType === SYNC || lastMessageType === QUERY || lastMessageType === TERMINATE;
    if (release && ended && !pglite.isInTransaction()) {
      const done = release;
      release = undefined;
      done();
    }
  };
  const shared = new Proxy(pglite, {
    get(target, property) {
      if (property === 'runExclusive') {
        return async <T>(fn: () => Promise<T>): Promise<T> => {
          if (!release) release = await mutex.acquire();
          try {
            return await target.runExclusive(fn);
          } finally {
            settle();
          }
        };
      }
      if (property === 'execProtocolRawStream') {
        return (message: Uint8Array, options: unknown) => {
          lastMessageType = message[0] ?? 0;
          return (target.execProtocolRawStream as any)(message, options);
        };
      }
      if (property === 'exec') {
        // Used by the socket server to roll back a disconnected client's open transaction.
        return async (query: string) => {
          try {
            return await target.exec(query);
          } finally {
            lastMessageType = QUERY;
            settle();
          }
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const server = new PGLiteSocketServer({ db: shared, path: socketPath, maxConnections: 8 });
  await server.start();
  return server;
}
