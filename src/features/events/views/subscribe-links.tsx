// Calendar subscription links (webcal, Google, .ics, RSS) for the current filters.

import { t } from '../../../platform/i18n/index.ts';

export function SubscribeLinks({ publicUrl, query }: { publicUrl: string; query: string }) {
  const suffix = query ? `?${query}` : '';
  const ics = `${publicUrl}/events.ics${suffix}`;
  const webcal = ics.replace(/^https?:/, 'webcal:');
  const google = `https://calendar.google.com/calendar/r?cid=${encodeURIComponent(webcal)}`;
  return (
    <details class="subscribe">
      <summary>{query ? t('events.subscribe.filtered') : t('events.subscribe.all')}</summary>
      <p class="muted">{t('events.subscribe.help')}</p>
      <ul class="subscribe-links">
        <li>
          <a href={webcal}>{t('events.subscribe.apple')}</a>
        </li>
        <li>
          <a href={google} rel="noopener">
            {t('events.subscribe.google')}
          </a>
        </li>
        <li>
          <a href={`/events.ics${suffix}`}>{t('events.subscribe.download')}</a>
        </li>
        <li>
          <a href={`/events.rss${suffix}`}>{t('events.subscribe.rss')}</a>
        </li>
      </ul>
      <p class="muted">
        {t('events.subscribe.address')} <code class="feed-url">{ics}</code>
      </p>
    </details>
  );
}
