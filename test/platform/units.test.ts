import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Actor } from '../../src/platform/auth/actor.ts';
import * as policy from '../../src/platform/auth/policies.ts';
import { AppError } from '../../src/platform/errors.ts';
import { decodeCursor, encodeCursor, pageOf } from '../../src/platform/http/api.ts';
import { asList, listField } from '../../src/platform/http/forms.ts';
import { registerMessages, t, tn } from '../../src/platform/i18n/index.ts';
import { toIssueAreaSlug } from '../../src/platform/issue-areas.ts';
import { contrastRatio } from '../../src/platform/site.ts';
import { formatWhen, relativeDay } from '../../src/platform/views/format.ts';

const actor = (overrides: Partial<Actor> = {}): Actor => ({
  personId: 1,
  email: 'a@example.org',
  name: 'A',
  roles: [],
  organizerOf: [],
  leadOf: [],
  via: 'session',
  ...overrides,
});

describe('authorization policies', () => {
  it('lets administrators do everything and nobody do anything', () => {
    const admin = actor({ roles: ['administrator'] });
    expect(policy.canManageAccounts(admin)).toBe(true);
    expect(policy.canEditGroup(admin, 42)).toBe(true);
    expect(policy.canModerateEvents(admin)).toBe(true);
    expect(policy.canManageAccounts(null)).toBe(false);
    expect(policy.canEditGroup(undefined, 42)).toBe(false);
    expect(policy.canOpenAdmin(null)).toBe(false);
  });

  it('lets an organizer edit only their own group and publish only for it', () => {
    const organizer = actor({ organizerOf: [7] });
    expect(policy.canEditGroup(organizer, 7)).toBe(true);
    expect(policy.canEditGroup(organizer, 8)).toBe(false);
    expect(policy.canPublishForGroup(organizer, 7)).toBe(true);
    expect(policy.canPublishForGroup(organizer, 8)).toBe(false);
    expect(policy.canPublishForGroup(organizer, null)).toBe(false);
    expect(policy.canModerateEvents(organizer)).toBe(false);
    expect(policy.canOpenAdmin(organizer)).toBe(true);
  });

  it('gives editors the newsletter, moderation and resources, but not accounts', () => {
    const editor = actor({ roles: ['editor'] });
    expect(policy.canManageNewsletter(editor)).toBe(true);
    expect(policy.canEditResources(editor)).toBe(true);
    expect(policy.canManageAccounts(editor)).toBe(false);
    expect(policy.canViewOutbox(editor)).toBe(false);
    const lead = actor({ leadOf: [3] });
    expect(policy.canEditResources(lead)).toBe(true);
    expect(policy.canManageTeam(lead, 3)).toBe(true);
    expect(policy.canManageTeam(lead, 4)).toBe(false);
  });
});

describe('cursor pagination', () => {
  it('pages through rows and gives a cursor only when more remain', () => {
    const rows = [1, 2, 3, 4, 5].map((id) => ({ id }));
    const first = pageOf(
      rows.slice(0, 3),
      2,
      (r) => r.id,
      (r) => ({ id: r.id }),
    );
    expect(first.data).toEqual([1, 2]);
    expect(decodeCursor(first.next!, z.object({ id: z.number() }))).toEqual({ id: 2 });
    const last = pageOf(
      rows.slice(3),
      2,
      (r) => r.id,
      (r) => ({ id: r.id }),
    );
    expect(last).toEqual({ data: [4, 5], next: null });
  });

  it('refuses a forged or corrupt cursor with invalid_input', () => {
    const schema = z.object({ id: z.number() });
    expect(() => decodeCursor('not-base64-json', schema)).toThrow(AppError);
    expect(() => decodeCursor(encodeCursor({ id: 'x' }), schema)).toThrow(/cursor is not valid/);
    expect(decodeCursor(undefined, schema)).toBeUndefined();
  });
});

