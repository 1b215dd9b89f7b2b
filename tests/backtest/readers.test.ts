/**
 * The data-set readers: the DEU III layout read strictly, the tidy format, and every refusal
 * naming the file, the row and the column; nothing is returned from a file read in part. And the
 * yardsticks of the DEU III README, reproduced exactly from the training half.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ConcertInputError,
  baselineForecasts,
  councilRule,
  DEU_ACTORS,
  parseDeuDate,
  readDataset,
  readDeu3,
  readTidy,
  scoredIssues,
  VOTES_1995,
  VOTES_MAY_2004,
  VOTES_NICE,
  membersOn,
  type Dataset,
} from '../../packages/core/src/index.js';

const TRAINING = readFileSync(new URL('../../examples/data/deu3/deu3-train.tsv', import.meta.url), 'utf8');

/** The problems a reader reports for a text, as `path: message` lines. */
function refusal(read: () => Dataset): string[] {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(ConcertInputError);
    expect((error as ConcertInputError).kind).toBe('data');
    return (error as ConcertInputError).problems.map((p) => `${p.path}: ${p.message}${'value' in p ? ` (${JSON.stringify(p.value)})` : ''}`);
  }
  throw new Error('the reader accepted the file');
}

const lines = TRAINING.split('\n');
const header = lines[0]!.split('\t').map((cell) => cell.replace(/^"|"$/g, ''));
const column = (name: string) => header.indexOf(name);
/** The training file with cell `name` of line `line` (1-based) replaced. */
function withCell(line: number, name: string, value: string): string {
  const copy = [...lines];
  const cells = copy[line - 1]!.split('\t');
  cells[column(name)] = value;
  copy[line - 1] = cells.join('\t');
  return copy.join('\n');
}

