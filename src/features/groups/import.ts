import { recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { Services } from '../../platform/services.ts';
import type { ImportRow } from './csv.ts';
import { forgetDirectory } from './directory.ts';
import {
  type DirectoryRow,
  listDirectoryRows,
  replaceGroupIssueAreas,
  replaceGroupTowns,
  updateGroupRow,
} from './repository.ts';
import { indexGroup, insertGroupWithRelations, type RequestMeta } from './service.ts';

export type ImportAction = 'create' | 'update' | 'unchanged';

export interface PlannedRow {
  row: ImportRow;
  action: ImportAction;
  /** For updates: which fields change. */
  changes: string[];
  existingId?: number;
}

const sameList = <T>(a: readonly T[], b: readonly T[]) =>
  a.length === b.length && [...a].sort().every((value, i) => value === [...b].sort()[i]);

function changesFor(row: ImportRow, existing: DirectoryRow): string[] {
  const changes: string[] = [];
  if (row.name !== existing.name) changes.push('name');
  if (row.towns !== undefined && !sameList(row.towns, existing.town_ids)) changes.push('towns');
  if (row.website !== undefined && row.website !== existing.website) changes.push('website');
  if (row.email !== undefined && row.email !== existing.email) changes.push('email');
  if (row.description !== undefined && row.description !== existing.description)
    changes.push('description');
  if (row.issueAreas !== undefined && !sameList(row.issueAreas, existing.issue_areas))
    changes.push('issue_areas');
  if (row.kind !== undefined && row.kind !== existing.kind) changes.push('kind');
  return changes;
}

/** What importing these (already valid) rows would do: create, update or leave each group. */
export async function planImport(db: Executor, rows: readonly ImportRow[]): Promise<PlannedRow[]> {
  const existing = new Map(
    (await listDirectoryRows(db)).map((group) => [group.name.trim().toLowerCase(), group]),
  );
  return rows.map((row) => {
    const match = existing.get(row.name.toLowerCase());
    if (!match) return { row, action: 'create', changes: [] };
    const changes = changesFor(row, match);
    return {
      row,
      action: changes.length ? 'update' : 'unchanged',
      changes,
      existingId: match.id,
    };
  });
}

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Imports valid rows in one transaction: new names become groups, known names (ignoring case)
 * are updated in the columns the file has, identical rows are left alone, so importing the
 * same file twice changes nothing the second time.
 */
export async function applyImport(
  services: Services,
  actor: Actor | null,
  rows: readonly ImportRow[],
  options: { meta?: RequestMeta; source: string; onProgress?: (done: number) => void },
): Promise<ImportSummary> {
  const summary = await services.db.transaction().execute(async (tx) => {
    const plan = await planImport(tx, rows);
    const counts: ImportSummary = { created: 0, updated: 0, unchanged: 0 };
    for (const [index, planned] of plan.entries()) {
      const { row } = planned;
      if (planned.action === 'create') {
        await insertGroupWithRelations(tx, {
          name: row.name,
          kind: row.kind ?? 'group',
          description: row.description ?? '',
          towns: row.towns ?? [],
          issueAreas: row.issueAreas ?? [],
          website: row.website ?? null,
          email: row.email ?? null,
          links: {},
        });
        counts.created++;
      } else if (planned.action === 'update' && planned.existingId !== undefined) {
        const id = planned.existingId;
        await updateGroupRow(
          tx,
          id,
          {
            name: row.name,
            ...(row.kind !== undefined ? { kind: row.kind } : {}),
            ...(row.description !== undefined ? { description: row.description } : {}),
            ...(row.website !== undefined ? { website: row.website } : {}),
            ...(row.email !== undefined ? { email: row.email } : {}),
          },
          services.now(),
        );
        if (row.towns !== undefined) await replaceGroupTowns(tx, id, row.towns);
        if (row.issueAreas !== undefined) await replaceGroupIssueAreas(tx, id, row.issueAreas);
        await indexGroup(tx, id);
        counts.updated++;
      } else {
        counts.unchanged++;
      }
      options.onProgress?.(index + 1);
    }
    if (counts.created || counts.updated) {
      await recordAudit(tx, {
        actor,
        action: 'groups.imported',
        subjectType: 'group',
        details: { ...counts, source: options.source },
        ...options.meta,
      });
    }
    return counts;
  });
  forgetDirectory(services.db);
  return summary;
}
