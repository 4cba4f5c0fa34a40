import { z } from 'zod';
import type { Executor } from './db/database.ts';
import type { GlobalRole, Person } from './db/schema.ts';

export const EmailAddress = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'That email address is too long.')
  .pipe(z.email({ message: 'Enter an email address like name@example.org.' }));

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The one person record for an email address: found, or created. A name is filled in only when
 * the record has none, so a typo in a form never overwrites what the person told us before.
 */
export async function findOrCreatePerson(
  db: Executor,
  input: { email: string; name?: string | null; isSample?: boolean },
): Promise<Person> {
  const email = normalizeEmail(input.email);
  const inserted = await db
    .insertInto('people')
    .values({ email, name: input.name?.trim() || null, is_sample: input.isSample ?? false })
    .onConflict((conflict) => conflict.column('email').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return inserted;
  const existing = await db
    .selectFrom('people')
    .selectAll()
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  if (!existing.name && input.name?.trim()) {
    return db
      .updateTable('people')
      .set({ name: input.name.trim(), updated_at: new Date() })
      .where('id', '=', existing.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  return existing;
}

export async function findPersonByEmail(db: Executor, email: string): Promise<Person | undefined> {
  return db
    .selectFrom('people')
    .selectAll()
    .where('email', '=', normalizeEmail(email))
    .executeTakeFirst();
}

/** Gives a person an account (if they lack one) and adds roles to it. */
export async function grantAccount(
  db: Executor,
  personId: number,
  roles: GlobalRole[] = [],
): Promise<GlobalRole[]> {
  const existing = await db
    .selectFrom('accounts')
    .select('roles')
    .where('person_id', '=', personId)
    .executeTakeFirst();
  const merged = [...new Set([...(existing?.roles ?? []), ...roles])] as GlobalRole[];
  if (existing) {
    await db
      .updateTable('accounts')
      .set({ roles: merged })
      .where('person_id', '=', personId)
      .execute();
  } else {
    await db
      .insertInto('accounts')
      .values({ person_id: personId, roles: merged, last_sign_in_at: null })
      .execute();
  }
  return merged;
}

export async function hasAccount(db: Executor, personId: number): Promise<boolean> {
  const row = await db
    .selectFrom('accounts')
    .select('person_id')
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return Boolean(row);
}
