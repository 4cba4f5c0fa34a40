// Calendar feeds imported into the events calendar (/admin/events/feeds).

import type { FormState } from '../../../platform/http/forms.ts';
import { t } from '../../../platform/i18n/index.ts';
import {
  Badge,
  CsrfField,
  EmptyState,
  ErrorSummary,
  Field,
  PageHeader,
  SelectField,
} from '../../../platform/views/components.tsx';
import { coalitionZone, formatTimestamp } from '../../../platform/views/format.ts';
import type { EventFeedRow } from '../tables.ts';

export function FeedsPage({
  feeds,
  groups,
  state,
}: {
  feeds: (EventFeedRow & { group_name: string | null })[];
  groups: { id: number; name: string }[];
  state?: FormState;
}) {
  return (
    <>
      <p class="breadcrumbs">
        <a href="/admin">{t('admin.title')}</a>
      </p>
      <PageHeader title={t('events.feeds.title')} lead={t('events.feeds.lead')} />
      {feeds.length === 0 ? (
        <EmptyState title={t('events.feeds.empty')}>
          <p>{t('events.feeds.emptyHelp')}</p>
        </EmptyState>
      ) : (
        <ul class="stack feed-list">
          {feeds.map((feed) => (
            <li class="card">
              <h2>
                {feed.group_name ?? t('events.feeds.noGroup')} ·{' '}
                {feed.kind === 'ical' ? 'iCal' : 'Mobilize'}
              </h2>
              <p class="feed-url">
                {feed.kind === 'mobilize' ? `${feed.url} · ${feed.organization_id}` : feed.url}
              </p>
              <p>
                {feed.last_error ? (
                  <Badge tone="danger">
                    {t('events.feeds.failing', { count: feed.failure_count })}
                  </Badge>
                ) : feed.last_success_at ? (
                  <Badge tone="success">{t('events.feeds.ok')}</Badge>
                ) : (
                  <Badge tone="muted">{t('events.feeds.never')}</Badge>
                )}{' '}
                {feed.is_trusted && <Badge>{t('events.feeds.trusted')}</Badge>}
              </p>
              {feed.last_error && <p class="field-error">{feed.last_error}</p>}
              <FeedReport report={feed.report} />
              <p class="muted">
                {feed.last_synced_at
                  ? t('events.feeds.lastSynced', {
                      when: formatTimestamp(feed.last_synced_at, coalitionZone()),
                    })
                  : ''}{' '}
                {t('events.feeds.nextSync', {
                  when: formatTimestamp(feed.next_sync_at, coalitionZone()),
                })}
              </p>
              <form
                method="post"
                action={`/admin/events/feeds/${feed.id}/sync`}
                class="inline-form"
              >
                <CsrfField />
                <button class="button secondary" type="submit">
                  {t('events.feeds.syncNow')}
                </button>
              </form>{' '}
              <form
                method="post"
                action={`/admin/events/feeds/${feed.id}/delete`}
                class="inline-form"
              >
                <CsrfField />
                <button class="button danger" type="submit">
                  {t('events.feeds.remove')}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <section class="card">
        <h2>{t('events.feeds.add')}</h2>
        <form method="post" action="/admin/events/feeds" class="stack">
          <CsrfField />
          <ErrorSummary state={state} />
          <SelectField
            name="group"
            label={t('events.feeds.group')}
            options={groups.map((g) => ({ value: String(g.id), label: g.name }))}
            state={state}
          />
          <SelectField
            name="kind"
            label={t('events.feeds.kind')}
            options={[
              { value: 'ical', label: t('events.feeds.kind.ical') },
              { value: 'mobilize', label: t('events.feeds.kind.mobilize') },
            ]}
            state={state}
          />
          <Field
            name="url"
            label={t('events.feeds.url')}
            help={t('events.feeds.urlHelp')}
            state={state}
            type="url"
          />
          <Field
            name="organizationId"
            label={t('events.feeds.organizationId')}
            help={t('events.feeds.organizationIdHelp')}
            state={state}
            optional
          />
          <label class="checkbox">
            <input type="checkbox" name="trusted" value="1" /> {t('events.feeds.trustedLabel')}
          </label>
          <p>
            <button class="button" type="submit">
              {t('events.feeds.addButton')}
            </button>
          </p>
        </form>
      </section>
    </>
  );
}

function FeedReport({ report }: { report: Record<string, unknown> }) {
  const skipped = (report.skipped as { uid?: string; reason: string }[] | undefined) ?? [];
  const kept = (report.keptLocalEdits as string[] | undefined) ?? [];
  if (!report.created && !report.updated && !skipped.length && !kept.length && !report.cancelled)
    return null;
  return (
    <div class="feed-report">
      <p>
        {t('events.feeds.report', {
          created: Number(report.created ?? 0),
          updated: Number(report.updated ?? 0),
          cancelled: Number(report.cancelled ?? 0),
          skipped: skipped.length,
        })}
      </p>
      {kept.length > 0 && (
        <p class="muted">{t('events.feeds.keptLocalEdits', { titles: kept.join(', ') })}</p>
      )}
      {skipped.length > 0 && (
        <details>
          <summary>{t('events.feeds.skippedList')}</summary>
          <ul>
            {skipped.slice(0, 50).map((s) => (
              <li>
                {s.uid ?? '?'}: {s.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
