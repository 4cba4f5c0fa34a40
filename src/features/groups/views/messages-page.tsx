import { t } from '../../../platform/i18n/index.ts';
import { EmptyState, PageHeader } from '../../../platform/views/components.tsx';
import { coalitionZone, formatTimestamp } from '../../../platform/views/format.ts';
import type { GroupSummary } from '../directory.ts';

export interface MessageRow {
  id: number;
  sender_name: string;
  email: string;
  body: string;
  created_at: Date;
}

export function MessagesPage({
  group,
  messages,
  olderThan,
}: {
  group: GroupSummary;
  messages: MessageRow[];
  olderThan?: number;
}) {
  return (
    <>
      <p class="breadcrumbs">
        <a href={`/groups/${group.slug}`}>{group.name}</a> ›
      </p>
      <PageHeader
        title={t('groups.messages.title', { group: group.name })}
        lead={t('groups.messages.lead')}
      />
      {messages.length ? (
        <ol class="message-list">
          {messages.map((message) => (
            <li class="card">
              <p class="message-meta">
                <strong>{message.sender_name}</strong>{' '}
                <a href={`mailto:${message.email}`}>{message.email}</a>
                <br />
                <span class="muted">{formatTimestamp(message.created_at, coalitionZone())}</span>
              </p>
              <p class="message-body">{message.body}</p>
              <p>
                <a
                  class="button secondary"
                  href={`mailto:${message.email}?subject=${encodeURIComponent(`Re: ${group.name}`)}`}
                >
                  {t('groups.messages.reply')}
                </a>
              </p>
            </li>
          ))}
        </ol>
      ) : (
        <EmptyState title={t('groups.messages.none')}>
          <p>{t('groups.messages.noneBody')}</p>
        </EmptyState>
      )}
      {olderThan && (
        <p class="pagination">
          <a class="button secondary" href={`?before=${olderThan}`} rel="next">
            {t('groups.messages.older')}
          </a>
        </p>
      )}
    </>
  );
}
