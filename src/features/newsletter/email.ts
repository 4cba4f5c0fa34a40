/**
 * One issue as an email: a multipart text + HTML message built from the blocks. The HTML uses
 * nested tables and inlined styles (juice), which Gmail, Apple Mail and Outlook all render, with
 * a dark-mode stylesheet for clients that support it and explicit colors for those that do not.
 *
 * Rendering is the expensive part of sending, so it happens once per *variant* (the set of
 * districts that shapes "Near you") and the per-subscriber links are filled in afterwards.
 */
import juice from 'juice';
import { escapeHtml as esc } from '../../platform/text.ts';
import {
  buildDigest,
  type DigestDay,
  markdownToHtml,
  markdownToText,
  occurrenceMeta,
  STATUS_LABELS,
} from './content.ts';
import type { Block } from './tables.ts';

export const UNSUBSCRIBE_PLACEHOLDER = '%%NEWSLETTER_UNSUBSCRIBE_URL%%';
export const PREFERENCES_PLACEHOLDER = '%%NEWSLETTER_PREFERENCES_URL%%';

export interface IssueContent {
  id: number;
  slug: string;
  subject: string;
  preheader: string;
  /** YYYY-MM-DD */
  issueDate: string;
  blocks: readonly Block[];
}

export interface RenderSettings {
  siteName: string;
  publicUrl: string;
  postalAddress: string | undefined;
  zone: string;
  accentColor: string;
  logoUrl: string | null;
  now: Date;
}

export interface RenderedIssue {
  subject: string;
  html: string;
  text: string;
}

const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

function absolute(publicUrl: string, url: string): string {
  return url.startsWith('/') ? `${publicUrl}${url}` : url;
}

// Making an Intl.DateTimeFormat is slow; one serves every label.
const issueDateFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: 'UTC',
  month: 'long',
  day: 'numeric',
  year: 'numeric',
});

export function issueDateLabel(issueDate: string): string {
  return issueDateFormat.format(new Date(`${issueDate}T12:00:00Z`));
}

function stylesheet(accent: string): string {
  return `
  body { margin:0; padding:0; background:#f3f4f6; }
  .outer { background:#f3f4f6; }
  .card { background:#ffffff; border-radius:8px; }
  .content { padding:8px 24px 24px; font-family:${FONT}; color:#111827; }
  .masthead { padding:20px 24px 8px; font-family:${FONT}; color:#111827; }
  .site { font-size:20px; font-weight:bold; color:#111827; margin:0; }
  .dateline { font-size:14px; color:#4b5563; margin:4px 0 0; }
  .online { font-size:13px; color:#4b5563; margin:8px 0 0; }
  h2 { font-size:20px; line-height:1.3; margin:28px 0 8px; color:#111827; }
  h3 { font-size:17px; line-height:1.35; margin:20px 0 6px; color:#111827; }
  h4 { font-size:15px; line-height:1.35; margin:16px 0 4px; color:#374151; text-transform:uppercase; letter-spacing:0.04em; }
  p { font-size:16px; line-height:1.55; margin:0 0 14px; color:#111827; }
  li { font-size:16px; line-height:1.55; color:#111827; }
  a { color:${accent}; text-decoration:underline; }
  .byline { font-size:14px; color:#4b5563; font-style:italic; }
  .event { padding:8px 0; border-bottom:1px solid #e5e7eb; }
  .event-title { font-size:16px; font-weight:bold; margin:0 0 2px; }
  .event-when { font-size:15px; margin:0 0 2px; color:#111827; }
  .event-meta { font-size:14px; margin:0; color:#4b5563; }
  .flag { font-size:13px; font-weight:bold; color:#92400e; }
  .rule { border-top:2px solid ${accent}; }
  .footer { font-family:${FONT}; font-size:13px; line-height:1.6; color:#4b5563; padding:16px 24px; }
  .footer p { font-size:13px; color:#4b5563; margin:0 0 8px; }
  .footer a { color:#374151; }
  @media (prefers-color-scheme: dark) {
    body, .outer { background:#111827 !important; }
    .card { background:#1f2937 !important; }
    .content, .masthead, h2, h3, p, li, .site, .event-when { color:#f9fafb !important; }
    h4, .dateline, .online, .byline, .event-meta, .footer, .footer p { color:#d1d5db !important; }
    a, .footer a { color:#93c5fd !important; }
    .flag { color:#fcd34d !important; }
    .event { border-bottom-color:#374151 !important; }
  }
  [data-ogsc] .card { background:#1f2937 !important; }
  [data-ogsc] p, [data-ogsc] h2, [data-ogsc] h3, [data-ogsc] li { color:#f9fafb !important; }
  `;
}

