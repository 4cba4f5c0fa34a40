import { describe, expect, it } from 'vitest';
import { readBallotFile } from './ballot-file.ts';
import { BallotSetBuilder, type Mark } from './ballots.ts';
import { createDrawing, tallyBallots } from './tally.ts';

/** Ballots as `count` copies of each ranking. */
function ballots(...groups: [number, ...Mark[]][]) {
  const builder = new BallotSetBuilder();
  for (const [count, ...marks] of groups) builder.add(marks, count);
  return builder.build();
}

describe('instant-runoff', () => {
  it('elects a first-round majority without eliminating anyone', () => {
    const result = tallyBallots(ballots([4, 'Ann', 'Bo'], [2, 'Bo'], [1, 'Cy'], [1, null]));
    expect(result).toEqual({
      method: 'irv',
      winner: 'Ann',
      rounds: [{ round: 1, tally: { Ann: 4, Bo: 2, Cy: 1 }, eliminated: [], exhausted: 0 }],
      undervotes: 1,
      ties: [],
      seed: 0,
      ballots: 8,
    });
  });

  it('needs more than half: exactly half is not a majority', () => {
    const result = tallyBallots(ballots([2, 'Ann'], [1, 'Bo', 'Ann'], [1, 'Cy', 'Bo']));
    expect(result.rounds.map((r) => r.eliminated)).toEqual([['Bo'], []]);
    expect(result.rounds[1]!.tally).toEqual({ Ann: 3, Cy: 1 });
    expect(result.winner).toBe('Ann');
  });

  it('breaks a tie for last place with the latest earlier round that tells them apart', () => {
    // Round 1: Ann 7, Bo 4, Cy 3, Dee 1. Dee's ballot goes to Cy: Bo and Cy tie at 4 in round 2;
    // Cy had fewer in round 1, so Cy goes, and Cy's ballots elect Bo.
    const result = tallyBallots(
      ballots([7, 'Ann'], [4, 'Bo'], [3, 'Cy', 'Bo'], [1, 'Dee', 'Cy', 'Bo']),
    );
    expect(result.rounds).toEqual([
      { round: 1, tally: { Ann: 7, Bo: 4, Cy: 3, Dee: 1 }, eliminated: ['Dee'], exhausted: 0 },
      { round: 2, tally: { Ann: 7, Bo: 4, Cy: 4 }, eliminated: ['Cy'], exhausted: 0 },
      { round: 3, tally: { Ann: 7, Bo: 8 }, eliminated: [], exhausted: 0 },
    ]);
    expect(result.ties).toEqual([
      { round: 2, tied: ['Bo', 'Cy'], eliminated: 'Cy', by: 'earlier-round', earlierRound: 1 },
    ]);
    expect(result.winner).toBe('Bo');
  });

  it('looks further back when the latest earlier round is a tie too', () => {
    // Bo and Cy tie for last in round 3 and were tied in round 2 too; Bo had fewer in round 1.
    const result = tallyBallots(
      ballots([8, 'Ann'], [6, 'Cy'], [5, 'Bo'], [3, 'Eve'], [1, 'Dee', 'Bo', 'Ann']),
    );
    expect(result.rounds).toEqual([
      {
        round: 1,
        tally: { Ann: 8, Bo: 5, Cy: 6, Dee: 1, Eve: 3 },
        eliminated: ['Dee'],
        exhausted: 0,
      },
      { round: 2, tally: { Ann: 8, Bo: 6, Cy: 6, Eve: 3 }, eliminated: ['Eve'], exhausted: 0 },
      { round: 3, tally: { Ann: 8, Bo: 6, Cy: 6 }, eliminated: ['Bo'], exhausted: 3 },
      { round: 4, tally: { Ann: 9, Cy: 6 }, eliminated: [], exhausted: 8 },
    ]);
    expect(result.ties).toEqual([
      { round: 3, tied: ['Bo', 'Cy'], eliminated: 'Bo', by: 'earlier-round', earlierRound: 1 },
    ]);
    expect(result.winner).toBe('Ann');
  });

  it('draws with the seed when no earlier round tells the tied apart, and records the drawing', () => {
    const set = ballots([2, 'Ann'], [1, 'Bo', 'Ann'], [1, 'Cy', 'Ann'], [1, 'Dee']);
    const outcomes = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      const result = tallyBallots(set, { seed });
      const expected = ['Bo', 'Cy', 'Dee'][createDrawing(seed)(3)]!;
      expect(result.ties[0]).toEqual({
        round: 1,
        tied: ['Bo', 'Cy', 'Dee'],
        eliminated: expected,
        by: 'drawing',
        drawnFrom: ['Bo', 'Cy', 'Dee'],
      });
      expect(result.seed).toBe(seed);
      expect(tallyBallots(set, { seed })).toEqual(result); // the same seed, the same count
      outcomes.add(expected);
    }
    expect(outcomes.size).toBe(3);
  });

  it('a 50-50 final round goes to the drawing and the survivor wins as the last one standing', () => {
    const result = tallyBallots(ballots([2, 'Ann'], [2, 'Bo']), { seed: 7 });
    const loser = result.ties[0]!.eliminated!;
    expect(result.rounds).toHaveLength(2);
    expect(result.rounds[1]!.tally).toEqual({ [result.winner!]: 2 });
    expect(result.rounds[1]!.exhausted).toBe(2);
    expect([loser, result.winner].sort()).toEqual(['Ann', 'Bo']);
  });

  it('counts overvotes and ballots with no continuing choice as exhausted, cumulatively', () => {
    const result = tallyBallots(
      ballots(
        [4, 'Ann'],
        [3, 'Bo'],
        [1, ['Ann', 'Bo'], 'Cy'],
        [1, 'Cy', ['Ann', 'Bo']],
        [1, 'Cy'],
        [2, null, null],
      ),
    );
    expect(result.rounds).toEqual([
      { round: 1, tally: { Ann: 4, Bo: 3, Cy: 2 }, eliminated: ['Cy'], exhausted: 1 },
      { round: 2, tally: { Ann: 4, Bo: 3 }, eliminated: [], exhausted: 3 },
    ]);
    expect(result.undervotes).toBe(2);
    expect(result.winner).toBe('Ann');
  });

  it('has no winner when no ballot names a candidate', () => {
    for (const set of [
      ballots([3, ['Ann', 'Bo']], [1, null]),
      ballots(),
      readBallotFile('ballot_id,rank_1\n').ballots,
    ]) {
      for (const method of ['irv', 'plurality'] as const) {
        const result = tallyBallots(set, { method });
        expect(result.winner).toBeNull();
        expect(result.rounds).toHaveLength(1);
        expect(result.rounds[0]!.eliminated).toEqual([]);
      }
    }
  });

  it('refuses a seed that is not a 32-bit whole number', () => {
    for (const seed of [-1, 1.5, 2 ** 32, Number.NaN])
      expect(() => tallyBallots(ballots([1, 'Ann']), { seed })).toThrow(RangeError);
  });
});

describe('plurality', () => {
  it('elects the most first choices in a single round', () => {
    const result = tallyBallots(ballots([2, 'Ann', 'Bo'], [3, 'Bo'], [4, null, 'Cy', 'Bo']), {
      method: 'plurality',
    });
    expect(result).toMatchObject({
      method: 'plurality',
      winner: 'Cy',
      rounds: [{ round: 1, tally: { Ann: 2, Bo: 3, Cy: 4 }, eliminated: [], exhausted: 0 }],
      ties: [],
    });
  });

  it('draws the winner of a tie for first with the seed', () => {
    const set = ballots([2, 'Ann'], [2, 'Bo'], [1, 'Cy']);
    const winners = new Set<string>();
    for (let seed = 0; seed < 10; seed++) {
      const result = tallyBallots(set, { method: 'plurality', seed });
      expect(result.ties).toEqual([
        {
          round: 1,
          tied: ['Ann', 'Bo'],
          elected: result.winner,
          by: 'drawing',
          drawnFrom: ['Ann', 'Bo'],
        },
      ]);
      winners.add(result.winner!);
    }
    expect([...winners].sort()).toEqual(['Ann', 'Bo']);
  });
});
