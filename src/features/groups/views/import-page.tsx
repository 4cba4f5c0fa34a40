import type { FormState } from '../../../platform/http/forms.ts';
import { t } from '../../../platform/i18n/index.ts';
import { CsrfField, ErrorSummary, Field, PageHeader } from '../../../platform/views/components.tsx';
import type { RowError } from '../csv.ts';
import type { PlannedRow } from '../import.ts';

export function ImportPage({
  state,
  errors,
  plan,
  csv,
}: {
  state?: FormState<any>;
  errors?: RowError[];
  plan?: PlannedRow[];
  csv?: string;
}) {
  return (
    <>
      <p class="breadcrumbs">
        <a href="/admin/groups">{t('groups.admin.title')}</a> ›
      </p>
      <PageHeader title={t('groups.import.title')} lead={t('groups.import.lead')} />
      {errors && errors.length > 0 && (
        <div class="error-summary" role="alert" tabindex={-1}>
          <h2>{t('groups.import.errorsTitle')}</h2>
          <ul>
            {errors.map((error) => (
              <li>
                {t('groups.import.line')} {error.line}: {error.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {plan && csv !== undefined ? (
        <>
          <h2>{t('groups.import.previewTitle')}</h2>
          <div class="table-wrap">
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('groups.import.line')}</th>
                  <th scope="col">{t('groups.admin.name')}</th>
                  <th scope="col">{t('groups.import.action')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.map((planned) => (
                  <tr>
                    <td>{planned.row.line}</td>
                    <td>{planned.row.name}</td>
                    <td>
                      {planned.action === 'update'
                        ? t('groups.import.action.update', { fields: planned.changes.join(', ') })
                        : t(`groups.import.action.${planned.action}`)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <form
            method="post"
            action="/admin/groups/import/confirm"
            enctype="multipart/form-data"
            class="import-confirm"
          >
            <CsrfField />
            <input type="hidden" name="csv" value={csv} />
            <button type="submit">{t('groups.import.confirm')}</button>
          </form>
        </>
      ) : (
        <form method="post" action="/admin/groups/import" enctype="multipart/form-data" novalidate>
          <ErrorSummary state={state} />
          <CsrfField />
          <Field
            name="file"
            type="file"
            accept=".csv,text/csv"
            label={t('groups.import.file')}
            state={state}
            required
          />
          <button type="submit">{t('groups.import.preview')}</button>
        </form>
      )}
    </>
  );
}
