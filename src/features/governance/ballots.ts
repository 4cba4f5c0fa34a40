/**
 * Ranked ballots made ready to count. Each ballot is reduced once to the candidates it can still
 * give its vote to, in order: skipped ranks dropped, a candidate repeated at a lower rank dropped
 * there, everything from an overvote on cut off (the ballot stops counting when it reaches it).
 * Identical reduced ballots are then counted as one group, so a tally touches each distinct
 * ranking once per round however many ballots share it.
 */

/** One rank on a ballot: a candidate's name, two or more names (an overvote), or null (skipped). */
export type Mark = string | readonly string[] | null;

/** Ballots ready to count, grouped by identical reduced ranking. */
export interface BallotSet {
  /** Every candidate, sorted by name (JavaScript string order); indexes below refer to it. */
  readonly candidates: readonly string[];
  /** Group g ranks `choices[starts[g]]` … `choices[starts[g + 1] - 1]`, all distinct. */
  readonly choices: Int32Array;
  /** Where each group's choices start; one more entry than there are groups. */
  readonly starts: Int32Array;
  /** How many ballots each group stands for. */
  readonly counts: Int32Array;
  /** Ballots that name no candidate at all: left out of every round. */
  readonly undervotes: number;
  /** Every ballot added, undervotes included. */
  readonly ballots: number;
}

const MAX_CANDIDATES = 0xffff;

/** Compares names by JavaScript string order, the order ballots and drawings use. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Collects ballots one at a time and groups them. Candidates given to the constructor are in
 * every tally even with no votes; any other name a ballot carries (even inside an overvote)
 * becomes a candidate too.
 */
export class BallotSetBuilder {
  private readonly names: string[] = [];
  private readonly indexByName = new Map<string, number>();
  private readonly groupByKey = new Map<string, number>();
  private readonly groupRankings: number[][] = [];
  private readonly groupCounts: number[] = [];
  private undervotes = 0;
  private ballots = 0;
  // Reused for every ballot so adding one allocates only when its ranking is new.
  private readonly ranking: number[] = [];

  constructor(candidates: Iterable<string> = []) {
    for (const name of candidates) this.candidateIndex(name);
  }

  /** Adds `count` identical ballots whose ranks, first to last, are `marks`. */
  add(marks: readonly Mark[], count = 1): void {
    const ranking = this.ranking;
    ranking.length = 0;
    let named = false;
    let cutOff = false;
    for (const mark of marks) {
      let index: number;
      if (typeof mark === 'string') {
        if (mark === '') continue;
        index = this.candidateIndex(mark);
      } else {
        // An overvote names two or more different candidates; the same name twice is that name.
        const distinct = [...new Set(mark?.filter((name) => name !== '') ?? [])];
        if (distinct.length === 0) continue;
        index = this.candidateIndex(distinct[0]!);
        if (distinct.length > 1) {
          for (const name of distinct) this.candidateIndex(name);
          named = true;
          cutOff = true;
          continue;
        }
      }
      named = true;
      if (!cutOff && !ranking.includes(index)) ranking.push(index);
    }
    this.ballots += count;
    if (!named) {
      this.undervotes += count;
      return;
    }
    const key = String.fromCharCode(...ranking);
    const group = this.groupByKey.get(key);
    if (group === undefined) {
      this.groupByKey.set(key, this.groupRankings.length);
      this.groupRankings.push(ranking.slice());
      this.groupCounts.push(count);
    } else {
      this.groupCounts[group]! += count;
    }
  }

  /** The ballots so far, candidates renumbered in name order. */
  build(): BallotSet {
    const order = this.names.map((_, index) => index);
    order.sort((a, b) => compareNames(this.names[a]!, this.names[b]!));
    const renumbered = new Int32Array(order.length);
    order.forEach((oldIndex, newIndex) => {
      renumbered[oldIndex] = newIndex;
    });
    const groups = this.groupRankings.length;
    const starts = new Int32Array(groups + 1);
    for (let g = 0; g < groups; g++) starts[g + 1] = starts[g]! + this.groupRankings[g]!.length;
    const choices = new Int32Array(starts[groups]!);
    for (let g = 0; g < groups; g++) {
      const ranking = this.groupRankings[g]!;
      for (let i = 0; i < ranking.length; i++) choices[starts[g]! + i] = renumbered[ranking[i]!]!;
    }
    return {
      candidates: order.map((index) => this.names[index]!),
      choices,
      starts,
      counts: Int32Array.from(this.groupCounts),
      undervotes: this.undervotes,
      ballots: this.ballots,
    };
  }

  private candidateIndex(name: string): number {
    let index = this.indexByName.get(name);
    if (index === undefined) {
      if (this.names.length >= MAX_CANDIDATES)
        throw new RangeError(`more than ${MAX_CANDIDATES} candidates`);
      index = this.names.length;
      this.names.push(name);
      this.indexByName.set(name, index);
    }
    return index;
  }
}
