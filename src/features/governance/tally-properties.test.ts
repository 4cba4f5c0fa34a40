import { describe, expect, it } from 'vitest';
import { randomElection, shuffled } from '../../../test/support/random-ballots.ts';
import { type BallotRow, readBallotFile, writeBallotFile } from './ballot-file.ts';
import { BallotSetBuilder, compareNames } from './ballots.ts';
import { createDrawing, type TallyResult, tallyBallots } from './tally.ts';

/**
 * Properties of the count on random elections (seeded, so a failure names the seed to replay),
 * and agreement with a deliberately plain second implementation that counts ballot by ballot.
 */

function build(rows: readonly BallotRow[], candidates: string[] = []) {
  const builder = new BallotSetBuilder(candidates);
  for (const row of rows) builder.add(row.marks);
  return builder.build();
}

/** The contract's rules written the obvious way: one array per ballot, objects per round. */
function plainInstantRunoff(rows: readonly BallotRow[], seed: number) {
  const names = new Set<string>();
  let undervotes = 0;
  const rankings: string[][] = [];
  for (const row of rows) {
    const ranking: string[] = [];
    let stopped = false;
    let named = false;
    for (const mark of row.marks) {
      const cell = mark === null ? [] : typeof mark === 'string' ? [mark] : [...new Set(mark)];
      for (const name of cell) names.add(name);
      if (cell.length) named = true;
      if (cell.length > 1) stopped = true;
      if (cell.length === 1 && !stopped && !ranking.includes(cell[0]!)) ranking.push(cell[0]!);
    }
    if (named) rankings.push(ranking);
    else undervotes++;
  }
  const draw = createDrawing(seed);
  let continuing = [...names].sort(compareNames);
  const rounds: { tally: Record<string, number>; eliminated: string[]; exhausted: number }[] = [];
  let winner: string | null = null;
  for (;;) {
    const tally: Record<string, number> = Object.fromEntries(continuing.map((n) => [n, 0]));
    let exhausted = 0;
    for (const ranking of rankings) {
      const choice = ranking.find((name) => continuing.includes(name));
      if (choice === undefined) exhausted++;
      else tally[choice]!++;
    }
    const round = { tally, eliminated: [] as string[], exhausted };
    rounds.push(round);
    const active = Object.values(tally).reduce((a, b) => a + b, 0);
    if (active === 0) break;
    const leader = continuing.find((name) => tally[name]! * 2 > active);
    if (leader) {
      winner = leader;
      break;
    }
    const fewest = Math.min(...continuing.map((name) => tally[name]!));
    let tied = continuing.filter((name) => tally[name] === fewest);
    for (let earlier = rounds.length - 2; earlier >= 0 && tied.length > 1; earlier--) {
      const least = Math.min(...tied.map((name) => rounds[earlier]!.tally[name]!));
      tied = tied.filter((name) => rounds[earlier]!.tally[name] === least);
    }
    const loser = tied.length > 1 ? tied[draw(tied.length)]! : tied[0]!;
    round.eliminated.push(loser);
    continuing = continuing.filter((name) => name !== loser);
  }
  return { winner, rounds, undervotes };
}

const SHAPES = [
  { candidates: 2, ballots: 7, ranks: 2, skip: 0.1, repeat: 0.1, overvote: 0.05, undervote: 0.1 },
  { candidates: 3, ballots: 20, ranks: 3, skip: 0.2, repeat: 0.2, overvote: 0.1, undervote: 0.2 },
  { candidates: 5, ballots: 60, ranks: 4, skip: 0.1, repeat: 0.1, overvote: 0.02 },
  { candidates: 9, ballots: 200, ranks: 9, skip: 0.05, repeat: 0.05, overvote: 0.01 },
  { candidates: 6, ballots: 12, ranks: 6 },
  { candidates: 4, ballots: 3, ranks: 1, overvote: 0.3, undervote: 0.3 },
];
const ELECTIONS = 400;

function* elections() {
  for (let seed = 1; seed <= ELECTIONS; seed++) {
    const shape = SHAPES[seed % SHAPES.length]!;
    yield { seed, shape, ...randomElection(seed, shape) };
  }
}

function votesIn(round: TallyResult['rounds'][number]): number {
  return Object.values(round.tally).reduce((sum, votes) => sum + votes, 0);
}

