import { t } from '../../platform/i18n/index.ts';
import { compareNames } from './ballots.ts';
import type { TallyResult, TallyRound, TieBreak } from './tally.ts';
import './messages.ts';

/** Share of the round's counting votes, one decimal: "42.9%". */
function share(votes: number, active: number): string {
  return active > 0 ? `${((votes / active) * 100).toFixed(1)}%` : '-';
}

/** Names can hold commas ("Begich, Nick"), so lists of them use semicolons. */
function nameList(names: readonly string[]): string {
  return names.join('; ');
}

function tieLine(tie: TieBreak, seed: number): string {
  const names = nameList(tie.tied);
  if (tie.by === 'earlier-round') {
    return t('governance.tally.tieByRound', {
      names,
      chosen: tie.eliminated ?? '',
      earlierRound: tie.earlierRound ?? 0,
    });
  }
  return t('governance.tally.tieByDrawing', {
    names: nameList(tie.drawnFrom ?? tie.tied),
    place: t(tie.elected ? 'governance.tally.tie.first' : 'governance.tally.tie.last'),
    chosen: tie.eliminated ?? tie.elected ?? '',
    seed,
  });
}

function roundTable(round: TallyRound, ties: TieBreak[], seed: number): string[] {
  const rows = Object.entries(round.tally).sort(
    ([a, votesA], [b, votesB]) => votesB - votesA || compareNames(a, b),
  );
  const active = rows.reduce((sum, [, votes]) => sum + votes, 0);
  const labels = {
    candidate: t('governance.tally.candidate'),
    votes: t('governance.tally.votes'),
    share: t('governance.tally.share'),
    exhausted: t('governance.tally.exhausted'),
  };
  const nameWidth = Math.max(
    labels.candidate.length,
    labels.exhausted.length,
    ...rows.map(([name]) => name.length),
  );
  const votesWidth = Math.max(
    labels.votes.length,
    String(active).length,
    String(round.exhausted).length,
  );
  const line = (name: string, votes: string, percent: string) =>
    `  ${name.padEnd(nameWidth)}  ${votes.padStart(votesWidth)}  ${percent.padStart(6)}`.trimEnd();
  return [
    t('governance.tally.round', { round: round.round }),
    line(labels.candidate, labels.votes, labels.share),
    ...rows.map(([name, votes]) => line(name, String(votes), share(votes, active))),
    line(labels.exhausted, String(round.exhausted), ''),
    ...(round.eliminated.length
      ? [`  ${t('governance.tally.eliminated', { names: nameList(round.eliminated) })}`]
      : []),
    ...ties.filter((tie) => tie.round === round.round).map((tie) => `  ${tieLine(tie, seed)}`),
  ];
}

/** The result as a person reads it: totals, a table per round, the winner. */
export function formatTallyReport(result: TallyResult): string[] {
  const lines = [
    t('governance.tally.totals', { ballots: result.ballots, undervotes: result.undervotes }),
  ];
  for (const round of result.rounds) lines.push('', ...roundTable(round, result.ties, result.seed));
  const last = result.rounds[result.rounds.length - 1]!;
  lines.push('');
  if (result.winner === null) {
    lines.push(t('governance.tally.noWinner'));
  } else {
    const active = Object.values(last.tally).reduce((sum, votes) => sum + votes, 0);
    lines.push(
      t('governance.tally.winner', {
        name: result.winner,
        votes: last.tally[result.winner] ?? 0,
        active,
        round: last.round,
      }),
    );
  }
  return lines;
}
