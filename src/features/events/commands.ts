import fs from 'node:fs/promises';
import { type CliCommand, CommandError } from '../../cli/command.ts';
import { AppError } from '../../platform/errors.ts';
import { readAllowedHosts } from '../../platform/net/allowed-hosts.ts';
import { coalitionZone } from '../../platform/views/format.ts';
import { fetchCalendarText, parseCalendar, storeImportedEvents } from './import-ics.ts';
import { findGroupBySlug } from './repository.ts';

export const eventCommands: CliCommand[] = [
  {
    name: 'events:import',
    summary: 'Import or update every VEVENT of an iCalendar file or URL (keyed by UID).',
    usage: 'hub events:import --ics PATH_OR_URL [--group SLUG] [--approve]',
    details: [
      '--ics PATH_OR_URL   an .ics file, or an http(s)/webcal address (required); an address',
      '                    must be public unless its host is listed in Site settings',
      '--group SLUG        list the events under this group',
      '--approve           publish at once (otherwise they wait in the moderation queue)',
      'Events are matched by UID: running it again updates them and never adds copies.',
      'An event an editor changed here since the last import is kept as it is, and reported.',
    ],
    options: { ics: { type: 'string' }, group: { type: 'string' }, approve: { type: 'boolean' } },
    async run({ services, values, progress, say }) {
      const location = typeof values.ics === 'string' ? values.ics.trim() : '';
      if (!location)
        throw new CommandError('--ics is required: a path to an .ics file or its URL.');
      let groupSlug: string | null = null;
      if (typeof values.group === 'string') {
        const group = await findGroupBySlug(services.db, values.group);
        if (!group) throw new CommandError(`--group: no group with the slug "${values.group}".`);
        groupSlug = group.slug;
      }
      let text: string;
      try {
        text = await fetchCalendarText(location, {
          allowedHosts: await readAllowedHosts(services.db),
          readFile: (path) => fs.readFile(path, 'utf8'),
        });
      } catch (error) {
        throw new CommandError(`Could not read ${location}: ${(error as Error).message}`);
      }
      let parsed: ReturnType<typeof parseCalendar>;
      try {
        parsed = parseCalendar(text, coalitionZone());
      } catch (error) {
        throw new CommandError(error instanceof AppError ? error.message : String(error));
      }
      progress.start(parsed.events.length, 'Importing events');
      const report = await storeImportedEvents(
        services,
        parsed,
        { source: 'ical', groupSlug, approve: Boolean(values.approve) },
        (done) => progress.tick(done),
      );
      progress.stop();
      for (const skipped of report.skipped)
        say(`Skipped ${skipped.uid ?? skipped.summary ?? '(no UID)'}: ${skipped.reason}`);
      for (const title of report.keptLocalEdits)
        say(`Kept local edits of "${title}" (changed here since the last import).`);
      return {
        ok: true,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        skipped: report.skipped.length,
        keptLocalEdits: report.keptLocalEdits.length,
        skippedEvents: report.skipped,
      };
    },
  },
];
