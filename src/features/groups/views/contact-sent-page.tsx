import { t } from '../../../platform/i18n/index.ts';
import type { GroupSummary } from '../directory.ts';

export function ContactSent({ group, email }: { group: GroupSummary; email: string }) {
  return (
    <>
      <h1>{t('groups.contact.sent.title')}</h1>
      <p class="lead">{t('groups.contact.sent.body', { group: group.name, email })}</p>
      <p>
        <a href={`/groups/${group.slug}`}>{t('groups.contact.back', { group: group.name })}</a>
      </p>
    </>
  );
}
