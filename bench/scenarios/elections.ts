import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { readBallotFile, writeBallotFile } from '../../src/features/governance/ballot-file.ts';
import { BallotSetBuilder } from '../../src/features/governance/ballots.ts';
import { tallyBallots } from '../../src/features/governance/tally.ts';
import { randomElection } from '../../test/support/random-ballots.ts';
import type { BenchScenario } from '../context.ts';

/**
 * Issue 12's bench: tally 100,000 ballots with 9 candidates, in process (grouping the ballots,
 * reading the ballot file, counting) and through `hub elections:tally` on the file, which also
 * pays for starting Node and loading the TypeScript (measured alone on a one-ballot file).
 */
const BALLOTS = 100_000;
const CANDIDATES = 9;
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const run = promisify(execFile);
const round = (value: number) => Math.round(value * 10) / 10;

/** Median milliseconds of `times` runs of `work` (after one unmeasured warm-up run). */
async function median(times: number, work: () => unknown): Promise<number> {
  await work();
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return round(samples[Math.floor(times / 2)]!);
}

async function hubTally(file: string): Promise<{ summary: any; ms: number }> {
  const started = performance.now();
  const { stdout } = await run(
    process.execPath,
    [path.join(ROOT, 'bin/hub.js'), 'elections:tally', '--ballots', file],
    { cwd: ROOT, maxBuffer: 64 * 2 ** 20 },
  );
  const ms = performance.now() - started;
  return { summary: JSON.parse(stdout.trim().split('\n').pop()!), ms };
}

const scenario: BenchScenario = {
  name: 'elections',
  async run(bench) {
    const loadBefore = os.loadavg()[0]!;
    const { rows } = randomElection(12, {
      candidates: CANDIDATES,
      ballots: BALLOTS,
      ranks: CANDIDATES,
      skip: 0.02,
      repeat: 0.01,
      overvote: 0.005,
      undervote: 0.01,
    });
    const group = () => {
      const builder = new BallotSetBuilder();
      for (const row of rows) builder.add(row.marks);
      return builder.build();
    };
    const set = group();
    const text = writeBallotFile(rows, CANDIDATES);
    const file = path.join(bench.tmpDir(), 'ballots.csv');
    fs.writeFileSync(file, text);
    const tiny = path.join(bench.tmpDir(), 'one-ballot.csv');
    fs.writeFileSync(tiny, writeBallotFile([{ id: '1', marks: ['Candidate 1'] }]));

    const result = tallyBallots(set);
    const inProcess = {
      groupBallotsMs: await median(5, group),
      readBallotFileMs: await median(5, () => readBallotFile(text)),
      tallyIrvMs: await median(9, () => tallyBallots(set)),
      tallyPluralityMs: await median(9, () => tallyBallots(set, { method: 'plurality' })),
      readAndTallyMs: await median(5, () => tallyBallots(readBallotFile(text).ballots)),
    };

    const cliRuns: number[] = [];
    const startupRuns: number[] = [];
    for (let i = 0; i < 3; i++) {
      const full = await hubTally(file);
      if (JSON.stringify(full.summary.rounds) !== JSON.stringify(result.rounds))
        throw new Error('hub elections:tally disagrees with the in-process tally');
      cliRuns.push(full.ms);
      startupRuns.push((await hubTally(tiny)).ms);
    }
    const middle = (values: number[]) => Math.round(values.sort((a, b) => a - b)[1]!);
    const cli = { fileMs: middle(cliRuns), oneBallotFileMs: middle(startupRuns) };
    return {
      ballots: BALLOTS,
      candidates: CANDIDATES,
      distinctRankings: set.counts.length,
      undervotes: set.undervotes,
      fileBytes: Buffer.byteLength(text),
      rounds: result.rounds.length,
      winner: result.winner,
      inProcess,
      cli: { ...cli, tallyMs: cli.fileMs - cli.oneBallotFileMs },
      // Other work on the machine slows every figure; the 1-minute load average says how busy it was.
      loadAverage: { before: round(loadBefore), after: round(os.loadavg()[0]!) },
      note: 'Milliseconds, medians. cli.fileMs is the whole command on the 100,000-ballot file; oneBallotFileMs the same command on a one-ballot file (Node, tsx and module loading); tallyMs their difference.',
    };
  },
};
export default scenario;
