/**
 * The Events Calendar's events (post type tribe_events) become calendar events, past ones too,
 * through the calendar's own import path (keyed by a stable id, so a second run updates them and
 * keeps what an editor changed here). Venues and organizers are their own items in the export;
 * an organizer whose name is a group's makes that group the host.
 */
import { DateTime } from 'luxon';
import { AppError } from '../../../platform/errors.ts';
import { EmailAddress } from '../../../platform/people.ts';
import {
  type ImportReport as EventsReport,
  type ParsedEvent,
  storeImportedEvents,
} from '../../events/import-ics.ts';
import { isValidZone } from '../../events/recurrence.ts';
import { findEventBySource, listGroupOptions } from '../../events/repository.ts';
import { contentHash, type EventDraft, resolveDraft } from '../../events/service.ts';
import { EVENT_TYPES, type EventType } from '../../events/tables.ts';
import { findTown } from '../../places/lookup.ts';
import { htmlToMarkdown, htmlToText } from '../html-to-markdown.ts';
import { comparableName, matchIssueArea, nameIndex } from '../matching.ts';
import { saveImportedItem } from '../repository.ts';
import { renderWordPressContent } from './content.ts';
import { isPublic } from './pages-and-posts.ts';
import type { WxrItem } from './read-wxr.ts';
import { describeItem, registerMove, rewriteLink, type WordPressRun } from './run.ts';

const YES = /^(yes|1|true|on)$/i;

function zoneOf(meta: Record<string, string>, fallback: string): string {
  const zone = (meta._EventTimezone ?? '').trim();
  if (zone === 'UTC' || (zone.includes('/') && isValidZone(zone))) return zone;
  return fallback;
}

/** Start and end instants: the UTC fields when present, else the local ones in the event's zone. */
export function eventTimes(
  meta: Record<string, string>,
  fallbackZone: string,
): { start: Date; end: Date | null; allDay: boolean; zone: string } | undefined {
  const zone = zoneOf(meta, fallbackZone);
  const allDay = YES.test(meta._EventAllDay ?? '');
  const read = (local?: string, utc?: string) => {
    if (utc && !allDay) {
      const instant = DateTime.fromSQL(utc.trim(), { zone: 'UTC' });
      if (instant.isValid) return instant;
    }
    const wall = DateTime.fromSQL((local ?? '').trim(), { zone });
    return wall.isValid ? wall : undefined;
  };
  const start = read(meta._EventStartDate, meta._EventStartDateUTC);
  if (!start) return undefined;
  let end = read(meta._EventEndDate, meta._EventEndDateUTC);
  if (allDay) {
    const first = start.setZone(zone).startOf('day');
    const last = (end ?? start).setZone(zone).startOf('day');
    return { start: first.toJSDate(), end: last.plus({ days: 1 }).toJSDate(), allDay, zone };
  }
  if (end && end <= start) end = undefined;
  return { start: start.toJSDate(), end: end?.toJSDate() ?? null, allDay, zone };
}

function typeOf(item: WxrItem): EventType {
  for (const term of item.categories) {
    const key = comparableName(term.name).replace(/ /g, '_');
    if ((EVENT_TYPES as readonly string[]).includes(key)) return key as EventType;
  }
  return 'other';
}

function venueOf(venue: WxrItem | undefined) {
  if (!venue) return { name: null, address: null, town: null };
  const meta = venue.meta;
  const state = (meta._VenueStateProvince || meta._VenueState || '').trim();
  const city = (meta._VenueCity ?? '').trim();
  const inMassachusetts = !state || /^(ma|mass\.?|massachusetts)$/i.test(state);
  const town = inMassachusetts && city ? (findTown(city)?.name ?? null) : null;
  const street = (meta._VenueAddress ?? '').trim();
  const address = [street, city, [state, meta._VenueZip ?? ''].join(' ').trim()]
    .filter(Boolean)
    .join(', ');
  return {
    name: htmlToText(venue.title).slice(0, 200) || null,
    address: address.slice(0, 300) || null,
    town,
  };
}

