import type { Actor } from './auth/actor.ts';
import type { Executor } from './db/database.ts';

export interface AuditEntry {
  actor: Actor | null | undefined;
  action: string;
  subjectType: string;
  subjectId?: string | number | null;
  details?: Record<string, unknown>;
  ip?: string | null;
  requestId?: string | null;
}

/** Records a privileged change; call it inside the transaction that makes the change. */
export async function recordAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_person_id: entry.actor?.personId ?? null,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId == null ? null : String(entry.subjectId),
      details: JSON.stringify(entry.details ?? {}),
      ip: entry.ip ?? null,
      request_id: entry.requestId ?? null,
    })
    .execute();
}
