import { raw } from 'hono/html';
import type { FormState } from '../../platform/http/forms.ts';
import { t } from '../../platform/i18n/index.ts';
import {
  Badge,
  CsrfField,
  EmptyState,
  ErrorSummary,
  Field,
  PageHeader,
  SelectField,
} from '../../platform/views/components.tsx';
import { formatTimestamp } from '../../platform/views/format.ts';
import { districtLabel } from './content.ts';
import { issueDateLabel } from './email.ts';
import type { DeliveryCounts } from './repository.ts';
import type { SendProgress } from './sending.ts';
import type { SendingSettings } from './settings.ts';
import type { ImportSummary } from './subscribers.ts';
import type { Block, Issue, IssueState, SubscriptionState } from './tables.ts';

type IssueStats = DeliveryCounts & { unsubscribed: number };

const STATE_TONE: Record<IssueState, 'warning' | 'success' | 'muted' | undefined> = {
  draft: 'muted',
  scheduled: 'warning',
  sending: 'warning',
  sent: 'success',
};

export function IssueStateBadge({ state }: { state: IssueState }) {
  return <Badge tone={STATE_TONE[state]}>{t(`newsletter.issueState.${state}`)}</Badge>;
}

function AdminNav() {
  return (
    <nav class="breadcrumbs" aria-label={t('newsletter.breadcrumbs')}>
      <a href="/admin">{t('admin.title')}</a> ›{' '}
      <a href="/admin/newsletter">{t('newsletter.admin.title')}</a>
    </nav>
  );
}

