import { describe, expect, it } from 'vitest';
import { buildDigest, groupByDayAndDistrict, markdownToHtml, markdownToText } from './content.ts';
import {
  PREFERENCES_PLACEHOLDER,
  personalize,
  renderIssueVariant,
  UNSUBSCRIBE_PLACEHOLDER,
} from './email.ts';
import { issueDateFor } from './issues.ts';
import { classifySmtpError, retryBackoffMs } from './sending.ts';
import type { Block, StoredOccurrence } from './tables.ts';

const zone = 'America/New_York';
const now = new Date('2026-03-02T12:00:00Z');

function occurrence(overrides: Partial<StoredOccurrence>): StoredOccurrence {
  return {
    eventId: 1,
    occurrenceId: String(Math.random()),
    title: 'Meeting',
    start: '2026-03-10T23:00:00.000Z',
    end: null,
    allDay: false,
    status: 'scheduled',
    mode: 'in_person',
    town: 'Worcester',
    districts: [2],
    group: null,
    url: '/events/1',
    featured: false,
    summary: '',
    ...overrides,
  };
}

describe('the events digest', () => {
  it('groups by local day, featured first, then districts in order, statewide last', () => {
    const days = groupByDayAndDistrict(
      [
        occurrence({
          title: 'Online call',
          districts: [],
          town: null,
          mode: 'online',
          start: '2026-03-10T22:00:00.000Z',
        }),
        occurrence({
          title: 'District 5 canvass',
          districts: [5],
          start: '2026-03-10T21:00:00.000Z',
        }),
        occurrence({
          title: 'Featured rally',
          districts: [7, 8],
          featured: true,
          start: '2026-03-11T00:30:00.000Z',
        }),
        occurrence({ title: 'Late Tuesday', districts: [2], start: '2026-03-11T03:00:00.000Z' }), // 11 pm Tue local
        occurrence({ title: 'Wednesday', districts: [2], start: '2026-03-11T15:00:00.000Z' }),
      ],
      zone,
      now,
    );
    expect(days.map((d) => d.label)).toEqual(['Tuesday, March 10', 'Wednesday, March 11']);
    expect(days[0]!.groups.map((g) => g.label)).toEqual([
      'Featured',
      'District 2',
      'District 5',
      'Online and statewide',
    ]);
    expect(days[0]!.groups[0]!.items[0]!.when).toBe('Tue, Mar 10 · 8:30 pm');
  });

  it('puts the subscriber’s districts in "Near you" and everything else after', () => {
    const items = [
      occurrence({ title: 'Near', districts: [2] }),
      occurrence({ title: 'Split town', districts: [7, 8] }),
      occurrence({ title: 'Far', districts: [9] }),
    ];
    const digest = buildDigest(items, [8], zone, now);
    expect(digest.nearYouLabel).toBe('District 8');
    expect(
      digest.nearYou.flatMap((d) => d.groups.flatMap((g) => g.items.map((i) => i.title))),
    ).toEqual(['Split town']);
    expect(
      digest.elsewhere.flatMap((d) => d.groups.flatMap((g) => g.items.map((i) => i.title))),
    ).toEqual(['Near', 'Far']);
    expect(buildDigest(items, [], zone, now).nearYou).toEqual([]);
  });
});

describe('text of blocks', () => {
  it('makes Markdown safe HTML and readable plain text', () => {
    expect(
      markdownToHtml('Hi <script>alert(1)</script> **there** [x](javascript:alert(1))'),
    ).not.toMatch(/script|javascript/);
    expect(markdownToHtml('[Join](https://example.org)')).toContain(
      '<a href="https://example.org">Join</a>',
    );
    expect(markdownToText('**Bold** and [a link](https://example.org) and _soft_')).toBe(
      'Bold and a link (https://example.org) and soft',
    );
  });
});

describe('the email', () => {
  const block = (overrides: Partial<Block>): Block => ({
    id: 1,
    issue_id: 1,
    position: 1,
    kind: 'text',
    title: '',
    body: '',
    link_url: null,
    submitted_by: null,
    on_behalf_of: null,
    data: {},
    created_at: now,
    ...overrides,
  });
  const settings = {
    siteName: 'Coalition Hub',
    publicUrl: 'https://hub.example.org',
    postalAddress: '1 Main St, Boston, MA',
    zone,
    accentColor: '#1d4ed8',
    logoUrl: '/logo.png',
    now,
  };

  it('renders tables with inlined styles, a dark-mode sheet, alt text and per-subscriber links', () => {
    const variant = renderIssueVariant(
      {
        id: 7,
        slug: '2026-03-07',
        subject: 'Weekly',
        preheader: 'Hello',
        issueDate: '2026-03-07',
        blocks: [
          block({
            kind: 'news',
            title: 'News <b>',
            body: 'Text',
            submitted_by: 'Dana',
            on_behalf_of: 'Group',
          }),
        ],
      },
      [],
      settings,
    );
    expect(variant.html).toContain('role="presentation"');
    expect(variant.html).toMatch(
      /<p class="byline" style="[^"]+">Submitted by Dana, on behalf of Group<\/p>/,
    );
    expect(variant.html).toContain('@media (prefers-color-scheme: dark)');
    expect(variant.html).toContain('alt="Coalition Hub"');
    expect(variant.html).toContain('News &lt;b&gt;');
    expect(variant.html).toContain(UNSUBSCRIBE_PLACEHOLDER);
    const mine = personalize(variant, { unsubscribe: 'https://u/1', preferences: 'https://p/1' });
    expect(mine.html).not.toContain(UNSUBSCRIBE_PLACEHOLDER);
    expect(mine.text).not.toContain(PREFERENCES_PLACEHOLDER);
    expect(mine.text).toContain('Unsubscribe: https://u/1');
    expect(mine.text).toContain('Coalition Hub · 1 Main St, Boston, MA');
  });
});

describe('dates and retries', () => {
  it('dates an issue on the Saturday of its week', () => {
    expect(issueDateFor('2026-03-02', zone)).toBe('2026-03-07');
    expect(issueDateFor('2026-03-07', zone)).toBe('2026-03-07');
    expect(issueDateFor('2026-03-08', zone)).toBe('2026-03-14');
    // Friday 11 pm in Boston is already Saturday in UTC: the coalition's zone decides.
    expect(issueDateFor(new Date('2026-03-07T03:30:00Z'), zone)).toBe('2026-03-07');
  });

  it('backs off temporary failures and tells them from permanent ones', () => {
    expect(retryBackoffMs(1, () => 0.5)).toBe(30_000);
    expect(retryBackoffMs(2, () => 0.5)).toBe(120_000);
    expect(retryBackoffMs(10, () => 0.5)).toBe(3_600_000);
    expect(classifySmtpError({ responseCode: 451, response: '451 4.3.0 later' })).toBe('temporary');
    expect(classifySmtpError(new Error('ECONNREFUSED'))).toBe('temporary');
    expect(classifySmtpError({ responseCode: 550, response: '550 5.1.1 User unknown' })).toBe(
      'hard_bounce',
    );
    expect(classifySmtpError({ responseCode: 552, response: '552 5.3.4 Message too big' })).toBe(
      'permanent',
    );
  });
});
