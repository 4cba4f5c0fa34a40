import { GLOBAL_ROLES } from '../../platform/db/schema.ts';
import type { AdminLink, AttentionItem } from '../../platform/feature.ts';
import type { FormState } from '../../platform/http/forms.ts';
import { t } from '../../platform/i18n/index.ts';
import {
  Badge,
  CheckboxGroup,
  CsrfField,
  EmptyState,
  ErrorSummary,
  Field,
  PageHeader,
  TableWrap,
  TextAreaField,
} from '../../platform/views/components.tsx';
import { coalitionZone, formatTimestamp } from '../../platform/views/format.ts';

export function AdminNav() {
  return (
    <p class="breadcrumbs">
      <a href="/admin">{t('admin.title')}</a>
    </p>
  );
}

export function DashboardPage({
  attention,
  links,
}: {
  attention: AttentionItem[];
  links: AdminLink[];
}) {
  return (
    <>
      <PageHeader title={t('admin.title')} lead={t('admin.lead')} />
      <section aria-labelledby="attention-heading">
        <h2 id="attention-heading">{t('admin.attention')}</h2>
        {attention.length === 0 ? (
          <p class="muted">{t('admin.attention.none')}</p>
        ) : (
          <ul class="attention-list">
            {attention.map((item) => (
              <li class={`attention attention-${item.tone ?? 'info'}`}>
                <a href={item.href}>
                  {item.count !== undefined && (
                    <strong class="attention-count">{item.count}</strong>
                  )}{' '}
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="tools-heading">
        <h2 id="tools-heading">{t('admin.tools')}</h2>
        <ul class="card-grid">
          {links.map((link) => (
            <li class="card link-card">
              <h3>
                <a href={link.href}>{t(link.label)}</a>
              </h3>
              <p>{t(link.description)}</p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

interface OutboxRow {
  id: number;
  created_at: Date;
  to_address: string;
  subject: string;
  status: string;
  purpose: string;
}

export function OutboxPage({
  messages,
  nextBefore,
  smtp,
}: {
  messages: OutboxRow[];
  nextBefore?: number;
  smtp: boolean;
}) {
  return (
    <>
      <AdminNav />
      <PageHeader title={t('admin.outbox')} lead={t('admin.outbox.lead')} />
      {!smtp && <p class="notice">{t('admin.outbox.smtpOff')}</p>}
      {messages.length === 0 ? (
        <EmptyState title={t('admin.outbox.empty')} />
      ) : (
        <TableWrap label="Outbox messages">
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((message) => (
                <tr>
                  <td>{formatTimestamp(message.created_at, coalitionZone())}</td>
                  <td>{message.to_address}</td>
                  <td>
                    <a href={`/admin/outbox/${message.id}`}>{message.subject}</a>
                  </td>
                  <td>
                    <Badge
                      tone={
                        message.status === 'failed'
                          ? 'danger'
                          : message.status === 'sent'
                            ? 'success'
                            : 'muted'
                      }
                    >
                      {message.status}
                    </Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {nextBefore && (
        <p class="pagination">
          <a class="button secondary" href={`/admin/outbox?before=${nextBefore}`}>
            {t('pagination.next')}
          </a>
        </p>
      )}
    </>
  );
}

export function OutboxMessagePage({
  message,
}: {
  message: {
    id: number;
    subject: string;
    to_address: string;
    from_address: string;
    created_at: Date;
    status: string;
    text_body: string;
    html_body: string | null;
    headers: Record<string, string>;
    error: string | null;
  };
}) {
  return (
    <>
      <p class="breadcrumbs">
        <a href="/admin">{t('admin.title')}</a> › <a href="/admin/outbox">{t('admin.outbox')}</a>
      </p>
      <h1>{message.subject}</h1>
      <dl class="meta-list">
        <dt>To</dt>
        <dd>{message.to_address}</dd>
        <dt>From</dt>
        <dd>{message.from_address}</dd>
        <dt>When</dt>
        <dd>{formatTimestamp(message.created_at, coalitionZone())}</dd>
        <dt>Status</dt>
        <dd>{message.status}</dd>
        {Object.entries(message.headers).map(([name, value]) => (
          <>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </>
        ))}
        {message.error && (
          <>
            <dt>Error</dt>
            <dd>{message.error}</dd>
          </>
        )}
      </dl>
      <h2>Text</h2>
      <pre class="mail-text">{message.text_body}</pre>
      {message.html_body && (
        <>
          <h2>HTML</h2>
          <iframe class="mail-html" title="HTML version" sandbox="" srcdoc={message.html_body} />
        </>
      )}
    </>
  );
}

interface AuditRow {
  id: number;
  at: Date;
  action: string;
  subject_type: string;
  subject_id: string | null;
  details: Record<string, unknown>;
  ip: string | null;
  actor_email: string | null;
}

export function AuditPage({ entries, nextBefore }: { entries: AuditRow[]; nextBefore?: number }) {
  return (
    <>
      <AdminNav />
      <PageHeader title={t('admin.audit')} lead={t('admin.audit.lead')} />
      {entries.length === 0 ? (
        <EmptyState title={t('admin.audit.empty')} />
      ) : (
        <TableWrap label="Audit log entries">
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Subject</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr>
                  <td>{formatTimestamp(entry.at, coalitionZone())}</td>
                  <td>{entry.actor_email ?? 'system'}</td>
                  <td>
                    <code>{entry.action}</code>
                  </td>
                  <td>
                    {entry.subject_type} {entry.subject_id}
                  </td>
                  <td class="details-cell">
                    <code>{JSON.stringify(entry.details)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {nextBefore && (
        <p class="pagination">
          <a class="button secondary" href={`/admin/audit?before=${nextBefore}`}>
            {t('pagination.next')}
          </a>
        </p>
      )}
    </>
  );
}

const ROLE_OPTIONS = GLOBAL_ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }));

export function AccountsPage({
  accounts,
  state,
}: {
  accounts: {
    id: number;
    email: string;
    name: string | null;
    roles: string[];
    last_sign_in_at: Date | null;
  }[];
  state?: FormState;
}) {
  return (
    <>
      <AdminNav />
      <PageHeader title={t('admin.people')} lead={t('admin.people.lead')} />
      <TableWrap label="Accounts">
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Roles</th>
              <th scope="col">Last signed in</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <tr>
                <td>
                  {account.name ?? ''} <span class="muted">{account.email}</span>
                </td>
                <td>{account.roles.map((role) => t(`role.${role}`)).join(', ') || '—'}</td>
                <td>
                  {account.last_sign_in_at
                    ? formatTimestamp(account.last_sign_in_at, coalitionZone())
                    : 'never'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <h2>{t('admin.people.add')}</h2>
      <p class="help">
        Enter an existing address to change that person's roles. Organizers of a group are added
        from the group's page.
      </p>
      <ErrorSummary state={state} />
      <form method="post" action="/admin/people" class="stack" novalidate>
        <CsrfField />
        <Field name="email" label="Email address" type="email" state={state} required />
        <Field name="name" label="Name" state={state} optional />
        <CheckboxGroup name="roles" legend="Roles" options={ROLE_OPTIONS} state={state} />
        <button type="submit">Save account</button>
      </form>
    </>
  );
}

export function SettingsPage({
  state,
  postalAddress,
  children,
}: {
  state: FormState;
  postalAddress: string | undefined;
  children?: unknown;
}) {
  return (
    <>
      <AdminNav />
      <PageHeader title={t('admin.settings')} lead={t('admin.settings.lead')} />
      <ErrorSummary state={state} />
      <form method="post" action="/admin/settings" class="stack" novalidate>
        <CsrfField />
        <Field name="name" label="Coalition name" state={state} required />
        <Field name="tagline" label="Tagline" state={state} optional />
        <TextAreaField
          name="welcome"
          label="Welcome text on the home page"
          state={state}
          rows={5}
        />
        <Field
          name="accentColor"
          label="Accent color"
          type="color"
          state={state}
          help="Buttons and links use it. It must be dark enough for white text (contrast 4.5:1)."
        />
        <Field
          name="logoUrl"
          label="Logo address"
          state={state}
          optional
          help="An https:// address of a square image."
        />
        <button type="submit">Save settings</button>
      </form>
      <h2>Postal address</h2>
      <p>{postalAddress ?? t('admin.postalMissing')}</p>
      {children}
    </>
  );
}

export function JobsPage({
  counts,
  jobs,
}: {
  counts: { state: string; count: number }[];
  jobs: {
    id: number;
    name: string;
    state: string;
    attempts: number;
    max_attempts: number;
    run_at: Date;
    last_error: string | null;
  }[];
}) {
  return (
    <>
      <AdminNav />
      <PageHeader title={t('admin.jobs')} lead={t('admin.jobs.lead')} />
      <p>
        {counts.map((row) => (
          <>
            <Badge tone={row.state === 'failed' ? 'danger' : 'muted'}>
              {row.state}: {row.count}
            </Badge>{' '}
          </>
        ))}
      </p>
      {jobs.length === 0 ? (
        <EmptyState title="No waiting or failed jobs." />
      ) : (
        <TableWrap label="Background jobs">
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col">State</th>
                <th scope="col">Attempts</th>
                <th scope="col">Next run</th>
                <th scope="col">Last error</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => (
                <tr>
                  <td>
                    <code>{job.name}</code> #{job.id}
                  </td>
                  <td>{job.state}</td>
                  <td>
                    {job.attempts}/{job.max_attempts}
                  </td>
                  <td>{formatTimestamp(job.run_at, coalitionZone())}</td>
                  <td>{job.last_error ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
