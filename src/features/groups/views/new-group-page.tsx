import type { FormState } from '../../../platform/http/forms.ts';
import { t } from '../../../platform/i18n/index.ts';
import { CsrfField, ErrorSummary, TextAreaField } from '../../../platform/views/components.tsx';
import { GroupFormFields } from './group-form.tsx';

export function NewGroupPage({ state }: { state: FormState<any> }) {
  return (
    <>
      <p class="breadcrumbs">
        <a href="/admin/groups">{t('groups.admin.title')}</a> ›
      </p>
      <h1>{t('groups.new.title')}</h1>
      <form method="post" action="/admin/groups/new" novalidate>
        <ErrorSummary state={state} />
        <CsrfField />
        <GroupFormFields state={state} />
        <TextAreaField
          name="organizers"
          label={t('groups.form.organizers')}
          help={t('groups.form.organizersHelp')}
          state={state}
          rows={3}
          optional
        />
        <button type="submit">{t('groups.form.create')}</button>
      </form>
    </>
  );
}
