import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { localDate } from '../../platform/views/format.ts';
import {
  applyOverrides,
  checkRule,
  expandSeries,
  fromFloating,
  localToInstant,
  type SeriesTiming,
} from './recurrence.ts';

/**
 * Our expansion (rrule over floating time + luxon) is checked against an independent library,
 * ical.js, expanding the very same VEVENT from hand-written, standard VTIMEZONE definitions.
 */
const NEW_YORK = `BEGIN:VTIMEZONE
TZID:America/New_York
BEGIN:DAYLIGHT
TZOFFSETFROM:-0500
TZOFFSETTO:-0400
TZNAME:EDT
DTSTART:19700308T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:-0400
TZOFFSETTO:-0500
TZNAME:EST
DTSTART:19701101T020000
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
END:STANDARD
END:VTIMEZONE`;

const LONDON = `BEGIN:VTIMEZONE
TZID:Europe/London
BEGIN:DAYLIGHT
TZOFFSETFROM:+0000
TZOFFSETTO:+0100
TZNAME:BST
DTSTART:19700329T010000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0100
TZOFFSETTO:+0000
TZNAME:GMT
DTSTART:19701025T020000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE`;

const ZONES: Record<string, string> = { 'America/New_York': NEW_YORK, 'Europe/London': LONDON };

interface Case {
  name: string;
  zone: string;
  /** Local wall-clock start and end, "YYYYMMDDTHHMMSS" (or "YYYYMMDD" all-day). */
  start: string;
  end: string;
  rrule?: string;
  exdates?: string[];
  rdates?: string[];
  /** RECURRENCE-ID (local) -> new local start and end, or 'cancelled'. */
  overrides?: { id: string; start: string; end: string; cancelled?: boolean }[];
  /**
   * Inside the changeover hour itself ical.js does not follow RFC 5545 section 3.3.5 (a time in
   * the spring-forward gap takes the offset from before the gap; a repeated time is the first).
   * We do: this occurrence (by index) is checked against the RFC instead.
   */
  rfc?: { index: number; start: string };
}

function localToDate(value: string, zone: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2}))?$/.exec(value)!;
  const floating = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), 0));
  return fromFloating(floating, zone);
}

