import type { BallotSet } from './ballots.ts';

/**
 * Counting an election (issue 12): single-winner instant-runoff (the default) or plurality, as
 * pure functions of a BallotSet and a seed. The result has the shape `hub elections:tally`
 * prints (INTERFACE.md); docs/decisions/0050-election-tally.md says why each rule is as it is.
 */

export const TALLY_METHODS = ['irv', 'plurality'] as const;
export type TallyMethod = (typeof TALLY_METHODS)[number];

/** Seeds are 32-bit: the drawing's generator (mulberry32) keeps 32 bits of state. */
export const MAX_SEED = 0xffff_ffff;
/** The seed when none is given, so two recounts of one file without --seed agree. */
export const DEFAULT_SEED = 0;

export interface TallyRound {
  round: number;
  /** Votes of every candidate still in the count this round, keys in name order. */
  tally: Record<string, number>;
  /** Who is eliminated after this round; empty in the last round. */
  eliminated: string[];
  /** Ballots no longer counting (an overvote reached, or no continuing choice left); cumulative, undervotes apart. */
  exhausted: number;
}

/** How a tie was decided: for last place (IRV, who is eliminated) or first (plurality, who wins). */
export interface TieBreak {
  round: number;
  /** The candidates tied on votes this round, in name order. */
  tied: string[];
  /** IRV: the one eliminated. */
  eliminated?: string;
  /** Plurality: the one elected. */
  elected?: string;
  /** `earlier-round`: fewest votes in the latest earlier round that tells them apart. */
  by: 'earlier-round' | 'drawing';
  earlierRound?: number;
  /** For a drawing: the candidates still tied when it was made, in name order. */
  drawnFrom?: string[];
}

export interface TallyResult {
  method: TallyMethod;
  /** Null only when no ballot names a candidate (or the file has none). */
  winner: string | null;
  rounds: TallyRound[];
  /** Ballots that name no candidate, left out of every round. */
  undervotes: number;
  ties: TieBreak[];
  /** The drawing's seed, so anyone can recount and reach the same result. */
  seed: number;
  /** Every ballot read, undervotes included. */
  ballots: number;
}

export interface TallyOptions {
  method?: TallyMethod;
  /** Integer from 0 to MAX_SEED; DEFAULT_SEED when absent. */
  seed?: number;
}

/** Counts the ballots by the chosen method (instant-runoff unless told otherwise). */
export function tallyBallots(ballots: BallotSet, options: TallyOptions = {}): TallyResult {
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED)
    throw new RangeError(`seed must be an integer from 0 to ${MAX_SEED}`);
  return (options.method ?? 'irv') === 'plurality'
    ? tallyPlurality(ballots, seed)
    : tallyInstantRunoff(ballots, seed);
}

/**
 * A seeded drawing: mulberry32 (public domain, Tommy Ettinger), one number per drawing, in the
 * order drawings happen. `draw(n)` picks 0 … n-1; callers order the candidates by name first.
 */
export function createDrawing(seed: number): (count: number) => number {
  let state = seed >>> 0;
  return (count) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    const unit = ((z ^ (z >>> 14)) >>> 0) / 2 ** 32;
    return Math.floor(unit * count);
  };
}

/** The candidates of `among` with the most (`sign` 1) or fewest (`sign` -1) of `votes`. */
function extremes(among: readonly number[], votes: Float64Array, sign: 1 | -1): number[] {
  let best = Number.NEGATIVE_INFINITY;
  let found: number[] = [];
  for (const c of among) {
    const value = sign * votes[c]!;
    if (value > best) {
      best = value;
      found = [c];
    } else if (value === best) {
      found.push(c);
    }
  }
  return found;
}

/** First choices of every ballot; the state both methods start from. */
class Count {
  readonly votes: Float64Array;
  /** Each group's current place in `choices`, or -1 once it is exhausted. */
  readonly position: Int32Array;
  readonly continuing: Uint8Array;
  exhausted = 0;

  constructor(readonly ballots: BallotSet) {
    const { candidates, starts, choices, counts } = ballots;
    this.votes = new Float64Array(candidates.length);
    this.continuing = new Uint8Array(candidates.length).fill(1);
    this.position = new Int32Array(counts.length);
    for (let g = 0; g < counts.length; g++) {
      if (starts[g] === starts[g + 1]) {
        this.position[g] = -1;
        this.exhausted += counts[g]!;
      } else {
        this.position[g] = starts[g]!;
        this.votes[choices[starts[g]!]!]! += counts[g]!;
      }
    }
  }

  active(): number {
    let sum = 0;
    for (let c = 0; c < this.votes.length; c++) if (this.continuing[c]) sum += this.votes[c]!;
    return sum;
  }

