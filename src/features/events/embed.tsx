import { assetUrl } from '../../platform/http/assets.ts';
import { t } from '../../platform/i18n/index.ts';
import type { OccurrenceListRow } from './occurrence-query.ts';
import { whenText } from './views/occurrence-list.tsx';

/** The widget inside an iframe on a group's website: a short list, links open on the hub. */
export function EmbedList({
  rows,
  now,
  publicUrl,
  query,
  title,
}: {
  rows: OccurrenceListRow[];
  now: Date;
  publicUrl: string;
  query: string;
  title: string;
}) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="stylesheet" href={assetUrl('app.css')} />
        <base target="_blank" />
      </head>
      <body class="embed">
        <main class="embed-main">
          <h1 class="embed-title">{title}</h1>
          {rows.length === 0 ? (
            <p class="muted">{t('events.embed.empty')}</p>
          ) : (
            <ul class="event-list">
              {rows.map((row) => (
                <li class={`event-item${row.status === 'cancelled' ? ' is-cancelled' : ''}`}>
                  <p class="event-time">{whenText(row, now)}</p>
                  <div class="event-body">
                    <h2 class="event-title">
                      <a
                        href={`${publicUrl}/events/${row.event_id}?occurrence=${row.occurrence_id}`}
                        rel="noopener"
                      >
                        {row.status !== 'scheduled' ? `${t(`events.status.${row.status}`)}: ` : ''}
                        {row.title}
                      </a>
                    </h2>
                    <p class="event-meta muted">
                      {row.mode === 'online'
                        ? t('events.mode.online')
                        : [row.venue, row.town_name].filter(Boolean).join(', ')}
                    </p>
                  </div>
                </li>
              ))}
            </ul>
          )}
          <p class="embed-more">
            <a href={`${publicUrl}/events${query ? `?${query}` : ''}`} rel="noopener">
              {t('events.embed.all')}
            </a>
          </p>
        </main>
      </body>
    </html>
  );
}
