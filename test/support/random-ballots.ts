import type { BallotRow } from '../../src/features/governance/ballot-file.ts';
import type { Mark } from '../../src/features/governance/ballots.ts';
import { createDrawing } from '../../src/features/governance/tally.ts';

export interface RandomElectionShape {
  candidates: number;
  ballots: number;
  /** Rank columns; ballots rank at most this many. */
  ranks: number;
  /** Chance (0 to 1) of each: a skipped rank, a repeated name, an overvote, a ballot with no name. */
  skip?: number;
  repeat?: number;
  overvote?: number;
  undervote?: number;
}

/**
 * Ballots from a seeded generator, so a failing case can be replayed from its seed. Candidates
 * are unevenly popular (the first is likeliest to be ranked high) and ballots stop early at
 * random, as real ones do; skips, repeats, overvotes and undervotes come at the given rates.
 */
export function randomElection(
  seed: number,
  shape: RandomElectionShape,
): { candidates: string[]; rows: BallotRow[] } {
  const draw = createDrawing(seed);
  const chance = (p = 0) => draw(1_000_000) < p * 1_000_000;
  const candidates = Array.from({ length: shape.candidates }, (_, i) => `Candidate ${i + 1}`);
  const weights = candidates.map((_, i) => 1 / (i + 1) + draw(100) / 200);
  const rows: BallotRow[] = [];
  for (let b = 0; b < shape.ballots; b++) {
    const marks: Mark[] = [];
    if (!chance(shape.undervote)) {
      const left = candidates.map((_, i) => i);
      const length = 1 + draw(shape.ranks);
      while (marks.length < length && left.length) {
        if (chance(shape.skip)) {
          marks.push(null);
        } else if (marks.length && chance(shape.repeat)) {
          const earlier = marks.filter((mark): mark is string => typeof mark === 'string');
          marks.push(earlier.length ? earlier[draw(earlier.length)]! : null);
        } else if (left.length > 1 && chance(shape.overvote)) {
          marks.push([candidates[left[0]!]!, candidates[left[1 + draw(left.length - 1)]!]!]);
        } else {
          const total = left.reduce((sum, i) => sum + weights[i]!, 0);
          let point = (draw(1_000_000) / 1_000_000) * total;
          let pick = 0;
          while (pick < left.length - 1 && point >= weights[left[pick]!]!) {
            point -= weights[left[pick]!]!;
            pick++;
          }
          marks.push(candidates[left[pick]!]!);
          left.splice(pick, 1);
        }
      }
    }
    rows.push({ id: `b${b + 1}`, marks: marks.slice(0, shape.ranks) });
  }
  return { candidates, rows };
}

/** The rows in another order, decided by the seed. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const draw = createDrawing(seed);
  const copy = items.slice();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = draw(i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
