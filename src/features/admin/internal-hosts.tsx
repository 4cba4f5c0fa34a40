/**
 * Site settings' list of internal hosts the server may fetch from (platform/net/allowed-hosts.ts).
 * Organizers' feed addresses are never read from internal addresses unless their host is here.
 */
import { z } from 'zod';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { FormState } from '../../platform/http/forms.ts';
import { t } from '../../platform/i18n/index.ts';
import {
  MAX_ALLOWED_HOSTS,
  parseHostList,
  readAllowedHosts,
  saveAllowedHosts,
} from '../../platform/net/allowed-hosts.ts';
import type { Services } from '../../platform/services.ts';
import { CsrfField, ErrorSummary, TextAreaField } from '../../platform/views/components.tsx';

export const InternalHostsInput = z.object({
  internalHosts: z
    .string()
    .max(10_000)
    .default('')
    .transform((text, ctx) => {
      const { hosts, invalid } = parseHostList(text);
      if (invalid.length)
        ctx.addIssue({
          code: 'custom',
          message: t('admin.internalHosts.invalid', { lines: invalid.slice(0, 5).join(', ') }),
        });
      if (hosts.length > MAX_ALLOWED_HOSTS)
        ctx.addIssue({
          code: 'custom',
          message: t('admin.internalHosts.tooMany', { max: MAX_ALLOWED_HOSTS }),
        });
      return hosts;
    }),
});

export async function internalHostsState(services: Services): Promise<FormState> {
  return {
    values: { internalHosts: (await readAllowedHosts(services.db)).join('\n') },
    errors: {},
  };
}

export async function updateInternalHosts(
  services: Services,
  actor: Actor,
  hosts: string[],
  meta: { ip: string; requestId: string },
) {
  await services.db.transaction().execute(async (tx) => {
    await saveAllowedHosts(tx, hosts);
    await recordAudit(tx, {
      actor,
      action: 'site.internal_hosts_saved',
      subjectType: 'site',
      details: { hosts },
      ...meta,
    });
  });
}

export function InternalHostsForm({ state }: { state: FormState }) {
  return (
    <section aria-labelledby="internal-hosts">
      <h2 id="internal-hosts">{t('admin.internalHosts.title')}</h2>
      <p>{t('admin.internalHosts.lead')}</p>
      <ErrorSummary state={state} />
      <form method="post" action="/admin/settings/internal-hosts" class="stack" novalidate>
        <CsrfField />
        <TextAreaField
          name="internalHosts"
          label={t('admin.internalHosts.label')}
          help={t('admin.internalHosts.help')}
          state={state}
          rows={4}
          optional
        />
        <button type="submit">{t('admin.internalHosts.save')}</button>
      </form>
    </section>
  );
}
