/** Redirects an administrator adds or removes by hand (imports add theirs in bulk). */
import { z } from 'zod';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import type { Services } from '../../platform/services.ts';
import { redirectKeyOf } from './redirects.ts';
import { deleteRedirect, insertRedirect } from './repository.ts';

function isTarget(value: string): boolean {
  if (value.startsWith('/')) return !value.startsWith('//') && !/\s/.test(value);
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export const RedirectInput = z
  .object({
    from: z.string().trim().max(1000, 'Keep the old address under 1,000 characters.').default(''),
    to: z.string().trim().max(2000, 'Keep the new address under 2,000 characters.').default(''),
    note: z.string().trim().max(300, 'Keep the note under 300 characters.').default(''),
  })
  .superRefine((value, ctx) => {
    const key = redirectKeyOf(value.from);
    if (!key || key === '/') {
      ctx.addIssue({ code: 'custom', path: ['from'], message: t('movingIn.redirects.error.from') });
    }
    if (!isTarget(value.to)) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: t('movingIn.redirects.error.to') });
    } else if (key && value.to.startsWith('/') && redirectKeyOf(value.to) === key) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: t('movingIn.redirects.error.same') });
    }
  });
export type RedirectInput = z.infer<typeof RedirectInput>;

export async function addRedirect(services: Services, actor: Actor, input: RedirectInput) {
  const fromPath = redirectKeyOf(input.from)!;
  return services.db.transaction().execute(async (tx) => {
    const added = await insertRedirect(tx, {
      fromPath,
      toUrl: input.to,
      note: input.note || null,
      createdBy: actor.personId,
    });
    if (!added) {
      throw new AppError('conflict', t('movingIn.redirects.error.exists'), {
        from: t('movingIn.redirects.error.exists'),
      });
    }
    await recordAudit(tx, {
      actor,
      action: 'moving_in.redirect_added',
      subjectType: 'redirect',
      subjectId: null,
      details: { from: fromPath, to: input.to },
    });
    return fromPath;
  });
}

export async function removeRedirect(services: Services, actor: Actor, fromPath: string) {
  await services.db.transaction().execute(async (tx) => {
    const removed = await deleteRedirect(tx, fromPath);
    if (!removed) throw new AppError('not_found', 'That redirect was not found.');
    await recordAudit(tx, {
      actor,
      action: 'moving_in.redirect_removed',
      subjectType: 'redirect',
      subjectId: null,
      details: { from: removed.from_path, to: removed.to_url },
    });
  });
}
