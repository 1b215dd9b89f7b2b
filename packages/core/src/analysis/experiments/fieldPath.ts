/**
 * Field paths: how a design names a numeric field of a scenario. Things with ids (allies, blocs,
 * events, options) are named by id, with a dot or in brackets: `allies.HUN.hawkishness.center`
 * and `allies[HUN].hawkishness.center` are the same field. An event's shifts, which have no ids,
 * are named by index: `events.us-policy-shift.shifts[0].by`. The sensitivity analyses' names are
 * accepted as they are: `allies.HUN.hawkishness` is the center of Hungary's hawkishness (or its
 * value, when the scenario gives a plain number), and `signal.threshold` the threshold's center.
 */
import type { Scenario } from '../../scenario/schema.js';

/** A numeric field of a scenario, resolved. */
export interface ExperimentField {
  /** Its canonical path, ids joined by dots: `allies.HUN.hawkishness.center`. */
  readonly path: string;
  /** In words, e.g. `Hungary's hawkishness (center)`. */
  readonly label: string;
  /** Where it is in the validated scenario: keys and list indices, e.g. `['allies', 12, 'hawkishness', 'center']`. */
  readonly location: readonly (string | number)[];
  /** True for a whole-number field (`bargaining.maxRounds`). */
  readonly integer: boolean;
}

/** The forms a field path takes, for error messages. */
export const FIELD_PATH_FORMS =
  'allies.<id>.(hawkishness|engagementPreference|salience)[.center|.uncertainty], allies.<id>.(influence|solidarityCost), ' +
  'blocs.<id>.correlation, events.<id>.probability, events.<id>.shifts[<index>].by, options.<id>.(firmness|engagement|visibility), ' +
  'statusQuo.(firmness|engagement|visibility), dimensionWeights.(firmness|engagement), bargaining.(maxRounds|step|maxDrift), ' +
  'signal.exponent, signal.threshold[.center|.uncertainty]';

interface Token {
  readonly text: string;
  readonly bracketed: boolean;
}

function tokenize(path: string): Token[] | string {
  const tokens: Token[] = [];
  let current = '';
  let afterBracket = false;
  for (let i = 0; i < path.length; i++) {
    const c = path[i]!;
    if (c === '.') {
      if (current === '' && !afterBracket) return `the path has an empty part at character ${i + 1}`;
      if (current !== '') tokens.push({ text: current, bracketed: false });
      current = '';
      afterBracket = false;
    } else if (c === '[') {
      if (current !== '') tokens.push({ text: current, bracketed: false });
      current = '';
      const end = path.indexOf(']', i);
      if (end < 0) return `the path has a "[" at character ${i + 1} without its "]"`;
      const inside = path.slice(i + 1, end);
      if (inside === '') return `the path has empty brackets at character ${i + 1}`;
      tokens.push({ text: inside, bracketed: true });
      i = end;
      afterBracket = true;
      const next = path[i + 1];
      if (next !== undefined && next !== '.' && next !== '[') return `the path needs "." or "[" after "]" at character ${i + 1}`;
    } else {
      if (afterBracket) return `the path needs "." after "]" at character ${i}`;
      current += c;
    }
  }
  if (current !== '') tokens.push({ text: current, bracketed: false });
  else if (!afterBracket && path.endsWith('.')) return 'the path must not end with "."';
  if (tokens.length === 0) return 'the path is empty';
  return tokens;
}

/** Takes an id from the front of `tokens`: a bracketed token as it is, else the longest run of dotted tokens that is a known id. */
function takeId(tokens: Token[], ids: readonly string[]): { id: string; index: number; rest: Token[] } | undefined {
  if (tokens.length === 0) return undefined;
  if (tokens[0]!.bracketed) {
    const index = ids.indexOf(tokens[0]!.text);
    return index < 0 ? undefined : { id: tokens[0]!.text, index, rest: tokens.slice(1) };
  }
  for (let length = tokens.length; length >= 1; length--) {
    const parts = tokens.slice(0, length);
    if (parts.some((part, k) => k > 0 && part.bracketed)) continue;
    const id = parts.map((part) => part.text).join('.');
    const index = ids.indexOf(id);
    if (index >= 0) return { id, index, rest: tokens.slice(length) };
  }
  return undefined;
}

const listIds = (ids: readonly string[]) => (ids.length <= 40 ? ids.join(', ') : `${ids.slice(0, 40).join(', ')}, ...`);
const STANCES = ['hawkishness', 'engagementPreference', 'salience'] as const;
const STANCE_WORDS: Record<string, string> = { hawkishness: 'hawkishness', engagementPreference: 'engagement preference', salience: 'salience' };

/**
 * Resolves a field path against a validated scenario. Returns the field, or what is wrong with
 * the path in words (`there is no ally "HU" (allies: ALB, ...)`).
 *
 * @example
 * resolveFieldPath(scenario, 'allies[HUN].hawkishness');
 * // => { path: 'allies.HUN.hawkishness.center', label: "Hungary's hawkishness (center)", location: ['allies', 12, 'hawkishness', 'center'], integer: false }
 */