  record(round: number): TallyRound {
    const tally: Record<string, number> = {};
    this.ballots.candidates.forEach((name, c) => {
      if (this.continuing[c]) tally[name] = this.votes[c]!;
    });
    return { round, tally, eliminated: [], exhausted: this.exhausted };
  }

  continuingCandidates(): number[] {
    const list: number[] = [];
    for (let c = 0; c < this.continuing.length; c++) if (this.continuing[c]) list.push(c);
    return list;
  }

  /** Takes `loser` out and moves each of its ballots to its next continuing choice. */
  eliminate(loser: number): void {
    const { starts, choices, counts } = this.ballots;
    this.continuing[loser] = 0;
    this.votes[loser] = 0;
    for (let g = 0; g < counts.length; g++) {
      let at = this.position[g]!;
      if (at < 0 || choices[at] !== loser) continue;
      const end = starts[g + 1]!;
      do at++;
      while (at < end && !this.continuing[choices[at]!]);
      if (at === end) {
        this.position[g] = -1;
        this.exhausted += counts[g]!;
      } else {
        this.position[g] = at;
        this.votes[choices[at]!]! += counts[g]!;
      }
    }
  }
}

function summary(
  method: TallyMethod,
  ballots: BallotSet,
  seed: number,
  result: Pick<TallyResult, 'winner' | 'rounds' | 'ties'>,
): TallyResult {
  return {
    method,
    winner: result.winner,
    rounds: result.rounds,
    undervotes: ballots.undervotes,
    ties: result.ties,
    seed,
    ballots: ballots.ballots,
  };
}

/**
 * Single-winner instant-runoff: a candidate with more than half the votes of the ballots still
 * counting wins; otherwise the one with the fewest votes is eliminated (one per round) and its
 * ballots go to their next continuing choice. A tie for last place goes to the earlier rounds'
 * counts, latest first, then to the seeded drawing.
 */
export function tallyInstantRunoff(ballots: BallotSet, seed: number): TallyResult {
  const count = new Count(ballots);
  const names = ballots.candidates;
  const draw = createDrawing(seed);
  const history: Float64Array[] = [];
  const rounds: TallyRound[] = [];
  const ties: TieBreak[] = [];
  let winner: string | null = null;
  for (let round = 1; ; round++) {
    history.push(count.votes.slice());
    const record = count.record(round);
    rounds.push(record);
    const active = count.active();
    if (active === 0) break;
    const standing = count.continuingCandidates();
    const [leader] = extremes(standing, count.votes, 1);
    if (count.votes[leader!]! * 2 > active) {
      winner = names[leader!]!;
      break;
    }
    const last = extremes(standing, count.votes, -1);
    let loser = last[0]!;
    if (last.length > 1) {
      const tie = breakTieForLast(last, history, draw);
      loser = tie.chosen;
      ties.push({
        round,
        tied: last.map((c) => names[c]!),
        eliminated: names[loser]!,
        ...(tie.earlierRound
          ? { by: 'earlier-round', earlierRound: tie.earlierRound }
          : { by: 'drawing', drawnFrom: tie.drawnFrom.map((c) => names[c]!) }),
      });
    }
    record.eliminated.push(names[loser]!);
    count.eliminate(loser);
  }
  return summary('irv', ballots, seed, { winner, rounds, ties });
}

/**
 * Among candidates tied for last place, the one with the fewest votes in the latest earlier round
 * that tells them apart; if none does, the drawing picks among those still tied.
 */
function breakTieForLast(
  tied: number[],
  history: readonly Float64Array[],
  draw: (count: number) => number,
): { chosen: number; earlierRound?: number; drawnFrom: number[] } {
  let stillTied = tied;
  for (let earlier = history.length - 1; earlier >= 1; earlier--) {
    stillTied = extremes(stillTied, history[earlier - 1]!, -1);
    if (stillTied.length === 1)
      return { chosen: stillTied[0]!, earlierRound: earlier, drawnFrom: [] };
  }
  return { chosen: stillTied[draw(stillTied.length)]!, drawnFrom: stillTied };
}

/** Plurality: the most first choices wins; a tie for first goes to the seeded drawing. */
export function tallyPlurality(ballots: BallotSet, seed: number): TallyResult {
  const count = new Count(ballots);
  const names = ballots.candidates;
  const rounds = [count.record(1)];
  const ties: TieBreak[] = [];
  let winner: string | null = null;
  if (count.active() > 0) {
    const first = extremes(count.continuingCandidates(), count.votes, 1);
    let chosen = first[0]!;
    if (first.length > 1) {
      chosen = first[createDrawing(seed)(first.length)]!;
      const tied = first.map((c) => names[c]!);
      ties.push({ round: 1, tied, elected: names[chosen]!, by: 'drawing', drawnFrom: tied });
    }
    winner = names[chosen]!;
  }
  return summary('plurality', ballots, seed, { winner, rounds, ties });
}
