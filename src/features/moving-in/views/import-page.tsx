import { t } from '../../../platform/i18n/index.ts';
import { CsrfField, PageHeader } from '../../../platform/views/components.tsx';
import type { MovingInImport } from '../tables.ts';
import { StateBadge } from './moving-in-page.tsx';
import { ReportView } from './report.tsx';

/** One import: checking (refreshes), the dry run to review, importing (refreshes), the report. */
export function ImportPage({ row }: { row: MovingInImport }) {
  const canRun =
    row.via === 'admin' &&
    (row.state === 'reviewed' || row.state === 'done' || row.state === 'failed');
  return (
    <div class="stack moving-in">
      <nav class="breadcrumbs" aria-label="Breadcrumbs">
        <a href="/admin">Admin</a> › <a href="/admin/moving-in">{t('movingIn.title')}</a>
      </nav>
      <PageHeader
        title={t('movingIn.import.title', {
          kind: t(`movingIn.kind.${row.kind}`),
          file: row.file_name || '—',
        })}
        lead={<StateBadge state={row.state} />}
      />
      {row.state === 'checking' && (
        <p class="notice" role="status">
          {t('movingIn.import.checking')}
        </p>
      )}
      {row.state === 'importing' && (
        <div class="notice" role="status">
          <p>
            {t('movingIn.import.importing', {
              done: row.progress_done,
              total: row.progress_total || '…',
            })}
          </p>
          {row.progress_total > 0 && (
            <progress max={row.progress_total} value={row.progress_done}>
              {row.progress_done}
            </progress>
          )}
        </div>
      )}
      {row.state === 'failed' && (
        <p class="notice notice-danger" role="alert">
          {t('movingIn.import.failed', { error: row.error ?? '' })}
        </p>
      )}
      {row.state === 'done' && row.report && (
        <>
          <p class="lead">{t('movingIn.import.doneLead')}</p>
          <ReportView report={row.report} />
        </>
      )}
      {row.state === 'reviewed' && row.review && (
        <>
          <p class="lead">{t('movingIn.import.reviewLead')}</p>
          <ReportView report={row.review} />
        </>
      )}
      {canRun && (
        <form method="post" action={`/admin/moving-in/imports/${row.id}/run`} class="stack">
          <CsrfField />
          {row.state !== 'reviewed' && <p class="help">{t('movingIn.import.runAgain.help')}</p>}
          <button type="submit">
            {t(row.state === 'reviewed' ? 'movingIn.import.run' : 'movingIn.import.runAgain')}
          </button>
        </form>
      )}
      <p>
        <a href="/admin/moving-in">{t('movingIn.import.back')}</a>
      </p>
    </div>
  );
}