describe('readDeu3(text, file)', () => {
  it('reads the training half: 188 issues, 180 with an outcome, 68 proposals, the roles of the actors', () => {
    const dataset = readDeu3(TRAINING, 'deu3-train.tsv');
    expect(dataset.issues.length).toBe(188);
    const scored = scoredIssues(dataset);
    expect(scored.length).toBe(180);
    expect(new Set(scored.map((e) => e.issue.proposal)).size).toBe(68);
    const first = dataset.issues[0]!;
    expect(first.issue.id).toBe('d00032i1');
    expect(first.row).toBe(3);
    expect(first.issue.actors.find((a) => a.id === 'com')?.role).toBe('proposer');
    expect(first.issue.actors.find((a) => a.id === 'ep')?.role).toBe('coLegislator'); // COD
    expect(first.issue.ruleLabel).toBe('EU-15: 62 of 87 votes');
    // The outcome is not part of the issue a forecast sees.
    expect('observed' in first.issue || 'outcome' in first.issue || 'out' in first.issue).toBe(false);
  });

  it('reads the same file with bare values and CRLF line endings, and QMV(10) as a qualified majority', () => {
    const bare = TRAINING.replace(/"/g, '').replace(/\n/g, '\r\n');
    const a = readDeu3(TRAINING, 'deu3-train.tsv');
    expect(readDeu3(bare, 'deu3-train.tsv').issues).toEqual(a.issues);
    const qmv10 = readDeu3(withCell(3, 'counvte', 'QMV(10)'), 'x.tsv');
    expect(qmv10.issues[0]!.issue.votingRule).toBe('qualifiedMajority');
  });

  it('refuses a file with a missing column, naming the file, row 1 and the column', () => {
    const text = lines.map((line) => line.split('\t').filter((_, j) => j !== column('rp')).join('\t')).join('\n');
    expect(refusal(() => readDeu3(text, 'x.tsv'))).toEqual(['x.tsv, row 1, column rp: is a missing column (the DEU III layout needs it)']);
  });

  it('refuses a non-numeric cell, naming file, row and column', () => {
    expect(refusal(() => readDeu3(withCell(5, 'pfr', 'abc'), 'x.tsv'))).toEqual([
      'x.tsv, row 5, column pfr: must be a position: a number from 0 to 100, or empty ("abc")',
    ]);
  });

  it('refuses a position, salience, status quo or outcome outside 0-100', () => {
    const text = withCell(3, 'pde', '130');
    expect(refusal(() => readDeu3(text, 'x.tsv'))).toEqual(['x.tsv, row 3, column pde: must be a position from 0 to 100 ("130")']);
    expect(refusal(() => readDeu3(withCell(4, 'out', '-1'), 'x.tsv'))).toEqual(['x.tsv, row 4, column out: must be the outcome from 0 to 100 ("-1")']);
    expect(refusal(() => readDeu3(withCell(4, 'sde', '101'), 'x.tsv'))).toEqual(['x.tsv, row 4, column sde: must be a salience from 0 to 100 ("101")']);
  });

  it('refuses an issue with no actor', () => {
    let text = TRAINING;
    for (const actor of DEU_ACTORS) text = withCellIn(text, 3, `p${actor}`, '');
    expect(refusal(() => readDeu3(text, 'x.tsv'))).toEqual([
      'x.tsv, row 3, column pcom..puk: must hold at least one actor\'s position (the issue has no actor)',
    ]);
  });

  it('lists every problem at once, and returns nothing from a partly read file', () => {
    const text = withCellIn(withCellIn(withCellIn(TRAINING, 7, 'pit', 'x'), 9, 'isnr', 'd00032i1'), 2, 'pde', '0');
    expect(refusal(() => readDeu3(text, 'x.tsv'))).toEqual([
      'x.tsv, row 2, column pde: must be the actor\'s economic weight, a number greater than 0 ("0")',
      'x.tsv, row 7, column pit: must be a position: a number from 0 to 100, or empty ("x")',
      'x.tsv, row 9, column isnr: must be unique (already used on row 3) ("d00032i1")',
    ]);
  });

  it('refuses an unmatched quote, a row with too few cells, a bad date, an unknown voting rule', () => {
    expect(refusal(() => readDeu3(withCell(3, 'prname', '"documents'), 'x.tsv'))[0]).toMatch(/^x\.tsv, row 3, column prname: has text after its closing quote/);
    expect(refusal(() => readDeu3(withCell(3, 'rp', '"7'), 'x.tsv'))[0]).toMatch(/^x\.tsv, row 3, column rp: has a quote that is never closed/);
    const short = [...lines];
    short[4] = short[4]!.split('\t').slice(0, 10).join('\t');
    expect(refusal(() => readDeu3(short.join('\n'), 'x.tsv'))[0]).toMatch(/^x\.tsv, row 5: must have \d+ cells like the header, has 10/);
    expect(refusal(() => readDeu3(withCell(3, 'finact', '31-02-01'), 'x.tsv'))).toEqual(['x.tsv, row 3, column finact: must be a real calendar date ("31-02-01")']);
    expect(refusal(() => readDeu3(withCell(3, 'counvte', 'Maj'), 'x.tsv'))).toEqual([
      'x.tsv, row 3, column counvte: must be the Council\'s voting rule: QMV, QMV(10) or Unan ("Maj")',
    ]);
  });
});

function withCellIn(text: string, line: number, name: string, value: string): string {
  const copy = text.split('\n');
  const cells = copy[line - 1]!.split('\t');
  cells[column(name)] = value;
  copy[line - 1] = cells.join('\t');
  return copy.join('\n');
}

describe('parseDeuDate(value)', () => {
  it('reads the three forms of the file, and 999 as missing', () => {
    expect(parseDeuDate('26-01-00')).toEqual({ year: 2000, month: 1, day: 26 });
    expect(parseDeuDate('13-12-2016')).toEqual({ year: 2016, month: 12, day: 13 });
    expect(parseDeuDate('1930-05-01')).toEqual({ year: 2001, month: 5, day: 30 }); // a spreadsheet's rewrite of 30-05-01
    expect(parseDeuDate('2029-10-08')).toEqual({ year: 2008, month: 10, day: 29 });
    expect(parseDeuDate('999')).toBeNull();
    expect(parseDeuDate('2001/05/30')).toEqual({ problem: 'must be a date DD-MM-YY or DD-MM-YYYY (or 999 for missing)' });
  });
});

describe('councilRule(date, voting)', () => {
  it('has the public vote totals and thresholds of each period', () => {
    const sum = (o: Record<string, number>, members: string[]) => members.reduce((t, m) => t + o[m]!, 0);
    expect(sum(VOTES_1995, membersOn({ year: 2000, month: 1, day: 1 }))).toBe(87);
    expect(sum(VOTES_MAY_2004, membersOn({ year: 2004, month: 6, day: 1 }))).toBe(124);
    expect(sum(VOTES_NICE, membersOn({ year: 2005, month: 1, day: 1 }))).toBe(321);
    expect(sum(VOTES_NICE, membersOn({ year: 2010, month: 1, day: 1 }))).toBe(345);
    expect(sum(VOTES_NICE, membersOn({ year: 2014, month: 1, day: 1 }))).toBe(352);
    expect(councilRule({ year: 2004, month: 6, day: 1 }, 'qualifiedMajority').label).toBe('EU-25 (May-Oct 2004): 88 of 124 votes');
    expect(councilRule({ year: 2016, month: 6, day: 1 }, 'qualifiedMajority').rule).toMatchObject({ blockingMinority: 4 });
    expect(membersOn({ year: 2020, month: 3, day: 1 })).not.toContain('uk');
  });
});

describe('readTidy(text, file)', () => {
  const tidy = [
    'issue,proposal,actor,position,salience,weight,role,votes,rule,quota,procedure,statusQuo,outcome',
    'i1,p1,chair,80,60,1,proposer,,qualifiedMajority,0.7,COD,0,70',
    'i1,p1,a,0,50,2,member,3,qualifiedMajority,0.7,COD,0,70',
    'i1,p1,b,100,50,1,member,2,qualifiedMajority,0.7,COD,0,70',
    'i1,p1,parl,60,40,1,coLegislator,,qualifiedMajority,0.7,COD,0,70',
    'i2,p1,a,20,50,,,,,,CNS,,',
    '"i2",p1,b,"40",50,,,,,,CNS,,',
  ].join('\n');

  it('reads one row per issue and actor into issues, with roles, rule and outcome apart', () => {
    const dataset = readTidy(tidy, 'mine.csv');
    expect(dataset.format).toBe('tidy');
    expect(dataset.issues.map((e) => [e.issue.id, e.observed, e.issue.actors.length])).toEqual([['i1', 70, 4], ['i2', null, 2]]);
    expect(dataset.issues[0]!.issue.rule).toEqual({ kind: 'qualifiedMajority', quotas: [{ weights: { a: 3, b: 2 }, share: 0.7 }] });
    expect(dataset.issues[1]!.issue.rule).toEqual({ kind: 'unanimity' });
    expect(baselineForecasts(dataset.issues[1]!.issue, 0).salienceMean).toBe(30);
    expect(readDataset(tidy, 'mine.csv').format).toBe('tidy');
    expect(readDataset(TRAINING, 'deu3-train.tsv').format).toBe('deu3');
  });

  it('refuses missing columns, bad cells, disagreeing issue fields and an issue with no actor, naming file, row and column', () => {
    expect(refusal(() => readTidy('issue,actor,salience\ni,a,1\n', 't.csv'))).toEqual(['t.csv, row 1, column position: is a missing column (required)']);
    expect(refusal(() => readTidy(tidy.replace('i1,p1,a,0,50', 'i1,p1,a,abc,50'), 't.csv'))).toEqual([
      't.csv, row 3, column position: must be a position: a number from 0 to 100, or empty ("abc")',
    ]);
    expect(refusal(() => readTidy(tidy.replace('i1,p1,b,100,50,1,member,2,qualifiedMajority,0.7,COD,0,70', 'i1,p1,b,100,50,1,member,2,qualifiedMajority,0.7,COD,0,75'), 't.csv'))).toEqual([
      't.csv, row 4, column outcome: must be the same on every row of issue i1 (row 2 has "70") ("75")',
    ]);
    expect(refusal(() => readTidy('issue,actor,position,salience\ni,a,,1\ni,b,,1\n', 't.csv'))).toEqual([
      't.csv, row 2, column position: must be given for at least one actor of issue i (the issue has no actor)',
    ]);
    expect(refusal(() => readTidy('issue,actor,position,salience,role\ni,a,1,1,king\n', 't.csv'))).toEqual([
      't.csv, row 2, column role: must be one of member, proposer, coLegislator, nonVoting (or empty: member) ("king")',
    ]);
  });
});

describe('the DEU III README yardsticks (training half, issues with an outcome)', () => {
  it('are reproduced exactly by the baselines', () => {
    const scored = scoredIssues(readDeu3(TRAINING, 'deu3-train.tsv'));
    const mae = (name: keyof ReturnType<typeof baselineForecasts>, only?: (e: (typeof scored)[number]) => boolean) => {
      const entries = scored.filter(only ?? (() => true));
      return entries.reduce((t, e) => t + Math.abs(baselineForecasts(e.issue, 0)[name] - e.observed), 0) / entries.length;
    };
    expect(mae('salienceMean').toFixed(1)).toBe('21.4');
    expect(mae('salienceWeightMean').toFixed(1)).toBe('20.5');
    expect(mae('medianActor').toFixed(1)).toBe('25.4');
    expect(mae('midpoint').toFixed(1)).toBe('27.7');
    // The README's 36.4 is over the 179 issues with a Commission position.
    expect(mae('proposer', (e) => e.issue.actors.some((a) => a.role === 'proposer' && a.position !== null)).toFixed(1)).toBe('36.4');
    expect(mae('salienceWeightMean')).toBeCloseTo(20.484, 3);
  });
});
