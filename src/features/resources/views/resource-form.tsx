import type { FormState } from '../../../platform/http/forms.ts';
import { t } from '../../../platform/i18n/index.ts';
import { ISSUE_AREAS } from '../../../platform/issue-areas.ts';
import {
  CheckboxGroup,
  CsrfField,
  ErrorSummary,
  Field,
  SelectField,
  TextAreaField,
} from '../../../platform/views/components.tsx';
import { AUDIENCES, RESOURCE_KINDS } from '../tables.ts';
import { AttachmentFields, type ResourceFormProps, StepFields } from './form-fields.tsx';
import { audienceLabel, kindLabel } from './shared.tsx';

export function ResourceForm(props: ResourceFormProps) {
  const { model, options } = props;
  const state: FormState = props.state ?? { values: {}, errors: {} };
  const values = { ...model, featured: model.featured ? 'on' : '' };
  const filled: FormState = { ...state, values: values as unknown as FormState['values'] };
  const authorOptions = [
    ...(options.anyAuthor ? [{ value: '', label: t('resources.form.authorNone') }] : []),
    ...options.teams.map((team) => ({
      value: `team:${team.slug}`,
      label: `${t('resources.form.teams')}: ${team.name}`,
    })),
    ...(options.anyAuthor
      ? options.groups.map((group) => ({
          value: `group:${group.slug}`,
          label: `${t('resources.form.groups')}: ${group.name}`,
        }))
      : []),
  ];
  return (
    <>
      <ErrorSummary state={state} />
      {props.preview && (
        <section class="resource-preview" aria-labelledby="preview-heading">
          <h2 id="preview-heading">{t('resources.form.previewHeading')}</h2>
          {props.preview}
        </section>
      )}
      <form
        method="post"
        action={props.action}
        enctype="multipart/form-data"
        class="resource-form"
        novalidate
      >
        <CsrfField />
        <input type="hidden" name="baseRevision" value={model.baseRevision} />
        <Field name="title" label={t('resources.form.title')} state={filled} required />
        <SelectField
          name="kind"
          label={t('resources.form.kind')}
          state={filled}
          options={RESOURCE_KINDS.map((kind) => ({ value: kind, label: kindLabel(kind) }))}
        />
        <TextAreaField
          name="summary"
          label={t('resources.form.summary')}
          help={t('resources.form.summaryHelp')}
          state={filled}
          rows={2}
          optional
        />
        <TextAreaField
          name="body"
          label={t('resources.form.body')}
          help={t('resources.form.bodyHelp')}
          state={filled}
          rows={10}
          optional
        />
        {model.kind === 'toolkit' && <StepFields model={model} state={state} options={options} />}
        <SelectField
          name="audience"
          label={t('resources.form.audience')}
          state={filled}
          options={AUDIENCES.map((audience) => ({
            value: audience,
            label: audienceLabel(audience),
          }))}
        />
        <SelectField
          name="author"
          label={t('resources.form.author')}
          state={filled}
          options={authorOptions}
        />
        <CheckboxGroup
          name="issueAreas"
          legend={t('resources.form.issueAreas')}
          options={ISSUE_AREAS.map((area) => ({ value: area.slug, label: area.name }))}
          state={filled}
        />
        <TextAreaField
          name="links"
          label={t('resources.form.links')}
          help={t('resources.form.linksHelp')}
          state={filled}
          rows={3}
          optional
        />
        <Field
          name="lastReviewedOn"
          label={t('resources.form.lastReviewedOn')}
          help={t('resources.form.lastReviewedHelp')}
          type="date"
          state={filled}
          optional
        />
        {model.kind === 'toolkit' && (
          <>
            <Field
              name="eventQuery"
              label={t('resources.form.eventQuery')}
              help={t('resources.form.eventQueryHelp')}
              state={filled}
              optional
            />
            <div class="field">
              <label class="checkbox">
                <input type="checkbox" name="featured" checked={model.featured} />{' '}
                {t('resources.form.featured')}
              </label>
            </div>
          </>
        )}
        <AttachmentFields model={model} state={state} attachments={props.attachments} />
        <div class="form-buttons">
          <button type="submit" name="action" value="preview" class="secondary">
            {t('resources.form.preview')}
          </button>
          <button type="submit" name="action" value="draft" class="secondary">
            {t('resources.form.saveDraft')}
          </button>
          <button type="submit" name="action" value="publish">
            {props.isPublished ? t('resources.form.publishChanges') : t('resources.form.publish')}
          </button>
        </div>
      </form>
    </>
  );
}
