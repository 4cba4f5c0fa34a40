/**
 * HTML from another system (WordPress posts, Mailchimp campaigns, event descriptions) becomes
 * the Markdown this site stores. Two steps: `sanitize-html` keeps an allow-list of tags and safe
 * link schemes, resolves every address against the old site and rewrites it (an internal link
 * to the new page, an image to its downloaded copy, or to a plain link when it could not be
 * copied); then `turndown` writes Markdown. Whatever survives is sanitized again when shown.
 */
import sanitizeHtml from 'sanitize-html';
import type TurndownService from 'turndown';

export interface ConvertOptions {
  /** The address relative links and images are read against (the old site). */
  baseUrl?: string;
  /** The new address of a link, or undefined to keep the (absolute) old one. */
  rewriteLink?: (url: URL) => string | undefined;
  /**
   * The address of an image's local copy; undefined turns the image into a link to it, so no
   * page loads a picture from another site.
   */
  rewriteImage?: (url: URL) => string | undefined;
  /** Email layouts are tables for layout: unwrap them. Content tables stay (as HTML). */
  tables?: 'keep' | 'unwrap';
}

/** A made-up tag name for elements to drop with their content (a disallowed non-text tag). */
const DROPPED = 'moving-in-dropped';

const ALLOWED_TAGS = [
  'p',
  'br',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'strong',
  'b',
  'em',
  'i',
  'del',
  's',
  'code',
  'pre',
  'blockquote',
  'hr',
  'a',
  'img',
  'div',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
];

const SAFE_SCHEMES = ['http:', 'https:', 'mailto:', 'tel:'];

/** Elements the reader never saw: hidden preheaders, tracking pixels. */
function isHidden(attribs: Record<string, string>): boolean {
  const style = (attribs.style ?? '').replace(/\s+/g, '').toLowerCase();
  const className = attribs.class ?? '';
  return (
    style.includes('display:none') ||
    style.includes('visibility:hidden') ||
    /\bmcnPreviewText\b/.test(className) ||
    attribs.hidden !== undefined
  );
}

function resolve(value: string | undefined, base: string | undefined): URL | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  // Mailchimp merge tags (*|UNSUB|*) and template placeholders mean nothing outside an email.
  if (!trimmed || trimmed.includes('*|') || trimmed.includes('{{')) return undefined;
  try {
    const url = base ? new URL(trimmed, base) : new URL(trimmed);
    return SAFE_SCHEMES.includes(url.protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}

const MAILCHIMP_CHROME =
  /(list-manage\.com\/(unsubscribe|profile|vcard|track)|mailchi\.mp\/.*\/(unsubscribe|profile)|\/forward-to-friend|campaign-archive\.com\/\?e=)/i;

function sanitize(html: string, options: ConvertOptions): string {
  const unwrap = options.tables === 'unwrap';
  const dropped = { tagName: DROPPED, attribs: {} };
  const tableTag = (tag: string) => (unwrap ? 'div' : tag);
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      a: ['href', 'title'],
      img: ['src', 'alt', 'title'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan'],
      ol: ['start'],
    },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: [
      'script',
      'style',
      'textarea',
      'option',
      'noscript',
      'title',
      'head',
      'template',
      'svg',
      'math',
      'object',
      'embed',
      'select',
      DROPPED,
    ],
    transformTags: {
      '*': (tagName, attribs) => (isHidden(attribs) ? dropped : { tagName, attribs }),
      a: (tagName, attribs): sanitizeHtml.Tag => {
        if (isHidden(attribs)) return dropped;
        if ((attribs.href ?? '').includes('*|')) return dropped;
        const url = resolve(attribs.href, options.baseUrl);
        if (!url) return { tagName: 'span', attribs: {} };
        if (MAILCHIMP_CHROME.test(url.href)) return dropped;
        const href = options.rewriteLink?.(url) ?? url.href;
        return { tagName, attribs: { href, ...(attribs.title ? { title: attribs.title } : {}) } };
      },
      img: (_tagName, attribs): sanitizeHtml.Tag => {
        if (isHidden(attribs)) return dropped;
        const url = resolve(attribs.src, options.baseUrl);
        if (!url || url.protocol === 'mailto:' || url.protocol === 'tel:') return dropped;
        const tiny = attribs.width === '1' || attribs.height === '1';
        if (tiny || MAILCHIMP_CHROME.test(url.href)) return dropped;
        const alt = (attribs.alt ?? '').trim();
        const local = options.rewriteImage?.(url);
        if (local) return { tagName: 'img', attribs: { src: local, alt } };
        return {
          tagName: 'a',
          attribs: { href: url.href },
          text: alt ? `Image: ${alt}` : 'Image',
        };
      },
      iframe: (_tagName, attribs) => {
        const url = resolve(attribs.src, options.baseUrl);
        if (!url) return dropped;
        return { tagName: 'a', attribs: { href: url.href }, text: url.href };
      },
      figcaption: 'p',
      center: 'div',
      section: 'div',
      article: 'div',
      table: tableTag('table'),
      thead: tableTag('thead'),
      tbody: tableTag('tbody'),
      tfoot: tableTag('tfoot'),
      tr: tableTag('tr'),
      td: tableTag('td'),
      th: tableTag('th'),
    },
  });
}

let service: TurndownService | undefined;

/**
 * Loads turndown (and the DOM it brings) the first time an import needs it, so the server does
 * not pay for it at every start. Call before `htmlToMarkdown`.
 */
export async function loadConverter(): Promise<void> {
  if (service) return;
  const { default: Turndown } = await import('turndown');
  service = new Turndown({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    bulletListMarker: '-',
    emDelimiter: '_',
    hr: '---',
  });
  // Tables stay HTML inside the Markdown (already cleaned); the library's renderer allows them.
  service.keep(['table']);
  // An empty link or one whose text is only whitespace says nothing.
  service.addRule('emptyLink', {
    filter: (node) => node.nodeName === 'A' && !(node.textContent ?? '').trim(),
    replacement: () => '',
  });
}

function turndown(): TurndownService {
  if (!service) throw new Error('htmlToMarkdown: call loadConverter() first');
  return service;
}

/** Cleaned HTML as Markdown (no raw HTML except content tables). */
export function htmlToMarkdown(html: string, options: ConvertOptions = {}): string {
  const clean = sanitize(html, options);
  return turndown()
    .turndown(clean)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Plain text of some HTML (titles, excerpts): tags gone, entities decoded, spaces collapsed. */
export function htmlToText(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: ['script', 'style', 'title', 'head', 'noscript', 'textarea'],
  })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
