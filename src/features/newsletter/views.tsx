import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { useRequestContext } from 'hono/jsx-renderer';
import type { AppEnv } from '../../platform/http/env.ts';
import type { FormState } from '../../platform/http/forms.ts';
import { t } from '../../platform/i18n/index.ts';
import {
  CsrfField,
  EmptyState,
  ErrorSummary,
  Field,
  PageHeader,
  SelectField,
  TextAreaField,
} from '../../platform/views/components.tsx';
import { formatDay } from '../../platform/views/format.ts';
import {
  buildDigest,
  type DigestDay,
  districtLabel,
  markdownToHtml,
  occurrenceMeta,
  STATUS_LABELS,
} from './content.ts';
import { issueDateLabel } from './email.ts';
import type { SubscriptionWithPerson } from './repository.ts';
import type { Block, Issue } from './tables.ts';

/** The sign-up form: the full one on /newsletter and after an issue, a compact one elsewhere. */
export function SignUpForm({
  state,
  source,
  compact,
  idPrefix = 'newsletter',
}: {
  state?: FormState<any>;
  source: 'footer' | 'page' | 'home' | 'issue';
  compact?: boolean;
  idPrefix?: string;
}) {
  const error = (name: string) => state?.errors?.[name];
  const value = (name: string) => String(state?.values?.[name] ?? '');
  const input = (
    name: string,
    label: string,
    options: { type?: string; autocomplete?: string; help?: string; optional?: boolean } = {},
  ) => {
    const id = `${idPrefix}-${name}`;
    return (
      <div class={error(name) ? 'field has-error' : 'field'}>
        <label for={id}>
          {label} {options.optional && <span class="optional">{t('form.optional')}</span>}
        </label>
        {options.help && (
          <p class="help" id={`${id}-help`}>
            {options.help}
          </p>
        )}
        {error(name) && (
          <p class="field-error" id={`${id}-error`}>
            {error(name)}
          </p>
        )}
        <input
          id={id}
          name={name}
          type={options.type ?? 'text'}
          value={value(name)}
          autocomplete={options.autocomplete}
          required={name === 'email'}
          aria-invalid={error(name) ? 'true' : undefined}
          aria-describedby={
            [options.help ? `${id}-help` : '', error(name) ? `${id}-error` : '']
              .filter(Boolean)
              .join(' ') || undefined
          }
          data-town-suggest={name === 'place' ? '' : undefined}
          list={name === 'place' ? `${idPrefix}-towns` : undefined}
        />
        {name === 'place' && <datalist id={`${idPrefix}-towns`} />}
      </div>
    );
  };
  return (
    <form
      method="post"
      action="/newsletter/subscribe"
      class={compact ? 'newsletter-signup compact' : 'newsletter-signup'}
    >
      <CsrfField />
      <input type="hidden" name="source" value={source} />
      {!compact && <ErrorSummary state={state} />}
      {input('email', t('newsletter.signup.email'), { type: 'email', autocomplete: 'email' })}
      {!compact &&
        input('name', t('newsletter.signup.name'), { autocomplete: 'name', optional: true })}
      {input('place', t('newsletter.signup.place'), {
        optional: true,
        help: compact ? undefined : t('newsletter.signup.place.help'),
      })}
      <button type="submit">{t('newsletter.signup.submit')}</button>
      {!compact && <p class="muted small">{t('newsletter.signup.privacy')}</p>}
    </form>
  );
}

/** What the layout shows in every page's footer. */
export function FooterSignUp() {
  const c = useRequestContext<AppEnv>();
  // Not repeated where the page already has a sign-up form (home, newsletter pages and issues),
  // nor in the admin area, where it is only in the way.
  const path = c.req.path;
  if (
    path === '/' ||
    path === '/newsletter' ||
    path.startsWith('/newsletter/') ||
    path === '/admin' ||
    path.startsWith('/admin/')
  )
    return <div />;
  return (
    <section class="footer-newsletter" aria-labelledby="footer-newsletter-title">
      <h2 id="footer-newsletter-title">{t('newsletter.footer.title')}</h2>
      <p>{t('newsletter.footer.lead')}</p>
      <SignUpForm source="footer" compact idPrefix="footer-newsletter" />
    </section>
  );
}

