/**
 * Every SQL statement of moving in: import runs, the map of imported items, redirects, and the
 * batch reads and writes a 20,000-member audience needs (a few statements per few hundred
 * members, not per member). Functions take the database or a transaction.
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { ImportReport } from './report.ts';
import type {
  ImportedItem,
  ImportedItemTable,
  ImportState,
  MovingInImport,
  MovingInImportTable,
  Redirect,
} from './tables.ts';

// ---------------------------------------------------------------------------------------------
// Import runs

export async function insertImport(
  db: Executor,
  values: {
    kind: MovingInImportTable['kind'];
    state: ImportState;
    via: 'admin' | 'cli';
    fileName: string;
    storageKeys?: string[];
    options?: Record<string, unknown>;
    createdBy: number | null;
  },
): Promise<MovingInImport> {
  return db
    .insertInto('moving_in_imports')
    .values({
      kind: values.kind,
      state: values.state,
      via: values.via,
      file_name: values.fileName.slice(0, 300),
      storage_keys: values.storageKeys ?? [],
      options: JSON.stringify(values.options ?? {}),
      review: JSON.stringify(null),
      report: JSON.stringify(null),
      error: null,
      created_by: values.createdBy,
      finished_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findImport(db: Executor, id: number): Promise<MovingInImport | undefined> {
  return db.selectFrom('moving_in_imports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateImport(
  db: Executor,
  id: number,
  changes: Partial<{
    state: ImportState;
    review: ImportReport;
    report: ImportReport;
    error: string | null;
    progressDone: number;
    progressTotal: number;
    finishedAt: Date | null;
  }>,
  now: Date,
): Promise<void> {
  await db
    .updateTable('moving_in_imports')
    .set({
      ...(changes.state ? { state: changes.state } : {}),
      ...(changes.review ? { review: JSON.stringify(changes.review) } : {}),
      ...(changes.report ? { report: JSON.stringify(changes.report) } : {}),
      ...(changes.error !== undefined ? { error: changes.error } : {}),
      ...(changes.progressDone !== undefined ? { progress_done: changes.progressDone } : {}),
      ...(changes.progressTotal !== undefined ? { progress_total: changes.progressTotal } : {}),
      ...(changes.finishedAt !== undefined ? { finished_at: changes.finishedAt } : {}),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

/** Moves an import from one state to the next only if it is still in `from` (one worker wins). */
export async function claimImport(
  db: Executor,
  id: number,
  from: ImportState[],
  to: ImportState,
  now: Date,
): Promise<boolean> {
  const row = await db
    .updateTable('moving_in_imports')
    .set({ state: to, updated_at: now, error: null, progress_done: 0, progress_total: 0 })
    .where('id', '=', id)
    .where('state', 'in', from)
    .returning('id')
    .executeTakeFirst();
  return Boolean(row);
}

export async function listImports(db: Executor, limit = 20) {
  return db
    .selectFrom('moving_in_imports as i')
    .leftJoin('people as p', 'p.id', 'i.created_by')
    .select([
      'i.id',
      'i.kind',
      'i.state',
      'i.via',
      'i.file_name',
      'i.created_at',
      'i.finished_at',
      'p.name as created_by_name',
    ])
    .orderBy('i.id', 'desc')
    .limit(limit)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Imported items

export async function findImportedItems(
  db: Executor,
  source: string,
  externalIds?: string[],
): Promise<Map<string, ImportedItem>> {
  let query = db.selectFrom('imported_items').selectAll().where('source', '=', source);
  if (externalIds) {
    if (!externalIds.length) return new Map();
    query = query.where('external_id', 'in', externalIds);
  }
  const rows = await query.execute();
  return new Map(rows.map((row) => [row.external_id, row]));
}

export async function saveImportedItem(
  db: Executor,
  values: Omit<ImportedItemTable, 'created_at' | 'updated_at'>,
  now: Date,
): Promise<void> {
  await db
    .insertInto('imported_items')
    .values({ ...values, created_at: now, updated_at: now })
    .onConflict((conflict) =>
      conflict.columns(['source', 'external_id']).doUpdateSet({
        kind: values.kind,
        target_type: values.target_type,
        target_id: values.target_id,
        url: values.url,
        old_url: values.old_url,
        content_hash: values.content_hash,
        target_version: values.target_version,
        updated_at: now,
      }),
    )
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Redirects

export async function findRedirect(db: Executor, fromPath: string): Promise<Redirect | undefined> {
  return db
    .selectFrom('redirects')
    .selectAll()
    .where('from_path', '=', fromPath)
    .executeTakeFirst();
}

export async function addRedirectHits(
  db: Executor,
  fromPath: string,
  hits: number,
  at: Date,
): Promise<void> {
  await db
    .updateTable('redirects')
    .set((eb) => ({ hits: eb('hits', '+', hits), last_hit_at: at }))
    .where('from_path', '=', fromPath)
    .execute();
}

/**
 * Adds redirects made by an import. One an administrator made for the same old address stands
 * (they chose it); an earlier import's is updated. Returns how many were added or changed.
 */
export async function saveImportRedirects(
  db: Executor,
  rows: { fromPath: string; toUrl: string; note: string }[],
): Promise<number> {
  if (!rows.length) return 0;
  const unique = new Map(rows.map((row) => [row.fromPath, row]));
  const result = await db
    .insertInto('redirects')
    .values(
      [...unique.values()].map((row) => ({
        from_path: row.fromPath,
        to_url: row.toUrl,
        origin: 'import' as const,
        note: row.note.slice(0, 300),
        created_by: null,
        last_hit_at: null,
      })),
    )
    .onConflict((conflict) =>
      conflict
        .column('from_path')
        .doUpdateSet((eb) => ({ to_url: eb.ref('excluded.to_url'), note: eb.ref('excluded.note') }))
        .where('redirects.origin', '=', 'import')
        .where(sql<boolean>`redirects.to_url is distinct from excluded.to_url`),
    )
    .returning('from_path')
    .execute();
  return result.length;
}

export async function insertRedirect(
  db: Executor,
  values: { fromPath: string; toUrl: string; note: string | null; createdBy: number },
): Promise<boolean> {
  const row = await db
    .insertInto('redirects')
    .values({
      from_path: values.fromPath,
      to_url: values.toUrl,
      origin: 'admin',
      note: values.note,
      created_by: values.createdBy,
      last_hit_at: null,
    })
    .onConflict((conflict) => conflict.column('from_path').doNothing())
    .returning('from_path')
    .executeTakeFirst();
  return Boolean(row);
}

export async function deleteRedirect(
  db: Executor,
  fromPath: string,
): Promise<Redirect | undefined> {
  return db
    .deleteFrom('redirects')
    .where('from_path', '=', fromPath)
    .returningAll()
    .executeTakeFirst();
}

export async function listRedirects(
  db: Executor,
  options: { q?: string; after?: string; limit: number },
): Promise<Redirect[]> {
  let query = db
    .selectFrom('redirects')
    .selectAll()
    .orderBy('from_path')
    .limit(options.limit + 1);
  if (options.q) {
    const pattern = `%${options.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([eb('from_path', 'like', pattern), eb(sql`lower(to_url)`, 'like', pattern)]),
    );
  }
  if (options.after) query = query.where('from_path', '>', options.after);
  return query.execute();
}

export async function countRedirects(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('redirects')
    .select(sql<number>`count(*)::int`.as('count'))
    .executeTakeFirstOrThrow();
  return row.count;
}
