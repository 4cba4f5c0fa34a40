import { describe, expect, it } from 'vitest';
import { highlightHtml, MARK_END, MARK_START, plainSnippet } from './snippet.ts';

describe('highlightHtml', () => {
  it('escapes the whole snippet and only then marks the matches', () => {
    const marked = `<img src=x onerror=alert(1)> ${MARK_START}organize${MARK_END} & "vote"`;
    expect(highlightHtml(marked)).toBe(
      '&lt;img src=x onerror=alert(1)&gt; <mark>organize</mark> &amp; &quot;vote&quot;',
    );
  });

  it('cannot be tricked into unbalanced or nested marks by stray sentinels in the text', () => {
    expect(highlightHtml(`a${MARK_END}b${MARK_START}c${MARK_START}d`)).toBe('ab<mark>cd</mark>');
  });

  it('gives plain text for the API', () => {
    expect(plainSnippet(`${MARK_START}town${MARK_END} hall`)).toBe('town hall');
  });
});