describe('forms', () => {
  it('turns one checkbox value or several into a list', () => {
    const schema = listField(z.enum(['a', 'b']));
    expect(schema.parse('a')).toEqual(['a']);
    expect(schema.parse(['a', 'b'])).toEqual(['a', 'b']);
    expect(schema.parse(undefined)).toEqual([]);
    expect(schema.safeParse(['c']).success).toBe(false);
    expect(asList('Boston; Cambridge\nSomerville')).toEqual(['Boston', 'Cambridge', 'Somerville']);
  });
});

describe('the message catalog', () => {
  it('fills placeholders, picks plurals, and refuses a key registered twice with other text', () => {
    registerMessages('en', {
      'unit.hello': 'Hello {name}',
      'unit.items.one': '{count} item',
      'unit.items.other': '{count} items',
    });
    expect(t('unit.hello', { name: 'Ada' })).toBe('Hello Ada');
    expect(tn('unit.items', 1)).toBe('1 item');
    expect(tn('unit.items', 3)).toBe('3 items');
    expect(t('unit.missing')).toBe('unit.missing');
    expect(() => registerMessages('en', { 'unit.hello': 'Hi {name}' })).toThrow(/registered twice/);
  });
});

describe('dates as people say them', () => {
  const zone = 'America/New_York';
  const now = new Date('2027-03-01T12:00:00Z');
  it('writes a same-day range with the period once', () => {
    expect(
      formatWhen(new Date('2027-03-02T00:00:00Z'), new Date('2027-03-02T01:30:00Z'), zone, { now }),
    ).toBe('Mon, Mar 1 · 7:00–8:30 pm');
    expect(
      formatWhen(new Date('2027-03-02T15:00:00Z'), new Date('2027-03-02T18:00:00Z'), zone, { now }),
    ).toBe('Tue, Mar 2 · 10:00 am–1:00 pm');
  });
  it('keeps 7 pm at 7 pm across the daylight saving change', () => {
    expect(formatWhen(new Date('2027-03-16T23:00:00Z'), null, zone, { now })).toBe(
      'Tue, Mar 16 · 7:00 pm',
    );
    expect(formatWhen(new Date('2027-03-10T00:00:00Z'), null, zone, { now })).toBe(
      'Tue, Mar 9 · 7:00 pm',
    );
  });
  it('says today and tomorrow, and the year only when it is not this one', () => {
    expect(relativeDay(new Date('2027-03-01T20:00:00Z'), zone, now)).toBe('today');
    expect(relativeDay(new Date('2027-03-02T20:00:00Z'), zone, now)).toBe('tomorrow');
    expect(formatWhen(new Date('2028-01-05T17:00:00Z'), null, zone, { now })).toBe(
      'Wed, Jan 5, 2028 · 12:00 pm',
    );
  });
  it('writes all-day and multi-day events without times', () => {
    expect(
      formatWhen(new Date('2027-03-05T05:00:00Z'), new Date('2027-03-06T05:00:00Z'), zone, {
        now,
        allDay: true,
      }),
    ).toBe('Fri, Mar 5');
    expect(
      formatWhen(new Date('2027-03-05T05:00:00Z'), new Date('2027-03-08T05:00:00Z'), zone, {
        now,
        allDay: true,
      }),
    ).toBe('Fri, Mar 5 – Sun, Mar 7');
  });
});

describe('small vocabularies', () => {
  it('accepts issue areas by slug or by name', () => {
    expect(toIssueAreaSlug('Voting rights')).toBe('voting-rights');
    expect(toIssueAreaSlug('climate')).toBe('climate');
    expect(toIssueAreaSlug('Basket weaving')).toBeUndefined();
  });
  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 1);
    expect(contrastRatio('#1d4ed8', '#ffffff')).toBeGreaterThan(4.5);
    expect(contrastRatio('#ffff00', '#ffffff')).toBeLessThan(4.5);
  });
});