export function resolveFieldPath(scenario: Scenario, path: string): ExperimentField | string {
  const tokens = tokenize(path);
  if (typeof tokens === 'string') return tokens;
  const [head, ...rest] = tokens;
  const words = rest.map((token) => token.text);
  const field = (canonical: string, label: string, location: (string | number)[], integer = false): ExperimentField => ({
    path: canonical,
    label,
    location,
    integer,
  });
  const ended = (taken: number, what: string): string | undefined =>
    words.length > taken ? `has "${words.slice(taken).join('.')}" after ${what}, which is a number` : undefined;

  switch (head!.text) {
    case 'allies': {
      const ids = scenario.allies.map((ally) => ally.id);
      const found = takeId(rest, ids);
      if (found === undefined) return `${rest.length === 0 ? 'an ally id must follow "allies"' : `there is no ally "${rest[0]!.text}"`} (allies: ${listIds(ids)})`;
      const ally = scenario.allies[found.index]!;
      const who = ally.name ?? ally.id;
      const [attribute, part, ...extra] = found.rest.map((token) => token.text);
      if (attribute === 'influence' || attribute === 'solidarityCost') {
        if (part !== undefined) return `has "${[part, ...extra].join('.')}" after allies.${found.id}.${attribute}, which is a number`;
        return field(`allies.${found.id}.${attribute}`, `${who}'s ${attribute === 'influence' ? 'influence' : 'solidarity cost'}`, ['allies', found.index, attribute]);
      }
      if ((STANCES as readonly string[]).includes(attribute ?? '')) {
        const stance = attribute as (typeof STANCES)[number];
        const setting = ally[stance];
        const base = `allies.${found.id}.${stance}`;
        if (extra.length > 0) return `has "${extra.join('.')}" after ${base}.${part}, which is a number`;
        if (typeof setting === 'number') {
          if (part !== undefined) return `${base} is a plain number in this scenario (no center or uncertainty): name ${base}`;
          return field(base, `${who}'s ${STANCE_WORDS[stance]}`, ['allies', found.index, stance]);
        }
        if (part === undefined || part === 'center') return field(`${base}.center`, `${who}'s ${STANCE_WORDS[stance]} (center)`, ['allies', found.index, stance, 'center']);
        if (part === 'uncertainty') return field(`${base}.uncertainty`, `${who}'s ${STANCE_WORDS[stance]} (uncertainty)`, ['allies', found.index, stance, 'uncertainty']);
        return `has "${part}" after ${base}: must be center or uncertainty`;
      }
      return `${attribute === undefined ? 'a field' : `"${attribute}" is not a field`} of ally ${found.id}${attribute === undefined ? ' must follow' : ''}: hawkishness, engagementPreference or salience (each with .center or .uncertainty when uncertain), influence or solidarityCost`;
    }
    case 'blocs': {
      const ids = scenario.blocs.map((bloc) => bloc.id);
      const found = takeId(rest, ids);
      if (found === undefined) return `${rest.length === 0 ? 'a bloc id must follow "blocs"' : `there is no bloc "${rest[0]!.text}"`} (blocs: ${listIds(ids) || 'none'})`;
      const [attribute, ...extra] = found.rest.map((token) => token.text);
      if (attribute !== 'correlation') return `${attribute === undefined ? 'a field' : `"${attribute}" is not a field`} of bloc ${found.id}${attribute === undefined ? ' must follow' : ''}: correlation`;
      if (extra.length > 0) return `has "${extra.join('.')}" after blocs.${found.id}.correlation, which is a number`;
      const bloc = scenario.blocs[found.index]!;
      return field(`blocs.${found.id}.correlation`, `the correlation of ${bloc.name ?? bloc.id}`, ['blocs', found.index, 'correlation']);
    }
    case 'events': {
      const ids = scenario.events.map((event) => event.id);
      const found = takeId(rest, ids);
      if (found === undefined) return `${rest.length === 0 ? 'an event id must follow "events"' : `there is no event "${rest[0]!.text}"`} (events: ${listIds(ids) || 'none'})`;
      const event = scenario.events[found.index]!;
      const what = event.name ?? event.id;
      const [attribute, index, by, ...extra] = found.rest.map((token) => token.text);
      if (attribute === 'probability') {
        if (index !== undefined) return `has "${found.rest.slice(1).map((t) => t.text).join('.')}" after events.${found.id}.probability, which is a number`;
        return field(`events.${found.id}.probability`, `the probability of ${what}`, ['events', found.index, 'probability']);
      }
      if (attribute === 'shifts') {
        const shift = Number(index);
        if (index === undefined || !/^\d+$/.test(index) || shift >= event.shifts.length)
          return event.shifts.length === 0
            ? `event ${found.id} has no shifts`
            : `a shift of event ${found.id} is named by its index from 0 to ${event.shifts.length - 1} (events.${found.id}.shifts[0].by)`;
        if (by !== 'by' || extra.length > 0) return `"by" (the shift's size) must follow events.${found.id}.shifts[${shift}], and nothing after it`;
        return field(`events.${found.id}.shifts[${shift}].by`, `the size of ${what}'s shift ${shift}`, ['events', found.index, 'shifts', shift, 'by']);
      }
      return `${attribute === undefined ? 'a field' : `"${attribute}" is not a field`} of event ${found.id}${attribute === undefined ? ' must follow' : ''}: probability or shifts[<index>].by`;
    }
    case 'options': {
      const ids = scenario.options.map((option) => option.id);
      const found = takeId(rest, ids);
      if (found === undefined) return `${rest.length === 0 ? 'an option id must follow "options"' : `there is no option "${rest[0]!.text}"`} (options: ${listIds(ids)})`;
      const [attribute, ...extra] = found.rest.map((token) => token.text);
      if (attribute !== 'firmness' && attribute !== 'engagement' && attribute !== 'visibility')
        return `${attribute === undefined ? 'a field' : `"${attribute}" is not a field`} of option ${found.id}${attribute === undefined ? ' must follow' : ''}: firmness, engagement or visibility`;
      if (extra.length > 0) return `has "${extra.join('.')}" after options.${found.id}.${attribute}, which is a number`;
      const option = scenario.options[found.index]!;
      return field(`options.${found.id}.${attribute}`, `${option.name ?? option.id}'s ${attribute}`, ['options', found.index, attribute]);
    }
    case 'statusQuo': {
      const [attribute] = words;
      if (attribute !== 'firmness' && attribute !== 'engagement' && attribute !== 'visibility')
        return `${attribute === undefined ? 'a field' : `"${attribute}" is not a field`} of the status quo${attribute === undefined ? ' must follow' : ''}: firmness, engagement or visibility`;
      return ended(1, `statusQuo.${attribute}`) ?? field(`statusQuo.${attribute}`, `the status quo's ${attribute}`, ['statusQuo', attribute]);
    }
    case 'dimensionWeights': {
      const [attribute] = words;
      if (attribute !== 'firmness' && attribute !== 'engagement') return `${attribute === undefined ? 'a field' : `"${attribute}" is not a field`} of the dimension weights${attribute === undefined ? ' must follow' : ''}: firmness or engagement`;
      return ended(1, `dimensionWeights.${attribute}`) ?? field(`dimensionWeights.${attribute}`, `the weight of ${attribute}`, ['dimensionWeights', attribute]);
    }
    case 'bargaining': {
      const [attribute] = words;
      if (attribute !== 'maxRounds' && attribute !== 'step' && attribute !== 'maxDrift') return `${attribute === undefined ? 'a field' : `"${attribute}" is not a field`} of the bargaining${attribute === undefined ? ' must follow' : ''}: maxRounds, step or maxDrift`;
      const label = attribute === 'maxRounds' ? 'the most amendment rounds' : attribute === 'step' ? 'the bargaining step' : 'the maximum drift of a text';
      return ended(1, `bargaining.${attribute}`) ?? field(`bargaining.${attribute}`, label, ['bargaining', attribute], attribute === 'maxRounds');
    }
    case 'signal': {
      const [attribute, part] = words;
      if (attribute === 'exponent') return ended(1, 'signal.exponent') ?? field('signal.exponent', 'the signal exponent', ['signal', 'exponent']);
      if (attribute === 'threshold') {
        const threshold = scenario.signal.threshold;
        if (typeof threshold === 'number') {
          if (part !== undefined) return `signal.threshold is a plain number in this scenario (no center or uncertainty): name signal.threshold`;
          return field('signal.threshold', "Russia's tolerance threshold", ['signal', 'threshold']);
        }
        if (words.length > 2) return `has "${words.slice(2).join('.')}" after signal.threshold.${part}, which is a number`;
        if (part === undefined || part === 'center') return field('signal.threshold.center', "the center of Russia's tolerance threshold", ['signal', 'threshold', 'center']);
        if (part === 'uncertainty') return field('signal.threshold.uncertainty', "the uncertainty of Russia's tolerance threshold", ['signal', 'threshold', 'uncertainty']);
        return `has "${part}" after signal.threshold: must be center or uncertainty`;
      }
      return `${attribute === undefined ? 'a field' : `"${attribute}" is not a numeric field`} of the signal${attribute === undefined ? ' must follow' : ''}: exponent or threshold (signal.formula is text)`;
    }
    default:
      return `a path starts with allies, blocs, events, options, statusQuo, dimensionWeights, bargaining or signal, not "${head!.text}"; the forms are ${FIELD_PATH_FORMS}`;
  }
}

/**
 * A copy of `root` with the value at `location` replaced, copying only the objects and lists on
 * the way (the rest is shared, so keep the result read-only).
 *
 * @example
 * withValueAt({ a: [{ b: 1 }] }, ['a', 0, 'b'], 2); // => { a: [{ b: 2 }] }
 */
export function withValueAt<T>(root: T, location: readonly (string | number)[], value: number): T {
  if (location.length === 0) return value as T;
  const [key, ...rest] = location;
  if (Array.isArray(root)) {
    const copy = root.slice();
    copy[key as number] = withValueAt(copy[key as number], rest, value);
    return copy as T;
  }
  const record = root as Record<string, unknown>;
  return { ...record, [key!]: withValueAt(record[key as string], rest, value) } as T;
}
