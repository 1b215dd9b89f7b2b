/**
 * The strict reader of the DEU III layout as published (examples/data/deu3/README.md):
 * tab-separated, values quoted or bare, an empty cell missing; line 1 the column names, line 2
 * the economic weights of the `p<actor>` columns, then one row per issue. A file with any problem
 * is refused as a whole, with every problem's file, row and column: nothing is scored on a file
 * read in part.
 *
 * How a row becomes an {@link Issue}:
 * - actors: the Commission (`com`, the proposer: bargains, cannot block), the European Parliament
 *   (`ep`: a co-legislator under co-decision `COD`, otherwise consulted: bargains, cannot block) and
 *   the member states on the issue's date (members); each with a position on record takes part,
 *   and a member state with none is kept with position `null` (it accepts any text and counts in
 *   the rule's totals). A state with a position that was not yet a member on the date bargains
 *   but cannot block. A salience left empty is 0 (no stake).
 * - the rule: `Unan` unanimity, `QMV` or `QMV(10)` a qualified majority, with the weights and
 *   thresholds in force on the issue's date (`councilRules.ts`); the date is `finact`, else
 *   `intro`, else (neither recorded) the first day on which every state with a position was a
 *   member.
 * - the status quo is `rp` (`null` when empty); the outcome `out` is kept apart, for scoring only.
 */
import { ConcertInputError, type Problem } from '../../problems.js';
import { RULE_PERIOD_STARTS, councilRule, membersOn, DEU_MEMBER_STATES, type CalendarDate } from './councilRules.js';
import { SCALE_MAX, SCALE_MIN, type Dataset, type IssueActor, type ObservedIssue } from './dataset.js';
import { dataProblem, numberCell, readDelimited } from './delimited.js';

/** The actor ids of DEU III in column order: the Commission, the Parliament, the member states. */
export const DEU_ACTORS: readonly string[] = ['com', 'ep', ...DEU_MEMBER_STATES];

/** The columns the reader needs (others, such as `prname`, are allowed and ignored). */
export const DEU_REQUIRED_COLUMNS: readonly string[] = [
  'prnrnmc',
  'isnr',
  'proc',
  'counvte',
  'intro',
  'finact',
  ...DEU_ACTORS.map((a) => `p${a}`),
  ...DEU_ACTORS.map((a) => `s${a}`),
  'rp',
  'out',
];

/** Most problems listed for one file (the count of the rest is given). */
const MAX_PROBLEMS = 100;

/**
 * A DEU III date cell. Three forms occur: `DD-MM-YY` (years 50-99 are 19YY, 00-49 are 20YY),
 * `DD-MM-YYYY`, and `CCDD-MM-YY`, a `DD-MM-YY` cell that a spreadsheet read as `YY-MM-DD` and wrote
 * back with a century (`1930-05-01` is 30 May 2001, `2029-10-08` is 29 October 2008). `999` and
 * empty are missing.
 *
 * @returns the date, `null` when missing, or a message saying what is wrong.
 * @example
 * parseDeuDate('1930-05-01'); // => { year: 2001, month: 5, day: 30 }
 */
export function parseDeuDate(value: string): CalendarDate | null | { problem: string } {
  if (value === '' || value === '999') return null;
  let match: RegExpExecArray | null;
  let day: number;
  let month: number;
  let year: number;
  const century = (yy: number) => (yy >= 50 ? 1900 + yy : 2000 + yy);
  if ((match = /^(\d{2})-(\d{2})-(\d{2})$/.exec(value)) !== null) {
    [day, month, year] = [Number(match[1]), Number(match[2]), century(Number(match[3]))];
  } else if ((match = /^(\d{2})-(\d{2})-(\d{4})$/.exec(value)) !== null) {
    [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(19|20)(\d{2})-(\d{2})-(\d{2})$/.exec(value)) !== null) {
    [day, month, year] = [Number(match[2]), Number(match[3]), century(Number(match[4]))];
  } else return { problem: 'must be a date DD-MM-YY or DD-MM-YYYY (or 999 for missing)' };
  const daysInMonth = month >= 1 && month <= 12 ? new Date(Date.UTC(year, month, 0)).getUTCDate() : 0;
  if (day < 1 || day > daysInMonth) return { problem: 'must be a real calendar date' };
  if (year < 1986 || year > 2030) return { problem: 'must be a date from 1986 to 2030' };
  return { year, month, day };
}

