// Confirming an emailed submission (/events/confirm/:token).

import { t } from '../../../platform/i18n/index.ts';
import { CsrfField, PageHeader } from '../../../platform/views/components.tsx';

export function ConfirmPage({ title, token }: { title: string; token: string }) {
  return (
    <>
      <PageHeader title={t('events.confirm.title')} />
      <p class="lead">{t('events.confirm.body', { title })}</p>
      <form method="post" action={`/events/confirm/${token}`}>
        <CsrfField />
        <button class="button" type="submit">
          {t('events.confirm.button')}
        </button>
      </form>
    </>
  );
}
