// The filters above the events list, month and map views.

import { t } from '../../../platform/i18n/index.ts';
import { issueAreaOptions } from '../../../platform/issue-areas.ts';
import { SelectField } from '../../../platform/views/components.tsx';
import { typeOptions } from './options.ts';

export interface FilterView {
  values: Record<string, string | undefined>;
  groups: { slug: string; name: string }[];
  /** The query string of the current filters (no view/month/cursor). */
  query: string;
  description: string[];
  townError?: string;
}

export function FilterForm({
  filter,
  view,
  month,
}: {
  filter: FilterView;
  view: string;
  month?: string;
}) {
  const v = filter.values;
  const active = filter.description.length > 0;
  const districtOptions = [
    { value: '', label: t('events.filter.anyDistrict') },
    ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({
      value: String(n),
      label: t('events.filter.districtN', { n }),
    })),
  ];
  return (
    <details class="event-filters" open={active || Boolean(filter.townError)}>
      <summary>{active ? t('events.filter.changeFilters') : t('events.filter.filter')}</summary>
      <form method="get" action="/events" class="stack">
        {view !== 'list' && <input type="hidden" name="view" value={view} />}
        {month && <input type="hidden" name="month" value={month} />}
        <div class="filter-grid">
          <SelectField
            name="district"
            label={t('events.filter.district')}
            options={districtOptions}
            value={v.district ?? ''}
          />
          <div class={filter.townError ? 'field has-error' : 'field'}>
            <label for="field-town">{t('events.filter.town')}</label>
            {filter.townError && <p class="field-error">{filter.townError}</p>}
            <input
              id="field-town"
              name="town"
              type="text"
              value={v.town ?? ''}
              autocomplete="address-level2"
            />
          </div>
          <SelectField
            name="within"
            label={t('events.filter.within')}
            options={[
              { value: '', label: t('events.filter.thisTownOnly') },
              ...[5, 10, 25, 50].map((n) => ({
                value: String(n),
                label: t('events.filter.withinMiles', { n }),
              })),
            ]}
            value={v.within ?? ''}
          />
          <SelectField
            name="group"
            label={t('events.filter.group')}
            options={[
              { value: '', label: t('events.filter.anyGroup') },
              ...filter.groups.map((g) => ({ value: g.slug, label: g.name })),
            ]}
            value={v.group ?? ''}
          />
          <SelectField
            name="type"
            label={t('events.filter.type')}
            options={[{ value: '', label: t('events.filter.anyType') }, ...typeOptions()]}
            value={v.type ?? ''}
          />
          <SelectField
            name="issue_area"
            label={t('events.filter.issueArea')}
            options={[{ value: '', label: t('events.filter.anyIssueArea') }, ...issueAreaOptions()]}
            value={v.issue_area ?? ''}
          />
        </div>
        <div class="filter-checks">
          <label class="checkbox">
            <input type="checkbox" name="online" value="1" checked={v.online === '1'} />{' '}
            {t('events.filter.online')}
          </label>
          <label class="checkbox">
            <input type="checkbox" name="week" value="1" checked={v.week === '1'} />{' '}
            {t('events.filter.week')}
          </label>
        </div>
        <p>
          <button type="submit" class="button">
            {t('events.filter.apply')}
          </button>{' '}
          {active && (
            <a href="/events" class="button secondary">
              {t('events.filter.clear')}
            </a>
          )}
        </p>
      </form>
    </details>
  );
}
