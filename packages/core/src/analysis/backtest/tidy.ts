/**
 * Concert's own tidy format for data sets of negotiations other than DEU III: one row per issue
 * and actor, comma- or tab-separated (tab when the header line holds a tab), values quoted or
 * bare, an empty cell missing. docs/VALIDATION.md, "A data set of your own", has an example.
 *
 * Per-actor columns:
 * - `issue` (required): the issue id;
 * - `actor` (required): the actor id, once per issue;
 * - `position`: 0-100, or empty (no position on record: a member without one accepts any text);
 * - `salience`: 0-100 (empty or 0: no stake);
 * - `weight`: the actor's capability weight, greater than 0 (empty: 1);
 * - `role`: `member` (votes under the rule; empty means member), `proposer` (bargains, cannot block;
 *   its position is the proposal), `coLegislator` (must accept too) or `nonVoting` (bargains, cannot block);
 * - `votes`: the member's votes under a qualified majority, at least 0 (empty: 1).
 *
 * Issue columns, the same on every row of an issue:
 * - `proposal`: the proposal it belongs to, for folds and resamples (empty: the issue id);
 * - `rule`: `unanimity` (empty means unanimity) or `qualifiedMajority`;
 * - `quota`: with `qualifiedMajority`, the share of the members' votes the accepting members need,
 *   above 0 and at most 1;
 * - `procedure`: free text, a subset of the scores (e.g. `COD`);
 * - `statusQuo`: 0-100, or empty when unknown;
 * - `outcome`: 0-100, or empty when unknown (such issues are forecast but not scored).
 */
import { ConcertInputError, type Problem } from '../../problems.js';
import { ACTOR_ROLES, SCALE_MAX, SCALE_MIN, type ActorRole, type Dataset, type IssueActor, type ObservedIssue } from './dataset.js';
import { dataProblem, numberCell, readDelimited } from './delimited.js';

/** The columns of the tidy format, required ones first. */
export const TIDY_COLUMNS = {
  required: ['issue', 'actor', 'position', 'salience'],
  optional: ['weight', 'role', 'votes', 'proposal', 'rule', 'quota', 'procedure', 'statusQuo', 'outcome'],
} as const;

const ISSUE_COLUMNS = ['proposal', 'rule', 'quota', 'procedure', 'statusQuo', 'outcome'] as const;
const MAX_PROBLEMS = 100;

interface IssueDraft {
  readonly row: number;
  readonly fields: Record<(typeof ISSUE_COLUMNS)[number], string>;
  readonly actors: (IssueActor & { votes: number })[];
}

/**
 * Reads a data set in the tidy format (its text, and its name for error messages).
 *
 * @throws {ConcertInputError} (kind `data`) listing every problem with its file, row and column.
 * @example
 * readTidy('issue,actor,position,salience,outcome\nx,a,0,50,30\nx,b,100,50,30\n', 'two.csv').issues[0].observed; // => 30
 */