/** The first period start at which every state in `states` was a member (for an issue with no date). */
function dateFromMembers(states: readonly string[]): CalendarDate {
  for (const start of [{ year: 1990, month: 1, day: 1 }, ...RULE_PERIOD_STARTS]) {
    const members = new Set(membersOn(start));
    if (states.every((s) => members.has(s))) return start;
  }
  return RULE_PERIOD_STARTS[RULE_PERIOD_STARTS.length - 2]!;
}

/**
 * Reads a DEU III file (its text, and its name for error messages).
 *
 * @throws {ConcertInputError} (kind `data`) listing every problem with its file, row and column: a
 *   missing column, a cell that is not a number, a position, salience, status quo or outcome
 *   outside 0-100, a missing or non-positive economic weight, a bad date, a duplicate issue id, an
 *   issue with no actor.
 * @example
 * const dataset = readDeu3(readFileSync('deu3-train.tsv', 'utf8'), 'deu3-train.tsv');
 * dataset.issues.length; // => 188
 */
export function readDeu3(text: string, file: string): Dataset {
  const { rows, problems } = readDelimited(text, '\t', file);
  const fail = (): never => {
    const shown: Problem[] = problems.slice(0, MAX_PROBLEMS);
    if (problems.length > MAX_PROBLEMS) shown.push({ path: file, message: `and ${problems.length - MAX_PROBLEMS} more problems` });
    throw new ConcertInputError(`invalid DEU III data set ${file}`, shown, 'data');
  };
  if (rows.length === 0) {
    problems.push({ path: file, message: 'is empty (expected the column names, the economic weights and one row per issue)' });
    fail();
  }
  const header = rows[0]!.cells;
  const column = new Map<string, number>();
  header.forEach((name, j) => {
    if (column.has(name)) problems.push(dataProblem(file, 1, name, 'is a duplicate column name'));
    else column.set(name, j);
  });
  for (const name of DEU_REQUIRED_COLUMNS)
    if (!column.has(name)) problems.push(dataProblem(file, 1, name, 'is a missing column (the DEU III layout needs it)'));
  if (problems.length > 0) fail();
  if (rows.length < 3) {
    problems.push(dataProblem(file, rows.length, undefined, 'must be followed by the economic-weight line and at least one issue row'));
    fail();
  }

  // Line 2: the economic weights of the p<actor> columns, empty elsewhere.
  const weightRow = rows[1]!;
  const weights = new Map<string, number>();
  const actorColumns = new Set(DEU_ACTORS.map((a) => `p${a}`));
  header.forEach((name, j) => {
    const cell = weightRow.cells[j] ?? '';
    if (actorColumns.has(name)) {
      const value = numberCell(cell);
      if (typeof value !== 'number' || !(value > 0))
        problems.push(dataProblem(file, weightRow.row, name, 'must be the actor\'s economic weight, a number greater than 0', cell));
      else weights.set(name.slice(1), value);
    } else if (cell !== '' && !/^p/.test(name))
      problems.push(dataProblem(file, weightRow.row, name, 'must be empty on the economic-weight line (line 2)', cell));
  });

  const issues: ObservedIssue[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of rows.slice(2)) {
    const problemCount = problems.length;
    const get = (name: string) => cells[column.get(name)!] ?? '';
    const scaleValue = (name: string, what: string): number | null => {
      const cell = get(name);
      const value = numberCell(cell);
      if (value === 'not-a-number') {
        problems.push(dataProblem(file, row, name, `must be ${what}: a number from ${SCALE_MIN} to ${SCALE_MAX}, or empty`, cell));
        return null;
      }
      if (value !== null && !(value >= SCALE_MIN && value <= SCALE_MAX)) {
        problems.push(dataProblem(file, row, name, `must be ${what} from ${SCALE_MIN} to ${SCALE_MAX}`, cell));
        return null;
      }
      return value;
    };

    const proposalNumber = get('prnrnmc');
    if (!/^\d+$/.test(proposalNumber)) problems.push(dataProblem(file, row, 'prnrnmc', 'must be the proposal number, a whole number', proposalNumber));
    const proposal = column.has('prnr') && get('prnr') !== '' ? get('prnr') : proposalNumber;
    const id = get('isnr');
    if (id === '') problems.push(dataProblem(file, row, 'isnr', 'must be the issue id (not empty)'));
    else if (seen.has(id)) problems.push(dataProblem(file, row, 'isnr', `must be unique (already used on row ${seen.get(id)})`, id));
    else seen.set(id, row);
    const procedure = get('proc');
    if (procedure === '') problems.push(dataProblem(file, row, 'proc', 'must name the procedure (COD, CNS)'));
    const vote = get('counvte');
    const votingRule = vote === 'Unan' ? 'unanimity' : vote === 'QMV' || vote === 'QMV(10)' ? 'qualifiedMajority' : null;
    if (votingRule === null) problems.push(dataProblem(file, row, 'counvte', 'must be the Council\'s voting rule: QMV, QMV(10) or Unan', vote));
    const dates: Record<'finact' | 'intro', CalendarDate | null> = { finact: null, intro: null };
    for (const name of ['finact', 'intro'] as const) {
      const parsed = parseDeuDate(get(name));
      if (parsed !== null && 'problem' in parsed) problems.push(dataProblem(file, row, name, parsed.problem, get(name)));
      else dates[name] = parsed;
    }

    const positions = new Map<string, number>();
    const saliences = new Map<string, number>();
    for (const actor of DEU_ACTORS) {
      const position = scaleValue(`p${actor}`, 'a position');
      const salience = scaleValue(`s${actor}`, 'a salience');
      if (position !== null) positions.set(actor, position);
      saliences.set(actor, salience ?? 0);
    }
    const statusQuo = scaleValue('rp', 'the reference point (status quo)');
    const observed = scaleValue('out', 'the outcome');
    if (positions.size === 0 && problems.length === problemCount)
      problems.push(dataProblem(file, row, `p${DEU_ACTORS[0]}..p${DEU_ACTORS.at(-1)}`, 'must hold at least one actor\'s position (the issue has no actor)'));
    if (problems.length > problemCount || votingRule === null) continue;

    const statesWithPositions = DEU_MEMBER_STATES.filter((s) => positions.has(s));
    const date = dates.finact ?? dates.intro ?? dateFromMembers(statesWithPositions);
    const council = councilRule(date, votingRule);
    const members = new Set(council.members);
    const actors: IssueActor[] = [];
    for (const actor of DEU_ACTORS) {
      const position = positions.get(actor) ?? null;
      const isMember = members.has(actor);
      if (position === null && !isMember) continue;
      const role =
        actor === 'com' ? 'proposer' : actor === 'ep' ? (procedure === 'COD' ? 'coLegislator' : 'nonVoting') : isMember ? 'member' : 'nonVoting';
      actors.push({ id: actor, position, salience: position === null ? 0 : saliences.get(actor)!, weight: weights.get(actor)!, role });
    }
    issues.push({
      issue: { id, proposal, procedure, votingRule, rule: council.rule, ruleLabel: council.label, statusQuo, actors },
      observed,
      row,
    });
  }
  if (problems.length > 0) fail();
  return { source: file, format: 'deu3', issues };
}
