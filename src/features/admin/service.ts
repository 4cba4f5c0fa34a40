import { z } from 'zod';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { GLOBAL_ROLES, type GlobalRole } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { listField } from '../../platform/http/forms.ts';
import { EmailAddress, findOrCreatePerson, grantAccount } from '../../platform/people.ts';
import type { Services } from '../../platform/services.ts';
import { contrastRatio, type SiteSettings, saveSiteSettings } from '../../platform/site.ts';

export const AccountInput = z.object({
  email: EmailAddress,
  name: z.string().trim().max(200).optional(),
  roles: listField(z.enum(GLOBAL_ROLES, { message: 'Choose roles from the list.' })),
});

/** Creates (or updates) an account with exactly these roles. */
export async function saveAccount(
  services: Services,
  actor: Actor,
  input: z.infer<typeof AccountInput>,
  meta: { ip: string; requestId: string },
) {
  return services.db.transaction().execute(async (tx) => {
    const person = await findOrCreatePerson(tx, { email: input.email, name: input.name });
    if (person.id === actor.personId && !input.roles.includes('administrator')) {
      throw new AppError('invalid_input', 'You cannot remove your own administrator role.', {
        roles: 'Keep Administrator for yourself.',
      });
    }
    await grantAccount(tx, person.id);
    await tx
      .updateTable('accounts')
      .set({ roles: input.roles as GlobalRole[] })
      .where('person_id', '=', person.id)
      .execute();
    await recordAudit(tx, {
      actor,
      action: 'account.roles_set',
      subjectType: 'person',
      subjectId: person.id,
      details: { email: person.email, roles: input.roles },
      ...meta,
    });
    return person;
  });
}

export async function listAccounts(services: Services) {
  return services.db
    .selectFrom('accounts')
    .innerJoin('people', 'people.id', 'accounts.person_id')
    .select([
      'people.id',
      'people.email',
      'people.name',
      'accounts.roles',
      'accounts.last_sign_in_at',
    ])
    .orderBy('people.email')
    .execute();
}

const HexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a color like #1d4ed8.');

export const SiteSettingsInput = z
  .object({
    name: z.string().trim().min(1, 'Enter the coalition name.').max(80),
    tagline: z.string().trim().max(160).default(''),
    welcome: z.string().trim().max(2000).default(''),
    accentColor: HexColor,
    logoUrl: z
      .string()
      .trim()
      .max(500)
      .refine(
        (v) => v === '' || /^(https:\/\/|\/)/.test(v),
        'Use an https:// address or a path on this site.',
      )
      .default(''),
  })
  .refine((v) => contrastRatio(v.accentColor, '#ffffff') >= 4.5, {
    path: ['accentColor'],
    message:
      'This color is too light: white text on it would be hard to read (contrast below 4.5:1). Pick a darker one.',
  });

export async function updateSiteSettings(
  services: Services,
  actor: Actor,
  input: z.infer<typeof SiteSettingsInput>,
  meta: { ip: string; requestId: string },
) {
  const settings: SiteSettings = { ...input, logoUrl: input.logoUrl || null };
  await saveSiteSettings(services.db, settings);
  await recordAudit(services.db, {
    actor,
    action: 'site.settings_saved',
    subjectType: 'site',
    details: { ...settings },
    ...meta,
  });
}