export function IssueListItem({ issue }: { issue: Issue }) {
  return (
    <li class="newsletter-archive-item">
      <a href={`/newsletter/${issue.slug}`}>{issue.subject}</a>
      <span class="muted"> · {issueDateLabel(issue.issue_date)}</span>
      {issue.preheader && <p class="muted">{issue.preheader}</p>}
    </li>
  );
}

export function NewsletterPage({ issues, state }: { issues: Issue[]; state?: FormState<any> }) {
  return (
    <>
      <PageHeader title={t('newsletter.title')} lead={t('newsletter.lead')} />
      <div class="newsletter-layout">
        <section class="card newsletter-signup-card" aria-labelledby="signup-title">
          <h2 id="signup-title">{t('newsletter.signup.title')}</h2>
          <p>{t('newsletter.signup.lead')}</p>
          <SignUpForm source="page" state={state} />
        </section>
        <section aria-labelledby="archive-title">
          <h2 id="archive-title">{t('newsletter.archive.title')}</h2>
          {issues.length ? (
            <ul class="newsletter-archive">
              {issues.map((issue) => (
                <IssueListItem issue={issue} />
              ))}
            </ul>
          ) : (
            <EmptyState title={t('newsletter.archive.empty')}>
              <p>{t('newsletter.archive.empty.help')}</p>
            </EmptyState>
          )}
          <p>
            <a href="/newsletter.rss">{t('newsletter.archive.rss')}</a>
          </p>
        </section>
      </div>
    </>
  );
}

export function MessagePage({ title, children }: { title: string; children?: Child }) {
  return (
    <div class="newsletter-message">
      <h1>{title}</h1>
      {children}
    </div>
  );
}

export function ConfirmPage({ token }: { token: string }) {
  return (
    <MessagePage title={t('newsletter.confirm.title')}>
      <p>{t('newsletter.confirm.lead')}</p>
      <form method="post" action={`/newsletter/confirm/${token}`}>
        <CsrfField />
        <button type="submit">{t('newsletter.confirm.button')}</button>
      </form>
    </MessagePage>
  );
}

export function UnsubscribePage({ token, issueId }: { token: string; issueId?: number }) {
  return (
    <MessagePage title={t('newsletter.unsubscribe.title')}>
      <p>{t('newsletter.unsubscribe.lead')}</p>
      <form
        method="post"
        action={`/newsletter/unsubscribe/${token}${issueId ? `?issue=${issueId}` : ''}`}
      >
        <CsrfField />
        <button type="submit">{t('newsletter.unsubscribe.button')}</button>
      </form>
      <p>
        <a href={`/newsletter/preferences/${token}`}>{t('newsletter.unsubscribe.instead')}</a>
      </p>
    </MessagePage>
  );
}

export function PreferencesPage({
  subscription,
  state,
}: {
  subscription: SubscriptionWithPerson;
  state?: FormState<any>;
}) {
  const action = `/newsletter/preferences/${subscription.token}`;
  const place = subscription.town_name ?? subscription.zip ?? '';
  const status = t(`newsletter.state.${subscription.state}`);
  return (
    <div class="newsletter-preferences stack">
      <PageHeader
        title={t('newsletter.preferences.title')}
        lead={t('newsletter.preferences.lead', { email: subscription.email })}
      />
      <p>
        <strong>{t('newsletter.preferences.status')}</strong> {status}
        {subscription.districts.length > 0 && (
          <span class="muted"> · {districtLabel(subscription.districts)}</span>
        )}
      </p>
      {subscription.state !== 'unsubscribed' && (
        <form method="post" action={action} class="card">
          <CsrfField />
          <input type="hidden" name="action" value="place" />
          <ErrorSummary state={state} />
          <Field
            name="place"
            label={t('newsletter.signup.place')}
            help={t('newsletter.preferences.place.help')}
            state={state ?? { values: { place }, errors: {} }}
            optional
          />
          <button type="submit">{t('newsletter.preferences.save')}</button>
        </form>
      )}
      <div class="newsletter-preference-actions">
        {subscription.state === 'confirmed' && (
          <form method="post" action={action}>
            <CsrfField />
            <input type="hidden" name="action" value="pause" />
            <button type="submit" class="secondary">
              {t('newsletter.preferences.pause')}
            </button>
          </form>
        )}
        {subscription.state === 'paused' && (
          <form method="post" action={action}>
            <CsrfField />
            <input type="hidden" name="action" value="resume" />
            <button type="submit">{t('newsletter.preferences.resume')}</button>
          </form>
        )}
        {subscription.state === 'unsubscribed' || subscription.state === 'pending' ? (
          <form method="post" action={action}>
            <CsrfField />
            <input type="hidden" name="action" value="resubscribe" />
            <button type="submit">{t('newsletter.preferences.resubscribe')}</button>
          </form>
        ) : (
          <form method="post" action={action}>
            <CsrfField />
            <input type="hidden" name="action" value="unsubscribe" />
            <button type="submit" class="danger">
              {t('newsletter.preferences.unsubscribe')}
            </button>
          </form>
        )}
      </div>
    </div>
  );
}

