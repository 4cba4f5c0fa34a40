import type { FormState } from '../../../platform/http/forms.ts';
import { t } from '../../../platform/i18n/index.ts';
import {
  CsrfField,
  EmptyState,
  ErrorSummary,
  Field,
  PageHeader,
  TableWrap,
} from '../../../platform/views/components.tsx';
import type { Redirect } from '../tables.ts';

/** /admin/redirects: every old address that redirects, and a form to add one. */
export function RedirectsPage(props: {
  redirects: Redirect[];
  next?: string;
  q: string;
  form?: FormState;
}) {
  return (
    <div class="stack moving-in">
      <nav class="breadcrumbs" aria-label="Breadcrumbs">
        <a href="/admin">Admin</a> › <a href="/admin/moving-in">{t('movingIn.title')}</a>
      </nav>
      <PageHeader title={t('movingIn.redirects.title')} lead={t('movingIn.redirects.lead')} />
      <section class="card" aria-labelledby="add-redirect">
        <h2 id="add-redirect">{t('movingIn.redirects.add')}</h2>
        <form method="post" action="/admin/redirects" class="stack">
          <CsrfField />
          <ErrorSummary state={props.form} />
          <Field
            name="from"
            label={t('movingIn.redirects.from')}
            help={t('movingIn.redirects.from.help')}
            state={props.form}
            required
          />
          <Field
            name="to"
            label={t('movingIn.redirects.to')}
            help={t('movingIn.redirects.to.help')}
            state={props.form}
            required
          />
          <Field name="note" label={t('movingIn.redirects.note')} optional state={props.form} />
          <button type="submit">{t('movingIn.redirects.save')}</button>
        </form>
      </section>
      <form method="get" class="inline-form" role="search">
        <Field name="q" type="search" label={t('movingIn.redirects.search')} value={props.q} />
        <button type="submit" class="secondary">
          {t('movingIn.redirects.searchButton')}
        </button>
      </form>
      {props.redirects.length ? (
        <TableWrap label={t('movingIn.redirects.table')}>
          <table class="data-table moving-in-redirects">
            <thead>
              <tr>
                <th scope="col">{t('movingIn.redirects.column.from')}</th>
                <th scope="col">{t('movingIn.redirects.column.to')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('movingIn.redirects.remove')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.redirects.map((redirect) => (
                <tr>
                  <td>
                    <code>{redirect.from_path}</code>
                    <br />
                    <span class="muted">
                      {t(`movingIn.redirects.origin.${redirect.origin}`)}
                      {redirect.note ? ` · ${redirect.note}` : ''} ·{' '}
                      {t('movingIn.redirects.hits', { count: redirect.hits })}
                    </span>
                  </td>
                  <td>
                    <a href={redirect.to_url}>{redirect.to_url}</a>
                  </td>
                  <td>
                    <form method="post" action="/admin/redirects/remove">
                      <CsrfField />
                      <input type="hidden" name="from" value={redirect.from_path} />
                      <button
                        type="submit"
                        class="secondary"
                        aria-label={`${t('movingIn.redirects.remove')} ${redirect.from_path}`}
                      >
                        {t('movingIn.redirects.remove')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <EmptyState title={t('movingIn.redirects.empty')} />
      )}
      {props.next && (
        <p class="pagination">
          <a
            class="button secondary"
            href={`?${new URLSearchParams({ q: props.q, after: props.next })}`}
            rel="next"
          >
            {t('pagination.next')}
          </a>
        </p>
      )}
    </div>
  );
}
