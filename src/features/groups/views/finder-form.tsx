import type { FormState } from '../../../platform/http/forms.ts';
import { t } from '../../../platform/i18n/index.ts';
import { issueAreaOptions } from '../../../platform/issue-areas.ts';
import { SelectField } from '../../../platform/views/components.tsx';
import { districtName } from './parts.tsx';

export function FinderForm({ state }: { state: FormState<any> }) {
  const values = state.values;
  const error = state.errors.q;
  const filtersOpen = Boolean(values.district || values.issue_area || values.kind);
  return (
    <form action="/groups" method="get" class="finder group-finder" role="search">
      <div class={error ? 'field has-error' : 'field'}>
        <label for="field-q">{t('groups.finder.label')}</label>
        {error && (
          <p class="field-error" id="field-q-error">
            {error}
          </p>
        )}
        <div class="finder-row">
          <input
            id="field-q"
            name="q"
            type="text"
            value={String(values.q ?? '')}
            placeholder={t('groups.finder.help')}
            autocomplete="off"
            data-town-suggest=""
            list="group-town-suggestions"
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'field-q-error' : undefined}
          />
          <button type="submit">{t('groups.finder.button')}</button>
        </div>
        <datalist id="group-town-suggestions" />
      </div>
      <details class="finder-filters" open={filtersOpen}>
        <summary>{t('groups.finder.filters')}</summary>
        <div class="finder-filter-grid">
          <SelectField
            name="district"
            label={t('groups.finder.district')}
            state={state}
            options={[
              { value: '', label: t('groups.finder.anyDistrict') },
              ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({
                value: String(n),
                label: districtName(n),
              })),
            ]}
          />
          <SelectField
            name="issue_area"
            label={t('groups.finder.issueArea')}
            state={state}
            options={[{ value: '', label: t('groups.finder.anyIssueArea') }, ...issueAreaOptions()]}
          />
          <SelectField
            name="kind"
            label={t('groups.finder.kind')}
            state={state}
            options={[
              { value: '', label: t('groups.finder.anyKind') },
              { value: 'group', label: t('groups.kind.group') },
              { value: 'ally', label: t('groups.kind.ally') },
            ]}
          />
        </div>
        <p>
          <button type="submit" class="secondary">
            {t('groups.finder.apply')}
          </button>{' '}
          <a href="/groups">{t('groups.finder.clear')}</a>
        </p>
      </details>
    </form>
  );
}