export function readTidy(text: string, file: string): Dataset {
  const firstLine = text.slice(0, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n'));
  const { rows, problems } = readDelimited(text, firstLine.includes('\t') ? '\t' : ',', file);
  const fail = (): never => {
    const shown: Problem[] = problems.slice(0, MAX_PROBLEMS);
    if (problems.length > MAX_PROBLEMS) shown.push({ path: file, message: `and ${problems.length - MAX_PROBLEMS} more problems` });
    throw new ConcertInputError(`invalid data set ${file}`, shown, 'data');
  };
  if (rows.length === 0) {
    problems.push({ path: file, message: `is empty (expected a header with the columns ${TIDY_COLUMNS.required.join(', ')})` });
    fail();
  }
  const header = rows[0]!.cells;
  const known = new Set<string>([...TIDY_COLUMNS.required, ...TIDY_COLUMNS.optional]);
  const column = new Map<string, number>();
  header.forEach((name, j) => {
    if (!known.has(name)) problems.push(dataProblem(file, 1, name, `is not a column of the tidy format (known: ${[...known].join(', ')})`));
    else if (column.has(name)) problems.push(dataProblem(file, 1, name, 'is a duplicate column name'));
    else column.set(name, j);
  });
  for (const name of TIDY_COLUMNS.required) if (!column.has(name)) problems.push(dataProblem(file, 1, name, 'is a missing column (required)'));
  if (problems.length > 0) fail();
  if (rows.length < 2) {
    problems.push(dataProblem(file, 1, undefined, 'must be followed by at least one row (one per issue and actor)'));
    fail();
  }

  const drafts = new Map<string, IssueDraft>();
  for (const { row, cells } of rows.slice(1)) {
    const get = (name: string) => (column.has(name) ? (cells[column.get(name)!] ?? '') : '');
    const before = problems.length;
    const numberIn = (name: string, what: string, low: number, high: number, lowOpen = false): number | null => {
      const cell = get(name);
      const value = numberCell(cell);
      const range = `${lowOpen ? 'greater than' : 'from'} ${low}${high === Infinity ? '' : ` ${lowOpen ? 'and at most' : 'to'} ${high}`}`;
      if (value === 'not-a-number') problems.push(dataProblem(file, row, name, `must be ${what}: a number ${range}, or empty`, cell));
      else if (value !== null && !((lowOpen ? value > low : value >= low) && value <= high))
        problems.push(dataProblem(file, row, name, `must be ${what} ${range}`, cell));
      else return value;
      return null;
    };
    const issueId = get('issue');
    const actorId = get('actor');
    if (issueId === '') problems.push(dataProblem(file, row, 'issue', 'must be the issue id (not empty)'));
    if (actorId === '') problems.push(dataProblem(file, row, 'actor', 'must be the actor id (not empty)'));
    const position = numberIn('position', 'a position', SCALE_MIN, SCALE_MAX);
    const salience = numberIn('salience', 'a salience', SCALE_MIN, SCALE_MAX);
    const weight = numberIn('weight', 'a capability weight', 0, Infinity, true);
    const votes = numberIn('votes', 'a number of votes', 0, Infinity);
    const roleText = get('role');
    const role = (roleText === '' ? 'member' : roleText) as ActorRole;
    if (!ACTOR_ROLES.includes(role)) problems.push(dataProblem(file, row, 'role', `must be one of ${ACTOR_ROLES.join(', ')} (or empty: member)`, roleText));
    const rule = get('rule');
    if (rule !== '' && rule !== 'unanimity' && rule !== 'qualifiedMajority')
      problems.push(dataProblem(file, row, 'rule', 'must be unanimity or qualifiedMajority (or empty: unanimity)', rule));
    numberIn('statusQuo', 'the status quo', SCALE_MIN, SCALE_MAX);
    numberIn('outcome', 'the outcome', SCALE_MIN, SCALE_MAX);
    numberIn('quota', 'the share of votes a qualified majority needs', 0, 1, true);
    if (rule === 'qualifiedMajority' && get('quota') === '')
      problems.push(dataProblem(file, row, 'quota', 'must be given with rule qualifiedMajority (the share of the members\' votes needed)'));
    if (problems.length > before || issueId === '') continue;

    const fields = Object.fromEntries(ISSUE_COLUMNS.map((name) => [name, get(name)])) as IssueDraft['fields'];
    let draft = drafts.get(issueId);
    if (draft === undefined) drafts.set(issueId, (draft = { row, fields, actors: [] }));
    else
      for (const name of ISSUE_COLUMNS)
        if (fields[name] !== draft.fields[name])
          problems.push(dataProblem(file, row, name, `must be the same on every row of issue ${issueId} (row ${draft.row} has ${JSON.stringify(draft.fields[name])})`, fields[name]));
    if (draft.actors.some((a) => a.id === actorId)) {
      problems.push(dataProblem(file, row, 'actor', `must appear once per issue (${actorId} is already listed for issue ${issueId})`, actorId));
      continue;
    }
    if (position === null && role !== 'member') continue; // no position and no vote: takes no part
    draft.actors.push({ id: actorId, position, salience: position === null ? 0 : (salience ?? 0), weight: weight ?? 1, role, votes: votes ?? 1 });
  }

  const issues: ObservedIssue[] = [];
  for (const [id, { row, fields, actors }] of drafts) {
    if (!actors.some((a) => a.position !== null)) {
      problems.push(dataProblem(file, row, 'position', `must be given for at least one actor of issue ${id} (the issue has no actor)`));
      continue;
    }
    const qualified = fields.rule === 'qualifiedMajority';
    const members = actors.filter((a) => a.role === 'member');
    const number = (text: string) => (text === '' ? null : Number(text));
    issues.push({
      issue: {
        id,
        proposal: fields.proposal === '' ? id : fields.proposal,
        procedure: fields.procedure,
        votingRule: qualified ? 'qualifiedMajority' : 'unanimity',
        rule: qualified
          ? { kind: 'qualifiedMajority', quotas: [{ weights: Object.fromEntries(members.map((a) => [a.id, a.votes])), share: Number(fields.quota) }] }
          : { kind: 'unanimity' },
        ruleLabel: qualified ? `qualified majority: ${fields.quota} of the members' votes` : `unanimity of ${members.length}`,
        statusQuo: number(fields.statusQuo),
        actors: actors.map(({ votes: _votes, ...actor }) => actor),
      },
      observed: number(fields.outcome),
      row,
    });
  }
  if (problems.length > 0) fail();
  return { source: file, format: 'tidy', issues };
}

/**
 * Which layout a data file's text is in: DEU III when its header has the DEU columns (`isnr` or
 * `counvte`), else the tidy format.
 *
 * @example
 * detectDatasetFormat('issue,actor,position,salience\n'); // => 'tidy'
 */
export function detectDatasetFormat(text: string): 'deu3' | 'tidy' {
  const firstLine = text.slice(0, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n'));
  const names = firstLine.split(/[\t,]/).map((cell) => cell.trim().replace(/^"|"$/g, ''));
  return names.includes('isnr') || names.includes('counvte') ? 'deu3' : 'tidy';
}