function vevent(c: Case): string {
  const allDay = c.start.length === 8;
  const dt = (name: string, value: string) =>
    allDay ? `${name};VALUE=DATE:${value}` : `${name};TZID=${c.zone}:${value}`;
  const lines = [
    'BEGIN:VEVENT',
    'UID:case@test',
    'DTSTAMP:20260101T000000Z',
    dt('DTSTART', c.start),
    dt('DTEND', c.end),
    'SUMMARY:Test',
  ];
  if (c.rrule) lines.push(`RRULE:${c.rrule}`);
  for (const ex of c.exdates ?? []) lines.push(dt('EXDATE', ex));
  for (const r of c.rdates ?? []) lines.push(dt('RDATE', r));
  lines.push('END:VEVENT');
  for (const o of c.overrides ?? []) {
    lines.push(
      'BEGIN:VEVENT',
      'UID:case@test',
      'DTSTAMP:20260101T000000Z',
      dt('RECURRENCE-ID', o.id),
      dt('DTSTART', o.start),
      dt('DTEND', o.end),
      `STATUS:${o.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
      'SUMMARY:Moved',
      'END:VEVENT',
    );
  }
  return lines.join('\r\n');
}

type Flat = { start: string; end: string; cancelled: boolean };

function expandWithIcalJs(c: Case, until: Date): Flat[] {
  const text = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n${ZONES[c.zone]!.replace(/\n/g, '\r\n')}\r\n${vevent(c)}\r\nEND:VCALENDAR\r\n`;
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const tz of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(tz);
  }
  const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  const master = events.find((e) => !e.isRecurrenceException())!;
  for (const exception of events.filter((e) => e.isRecurrenceException())) {
    master.relateException(exception);
  }
  const result: Flat[] = [];
  const iterator = master.iterator();
  for (let next = iterator.next(); next; next = iterator.next()) {
    if (next.toJSDate() >= until) break;
    const details = master.getOccurrenceDetails(next);
    const allDay = details.startDate.isDate;
    result.push({
      start: allDay ? details.startDate.toString() : details.startDate.toJSDate().toISOString(),
      end: allDay ? details.endDate.toString() : details.endDate.toJSDate().toISOString(),
      cancelled: details.item.component.getFirstPropertyValue('status') === 'CANCELLED',
    });
    if (result.length > 500) break;
  }
  return result;
}

function expandOurs(c: Case, until: Date): Flat[] {
  const allDay = c.start.length === 8;
  const series: SeriesTiming = {
    start: localToDate(c.start, c.zone),
    end: localToDate(c.end, c.zone),
    timezone: c.zone,
    allDay,
    rrule: c.rrule ?? null,
    exdates: (c.exdates ?? []).map((x) => localToDate(x, c.zone)),
    rdates: (c.rdates ?? []).map((x) => localToDate(x, c.zone)),
  };
  const expanded = expandSeries(series, { from: new Date('2000-01-01'), to: until });
  const withOverrides = applyOverrides(
    expanded,
    (c.overrides ?? []).map((o) => ({
      originalStart: localToDate(o.id, c.zone),
      start: localToDate(o.start, c.zone),
      end: localToDate(o.end, c.zone),
      cancelled: Boolean(o.cancelled),
    })),
  );
  const show = (date: Date) => (allDay ? localDate(date, c.zone) : date.toISOString());
  return withOverrides.map((o) => ({
    start: show(o.start),
    end: show(o.end!),
    cancelled: o.cancelled,
  }));
}

const UNTIL = new Date('2028-01-01T00:00:00Z');

const cases: Case[] = [
  {
    name: 'a weekly 7 pm meeting across both daylight-saving changes',
    zone: 'America/New_York',
    start: '20260203T190000',
    end: '20260203T203000',
    rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=45',
  },
  {
    name: 'a daily 2:30 am event through the spring-forward gap',
    zone: 'America/New_York',
    start: '20260305T023000',
    end: '20260305T033000',
    rrule: 'FREQ=DAILY;COUNT=7',
    // 2:30 am on March 8 does not exist: 2:30 EST, which clocks show as 3:30 EDT.
    rfc: { index: 3, start: '2026-03-08T07:30:00.000Z' },
  },
  {
    name: 'a daily 1:30 am event through the repeated fall-back hour',
    zone: 'America/New_York',
    start: '20261029T013000',
    end: '20261029T020000',
    rrule: 'FREQ=DAILY;COUNT=6',
    // 1:30 am on November 1 happens twice: the first one, 1:30 EDT.
    rfc: { index: 3, start: '2026-11-01T05:30:00.000Z' },
  },
  {
    name: 'the second Tuesday monthly with EXDATEs, an RDATE and a UTC UNTIL',
    zone: 'America/New_York',
    start: '20260113T183000',
    end: '20260113T200000',
    rrule: 'FREQ=MONTHLY;BYDAY=2TU;UNTIL=20261231T235959Z',
    exdates: ['20260310T183000', '20261110T183000'],
    rdates: ['20260318T183000'],
  },
  {
    name: 'a biweekly series with one occurrence moved and one cancelled',
    zone: 'America/New_York',
    start: '20260302T180000',
    end: '20260302T190000',
    rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;COUNT=10',
    overrides: [
      { id: '20260316T180000', start: '20260317T193000', end: '20260317T210000' },
      {
        id: '20260413T180000',
        start: '20260413T180000',
        end: '20260413T190000',
        cancelled: true,
      },
    ],
  },
  {
    name: 'weekly on two days in London across British Summer Time',
    zone: 'Europe/London',
    start: '20260310T090000',
    end: '20260310T100000',
    rrule: 'FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20261110T000000Z',
  },
  {
    name: 'an all-day weekly event',
    zone: 'America/New_York',
    start: '20260307',
    end: '20260308',
    rrule: 'FREQ=WEEKLY;COUNT=5',
  },
  {
    name: 'the last Friday of each month, open-ended',
    zone: 'America/New_York',
    start: '20260130T120000',
    end: '20260130T130000',
    rrule: 'FREQ=MONTHLY;BYDAY=-1FR',
  },
];

describe('recurrence expansion agrees with ical.js', () => {
  for (const c of cases) {
    it(c.name, () => {
      const ours = expandOurs(c, UNTIL);
      const theirs = expandWithIcalJs(c, UNTIL);
      expect(ours.length).toBeGreaterThan(0);
      if (c.rfc) {
        expect(ours[c.rfc.index]!.start).toBe(c.rfc.start);
        expect(theirs[c.rfc.index]!.start).not.toBe(c.rfc.start);
        ours.splice(c.rfc.index, 1);
        theirs.splice(c.rfc.index, 1);
      }
      expect(ours).toEqual(theirs);
    });
  }

  it('agrees on pseudo-random rules and start times', () => {
    let seed = 20261126;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const rules = [
      'FREQ=WEEKLY;COUNT=30',
      'FREQ=WEEKLY;INTERVAL=3;COUNT=20',
      'FREQ=DAILY;INTERVAL=5;COUNT=40',
      'FREQ=MONTHLY;BYDAY=1WE;COUNT=14',
      'FREQ=MONTHLY;BYMONTHDAY=15;COUNT=14',
      'FREQ=WEEKLY;BYDAY=SA,SU;COUNT=25',
    ];
    for (let i = 0; i < 40; i++) {
      const month = 1 + Math.floor(random() * 12);
      const day = 1 + Math.floor(random() * 27);
      const hour = Math.floor(random() * 24);
      const pad = (n: number) => String(n).padStart(2, '0');
      const start = `2026${pad(month)}${pad(day)}T${pad(hour)}3000`;
      const endHour = Math.min(hour + 1, 23);
      const c: Case = {
        name: `random ${i}`,
        zone: pick(['America/New_York', 'Europe/London']),
        start,
        end: `2026${pad(month)}${pad(day)}T${pad(endHour)}${endHour === hour ? '45' : '30'}00`,
        rrule: pick(rules),
      };
      expect(expandOurs(c, UNTIL), `${c.zone} ${c.start} ${c.rrule}`).toEqual(
        expandWithIcalJs(c, UNTIL),
      );
    }
  });
});

describe('wall-clock recurrence', () => {
  it('keeps a weekly 7 pm meeting at 7 pm local time across the March change', () => {
    const start = localToInstant('2026-03-03', '19:00', 'America/New_York')!;
    const occurrences = expandSeries(
      {
        start,
        end: new Date(start.getTime() + 90 * 60_000),
        timezone: 'America/New_York',
        allDay: false,
        rrule: 'FREQ=WEEKLY;COUNT=3',
        exdates: [],
        rdates: [],
      },
      { from: new Date('2026-01-01'), to: new Date('2027-01-01') },
    );
    expect(occurrences.map((o) => o.start.toISOString())).toEqual([
      '2026-03-04T00:00:00.000Z',
      '2026-03-10T23:00:00.000Z',
      '2026-03-17T23:00:00.000Z',
    ]);
  });

  it('limits an open-ended series to the window asked for', () => {
    const start = localToInstant('2026-01-05', '18:00', 'America/New_York')!;
    const occurrences = expandSeries(
      {
        start,
        end: null,
        timezone: 'America/New_York',
        allDay: false,
        rrule: 'FREQ=DAILY',
        exdates: [],
        rdates: [],
      },
      { from: new Date('2026-06-01T00:00:00Z'), to: new Date('2026-06-08T00:00:00Z') },
    );
    expect(occurrences).toHaveLength(7);
    expect(occurrences[0]!.start.toISOString()).toBe('2026-06-01T22:00:00.000Z');
  });

  it('explains what is wrong with a rule', () => {
    const start = new Date('2026-05-01T23:00:00Z');
    expect(checkRule('FREQ=WEEKLY;BYDAY=TU', start, 'America/New_York')).toBeNull();
    expect(checkRule('every tuesday', start, 'America/New_York')).toMatch(/FREQ=WEEKLY/);
    expect(checkRule('FREQ=SECONDLY', start, 'America/New_York')).toMatch(/daily, weekly/);
    expect(checkRule('BYDAY=TU', start, 'America/New_York')).toMatch(/needs FREQ/);
    expect(checkRule('FREQ=WEEKLY;INTERVAL=0', start, 'America/New_York')).toMatch(/INTERVAL/);
    expect(checkRule('FREQ=WEEKLY;UNTIL=tomorrow', start, 'America/New_York')).toMatch(/UNTIL/);
  });

  it('rejects a local date that does not exist', () => {
    expect(localToInstant('2026-02-30', '10:00', 'America/New_York')).toBeUndefined();
    expect(localToInstant('2026-02-03', '25:00', 'America/New_York')).toBeUndefined();
  });
});
