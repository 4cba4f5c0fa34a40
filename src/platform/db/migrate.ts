import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Kysely } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';

declare const __HUB_BUNDLED__: boolean | undefined;
/** Running the compiled server (dist/main.js), migrations are dist/migrations/*.js. */
const BUNDLED = typeof __HUB_BUNDLED__ !== 'undefined' && __HUB_BUNDLED__;
const MIGRATIONS_DIR = BUNDLED
  ? path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'migrations')
  : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');
const EXTENSION = BUNDLED ? '.js' : '.ts';

/** Migrations are the files in src/migrations, applied in name order (date first). */
class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const names = fs
      .readdirSync(MIGRATIONS_DIR)
      .filter(
        (name) => /^\d{4}-\d{2}-\d{2}-\d{4}-.+\.(ts|js)$/.test(name) && name.endsWith(EXTENSION),
      )
      .sort();
    const migrations: Record<string, Migration> = {};
    for (const name of names) {
      const module = (await import(
        pathToFileURL(path.join(MIGRATIONS_DIR, name)).href
      )) as Migration;
      migrations[name.slice(0, -EXTENSION.length)] = module;
    }
    return migrations;
  }
}

export interface MigrationSummary {
  applied: string[];
}

/**
 * Applies every pending migration. Kysely takes a PostgreSQL advisory lock around the run, so
 * two processes starting at once on one server take turns and the second finds nothing to do.
 */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationSummary> {
  const migrator = new Migrator({
    db,
    provider: new FolderMigrationProvider(),
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    const where = failed ? ` in migration ${failed.migrationName}` : '';
    throw new Error(`migration failed${where}: ${(error as Error).message ?? String(error)}`);
  }
  return {
    applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
  };
}
