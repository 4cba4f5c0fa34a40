import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runHubAsync } from '../../../test/support/process.ts';
import { CommandError, type CommandInput } from '../../cli/command.ts';
import { createProgress } from '../../cli/progress.ts';
import { readBallotFile, writeBallotFile } from './ballot-file.ts';
import { electionsTallyCommand } from './commands.ts';
import { tallyBallots } from './tally.ts';

/**
 * `hub elections:tally` as an operator runs it (a separate process, stdout a pipe), on every
 * published tabulation in ../shared/data/elections: RCTab's test elections, partial real
 * cast-vote records and Burlington 2009. Each must agree round by round with the source's report.
 */

const ELECTIONS = path.resolve(ROOT, '../shared/data/elections');
const fixtures = fs
  .readdirSync(ELECTIONS)
  .filter((file) => file.endsWith('.expected.json'))
  .map((file) => file.replace(/\.expected\.json$/, ''))
  .sort();

interface ExpectedRound {
  round: number | 'final';
  tally: Record<string, number>;
  eliminated?: string[];
  exhausted: number;
}
interface Expected {
  winner: string;
  rounds: ExpectedRound[];
  undervotes?: number;
  total_ballots?: number;
  ballot_rows?: number;
  final_round_only?: boolean;
  checkable: { eliminated: boolean | string; round_count: boolean | string };
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-tally-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** Each test starts a process; on a busy machine that alone can take several seconds. */
const SPAWN_TIMEOUT = 120_000;

function tally(args: string[]) {
  return runHubAsync(['elections:tally', ...args], {}, SPAWN_TIMEOUT);
}

/** The tally as the source reports it: a candidate missing from ours counts as 0 votes. */
function comparable(actual: Record<string, number>, expected: Record<string, number>) {
  const names = new Set([...Object.keys(actual), ...Object.keys(expected)]);
  return Object.fromEntries([...names].sort().map((name) => [name, actual[name] ?? 0]));
}

describe.concurrent('hub elections:tally agrees with every published tabulation', {
  timeout: SPAWN_TIMEOUT,
}, () => {
  it('has the published tabulations to check', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(11);
  });

  it.each(fixtures)('%s', async (name) => {
    const expected = JSON.parse(
      fs.readFileSync(path.join(ELECTIONS, `${name}.expected.json`), 'utf8'),
    ) as Expected;
    const run = await tally(['--ballots', path.join(ELECTIONS, `${name}.csv`)]);
    expect(run.status, run.stderr).toBe(0);
    const result = run.summary;
    expect(result).toMatchObject({ command: 'elections:tally', ok: true, method: 'irv' });
    expect(result.winner).toBe(expected.winner);
    if (expected.undervotes !== undefined) expect(result.undervotes).toBe(expected.undervotes);
    const rows = expected.total_ballots ?? expected.ballot_rows;
    if (rows !== undefined) expect(result.ballots).toBe(rows);

    const pairs: [any, ExpectedRound][] = expected.final_round_only
      ? [[result.rounds[result.rounds.length - 1], expected.rounds[0]!]]
      : expected.rounds.map((round, i) => [result.rounds[i], round]);
    if (expected.checkable.round_count === true)
      expect(result.rounds).toHaveLength(expected.rounds.length);
    for (const [actual, wanted] of pairs) {
      const label = `${name} round ${wanted.round}`;
      expect(comparable(actual.tally, wanted.tally), label).toEqual(
        comparable(wanted.tally, actual.tally),
      );
      expect(actual.exhausted, label).toBe(wanted.exhausted);
      if (expected.checkable.eliminated === true)
        expect(actual.eliminated, label).toEqual(wanted.eliminated);
    }
    // The rounds are printed for a person too (on stderr while stdout is the JSON).
    expect(run.stderr).toContain('Round 1');
    expect(run.stderr).toContain(`Winner: ${expected.winner}`);
  });
});

