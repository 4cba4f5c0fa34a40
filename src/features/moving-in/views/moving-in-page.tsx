import type { FormState } from '../../../platform/http/forms.ts';
import { t } from '../../../platform/i18n/index.ts';
import {
  Badge,
  CsrfField,
  EmptyState,
  ErrorSummary,
  Field,
  PageHeader,
} from '../../../platform/views/components.tsx';
import { formatTimestamp } from '../../../platform/views/format.ts';
import type { ImportKind } from '../report.ts';
import type { ImportState } from '../tables.ts';

export interface ImportListRow {
  id: number;
  kind: ImportKind;
  state: ImportState;
  via: 'admin' | 'cli';
  file_name: string;
  created_at: Date;
  created_by_name: string | null;
}

export function StateBadge({ state }: { state: ImportState }) {
  const tone =
    state === 'failed'
      ? 'danger'
      : state === 'done'
        ? 'success'
        : state === 'reviewed'
          ? 'warning'
          : 'muted';
  return <Badge tone={tone}>{t(`movingIn.state.${state}`)}</Badge>;
}

/** /admin/moving-in: the three uploads, then the imports so far. */
export function MovingInPage(props: {
  imports: ImportListRow[];
  redirectCount: number;
  forms: Partial<Record<ImportKind, FormState>>;
  zone: string;
}) {
  const { forms } = props;
  return (
    <div class="stack moving-in">
      <nav class="breadcrumbs" aria-label="Breadcrumbs">
        <a href="/admin">Admin</a>
      </nav>
      <PageHeader
        title={t('movingIn.title')}
        lead={t('movingIn.lead')}
        actions={
          <a class="button secondary" href="/admin/redirects">
            {t('movingIn.redirects.link', { count: props.redirectCount })}
          </a>
        }
      />
      <div class="card-grid moving-in-uploads">
        <section class="card" aria-labelledby="upload-wordpress">
          <h2 id="upload-wordpress">{t('movingIn.wordpress.title')}</h2>
          <p>{t('movingIn.wordpress.lead')}</p>
          <form
            method="post"
            action="/admin/moving-in/wordpress"
            enctype="multipart/form-data"
            class="stack"
          >
            <CsrfField />
            <ErrorSummary state={forms.wordpress} />
            <Field
              name="file"
              type="file"
              label={t('movingIn.wordpress.file')}
              accept=".xml,text/xml,application/xml"
              state={forms.wordpress}
            />
            <button type="submit">{t('movingIn.check')}</button>
          </form>
        </section>
        <section class="card" aria-labelledby="upload-mailchimp">
          <h2 id="upload-mailchimp">{t('movingIn.mailchimp.title')}</h2>
          <p>{t('movingIn.mailchimp.lead')}</p>
          <form
            method="post"
            action="/admin/moving-in/mailchimp"
            enctype="multipart/form-data"
            class="stack"
          >
            <CsrfField />
            <ErrorSummary state={forms.mailchimp_audience} />
            <div class={forms.mailchimp_audience?.errors.files ? 'field has-error' : 'field'}>
              <label for="field-files">{t('movingIn.mailchimp.files')}</label>
              {forms.mailchimp_audience?.errors.files && (
                <p class="field-error" id="field-files-error">
                  {forms.mailchimp_audience.errors.files}
                </p>
              )}
              <input
                id="field-files"
                name="files"
                type="file"
                multiple
                accept=".zip,.csv,application/zip,text/csv"
              />
            </div>
            <details>
              <summary>{t('movingIn.mailchimp.columns')}</summary>
              <p class="help">{t('movingIn.mailchimp.columns.help')}</p>
              <Field
                name="town"
                label={t('movingIn.mailchimp.town')}
                optional
                state={forms.mailchimp_audience}
              />
              <Field
                name="zip"
                label={t('movingIn.mailchimp.zip')}
                optional
                state={forms.mailchimp_audience}
              />
            </details>
            <button type="submit">{t('movingIn.check')}</button>
          </form>
        </section>
        <section class="card" aria-labelledby="upload-archive">
          <h2 id="upload-archive">{t('movingIn.archive.title')}</h2>
          <p>{t('movingIn.archive.lead')}</p>
          <form
            method="post"
            action="/admin/moving-in/archive"
            enctype="multipart/form-data"
            class="stack"
          >
            <CsrfField />
            <ErrorSummary state={forms.newsletter_archive} />
            <Field
              name="url"
              type="url"
              label={t('movingIn.archive.url')}
              optional
              state={forms.newsletter_archive}
              placeholder="https://us1.campaign-archive.com/feed?u=…"
            />
            <Field
              name="file"
              type="file"
              label={t('movingIn.archive.file')}
              optional
              accept=".xml,.rss,application/rss+xml,text/xml"
              state={forms.newsletter_archive}
            />
            <button type="submit">{t('movingIn.checkFeed')}</button>
          </form>
        </section>
      </div>
      <section aria-labelledby="recent-imports">
        <h2 id="recent-imports">{t('movingIn.recent')}</h2>
        {props.imports.length ? (
          <ul class="moving-in-list">
            {props.imports.map((row) => (
              <li>
                <a href={`/admin/moving-in/imports/${row.id}`}>
                  {t(`movingIn.kind.${row.kind}`)}: {row.file_name || '—'}
                </a>{' '}
                <StateBadge state={row.state} />
                <br />
                <span class="muted">
                  {formatTimestamp(row.created_at, props.zone)}
                  {row.via === 'cli'
                    ? ` · ${t('movingIn.via.cli')}`
                    : row.created_by_name
                      ? ` · ${row.created_by_name}`
                      : ''}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title={t('movingIn.recent.empty')} />
        )}
      </section>
    </div>
  );
}