/** The event drafts of an export, published first; unusable ones go to the report. */
export async function buildEventDrafts(
  run: WordPressRun,
  items: WxrItem[],
): Promise<{ item: WxrItem; parsed: ParsedEvent }[]> {
  const zone = run.services.config.timezone;
  const groupByName = nameIndex(await listGroupOptions(run.services.db));
  const unmatchedOrganizers = new Map<string, number>();
  const drafts: { item: WxrItem; parsed: ParsedEvent }[] = [];
  for (const item of items) {
    const times = eventTimes(item.meta, zone);
    if (!times) {
      run.report.skip('Events without a start date and time', describeItem(item));
      continue;
    }
    const organizers = item.metaAll
      .filter(([key]) => key === '_EventOrganizerID')
      .map(([, id]) => run.site.byId.get(id.trim()))
      .filter((organizer): organizer is WxrItem => Boolean(organizer));
    const groups = organizers
      .map((organizer) => groupByName(htmlToText(organizer.title)))
      .filter((group) => group !== undefined);
    for (const organizer of organizers) {
      const name = htmlToText(organizer.title);
      if (!groupByName(name))
        unmatchedOrganizers.set(name, (unmatchedOrganizers.get(name) ?? 0) + 1);
    }
    const organizerEmail = EmailAddress.safeParse(organizers[0]?.meta._OrganizerEmail ?? '');
    const venue = venueOf(run.site.byId.get((item.meta._EventVenueID ?? '').trim()));
    const onlineUrl = /^https?:\/\//.test(item.meta._tribe_events_virtual_url ?? '')
      ? item.meta._tribe_events_virtual_url!.slice(0, 2000)
      : null;
    const isVirtual = YES.test(item.meta._tribe_events_is_virtual ?? '') || Boolean(onlineUrl);
    const html = renderWordPressContent(item.content, {
      reusableBlocks: new Map(),
      attachmentUrls: new Map(),
      onDropped: () => {},
    });
    const cost = (item.meta._EventCost ?? '').trim();
    const description = [
      htmlToMarkdown(html, {
        baseUrl: `${run.site.baseUrl}/`,
        rewriteLink: (url) => rewriteLink(run, url, item),
      }),
      cost ? `Cost: ${cost.replace(/[_*[\]\\<>]/g, '\\$&')}` : '',
    ]
      .filter(Boolean)
      .join('\n\n')
      .slice(0, 20_000);
    const website = (item.meta._EventURL ?? '').trim();
    const draft: EventDraft = {
      title: htmlToText(item.title).slice(0, 200) || `Event ${item.id}`,
      description,
      type: typeOf(item),
      mode: isVirtual ? (venue.name ? 'hybrid' : 'online') : 'in_person',
      group: groups[0]?.slug ?? null,
      cohosts: groups.slice(1).map((group) => group.slug),
      venue: venue.name,
      address: venue.address,
      town: venue.town,
      onlineUrl,
      onlineUrlForRsvpsOnly: false,
      accessibility: null,
      capacity: null,
      imagePath: null,
      contactName: organizers[0] ? htmlToText(organizers[0].title).slice(0, 200) : null,
      contactEmail: organizerEmail.success ? organizerEmail.data : null,
      timezone: times.zone,
      start: times.start,
      end: times.end,
      allDay: times.allDay,
      rrule: null,
      exdates: [],
      rdates: [],
      issueAreas: [
        ...new Set(
          item.categories
            .map((term) => matchIssueArea(htmlToText(term.name)))
            .filter((a) => a !== undefined),
        ),
      ],
      status: 'scheduled',
      visibility: 'public',
      externalUrl: /^https?:\/\//.test(website) ? website.slice(0, 2000) : null,
    };
    drafts.push({
      item,
      parsed: {
        uid: `${run.source}:${item.id}`,
        draft,
        overrides: [],
        hash: contentHash({ draft, overrides: [] }),
      },
    });
  }
  for (const [name, count] of unmatchedOrganizers) {
    run.report.review({
      item: `Organizer: ${name}`,
      note: `No group here has this name, so its ${count} event(s) have no host group. Rename the group, or set the host on each event.`,
      href: '/admin/groups',
    });
  }
  return drafts;
}

function addEventsReport(run: WordPressRun, report: EventsReport) {
  run.report.count('eventsCreated', report.created);
  run.report.count('eventsUpdated', report.updated);
  run.report.count('eventsUnchanged', report.unchanged);
  for (const skipped of report.skipped)
    run.report.skip(
      `Events the calendar refused: ${skipped.reason}`,
      skipped.summary ?? skipped.uid ?? '',
    );
  for (const title of report.keptLocalEdits) {
    run.report.count('eventsKeptLocalEdits');
    run.report.review({
      item: `Event: ${title}`,
      note: 'Changed on the old site and here since the last import: this site’s version was kept.',
    });
  }
}

/** Stores the events (published ones approved at once, drafts waiting for moderation). */
export async function importEvents(
  run: WordPressRun,
  drafts: { item: WxrItem; parsed: ParsedEvent }[],
  onProgress?: () => void,
): Promise<void> {
  const { services } = run;
  if (run.dryRun) {
    for (const { item, parsed } of drafts) {
      const existing = await findEventBySource(services.db, 'wordpress', parsed.uid);
      // A new event has no address until it is stored: links to it count as found.
      registerMove(run, item, existing ? `/events/${existing.id}` : '/events', {
        redirect: isPublic(item),
      });
      try {
        await resolveDraft(services.db, parsed.draft, services.now(), { lenient: true });
        if (!existing) run.report.count('eventsCreated');
        else
          run.report.count(
            existing.source_hash === parsed.hash ? 'eventsUnchanged' : 'eventsUpdated',
          );
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const reason = error.fields ? Object.values(error.fields).join(' ') : error.message;
        run.report.skip(`Events the calendar refused: ${reason}`, describeItem(item));
      }
      onProgress?.();
    }
    return;
  }
  for (const approve of [true, false]) {
    const part = drafts.filter(({ item }) => isPublic(item) === approve);
    if (!part.length) continue;
    const report = await storeImportedEvents(
      services,
      { events: part.map((d) => d.parsed), skipped: [] },
      { source: 'wordpress', approve, actor: null },
      () => onProgress?.(),
    );
    addEventsReport(run, report);
  }
  const now = services.now();
  for (const { item, parsed } of drafts) {
    const event = await findEventBySource(services.db, 'wordpress', parsed.uid);
    if (!event) continue;
    const url = `/events/${event.id}`;
    registerMove(run, item, url, { redirect: isPublic(item) });
    await saveImportedItem(
      services.db,
      {
        source: run.source,
        external_id: item.id,
        kind: item.type,
        target_type: 'event',
        target_id: event.id,
        url,
        old_url: item.link || null,
        content_hash: parsed.hash,
        target_version: null,
      },
      now,
    );
    if (!isPublic(item) && event.moderation === 'pending') {
      run.report.review({
        item: describeItem(item),
        note: 'It was not published on the old site: it waits in the moderation queue.',
        href: url,
      });
    }
  }
}
