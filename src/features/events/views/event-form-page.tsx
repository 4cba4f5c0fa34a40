// The submission and edit form (/events/new, /events/:id/edit).

import type { FormState } from '../../../platform/http/forms.ts';
import { t } from '../../../platform/i18n/index.ts';
import { issueAreaOptions } from '../../../platform/issue-areas.ts';
import {
  CheckboxGroup,
  CsrfField,
  ErrorSummary,
  Field,
  PageHeader,
  SelectField,
  TextAreaField,
} from '../../../platform/views/components.tsx';
import { coalitionZone } from '../../../platform/views/format.ts';
import { REPEAT_CHOICES } from '../schemas.ts';
import { modeOptions, typeOptions } from './options.ts';

export function EventFormPage({
  state,
  groups,
  signedIn,
  action,
  title,
  isEdit,
  canChooseVisibility,
}: {
  state?: FormState;
  groups: { slug: string; name: string }[];
  signedIn: boolean;
  action: string;
  title: string;
  isEdit?: boolean;
  canChooseVisibility?: boolean;
}) {
  const values = state?.values ?? {};
  return (
    <>
      <p class="breadcrumbs">
        <a href="/events">{t('events.title')}</a>
      </p>
      <PageHeader title={title} lead={isEdit ? undefined : t('events.form.lead')} />
      <form
        method="post"
        action={action}
        enctype="multipart/form-data"
        class="stack event-form"
        novalidate
      >
        <CsrfField />
        <ErrorSummary state={state} />
        <fieldset class="stack">
          <legend>{t('events.form.what')}</legend>
          <Field name="title" label={t('events.form.title')} state={state} required />
          <SelectField
            name="type"
            label={t('events.form.type')}
            options={typeOptions()}
            state={state}
            value={String(values.type ?? 'meeting')}
          />
          <TextAreaField
            name="description"
            label={t('events.form.description')}
            help={t('events.form.descriptionHelp')}
            state={state}
            rows={6}
            optional
          />
          <SelectField
            name="group"
            label={t('events.form.group')}
            help={t('events.form.groupHelp')}
            options={[
              { value: '', label: t('events.form.noGroup') },
              ...groups.map((g) => ({ value: g.slug, label: g.name })),
            ]}
            state={state}
            optional
          />
          <CheckboxGroup
            name="issueAreas"
            legend={t('events.form.issueAreas')}
            options={issueAreaOptions()}
            state={state}
          />
        </fieldset>
        <fieldset class="stack">
          <legend>{t('events.form.when')}</legend>
          <p class="help">{t('events.form.zoneHelp', { zone: coalitionZone() })}</p>
          <div class="filter-grid">
            <Field name="date" label={t('events.form.date')} type="date" state={state} required />
            <Field name="startTime" label={t('events.form.startTime')} type="time" state={state} />
            <Field
              name="endTime"
              label={t('events.form.endTime')}
              type="time"
              state={state}
              optional
            />
            <Field
              name="endDate"
              label={t('events.form.endDate')}
              type="date"
              state={state}
              help={t('events.form.endDateHelp')}
              optional
            />
          </div>
          <label class="checkbox">
            <input type="checkbox" name="allDay" value="1" checked={Boolean(values.allDay)} />{' '}
            {t('events.form.allDay')}
          </label>
          <SelectField
            name="repeat"
            label={t('events.form.repeat')}
            options={REPEAT_CHOICES.map((choice) => ({
              value: choice,
              label: t(`events.form.repeat.${choice}`),
            }))}
            state={state}
          />
          <Field
            name="repeatUntil"
            label={t('events.form.repeatUntil')}
            type="date"
            state={state}
            optional
          />
          <Field
            name="rrule"
            label={t('events.form.rrule')}
            help={t('events.form.rruleHelp')}
            state={state}
            optional
          />
        </fieldset>
        <fieldset class="stack">
          <legend>{t('events.form.where')}</legend>
          <SelectField
            name="mode"
            label={t('events.form.mode')}
            options={modeOptions()}
            state={state}
            value={String(values.mode ?? 'in_person')}
          />
          <Field
            name="venue"
            label={t('events.form.venue')}
            state={state}
            help={t('events.form.venueHelp')}
          />
          <Field
            name="address"
            label={t('events.form.address')}
            state={state}
            autocomplete="street-address"
            optional
          />
          <Field
            name="town"
            label={t('events.form.town')}
            state={state}
            help={t('events.form.townHelp')}
            autocomplete="address-level2"
          />
          <Field
            name="onlineUrl"
            label={t('events.form.onlineUrl')}
            type="url"
            state={state}
            help={t('events.form.onlineUrlHelp')}
          />
          <label class="checkbox">
            <input
              type="checkbox"
              name="onlineUrlForRsvpsOnly"
              value="1"
              checked={Boolean(values.onlineUrlForRsvpsOnly)}
            />{' '}
            {t('events.form.onlineUrlForRsvpsOnly')}
          </label>
        </fieldset>
        <fieldset class="stack">
          <legend>{t('events.form.more')}</legend>
          <Field
            name="capacity"
            label={t('events.form.capacity')}
            type="number"
            min="1"
            state={state}
            help={t('events.form.capacityHelp')}
            optional
          />
          <TextAreaField
            name="accessibility"
            label={t('events.form.accessibility')}
            help={t('events.form.accessibilityHelp')}
            state={state}
            rows={3}
            optional
          />
          <Field
            name="image"
            label={t('events.form.image')}
            type="file"
            accept="image/jpeg,image/png,image/gif,image/webp"
            state={state}
            help={t('events.form.imageHelp')}
            optional
          />
          <Field name="contactName" label={t('events.form.contactName')} state={state} optional />
          <Field
            name="contactEmail"
            label={t('events.form.contactEmail')}
            type="email"
            state={state}
            optional
          />
          {canChooseVisibility && (
            <SelectField
              name="visibility"
              label={t('events.form.visibility')}
              options={[
                { value: 'public', label: t('events.visibility.public') },
                { value: 'unlisted', label: t('events.visibility.unlisted') },
              ]}
              state={state}
            />
          )}
          {isEdit && (
            <SelectField
              name="status"
              label={t('events.form.status')}
              help={t('events.form.statusHelp')}
              options={[
                { value: 'scheduled', label: t('events.status.scheduled') },
                { value: 'postponed', label: t('events.status.postponed') },
                { value: 'cancelled', label: t('events.status.cancelled') },
              ]}
              state={state}
            />
          )}
        </fieldset>
        {!signedIn && (
          <fieldset class="stack">
            <legend>{t('events.form.you')}</legend>
            <p class="help">{t('events.form.youHelp')}</p>
            <Field
              name="submitterName"
              label={t('events.form.yourName')}
              state={state}
              autocomplete="name"
            />
            <Field
              name="submitterEmail"
              label={t('events.form.yourEmail')}
              type="email"
              state={state}
              autocomplete="email"
              required
            />
          </fieldset>
        )}
        <p>
          <button type="submit" class="button">
            {isEdit ? t('events.form.save') : t('events.form.submit')}
          </button>
        </p>
      </form>
    </>
  );
}
