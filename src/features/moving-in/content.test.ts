import { beforeAll, describe, expect, it } from 'vitest';
import { htmlToMarkdown, loadConverter } from './html-to-markdown.ts';
import { parseMailchimpAddress, parseTags } from './mailchimp/read-export.ts';
import { comparableName, matchIssueArea } from './matching.ts';
import { redirectKey, redirectKeyOf } from './redirects.ts';
import { addParagraphs, renderWordPressContent } from './wordpress/content.ts';

beforeAll(loadConverter);

const noContext = { reusableBlocks: new Map(), attachmentUrls: new Map(), onDropped: () => {} };

describe('WordPress content', () => {
  it('makes paragraphs of classic-editor text, as wpautop does', () => {
    expect(addParagraphs('One\ntwo\n\nThree\n\n<ul><li>x</li></ul>')).toBe(
      '<p>One<br>\ntwo</p>\n<p>Three</p>\n<ul><li>x</li></ul>',
    );
    expect(addParagraphs('<p>Already</p>')).toBe('<p>Already</p>');
  });

  it('leaves escaped shortcodes and ordinary brackets alone', () => {
    expect(renderWordPressContent('[[gallery]] and [sic] and [1]', noContext)).toBe(
      '<p>[gallery] and [sic] and [1]</p>',
    );
  });

  it('unwraps page-builder shortcodes and turns embeds into links', () => {
    const dropped: string[] = [];
    const html = renderWordPressContent(
      '<p>[et_pb_section][et_pb_text]Kept text[/et_pb_text][/et_pb_section]</p><p>[embed]https://youtu.be/x1[/embed]</p>',
      { ...noContext, onDropped: (what) => dropped.push(what) },
    );
    expect(html).toContain('Kept text');
    expect(html).toContain('<a href="https://youtu.be/x1">');
    expect(dropped).toEqual(['shortcode [et_pb_section]', 'shortcode [et_pb_text]']);
  });
});

describe('HTML to Markdown', () => {
  it('escapes Markdown a text means literally', () => {
    expect(htmlToMarkdown('<p>[click me](javascript:alert(1)) *not bold*</p>')).toBe(
      '\\[click me\\](javascript:alert(1)) \\*not bold\\*',
    );
  });

  it('drops links it cannot make safe but keeps their text', () => {
    expect(
      htmlToMarkdown(
        '<p><a href="javascript:alert(1)">Click</a> <a href="data:text/html,x">here</a></p>',
      ),
    ).toBe('Click here');
  });
});

describe('Mailchimp fields', () => {
  it('reads an address written as parts separated by two spaces', () => {
    expect(parseMailchimpAddress('12 Elm St  Apt 2  Cambridge  MA  02139  US')).toEqual({
      town: 'Cambridge',
      state: 'MA',
      zip: '02139',
    });
    expect(parseMailchimpAddress('9 Oak Ave    Worcester  MA  01608')).toEqual({
      town: 'Worcester',
      state: 'MA',
      zip: '01608',
    });
    expect(parseMailchimpAddress('')).toEqual({ town: null, state: null, zip: null });
  });

  it('reads tags, quoted or not', () => {
    expect(parseTags('"Volunteers","Cambridge, MA"')).toEqual(['Volunteers', 'Cambridge, MA']);
    expect(parseTags('Volunteers')).toEqual(['Volunteers']);
    expect(parseTags('')).toEqual([]);
  });
});

describe('matching names', () => {
  it('ignores case, accents, punctuation and & against and', () => {
    expect(comparableName('Women’s Rights & Reproductive Freedom')).toBe(
      'womens rights and reproductive freedom',
    );
    expect(matchIssueArea('CLIMATE & ENVIRONMENT')).toBe('climate');
    expect(matchIssueArea('Immigrant Rights')).toBe('immigrant-rights');
    expect(matchIssueArea('LGBTQ+ rights')).toBe('lgbtq-rights');
    expect(matchIssueArea('News')).toBeUndefined();
  });
});

describe('redirect keys', () => {
  it('stores old addresses one way whatever their case, slash or id parameter', () => {
    expect(redirectKey(new URL('https://x.org/2024/05/Some-Post/'))).toBe('/2024/05/some-post');
    expect(redirectKey(new URL('https://x.org/?page_id=12'))).toBe('/?p=12');
    expect(redirectKey(new URL('https://x.org/blog/?p=12&utm_source=x'))).toBe('/?p=12');
    expect(redirectKey(new URL('https://x.org/caf%C3%A9/'))).toBe('/café');
    expect(redirectKeyOf('/old-page/?ref=nl')).toBe('/old-page');
    expect(redirectKeyOf('')).toBeUndefined();
  });
});