describe('hub elections:tally options and errors', { timeout: SPAWN_TIMEOUT }, () => {
  const ballotsWithTies = path.join(scratch, 'ties.csv');
  fs.writeFileSync(
    ballotsWithTies,
    writeBallotFile(
      [['Ann'], ['Ann'], ['Bo', 'Ann'], ['Cy', 'Ann'], ['Dee']].map((marks, i) => ({
        id: `t${i + 1}`,
        marks,
      })),
    ),
  );

  it('records the seed of a drawing, and gives what the tally functions give', async () => {
    const run = await tally(['--ballots', ballotsWithTies, '--seed', '4242', '--method', 'irv']);
    expect(run.status, run.stderr).toBe(0);
    const { command: _, ok: __, file: ___, ...summary } = run.summary;
    const { ballots } = readBallotFile(fs.readFileSync(ballotsWithTies, 'utf8'));
    const inProcess = tallyBallots(ballots, { seed: 4242 });
    expect(summary).toEqual(JSON.parse(JSON.stringify(inProcess)));
    expect(summary.seed).toBe(4242);
    expect(summary.ties[0]).toMatchObject({ round: 1, by: 'drawing', tied: ['Bo', 'Cy', 'Dee'] });
    expect(run.stderr).toMatch(/Tie for last place between Bo; Cy; Dee: \w+ drawn \(seed 4242\)/);
  });

  it('counts by plurality when asked', async () => {
    const run = await tally(['--ballots', ballotsWithTies, '--method', 'plurality']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.summary).toMatchObject({
      method: 'plurality',
      winner: 'Ann',
      rounds: [{ round: 1, tally: { Ann: 2, Bo: 1, Cy: 1, Dee: 1 }, eliminated: [], exhausted: 0 }],
    });
  });

  it('refuses a bad ballot file, naming the file, line and column', async () => {
    const bad = path.join(scratch, 'bad.csv');
    fs.writeFileSync(bad, 'ballot_id,rank_1,rank_2\nq1,Ann,Bo\nq2,"Bo, Jr.",\nq1,Bo,Ann\n');
    const run = await tally(['--ballots', bad]);
    expect(run.status).toBe(1);
    const message = `${bad}, line 4, column 1 (ballot_id): ballot_id "q1" is already used on line 2; each ballot needs its own id.`;
    expect(run.stderr).toContain(message);
    expect(run.summary).toEqual({ command: 'elections:tally', ok: false, error: message });
  });
});

describe('hub elections:tally refuses bad options with a usage error (exit 2)', () => {
  const input = (values: CommandInput['values']): CommandInput => ({
    values,
    positionals: [],
    progress: createProgress(),
    say: () => {},
  });

  it.each([
    [{}, '--ballots FILE.csv is required.'],
    [{ ballots: 'x.csv', method: 'stv' }, '--method must be irv or plurality, not "stv".'],
    [{ ballots: 'x.csv', seed: '-3' }, '--seed must be a whole number from 0 to 4294967295'],
    [{ ballots: 'x.csv', seed: '1.5' }, '--seed must be a whole number'],
    [{ ballots: 'x.csv', seed: '4294967296' }, '--seed must be a whole number'],
  ])('%j', async (values, message) => {
    const refusal = await electionsTallyCommand.run(input(values)).catch((error) => error);
    expect(refusal).toBeInstanceOf(CommandError);
    expect(refusal.message).toContain(message);
    expect(refusal.exitCode).toBe(2);
  });

  it('and an unreadable file with exit 1', async () => {
    const file = path.join(scratch, 'missing.csv');
    const refusal = await electionsTallyCommand
      .run(input({ ballots: file }))
      .catch((error) => error);
    expect(refusal).toBeInstanceOf(CommandError);
    expect(refusal.message).toBe(`cannot read ${file}: ENOENT`);
    expect(refusal.exitCode).toBe(1);
  });
});