function DigestDays({ days }: { days: DigestDay[] }) {
  return (
    <>
      {days.map((day) => (
        <section class="digest-day">
          <h3>{day.label}</h3>
          {day.groups.map((group) => (
            <div class="digest-group">
              <h4>{group.label}</h4>
              <ul class="digest-events">
                {group.items.map((item) => (
                  <li class={item.featured ? 'digest-event featured' : 'digest-event'}>
                    {item.status !== 'scheduled' && (
                      <p class="digest-flags">{STATUS_LABELS[item.status]}</p>
                    )}
                    <a href={item.url} class="digest-title">
                      {item.title}
                    </a>
                    <p class="digest-when">{item.when}</p>
                    <p class="muted">{occurrenceMeta(item)}</p>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </>
  );
}

export function BlockView({
  block,
  districts,
  zone,
  now,
}: {
  block: Block;
  districts: number[];
  zone: string;
  now: Date;
}) {
  if (block.kind === 'events') {
    const digest = buildDigest(block.data.occurrences ?? [], districts, zone, now);
    return (
      <section class="newsletter-block newsletter-events">
        {block.title && <h2>{block.title}</h2>}
        {block.body && <div class="prose">{raw(markdownToHtml(block.body))}</div>}
        {digest.total === 0 && <p>{t('newsletter.events.none')}</p>}
        {digest.nearYou.length > 0 && (
          <>
            <h2 class="digest-section">
              {t('newsletter.events.nearYou', { districts: digest.nearYouLabel })}
            </h2>
            <DigestDays days={digest.nearYou} />
            {digest.elsewhere.length > 0 && (
              <h2 class="digest-section">{t('newsletter.events.elsewhere')}</h2>
            )}
          </>
        )}
        <DigestDays days={digest.elsewhere} />
        <p>
          <a href="/events">{t('newsletter.events.all')}</a>
        </p>
      </section>
    );
  }
  const byline = block.submitted_by
    ? block.on_behalf_of
      ? t('newsletter.byline.onBehalf', { by: block.submitted_by, for: block.on_behalf_of })
      : t('newsletter.byline', { by: block.submitted_by })
    : '';
  return (
    <section class={`newsletter-block newsletter-${block.kind}`}>
      {block.title && <h2>{block.title}</h2>}
      {byline && <p class="byline">{byline}</p>}
      <div class="prose">{raw(markdownToHtml(block.body))}</div>
      {block.link_url && (
        <p>
          <a href={block.link_url}>
            {block.kind === 'spotlight'
              ? t('newsletter.block.getInvolved')
              : t('newsletter.block.readMore')}
          </a>
        </p>
      )}
    </section>
  );
}

export function IssuePage({
  issue,
  blocks,
  district,
  zone,
  now,
}: {
  issue: Issue;
  blocks: Block[];
  district?: number;
  zone: string;
  now: Date;
}) {
  const districts = district ? [district] : [];
  const hasEvents = blocks.some((block) => block.kind === 'events');
  return (
    <article class="newsletter-issue">
      <nav class="breadcrumbs" aria-label={t('newsletter.breadcrumbs')}>
        <a href="/newsletter">{t('newsletter.title')}</a>
      </nav>
      <h1>{issue.subject}</h1>
      <p class="muted">
        {t('newsletter.issue.dateline', { date: issueDateLabel(issue.issue_date) })}
      </p>
      {hasEvents && (
        <form method="get" class="newsletter-district-picker inline-form">
          <SelectField
            name="district"
            label={t('newsletter.issue.districtPicker')}
            value={district ? String(district) : ''}
            options={[
              { value: '', label: t('newsletter.issue.allDistricts') },
              ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({
                value: String(n),
                label: districtLabel([n]),
              })),
            ]}
          />
          <button type="submit" class="secondary">
            {t('newsletter.issue.show')}
          </button>
        </form>
      )}
      {blocks.map((block) => (
        <BlockView block={block} districts={districts} zone={zone} now={now} />
      ))}
      <section class="card newsletter-signup-card" aria-labelledby="issue-signup">
        <h2 id="issue-signup">{t('newsletter.signup.title')}</h2>
        <p>{t('newsletter.signup.lead')}</p>
        <SignUpForm source="issue" idPrefix="issue-signup" />
      </section>
    </article>
  );
}

export function HomeSection({ latest }: { latest: Issue | undefined }) {
  return (
    <section class="home-section newsletter-home" aria-labelledby="home-newsletter">
      <h2 id="home-newsletter">{t('newsletter.home.title')}</h2>
      <div class="newsletter-home-grid">
        <div>
          {latest ? (
            <div class="card">
              <p class="muted">
                {t('newsletter.home.latest', { date: issueDateLabel(latest.issue_date) })}
              </p>
              <h3>
                <a href={`/newsletter/${latest.slug}`}>{latest.subject}</a>
              </h3>
              {latest.preheader && <p>{latest.preheader}</p>}
              <p>
                <a href="/newsletter">{t('newsletter.home.archive')}</a>
              </p>
            </div>
          ) : (
            <EmptyState title={t('newsletter.archive.empty')}>
              <p>{t('newsletter.archive.empty.help')}</p>
            </EmptyState>
          )}
        </div>
        <div>
          <p>{t('newsletter.signup.lead')}</p>
          <SignUpForm source="home" compact idPrefix="home-newsletter" />
        </div>
      </div>
    </section>
  );
}

export interface SubmissionFormProps {
  state?: FormState<any>;
  groups: { id: number; name: string }[];
  issueDates: string[];
  recent: { id: number; title: string; issue_date: string; issue_id: number | null }[];
  zone: string;
}

export function SubmissionForm({ state, groups, issueDates, recent, zone }: SubmissionFormProps) {
  return (
    <div class="stack">
      <PageHeader title={t('newsletter.submit.title')} lead={t('newsletter.submit.lead')} />
      <form method="post" action="/newsletter/submit" class="card">
        <CsrfField />
        <ErrorSummary state={state} />
        <SelectField
          name="kind"
          label={t('newsletter.submit.kind')}
          state={state}
          options={[
            { value: 'news', label: t('newsletter.block.kind.news') },
            { value: 'spotlight', label: t('newsletter.block.kind.spotlight') },
          ]}
        />
        <SelectField
          name="issueDate"
          label={t('newsletter.submit.issueDate')}
          state={state}
          options={issueDates.map((date) => ({
            value: date,
            label: formatDay(new Date(`${date}T12:00:00Z`), zone),
          }))}
        />
        <Field name="title" label={t('newsletter.submit.titleField')} state={state} required />
        <TextAreaField
          name="body"
          label={t('newsletter.submit.body')}
          help={t('newsletter.submit.body.help')}
          state={state}
          rows={8}
        />
        <Field
          name="linkUrl"
          label={t('newsletter.submit.link')}
          type="url"
          state={state}
          optional
        />
        <SelectField
          name="groupId"
          label={t('newsletter.submit.onBehalfOf')}
          state={state}
          optional
          options={[
            { value: '', label: t('newsletter.submit.noGroup') },
            ...groups.map((group) => ({ value: String(group.id), label: group.name })),
          ]}
        />
        <Field
          name="onBehalfOf"
          label={t('newsletter.submit.onBehalfOfOther')}
          state={state}
          optional
        />
        <button type="submit">{t('newsletter.submit.button')}</button>
      </form>
      <section>
        <h2>{t('newsletter.submit.recent')}</h2>
        {recent.length ? (
          <ul>
            {recent.map((item) => (
              <li>
                {item.title} <span class="muted">· {issueDateLabel(item.issue_date)}</span>{' '}
                {item.issue_id ? t('newsletter.submit.inDraft') : t('newsletter.submit.waiting')}
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title={t('newsletter.submit.none')} />
        )}
      </section>
    </div>
  );
}
