import { escapeHtml } from '../../platform/text.ts';
/**
 * Highlighted snippets without trusting the text: ts_headline wraps matches in two sentinel
 * characters from Unicode's private use area, the whole snippet is HTML-escaped, and only then
 * are the sentinels turned into <mark> tags. Text that happens to contain a sentinel can at
 * worst produce a stray <mark>, never markup of its own.
 */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

/** Escaped HTML with <mark> around the matches. */
export function highlightHtml(marked: string): string {
  let open = false;
  let html = '';
  for (const part of escapeHtml(marked).split(/([\uE000\uE001])/)) {
    if (part === MARK_START) {
      if (!open) html += '<mark>';
      open = true;
    } else if (part === MARK_END) {
      if (open) html += '</mark>';
      open = false;
    } else {
      html += part;
    }
  }
  return open ? `${html}</mark>` : html;
}

/** The snippet as plain text (for the API and for screen readers). */
export function plainSnippet(marked: string): string {
  return marked.replace(/[\uE000\uE001]/g, '');
}