function digestDaysHtml(days: DigestDay[]): string {
  return days
    .map(
      (day) =>
        `<h3>${esc(day.label)}</h3>` +
        day.groups
          .map(
            (group) =>
              `<h4>${esc(group.label)}</h4>` +
              group.items
                .map((item) => {
                  const flags = [STATUS_LABELS[item.status]].filter(Boolean);
                  return `<div class="event">${
                    flags.length
                      ? `<p class="flag" style="margin:0">${esc(flags.join(' · '))}</p>`
                      : ''
                  }<p class="event-title"><a href="%%BASE%%${esc(item.url)}">${esc(item.title)}</a></p><p class="event-when">${esc(item.when)}</p><p class="event-meta">${esc(occurrenceMeta(item))}</p></div>`;
                })
                .join(''),
          )
          .join(''),
    )
    .join('');
}

function digestDaysText(days: DigestDay[], publicUrl: string): string {
  return days
    .map((day) =>
      [
        day.label.toUpperCase(),
        ...day.groups.map((group) =>
          [
            `  ${group.label}`,
            ...group.items.map((item) => {
              const flags = STATUS_LABELS[item.status];
              return [
                `  - ${flags ? `[${flags}] ` : ''}${item.title}`,
                `    ${item.when}`,
                `    ${occurrenceMeta(item)}`,
                `    ${absolute(publicUrl, item.url)}`,
              ].join('\n');
            }),
          ].join('\n'),
        ),
      ].join('\n'),
    )
    .join('\n\n');
}

function byline(block: Block): string {
  if (!block.submitted_by) return '';
  return block.on_behalf_of
    ? `Submitted by ${block.submitted_by}, on behalf of ${block.on_behalf_of}`
    : `Submitted by ${block.submitted_by}`;
}

function blockHtml(block: Block, districts: readonly number[], settings: RenderSettings): string {
  const title = block.title ? `<h2>${esc(block.title)}</h2>` : '';
  switch (block.kind) {
    case 'events': {
      const digest = buildDigest(
        block.data.occurrences ?? [],
        districts,
        settings.zone,
        settings.now,
      );
      const intro = block.body ? markdownToHtml(block.body) : '';
      if (!digest.total) {
        return `${title}${intro}<p>No events are on the calendar for these two weeks yet. <a href="%%BASE%%/events/new">Add yours</a>.</p>`;
      }
      const near = digest.nearYou.length
        ? `<h2 class="rule" style="padding-top:12px">Near you: ${esc(digest.nearYouLabel)}</h2>${digestDaysHtml(digest.nearYou)}`
        : '';
      const elsewhere = digest.elsewhere.length
        ? `${near ? '<h2 class="rule" style="padding-top:12px">Across the state</h2>' : ''}${digestDaysHtml(digest.elsewhere)}`
        : '';
      return `${title}${intro}${near}${elsewhere}<p style="margin-top:14px"><a href="%%BASE%%/events">See every event on the calendar</a></p>`;
    }
    default: {
      const by = byline(block);
      const link = block.link_url
        ? `<p><a href="${esc(block.link_url)}">${esc(linkText(block))}</a></p>`
        : '';
      return `${title}${by ? `<p class="byline">${esc(by)}</p>` : ''}${markdownToHtml(block.body)}${link}`;
    }
  }
}

function linkText(block: Block): string {
  return block.kind === 'spotlight' ? 'Get involved' : 'Read more';
}

function blockText(block: Block, districts: readonly number[], settings: RenderSettings): string {
  const parts: string[] = [];
  if (block.title) parts.push(`${block.title}\n${'-'.repeat(Math.min(block.title.length, 60))}`);
  if (block.kind === 'events') {
    const digest = buildDigest(
      block.data.occurrences ?? [],
      districts,
      settings.zone,
      settings.now,
    );
    if (block.body) parts.push(markdownToText(block.body));
    if (!digest.total) {
      parts.push('No events are on the calendar for these two weeks yet.');
    } else {
      if (digest.nearYou.length) {
        parts.push(
          `NEAR YOU: ${digest.nearYouLabel}\n\n${digestDaysText(digest.nearYou, settings.publicUrl)}`,
        );
        if (digest.elsewhere.length) parts.push('ACROSS THE STATE');
      }
      if (digest.elsewhere.length) parts.push(digestDaysText(digest.elsewhere, settings.publicUrl));
    }
    parts.push(`Every event: ${settings.publicUrl}/events`);
  } else {
    const by = byline(block);
    if (by) parts.push(by);
    if (block.body) parts.push(markdownToText(block.body));
    if (block.link_url) parts.push(`${linkText(block)}: ${block.link_url}`);
  }
  return parts.join('\n\n');
}

