import { describe, expect, it } from 'vitest';
import { markdownToText, renderMarkdown } from './markdown.ts';

describe('renderMarkdown', () => {
  it('renders Markdown, shifting headings below the page title', () => {
    const html = renderMarkdown(
      '# Plan\n\n**Book** a [room](https://example.org).\n\n- one\n- two',
    );
    expect(html).toContain('<h2>Plan</h2>');
    expect(html).toContain('<strong>Book</strong>');
    expect(html).toContain('<a href="https://example.org" rel="nofollow noopener">room</a>');
    expect(html).toContain('<li>one</li>');
  });

  it('removes scripts, event handlers, dangerous links and styles', () => {
    const payloads = [
      '<script>window.__xss=1</script>',
      '<img src=x onerror="window.__xss=1">',
      '[click](javascript:window.__xss=1)',
      '<a href="javascript:alert(1)">x</a>',
      '<iframe src="https://evil.example"></iframe>',
      '<svg onload=alert(1)>',
      '<div style="background:url(javascript:alert(1))">x</div>',
      '![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '<details open ontoggle=alert(1)>',
      '<form action="https://evil.example"><button>Go</button></form>',
    ];
    for (const payload of payloads) {
      const html = renderMarkdown(payload);
      expect(html).not.toMatch(
        /<script|onerror|onload|ontoggle|javascript:|<iframe|<svg|style=|data:text|<form/i,
      );
    }
  });

  it('keeps https images only', () => {
    expect(renderMarkdown('![map](https://example.org/map.png)')).toContain(
      '<img src="https://example.org/map.png" alt="map" />',
    );
    expect(renderMarkdown('![map](http://example.org/map.png)')).not.toContain('src=');
  });
});

describe('markdownToText', () => {
  it('gives the words only, for the search index', () => {
    expect(
      markdownToText('## Step\n\n**Call** your <b>rep</b> & say "no".<script>x()</script>'),
    ).toBe('Step Call your rep & say "no".');
  });
});