export function OverviewPage(props: {
  counts: Record<SubscriptionState, number>;
  suppressed: number;
  chartSvg: string;
  issues: Issue[];
  stats: Map<number, IssueStats>;
  smtp: boolean;
  postal: boolean;
  zone: string;
}) {
  const { counts } = props;
  return (
    <div class="stack newsletter-admin">
      <AdminNav />
      <PageHeader
        title={t('newsletter.admin.title')}
        lead={t('newsletter.admin.lead')}
        actions={
          <form method="post" action="/admin/newsletter/drafts" class="inline-form">
            <CsrfField />
            <button type="submit">{t('newsletter.admin.createDraft')}</button>
          </form>
        }
      />
      {!props.smtp && <p class="notice">{t('newsletter.admin.noSmtp')}</p>}
      {!props.postal && <p class="notice">{t('newsletter.admin.noPostal')}</p>}
      <section aria-labelledby="subscribers-heading">
        <h2 id="subscribers-heading">{t('newsletter.admin.subscribers')}</h2>
        <dl class="newsletter-counts">
          <div>
            <dt>{t('newsletter.state.confirmed')}</dt>
            <dd>{counts.confirmed}</dd>
          </div>
          <div>
            <dt>{t('newsletter.state.pending')}</dt>
            <dd>{counts.pending}</dd>
          </div>
          <div>
            <dt>{t('newsletter.state.paused')}</dt>
            <dd>{counts.paused}</dd>
          </div>
          <div>
            <dt>{t('newsletter.state.unsubscribed')}</dt>
            <dd>{counts.unsubscribed}</dd>
          </div>
          <div>
            <dt>{t('newsletter.admin.suppressed')}</dt>
            <dd>{props.suppressed}</dd>
          </div>
        </dl>
        <figure class="newsletter-chart-figure">
          {raw(props.chartSvg)}
          <figcaption class="muted">{t('newsletter.admin.chartCaption')}</figcaption>
        </figure>
        <p>
          <a href="/admin/newsletter/subscribers">{t('newsletter.admin.manageSubscribers')}</a> ·{' '}
          <a href="/admin/newsletter/settings">{t('newsletter.admin.settings')}</a> ·{' '}
          <a href="/newsletter/submit">{t('newsletter.submit.title')}</a>
        </p>
      </section>
      <section aria-labelledby="issues-heading">
        <h2 id="issues-heading">{t('newsletter.admin.issues')}</h2>
        {props.issues.length ? (
          <div class="table-wrap">
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('newsletter.admin.issue')}</th>
                  <th scope="col">{t('newsletter.admin.state')}</th>
                  <th scope="col">{t('newsletter.stats.delivered')}</th>
                  <th scope="col">{t('newsletter.stats.failed')}</th>
                  <th scope="col">{t('newsletter.stats.bounced')}</th>
                  <th scope="col">{t('newsletter.stats.unsubscribed')}</th>
                </tr>
              </thead>
              <tbody>
                {props.issues.map((issue) => {
                  const stats = props.stats.get(issue.id);
                  return (
                    <tr>
                      <td>
                        <a href={`/admin/newsletter/issues/${issue.id}`}>{issue.subject}</a>
                        <br />
                        <span class="muted">{issueDateLabel(issue.issue_date)}</span>
                      </td>
                      <td>
                        <IssueStateBadge state={issue.state} />
                        {issue.scheduled_at && (
                          <div class="muted">{formatTimestamp(issue.scheduled_at, props.zone)}</div>
                        )}
                      </td>
                      <td>{stats?.sent ?? 0}</td>
                      <td>{stats?.failed ?? 0}</td>
                      <td>{stats?.bounced ?? 0}</td>
                      <td>{stats?.unsubscribed ?? 0}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : (
          <EmptyState title={t('newsletter.admin.noIssues')}>
            <p>{t('newsletter.admin.noIssues.help')}</p>
          </EmptyState>
        )}
      </section>
    </div>
  );
}

const DISTRICT_OPTIONS = [
  { value: '', label: 'No town known (everything in one list)' },
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({ value: String(n), label: districtLabel([n]) })),
];

function BlockEditor({
  issue,
  block,
  index,
  count,
  state,
}: {
  issue: Issue;
  block: Block;
  index: number;
  count: number;
  state?: FormState<any>;
}) {
  const values = state ?? {
    values: {
      title: block.title,
      body: block.body,
      linkUrl: block.link_url ?? '',
      submittedBy: block.submitted_by ?? '',
      onBehalfOf: block.on_behalf_of ?? '',
    },
    errors: {},
  };
  const submitted = block.kind === 'news' || block.kind === 'spotlight';
  const occurrences = block.data.occurrences ?? [];
  const prefix = `block-${block.id}`;
  return (
    <li class="newsletter-block-editor card" id={prefix}>
      <form method="post" action={`/admin/newsletter/issues/${issue.id}/blocks/${block.id}`}>
        <CsrfField />
        <p class="block-kind">
          <Badge>{t(`newsletter.block.kind.${block.kind}`)}</Badge>{' '}
          <span class="muted">{t('newsletter.block.position', { n: index + 1, count })}</span>
        </p>
        <ErrorSummary state={state} />
        <div class="field">
          <label for={`${prefix}-title`}>{t('newsletter.block.title')}</label>
          <input id={`${prefix}-title`} name="title" value={String(values.values.title ?? '')} />
        </div>
        <div class={values.errors.body ? 'field has-error' : 'field'}>
          <label for={`${prefix}-body`}>
            {block.kind === 'events' ? t('newsletter.block.intro') : t('newsletter.block.body')}
          </label>
          <p class="help">{t('newsletter.block.body.help')}</p>
          {values.errors.body && <p class="field-error">{values.errors.body}</p>}
          <textarea id={`${prefix}-body`} name="body" rows={block.kind === 'events' ? 3 : 8}>
            {String(values.values.body ?? '')}
          </textarea>
        </div>
        {block.kind !== 'events' && (
          <div class={values.errors.linkUrl ? 'field has-error' : 'field'}>
            <label for={`${prefix}-link`}>
              {t('newsletter.block.link')} <span class="optional">{t('form.optional')}</span>
            </label>
            {values.errors.linkUrl && <p class="field-error">{values.errors.linkUrl}</p>}
            <input
              id={`${prefix}-link`}
              name="linkUrl"
              type="url"
              value={String(values.values.linkUrl ?? '')}
              aria-invalid={values.errors.linkUrl ? 'true' : undefined}
            />
          </div>
        )}
        {submitted && (
          <div class="newsletter-byline-fields">
            <div class="field">
              <label for={`${prefix}-by`}>{t('newsletter.block.submittedBy')}</label>
              <input
                id={`${prefix}-by`}
                name="submittedBy"
                value={String(values.values.submittedBy ?? '')}
              />
            </div>
            <div class="field">
              <label for={`${prefix}-for`}>{t('newsletter.block.onBehalfOf')}</label>
              <input
                id={`${prefix}-for`}
                name="onBehalfOf"
                value={String(values.values.onBehalfOf ?? '')}
              />
            </div>
          </div>
        )}
        {block.kind === 'events' && (
          <p class="muted">
            {t('newsletter.block.events.count', { count: occurrences.length })}{' '}
            {occurrences.filter((o) => o.featured).length > 0 &&
              t('newsletter.block.events.featured', {
                count: occurrences.filter((o) => o.featured).length,
              })}
          </p>
        )}
        <div class="newsletter-block-actions">
          <button type="submit" name="op" value="save">
            {t('newsletter.block.save')}
          </button>
          <button type="submit" name="op" value="up" class="secondary" disabled={index === 0}>
            {t('newsletter.block.up')}
          </button>
          <button
            type="submit"
            name="op"
            value="down"
            class="secondary"
            disabled={index === count - 1}
          >
            {t('newsletter.block.down')}
          </button>
          {block.kind === 'events' && (
            <button type="submit" name="op" value="refresh" class="secondary">
              {t('newsletter.block.refresh')}
            </button>
          )}
          <button
            type="submit"
            name="op"
            value="remove"
            class="danger"
            data-confirm={t('newsletter.block.remove.confirm')}
          >
            {t('newsletter.block.remove')}
          </button>
        </div>
      </form>
    </li>
  );
}

function ProgressPanel({ progress, state }: { progress: SendProgress; state: IssueState }) {
  const { counts } = progress;
  const done = counts.sent + counts.failed + counts.bounced;
  const total = Math.max(progress.audience, done + progress.remaining);
  const percent = total ? Math.round((done / total) * 100) : 100;
  const eta =
    progress.etaSeconds === null
      ? t('newsletter.progress.etaUnknown')
      : progress.etaSeconds < 90
        ? t('newsletter.progress.etaSeconds', { n: progress.etaSeconds })
        : t('newsletter.progress.etaMinutes', { n: Math.ceil(progress.etaSeconds / 60) });
  return (
    <section class="card newsletter-progress" aria-labelledby="progress-heading">
      <h2 id="progress-heading">
        {state === 'sent' ? t('newsletter.progress.doneTitle') : t('newsletter.progress.title')}
      </h2>
      {/* An issue with no one to send to is complete, not empty: show a full bar. */}
      <progress
        max={total || 1}
        value={total ? done : 1}
        aria-label={t('newsletter.progress.title')}
      >
        {percent}%
      </progress>
      <dl class="newsletter-counts">
        <div>
          <dt>{t('newsletter.stats.delivered')}</dt>
          <dd>{counts.sent}</dd>
        </div>
        <div>
          <dt>{t('newsletter.stats.failed')}</dt>
          <dd>{counts.failed}</dd>
        </div>
        <div>
          <dt>{t('newsletter.stats.bounced')}</dt>
          <dd>{counts.bounced}</dd>
        </div>
        <div>
          <dt>{t('newsletter.progress.remaining')}</dt>
          <dd>{progress.remaining}</dd>
        </div>
      </dl>
      {state === 'sending' && (
        <p>
          {t('newsletter.progress.rate', { rate: progress.ratePerSecond.toFixed(1) })} · {eta}
        </p>
      )}
    </section>
  );
}

export function IssueEditorPage(props: {
  issue: Issue;
  blocks: Block[];
  progress?: SendProgress;
  unsubscribed: number;
  failures: { email: string; state: string; error: string | null; attempts: number }[];
  defaultSchedule: string;
  zone: string;
  smtp: boolean;
  metaState?: FormState<any>;
  blockState?: { blockId: number; state: FormState<any> };
  scheduleState?: FormState<any>;
}) {
  const { issue, blocks } = props;
  const editable = issue.state === 'draft' || issue.state === 'scheduled';
  const base = `/admin/newsletter/issues/${issue.id}`;
  return (
    <div class="stack newsletter-admin">
      <AdminNav />
      <PageHeader
        title={issue.subject}
        lead={
          <>
            {issueDateLabel(issue.issue_date)} · <IssueStateBadge state={issue.state} />
            {issue.published_at && (
              <>
                {' '}
                · <a href={`/newsletter/${issue.slug}`}>{t('newsletter.admin.viewPublished')}</a>
              </>
            )}
          </>
        }
      />
      {props.progress && (
        <>
          <ProgressPanel progress={props.progress} state={issue.state} />
          <p>
            {t('newsletter.stats.unsubscribedFromIssue', { count: props.unsubscribed })}{' '}
            <span class="muted">{t('newsletter.stats.noTracking')}</span>
          </p>
          {props.failures.length > 0 && (
            <details>
              <summary>
                {t('newsletter.progress.failures', { count: props.failures.length })}
              </summary>
              <div class="table-wrap">
                <table class="data-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('newsletter.signup.email')}</th>
                      <th scope="col">{t('newsletter.admin.state')}</th>
                      <th scope="col">{t('newsletter.progress.error')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {props.failures.map((failure) => (
                      <tr>
                        <td>{failure.email}</td>
                        <td>{failure.state}</td>
                        <td>{failure.error}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          )}
        </>
      )}
      {editable && (
        <>
          <section class="card" aria-labelledby="send-heading">
            <h2 id="send-heading">{t('newsletter.send.title')}</h2>
            {!props.smtp && <p class="notice">{t('newsletter.send.noSmtp')}</p>}
            {issue.state === 'scheduled' && issue.scheduled_at ? (
              <>
                <p>
                  {t('newsletter.schedule.scheduledFor', {
                    when: formatTimestamp(issue.scheduled_at, props.zone),
                  })}
                </p>
                <form method="post" action={`${base}/unschedule`}>
                  <CsrfField />
                  <button type="submit" class="secondary">
                    {t('newsletter.schedule.cancel')}
                  </button>
                </form>
              </>
            ) : (
              <form method="post" action={`${base}/schedule`} class="newsletter-schedule">
                <CsrfField />
                <ErrorSummary state={props.scheduleState} />
                <Field
                  name="at"
                  type="datetime-local"
                  label={t('newsletter.schedule.at', { zone: props.zone })}
                  state={
                    props.scheduleState ?? { values: { at: props.defaultSchedule }, errors: {} }
                  }
                />
                <button type="submit">{t('newsletter.schedule.button')}</button>
              </form>
            )}
            <form method="post" action={`${base}/send`}>
              <CsrfField />
              <button
                type="submit"
                class="secondary"
                disabled={!props.smtp}
                data-confirm={t('newsletter.send.confirm')}
              >
                {t('newsletter.send.now')}
              </button>
            </form>
          </section>
          <section class="card" aria-labelledby="preview-heading">
            <h2 id="preview-heading">{t('newsletter.preview.title')}</h2>
            <form
              method="get"
              action={`${base}/preview`}
              target="_blank"
              class="stack"
              rel="noopener"
            >
              <SelectField
                name="district"
                label={t('newsletter.preview.district')}
                options={DISTRICT_OPTIONS}
              />
              <div class="newsletter-block-actions">
                <button type="submit" name="format" value="html" class="secondary">
                  {t('newsletter.preview.html')}
                </button>
                <button type="submit" name="format" value="text" class="secondary">
                  {t('newsletter.preview.text')}
                </button>
              </div>
            </form>
            <form method="post" action={`${base}/test`} class="stack">
              <CsrfField />
              <SelectField
                name="district"
                label={t('newsletter.preview.district')}
                options={DISTRICT_OPTIONS}
              />
              <button type="submit">{t('newsletter.test.button')}</button>
            </form>
          </section>
          <section class="card" aria-labelledby="meta-heading">
            <h2 id="meta-heading">{t('newsletter.meta.title')}</h2>
            <form method="post" action={`${base}/meta`}>
              <CsrfField />
              <ErrorSummary state={props.metaState} />
              <Field
                name="subject"
                label={t('newsletter.meta.subject')}
                state={props.metaState ?? { values: { subject: issue.subject }, errors: {} }}
                required
              />
              <Field
                name="preheader"
                label={t('newsletter.meta.preheader')}
                help={t('newsletter.meta.preheader.help')}
                state={props.metaState ?? { values: { preheader: issue.preheader }, errors: {} }}
              />
              <button type="submit">{t('newsletter.meta.save')}</button>
            </form>
          </section>
        </>
      )}
      <section aria-labelledby="blocks-heading">
        <h2 id="blocks-heading">{t('newsletter.blocks.title')}</h2>
        {blocks.length === 0 && <EmptyState title={t('newsletter.blocks.empty')} />}
        {editable ? (
          <ol class="newsletter-blocks">
            {blocks.map((block, index) => (
              <BlockEditor
                issue={issue}
                block={block}
                index={index}
                count={blocks.length}
                state={props.blockState?.blockId === block.id ? props.blockState.state : undefined}
              />
            ))}
          </ol>
        ) : (
          <ol class="newsletter-blocks">
            {blocks.map((block) => (
              <li>
                <Badge>{t(`newsletter.block.kind.${block.kind}`)}</Badge> {block.title}
              </li>
            ))}
          </ol>
        )}
        {editable && (
          <form method="post" action={`${base}/blocks`} class="card newsletter-add-block">
            <CsrfField />
            <SelectField
              name="kind"
              label={t('newsletter.blocks.add.kind')}
              options={(['text', 'note', 'news', 'spotlight', 'events'] as const).map((kind) => ({
                value: kind,
                label: t(`newsletter.block.kind.${kind}`),
              }))}
            />
            <button type="submit">{t('newsletter.blocks.add')}</button>
          </form>
        )}
      </section>
    </div>
  );
}

export function TextPreviewPage({ issue, text }: { issue: Issue; text: string }) {
  return (
    <div class="stack">
      <AdminNav />
      <PageHeader title={t('newsletter.preview.textTitle', { subject: issue.subject })} />
      <p>
        <a href={`/admin/newsletter/issues/${issue.id}`}>{t('newsletter.preview.back')}</a>
      </p>
      <pre class="mail-text">{text}</pre>
    </div>
  );
}

export function SubscribersPage(props: {
  rows: {
    id: number;
    email: string;
    name: string | null;
    town: string | null;
    zip: string | null;
    state: SubscriptionState;
    confirmed_at: Date | null;
  }[];
  next?: number;
  q: string;
  state: string;
  suppressions: { email: string; reason: string; created_at: Date }[];
  importState?: FormState<any>;
  importSummary?: ImportSummary;
  zone: string;
}) {
  return (
    <div class="stack newsletter-admin">
      <AdminNav />
      <PageHeader
        title={t('newsletter.subscribers.title')}
        actions={
          <a class="button secondary" href="/admin/newsletter/subscribers.csv">
            {t('newsletter.subscribers.export')}
          </a>
        }
      />
      {props.importSummary && (
        <div class="notice" role="status">
          <p>
            <strong>{t('newsletter.import.done')}</strong>
          </p>
          <ul>
            <li>{t('newsletter.import.added', { count: props.importSummary.added })}</li>
            <li>{t('newsletter.import.confirmed', { count: props.importSummary.confirmed })}</li>
            <li>
              {t('newsletter.import.awaiting', { count: props.importSummary.awaitingConfirmation })}
            </li>
            <li>
              {t('newsletter.import.already', { count: props.importSummary.alreadySubscribed })}
            </li>
            <li>
              {t('newsletter.import.skipped', {
                suppressed: props.importSummary.skippedSuppressed,
                unsubscribed: props.importSummary.skippedUnsubscribed,
              })}
            </li>
            {props.importSummary.invalid.slice(0, 20).map((problem) => (
              <li>
                {t('newsletter.import.invalid', { line: problem.line, problem: problem.problem })}
              </li>
            ))}
          </ul>
        </div>
      )}
      <form method="get" class="newsletter-filter inline-form" role="search">
        <Field name="q" label={t('newsletter.subscribers.search')} value={props.q} type="search" />
        <SelectField
          name="state"
          label={t('newsletter.admin.state')}
          value={props.state}
          options={[
            { value: '', label: t('newsletter.subscribers.allStates') },
            ...(['confirmed', 'pending', 'paused', 'unsubscribed'] as const).map((state) => ({
              value: state,
              label: t(`newsletter.state.${state}`),
            })),
          ]}
        />
        <button type="submit" class="secondary">
          {t('newsletter.subscribers.filter')}
        </button>
      </form>
      {props.rows.length ? (
        <div class="table-wrap">
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{t('newsletter.signup.email')}</th>
                <th scope="col">{t('newsletter.signup.name')}</th>
                <th scope="col">{t('newsletter.signup.place')}</th>
                <th scope="col">{t('newsletter.admin.state')}</th>
                <th scope="col">{t('newsletter.subscribers.since')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row) => (
                <tr>
                  <td>{row.email}</td>
                  <td>{row.name ?? ''}</td>
                  <td>{row.town ?? row.zip ?? ''}</td>
                  <td>{t(`newsletter.state.${row.state}`)}</td>
                  <td>{row.confirmed_at ? formatTimestamp(row.confirmed_at, props.zone) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <EmptyState title={t('newsletter.subscribers.none')}>
          <p>{t('newsletter.subscribers.none.help')}</p>
        </EmptyState>
      )}
      {props.next && (
        <p class="pagination">
          <a
            class="button secondary"
            href={`?${new URLSearchParams({ q: props.q, state: props.state, after: String(props.next) })}`}
          >
            {t('pagination.next')}
          </a>
        </p>
      )}
      <section class="card" aria-labelledby="import-heading">
        <h2 id="import-heading">{t('newsletter.import.title')}</h2>
        <p>{t('newsletter.import.lead')}</p>
        <form
          method="post"
          action="/admin/newsletter/subscribers/import"
          enctype="multipart/form-data"
        >
          <CsrfField />
          <ErrorSummary state={props.importState} />
          <Field
            name="file"
            type="file"
            accept=".csv,text/csv"
            label={t('newsletter.import.file')}
            state={props.importState}
          />
          <label class="checkbox">
            <input type="checkbox" name="confirmed" value="yes" />{' '}
            {t('newsletter.import.confirmedLabel')}
          </label>
          <p class="help">{t('newsletter.import.confirmedHelp')}</p>
          <button type="submit">{t('newsletter.import.button')}</button>
        </form>
      </section>
      <section aria-labelledby="suppressions-heading">
        <h2 id="suppressions-heading">{t('newsletter.suppressions.title')}</h2>
        <p class="muted">{t('newsletter.suppressions.lead')}</p>
        {props.suppressions.length ? (
          <ul>
            {props.suppressions.map((row) => (
              <li>
                {row.email}{' '}
                <span class="muted">
                  · {row.reason} · {formatTimestamp(row.created_at, props.zone)}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title={t('newsletter.suppressions.none')} />
        )}
      </section>
    </div>
  );
}

export function SettingsPage(props: {
  settings: SendingSettings;
  state?: FormState<any>;
  webhookUrl: string;
  canSeeSecret: boolean;
}) {
  const state = props.state ?? {
    values: {
      ratePerSecond: String(props.settings.ratePerSecond),
      concurrency: String(props.settings.concurrency),
    },
    errors: {},
  };
  return (
    <div class="stack newsletter-admin">
      <AdminNav />
      <PageHeader title={t('newsletter.settings.title')} lead={t('newsletter.settings.lead')} />
      <form method="post" action="/admin/newsletter/settings" class="card">
        <CsrfField />
        <ErrorSummary state={props.state} />
        <Field
          name="ratePerSecond"
          type="number"
          min="0"
          label={t('newsletter.settings.rate')}
          help={t('newsletter.settings.rate.help')}
          state={state}
        />
        <Field
          name="concurrency"
          type="number"
          min="1"
          label={t('newsletter.settings.concurrency')}
          help={t('newsletter.settings.concurrency.help')}
          state={state}
        />
        <p class="muted">{t('newsletter.settings.tracking')}</p>
        <button type="submit">{t('newsletter.settings.save')}</button>
      </form>
      <section class="card" aria-labelledby="webhook-heading">
        <h2 id="webhook-heading">{t('newsletter.settings.webhook')}</h2>
        <p>{t('newsletter.settings.webhook.lead')}</p>
        {props.canSeeSecret ? (
          <pre class="mail-text">{props.webhookUrl}</pre>
        ) : (
          <p class="muted">{t('newsletter.settings.webhook.adminOnly')}</p>
        )}
        <p class="muted">{t('newsletter.settings.bounceCommand')}</p>
      </section>
    </div>
  );
}