/**
 * Renders the issue for subscribers in `districts` (empty: no place known). The result still
 * holds UNSUBSCRIBE_PLACEHOLDER and PREFERENCES_PLACEHOLDER; personalize() fills them.
 */
export function renderIssueVariant(
  issue: IssueContent,
  districts: readonly number[],
  settings: RenderSettings,
): RenderedIssue {
  const base = settings.publicUrl;
  const webUrl = `${base}/newsletter/${issue.slug}`;
  const dateLabel = issueDateLabel(issue.issueDate);
  const logo = settings.logoUrl
    ? `<img src="${esc(absolute(base, settings.logoUrl))}" width="40" height="40" alt="${esc(settings.siteName)}" style="display:block;border:0;margin:0 0 8px">`
    : '';
  const body = issue.blocks.map((block) => blockHtml(block, districts, settings)).join('\n');
  const footer = [
    `<p>You are getting this because you subscribed to the ${esc(settings.siteName)} newsletter.</p>`,
    `<p><a href="${PREFERENCES_PLACEHOLDER}">Change your town or pause</a> · <a href="${UNSUBSCRIBE_PLACEHOLDER}">Unsubscribe</a></p>`,
    settings.postalAddress
      ? `<p>${esc(settings.siteName)} · ${esc(settings.postalAddress)}</p>`
      : '',
  ].join('');
  const document = `<!DOCTYPE html>
<html lang="en" xmlns="http://www.w3.org/1999/xhtml"><head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark">
<title>${esc(issue.subject)}</title>
<style>${stylesheet(settings.accentColor)}</style>
<!--[if mso]><style>body,table,td,p,a,li,h2,h3,h4{font-family:Arial,sans-serif !important}</style><![endif]-->
</head>
<body class="outer">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all">${esc(issue.preheader)}&#8199;&#65279;&#847;</div>
<table role="presentation" class="outer" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="#f3f4f6"><tr><td align="center" style="padding:16px 8px">
<!--[if mso]><table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->
<table role="presentation" class="card" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="#ffffff" style="max-width:600px">
<tr><td class="masthead">${logo}<p class="site">${esc(settings.siteName)}</p><p class="dateline">Weekly newsletter · ${esc(dateLabel)}</p><p class="online"><a href="${esc(webUrl)}">Read it on the web</a></p></td></tr>
<tr><td class="content">
${body.replaceAll('%%BASE%%', esc(base))}
</td></tr></table>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px"><tr><td class="footer">${footer}</td></tr></table>
<!--[if mso]></td></tr></table><![endif]-->
</td></tr></table>
</body></html>`;
  const html = juice(document, { preserveMediaQueries: true, removeStyleTags: true });
  const text = [
    `${settings.siteName}: weekly newsletter, ${dateLabel}`,
    `Read it on the web: ${webUrl}`,
    ...issue.blocks.map((block) => blockText(block, districts, settings)),
    '--',
    `You are getting this because you subscribed to the ${settings.siteName} newsletter.`,
    `Change your town or pause: ${PREFERENCES_PLACEHOLDER}`,
    `Unsubscribe: ${UNSUBSCRIBE_PLACEHOLDER}`,
    settings.postalAddress ? `${settings.siteName} · ${settings.postalAddress}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  return { subject: issue.subject, html, text };
}

/** Fills one subscriber's links into a rendered variant. */
export function personalize(
  variant: RenderedIssue,
  links: { unsubscribe: string; preferences: string },
): RenderedIssue {
  const fill = (value: string, escapeHtml: boolean) =>
    value
      .split(UNSUBSCRIBE_PLACEHOLDER)
      .join(escapeHtml ? esc(links.unsubscribe) : links.unsubscribe)
      .split(PREFERENCES_PLACEHOLDER)
      .join(escapeHtml ? esc(links.preferences) : links.preferences);
  return {
    subject: variant.subject,
    html: fill(variant.html, true),
    text: fill(variant.text, false),
  };
}

/** Caches rendered variants for one send (a handful: one per distinct set of districts). */
export class VariantCache {
  readonly #cache = new Map<string, RenderedIssue>();
  constructor(
    private readonly issue: IssueContent,
    private readonly settings: RenderSettings,
  ) {}

  get(districts: readonly number[]): RenderedIssue {
    const hasEvents = this.issue.blocks.some((block) => block.kind === 'events');
    const key = hasEvents ? [...districts].sort((a, b) => a - b).join(',') : '';
    let variant = this.#cache.get(key);
    if (!variant) {
      variant = renderIssueVariant(this.issue, hasEvents ? districts : [], this.settings);
      if (this.#cache.size > 200) this.#cache.clear();
      this.#cache.set(key, variant);
    }
    return variant;
  }
}
