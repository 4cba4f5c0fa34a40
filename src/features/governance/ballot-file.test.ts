import { describe, expect, it } from 'vitest';
import { BallotFileError, readBallotFile, writeBallotFile } from './ballot-file.ts';
import type { BallotSet } from './ballots.ts';

/** Each distinct reduced ranking (as names) with its number of ballots. */
function rankings(set: BallotSet): Record<string, number> {
  const out: Record<string, number> = {};
  for (let g = 0; g < set.counts.length; g++) {
    const names = [...set.choices.subarray(set.starts[g], set.starts[g + 1])].map(
      (c) => set.candidates[c],
    );
    out[names.join(' > ')] = set.counts[g]!;
  }
  return out;
}

function failure(text: string): BallotFileError {
  try {
    readBallotFile(text);
  } catch (error) {
    if (error instanceof BallotFileError) return error;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('reading a ballot file', () => {
  it('reads skipped ranks, repeated names, overvotes and undervotes as the format says', () => {
    const file = readBallotFile(
      [
        'ballot_id,rank_1,rank_2,rank_3,rank_4',
        '1,Ann,Bo,Cy,',
        '2,,Bo,,Ann', // skipped ranks: counting goes on to the next
        '3,Ann,Ann,Bo,', // a repeat at a lower rank is ignored there
        '4,Cy,Ann=Bo,Dee,', // the ballot stops at the overvote; Dee still a candidate
        '5,Eve=Ann,Bo,,', // an overvote first: counts for no one
        '6,,,,', // no name: an undervote
        '7,Bo,,Ann,',
        '8,Ann=Ann,Bo,,', // the same name twice at one rank is that name
      ].join('\n'),
    );
    expect(file.ranks).toBe(4);
    expect(file.ballots.candidates).toEqual(['Ann', 'Bo', 'Cy', 'Dee', 'Eve']);
    expect(file.ballots.ballots).toBe(8);
    expect(file.ballots.undervotes).toBe(1);
    expect(rankings(file.ballots)).toEqual({
      'Ann > Bo > Cy': 1,
      'Bo > Ann': 2,
      'Ann > Bo': 2,
      Cy: 1,
      '': 1,
    });
  });

  it('reads RFC 4180 quoting, a byte-order mark, CRLF line ends and surrounding spaces', () => {
    const file = readBallotFile(
      '\uFEFFballot_id,rank_1,rank_2\r\n' +
        'a,"Begich, Nick","Peltola, Mary S."\r\n' +
        'b," Peltola, Mary S. ","Begich, Nick"\r\n' +
        'c,"Say ""Hi"" Jones = Begich, Nick",\r\n' +
        'd,  Ann  ,\r\n' +
        '\r\n',
    );
    expect(file.ballots.candidates).toEqual([
      'Ann',
      'Begich, Nick',
      'Peltola, Mary S.',
      'Say "Hi" Jones',
    ]);
    expect(rankings(file.ballots)).toEqual({
      Ann: 1,
      'Begich, Nick > Peltola, Mary S.': 1,
      'Peltola, Mary S. > Begich, Nick': 1,
      '': 1,
    });
  });

  it('includes candidates given in advance even when no ballot names them', () => {
    const file = readBallotFile('ballot_id,rank_1\n1,Bo\n', { candidates: ['Zed', 'Ann'] });
    expect(file.ballots.candidates).toEqual(['Ann', 'Bo', 'Zed']);
  });

  it('writes what it reads: names with commas and quotes, overvotes, skips', () => {
    const rows = [
      { id: 'x1', marks: ['Begich, Nick', null, ['Ann', 'Say "Hi" Jones']] },
      { id: 'x2', marks: [] },
      { id: 'x3', marks: ['Ann'] },
    ];
    const text = writeBallotFile(rows, 2);
    expect(text.split('\n')[0]).toBe('ballot_id,rank_1,rank_2,rank_3');
    expect(text).toContain('x1,"Begich, Nick",,"Ann=Say ""Hi"" Jones"\n');
    const file = readBallotFile(text);
    expect(rankings(file.ballots)).toEqual({ 'Begich, Nick': 1, Ann: 1 });
    expect(file.ballots.undervotes).toBe(1);
    expect(() => writeBallotFile([{ id: 'y', marks: ['A=B'] }])).toThrow(RangeError);
  });
});

describe('a bad ballot file is refused with the line (and column) at fault', () => {
  const header = 'ballot_id,rank_1,rank_2';

  it('an empty file', () => {
    const error = failure('');
    expect(error.line).toBe(1);
    expect(error.message).toMatch(/^line 1: the file is empty/);
  });

  it('a header that does not start with ballot_id', () => {
    const error = failure('id,rank_1\n1,Ann\n');
    expect([error.line, error.column]).toEqual([1, 1]);
    expect(error.message).toBe(
      'line 1, column 1 (ballot_id): the first column must be "ballot_id", not "id".',
    );
  });

  it('a rank column out of order or misnamed', () => {
    const error = failure('ballot_id,rank_1,rank_3\n1,Ann,Bo\n');
    expect(error.message).toBe(
      'line 1, column 3 (rank_2): this column must be "rank_2", not "rank_3".',
    );
  });

  it('a header with no rank columns', () => {
    expect(failure('ballot_id\n1\n').message).toMatch(/^line 1: the header has no rank columns/);
  });

  it('a row with more or fewer cells than the header, counting lines inside quotes', () => {
    const error = failure(`${header}\n1,"Ann\nLee",Bo\n\n2,Ann\n`);
    expect(error.line).toBe(5); // the quoted name spans lines 2-3; line 4 is blank
    expect(error.message).toBe(
      'line 5: this ballot has 2 cells but the header has 3 (ballot_id and 2 ranks).',
    );
  });

  it('a row without a ballot id', () => {
    const error = failure(`${header}\n1,Ann,Bo\n,Bo,Ann\n`);
    expect(error.message).toBe('line 3, column 1 (ballot_id): the ballot_id is empty.');
  });

  it('the same ballot id twice', () => {
    const error = failure(`${header}\nq7,Ann,Bo\nq8,Bo,\nq7,Bo,Ann\n`);
    expect(error.message).toBe(
      'line 4, column 1 (ballot_id): ballot_id "q7" is already used on line 2; each ballot needs its own id.',
    );
  });

  it('an overvote cell with an empty side', () => {
    const error = failure(`${header}\n1,Ann,Bo=\n`);
    expect([error.line, error.column]).toEqual([2, 3]);
    expect(error.message).toMatch(/^line 2, column 3 \(rank_2\): "Bo=" joins an empty name/);
  });

  it('a quote that is never closed: the line where its row starts', () => {
    const error = failure(`${header}\n1,Ann,Bo\n2,"Ann,Bo\n3,Bo,Ann\n4,Ann,\n`);
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/^line 3, column 2 \(rank_1\): a quoted cell is never closed/);
  });

  it('a stray quote inside an unquoted cell', () => {
    const error = failure(`${header}\n1,Ann,Bo\n2,Ann "the Man",Bo\n`);
    expect([error.line, error.column]).toEqual([3, 2]);
    expect(error.message).toMatch(/a double quote inside a cell that does not start with one/);
  });

  it('text after a closing quote', () => {
    const error = failure(`${header}\n1,"Ann" Lee,Bo\n`);
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/a quoted cell must end at its closing quote/);
  });
});
