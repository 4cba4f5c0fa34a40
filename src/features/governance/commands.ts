import fs from 'node:fs';
import { type CliCommand, CommandError, type CommandInput } from '../../cli/command.ts';
import { t } from '../../platform/i18n/index.ts';
import { BallotFileError, readBallotFile } from './ballot-file.ts';
import { DEFAULT_SEED, MAX_SEED, TALLY_METHODS, type TallyMethod, tallyBallots } from './tally.ts';
import { formatTallyReport } from './tally-report.ts';
import './messages.ts';

const USAGE_ERROR = 2;

function parseMethod(value: unknown): TallyMethod {
  if (value === undefined) return 'irv';
  const method = String(value);
  if (!(TALLY_METHODS as readonly string[]).includes(method))
    throw new CommandError(t('governance.tally.error.method', { method }), USAGE_ERROR);
  return method as TallyMethod;
}

function parseSeed(value: unknown): number {
  if (value === undefined) return DEFAULT_SEED;
  const text = String(value);
  const seed = /^\d{1,10}$/.test(text) ? Number(text) : Number.NaN;
  if (!(seed <= MAX_SEED))
    throw new CommandError(t('governance.tally.error.seed', { seed: text }), USAGE_ERROR);
  return seed;
}

/** `hub elections:tally`: recounts a ballot file (INTERFACE.md). Opens no database. */
export const electionsTallyCommand = {
  name: 'elections:tally',
  summary:
    'Recount a ballot file: every round of an instant-runoff (or plurality) count, and the winner.',
  usage: 'hub elections:tally --ballots FILE.csv [--method irv|plurality] [--seed N]',
  details: [
    '--ballots FILE.csv   the ballots (required): header ballot_id,rank_1,rank_2,... and one row',
    '                     per ballot; a blank cell skips a rank, "A=B" is an overvote',
    '--method irv         single-winner instant-runoff (the default), or plurality',
    `--seed N             seed of the drawing that breaks a tie the earlier rounds cannot`,
    `                     (0 to ${MAX_SEED}; default ${DEFAULT_SEED}); use the seed published with a result`,
    'Prints a table per round; the last line is the result as JSON when output is not a terminal.',
    'The format and the counting rules: docs/governance.md.',
  ],
  options: {
    ballots: { type: 'string' },
    method: { type: 'string' },
    seed: { type: 'string' },
  },
  database: false as const,
  async run({ values, say }: CommandInput) {
    const file = values.ballots;
    if (typeof file !== 'string' || !file)
      throw new CommandError(t('governance.tally.error.ballotsRequired'), USAGE_ERROR);
    const method = parseMethod(values.method);
    const seed = parseSeed(values.seed);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new CommandError(t('governance.tally.error.unreadable', { file, reason }));
    }
    let ballots: ReturnType<typeof readBallotFile>['ballots'];
    try {
      ballots = readBallotFile(text).ballots;
    } catch (error) {
      if (!(error instanceof BallotFileError)) throw error;
      throw new CommandError(t('governance.tally.error.badFile', { file, reason: error.message }));
    }
    const result = tallyBallots(ballots, { method, seed });
    for (const line of formatTallyReport(result)) say(line);
    return { ok: true, file, ...result };
  },
} satisfies CliCommand;

export const governanceCommands: CliCommand[] = [electionsTallyCommand];
