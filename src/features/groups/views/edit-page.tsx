import type { FormState } from '../../../platform/http/forms.ts';
import { t } from '../../../platform/i18n/index.ts';
import { CsrfField, ErrorSummary } from '../../../platform/views/components.tsx';
import type { GroupSummary } from '../directory.ts';
import { GroupFormFields } from './group-form.tsx';

export function EditGroupPage({ group, state }: { group: GroupSummary; state: FormState<any> }) {
  return (
    <>
      <p class="breadcrumbs">
        <a href={`/groups/${group.slug}`}>{group.name}</a> ›
      </p>
      <h1>{t('groups.edit.title', { group: group.name })}</h1>
      <form method="post" action={`/groups/${group.slug}/edit`} novalidate>
        <ErrorSummary state={state} />
        <CsrfField />
        <GroupFormFields state={state} />
        <button type="submit">{t('groups.form.save')}</button>
      </form>
    </>
  );
}
