import { registerMessages } from '../../platform/i18n/index.ts';

registerMessages('en', {
  // Ballot file reader (ballot-file.ts): each message follows "line N, column C (name): ".
  'governance.ballots.where.line': 'line {line}',
  'governance.ballots.where.cell': 'line {line}, column {column} ({name})',
  'governance.ballots.error.empty':
    'the file is empty; it needs a header line "ballot_id,rank_1,rank_2,…" and one line per ballot.',
  'governance.ballots.error.firstColumn': 'the first column must be "ballot_id", not "{found}".',
  'governance.ballots.error.rankColumn': 'this column must be "{expected}", not "{found}".',
  'governance.ballots.error.noRanks':
    'the header has no rank columns; it must read "ballot_id,rank_1,rank_2,…".',
  'governance.ballots.error.cellCount':
    'this ballot has {found} cells but the header has {expected} (ballot_id and {ranks} ranks).',
  'governance.ballots.error.noBallotId': 'the ballot_id is empty.',
  'governance.ballots.error.duplicateBallotId':
    'ballot_id "{id}" is already used on line {firstLine}; each ballot needs its own id.',
  'governance.ballots.error.emptyOvervoteName':
    '"{cell}" joins an empty name with "="; an overvote names two or more candidates, like "Ann Lee=Bo Diaz".',
  'governance.ballots.error.unclosedQuote':
    'a quoted cell is never closed; add the closing double quote (").',
  'governance.ballots.error.strayQuote':
    'a double quote inside a cell that does not start with one; quote the whole cell and double the quote inside ("like ""this""").',
  'governance.ballots.error.afterClosingQuote':
    'a quoted cell must end at its closing quote, followed by a comma or the end of the line.',
  'governance.ballots.error.csv': 'this is not valid CSV ({reason}).',

  // `hub elections:tally`
  'governance.tally.round': 'Round {round}',
  'governance.tally.candidate': 'Candidate',
  'governance.tally.votes': 'Votes',
  'governance.tally.share': 'Share',
  'governance.tally.exhausted': 'Exhausted (cumulative)',
  'governance.tally.eliminated': 'Eliminated: {names}',
  'governance.tally.tieByRound':
    'Tie for last place between {names}: {chosen} had fewer votes in round {earlierRound}.',
  'governance.tally.tieByDrawing':
    'Tie for {place} place between {names}: {chosen} drawn (seed {seed}).',
  'governance.tally.tie.last': 'last',
  'governance.tally.tie.first': 'first',
  'governance.tally.winner': 'Winner: {name}, {votes} of {active} votes in round {round}.',
  'governance.tally.noWinner': 'No winner: no ballot names a candidate.',
  'governance.tally.totals':
    '{ballots} ballots read, {undervotes} naming no candidate (undervotes, left out of every round).',
  'governance.tally.error.ballotsRequired': '--ballots FILE.csv is required.',
  'governance.tally.error.method': '--method must be irv or plurality, not "{method}".',
  'governance.tally.error.seed':
    '--seed must be a whole number from 0 to 4294967295, not "{seed}".',
  'governance.tally.error.unreadable': 'cannot read {file}: {reason}',
  'governance.tally.error.badFile': '{file}, {reason}',
});
