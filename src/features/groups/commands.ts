import fs from 'node:fs';
import { type CliCommand, CommandError } from '../../cli/command.ts';
import { groupsToCsv, parseGroupsCsv } from './csv.ts';
import { byName, loadDirectory } from './directory.ts';
import { applyImport, planImport } from './import.ts';

function readFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CommandError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

export const groupCommands: CliCommand[] = [
  {
    name: 'groups:import',
    summary:
      'Import or update groups from a CSV file (matched by name). Nothing is imported if any row is invalid.',
    usage: 'hub groups:import FILE.csv [--dry-run]',
    details: [
      'FILE.csv    columns name,towns,website,email,description,issue_areas (and optionally kind);',
      '            towns and issue_areas separated by ";", issue areas by slug or name',
      '--dry-run   check the file and say what would change, without changing anything',
    ],
    options: { 'dry-run': { type: 'boolean' } },
    positionals: { min: 1, max: 1 },
    async run({ services, values, positionals, progress, say }) {
      const file = positionals[0]!;
      const parsed = parseGroupsCsv(readFile(file));
      if (parsed.errors.length) {
        for (const error of parsed.errors) say(`${file}:${error.line}: ${error.reason}`);
        throw new CommandError(
          `${parsed.errors.length} invalid row(s) in ${file}; nothing was imported.`,
        );
      }
      if (values['dry-run']) {
        const plan = await planImport(services.db, parsed.rows);
        for (const planned of plan) {
          say(
            `${file}:${planned.row.line}: ${planned.row.name}: ${planned.action}${planned.changes.length ? ` (${planned.changes.join(', ')})` : ''}`,
          );
        }
        const count = (action: string) => plan.filter((p) => p.action === action).length;
        return {
          ok: true,
          dryRun: true,
          file,
          rows: plan.length,
          created: count('create'),
          updated: count('update'),
          unchanged: count('unchanged'),
        };
      }
      progress.start(parsed.rows.length, 'Importing groups');
      const summary = await applyImport(services, null, parsed.rows, {
        source: `hub groups:import ${file}`,
        onProgress: (done) => progress.tick(done),
      });
      progress.stop();
      say(
        `Imported ${file}: ${summary.created} added, ${summary.updated} updated, ${summary.unchanged} unchanged.`,
      );
      return { ok: true, file, rows: parsed.rows.length, ...summary };
    },
  },
  {
    name: 'groups:export',
    summary:
      'Write the group directory to a CSV file (the import format, plus kind, slug, districts, url).',
    usage: 'hub groups:export --output FILE.csv',
    details: ['--output FILE.csv   where to write it (required)'],
    options: { output: { type: 'string' } },
    async run({ services, values, say }) {
      const output = values.output;
      if (typeof output !== 'string' || !output)
        throw new CommandError('--output FILE.csv is required.');
      const directory = await loadDirectory(services.db);
      fs.writeFileSync(
        output,
        groupsToCsv([...directory.groups].sort(byName), services.config.publicUrl),
      );
      say(`Wrote ${directory.groups.length} groups to ${output}.`);
      return { ok: true, file: output, groups: directory.groups.length };
    },
  },
];