describe('instant-runoff on random ballots', () => {
  it('agrees round by round with a plain ballot-by-ballot count', () => {
    for (const { seed, rows } of elections()) {
      const result = tallyBallots(build(rows), { seed });
      const plain = plainInstantRunoff(rows, seed);
      expect(
        { winner: result.winner, rounds: result.rounds.map(({ round: _, ...r }) => r) },
        `seed ${seed}`,
      ).toEqual({ winner: plain.winner, rounds: plain.rounds });
      expect(result.undervotes, `seed ${seed}`).toBe(plain.undervotes);
    }
  });

  it('keeps votes plus exhausted ballots constant across rounds, undervotes apart', () => {
    for (const { seed, rows } of elections()) {
      const result = tallyBallots(build(rows), { seed });
      for (const round of result.rounds) {
        expect(votesIn(round) + round.exhausted, `seed ${seed} round ${round.round}`).toBe(
          result.ballots - result.undervotes,
        );
      }
    }
  });

  it('elects a candidate with a majority of the last round, or the last one standing', () => {
    let decidedByMajority = 0;
    for (const { seed, rows } of elections()) {
      const result = tallyBallots(build(rows), { seed });
      const last = result.rounds[result.rounds.length - 1]!;
      if (votesIn(last) === 0) {
        expect(result.winner, `seed ${seed}`).toBeNull();
        continue;
      }
      const winner = result.winner!;
      const standing = Object.keys(last.tally);
      const majority = last.tally[winner]! * 2 > votesIn(last);
      if (majority) decidedByMajority++;
      expect(majority || (standing.length === 1 && standing[0] === winner), `seed ${seed}`).toBe(
        true,
      );
      expect(last.eliminated).toEqual([]);
      // Every earlier round eliminated exactly one of its fewest, and only that one left.
      result.rounds.slice(0, -1).forEach((round, i) => {
        const fewest = Math.min(...Object.values(round.tally));
        expect(round.eliminated.length).toBe(1);
        expect(round.tally[round.eliminated[0]!], `seed ${seed}`).toBe(fewest);
        const next = Object.keys(result.rounds[i + 1]!.tally);
        expect(next).toEqual(Object.keys(round.tally).filter((n) => n !== round.eliminated[0]));
      });
    }
    expect(decidedByMajority).toBeGreaterThan(ELECTIONS / 2);
  });

  it('gives the same result whatever the order of the rows, read from a file or not', () => {
    for (const { seed, rows } of elections()) {
      const expected = tallyBallots(build(rows), { seed });
      const reordered = shuffled(rows, seed + 1);
      expect(tallyBallots(build(reordered), { seed }), `seed ${seed}`).toEqual(expected);
      const file = readBallotFile(writeBallotFile(reordered));
      expect(tallyBallots(file.ballots, { seed }), `seed ${seed}`).toEqual(expected);
    }
  });

  it('groups identical ballots without losing any', () => {
    for (const { seed, rows } of elections()) {
      const set = build(rows);
      const grouped = set.counts.reduce((sum, count) => sum + count, 0);
      expect(grouped + set.undervotes, `seed ${seed}`).toBe(rows.length);
      expect(set.counts.length).toBeLessThanOrEqual(rows.length);
    }
  });
});

describe('plurality on random ballots', () => {
  it('elects the first round leader of instant-runoff when no one ties for first', () => {
    let compared = 0;
    for (const { seed, rows } of elections()) {
      const set = build(rows);
      const plurality = tallyBallots(set, { method: 'plurality', seed });
      const first = tallyBallots(set, { seed }).rounds[0]!;
      expect(plurality.rounds, `seed ${seed}`).toEqual([{ ...first, eliminated: [] }]);
      const most = Math.max(...Object.values(first.tally));
      const leaders = Object.keys(first.tally).filter((name) => first.tally[name] === most);
      if (most > 0 && leaders.length === 1) {
        expect(plurality.winner, `seed ${seed}`).toBe(leaders[0]);
        expect(plurality.ties).toEqual([]);
        compared++;
      } else if (most > 0) {
        expect(leaders, `seed ${seed}`).toContain(plurality.winner);
        expect(plurality.ties[0]).toMatchObject({ round: 1, tied: leaders, by: 'drawing' });
      }
    }
    expect(compared).toBeGreaterThan(ELECTIONS / 2);
  });
});
