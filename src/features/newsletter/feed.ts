import { issuePlainText } from './issues.ts';
import type { Block, Issue } from './tables.ts';

function xml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

/** RSS 2.0 of the published issues. Only what the web archive shows: no subscriber details. */
export function buildIssuesFeed(
  items: { issue: Issue; blocks: Block[] }[],
  site: { siteName: string; publicUrl: string },
): string {
  const channelLink = `${site.publicUrl}/newsletter`;
  const entries = items
    .filter(({ issue }) => issue.published_at)
    .map(({ issue, blocks }) => {
      const link = `${site.publicUrl}/newsletter/${issue.slug}`;
      const text = issuePlainText(blocks);
      const description = [issue.preheader, text.length > 1200 ? `${text.slice(0, 1200)}…` : text]
        .filter(Boolean)
        .join('\n\n');
      return `    <item>
      <title>${xml(issue.subject)}</title>
      <link>${xml(link)}</link>
      <guid isPermaLink="true">${xml(link)}</guid>
      <pubDate>${issue.published_at!.toUTCString()}</pubDate>
      <description>${xml(description)}</description>
    </item>`;
    });
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${xml(`${site.siteName} newsletter`)}</title>
    <link>${xml(channelLink)}</link>
    <atom:link href="${xml(`${site.publicUrl}/newsletter.rss`)}" rel="self" type="application/rss+xml"/>
    <description>${xml(`The weekly newsletter of ${site.siteName}`)}</description>
    <language>en-us</language>
${entries.join('\n')}
  </channel>
</rss>
`;
}
