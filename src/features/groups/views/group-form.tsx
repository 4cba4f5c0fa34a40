import type { FormState } from '../../../platform/http/forms.ts';
import { t } from '../../../platform/i18n/index.ts';
import { issueAreaOptions } from '../../../platform/issue-areas.ts';
import {
  CheckboxGroup,
  Field,
  SelectField,
  TextAreaField,
} from '../../../platform/views/components.tsx';
import { SOCIAL_LINKS } from '../tables.ts';

export function GroupFormFields({ state }: { state: FormState<any> }) {
  return (
    <>
      <Field name="name" label={t('groups.form.name')} state={state} required />
      <SelectField
        name="kind"
        label={t('groups.form.kind')}
        help={t('groups.form.kindHelp')}
        state={state}
        options={[
          { value: 'group', label: t('groups.kind.group') },
          { value: 'ally', label: t('groups.kind.ally') },
        ]}
      />
      <TextAreaField
        name="description"
        label={t('groups.form.description')}
        help={t('groups.form.descriptionHelp')}
        state={state}
        rows={6}
        optional
      />
      <TextAreaField
        name="towns"
        label={t('groups.form.towns')}
        help={t('groups.form.townsHelp')}
        state={state}
        rows={4}
        optional
      />
      <CheckboxGroup
        name="issueAreas"
        legend={t('groups.form.issueAreas')}
        options={issueAreaOptions()}
        state={state}
      />
      <Field
        name="website"
        type="url"
        label={t('groups.form.website')}
        state={state}
        inputmode="url"
        optional
      />
      <Field
        name="email"
        type="email"
        label={t('groups.form.email')}
        help={t('groups.form.emailHelp')}
        state={state}
        optional
      />
      <fieldset class="field">
        <legend>{t('groups.form.links')}</legend>
        <p class="help">{t('groups.form.linkHelp')}</p>
        {SOCIAL_LINKS.map((key) => (
          <Field
            name={key}
            type="url"
            label={t(`groups.link.${key}`)}
            state={state}
            inputmode="url"
            optional
          />
        ))}
      </fieldset>
    </>
  );
}
