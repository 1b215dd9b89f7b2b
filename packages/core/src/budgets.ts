/**
 * Budgets: the most of everything an input may hold, so that no file, link or formula can make a
 * run crash, hang or eat the machine's memory. Each is checked once, before any pass runs, with an
 * error naming the path, the value and the budget. docs/LIMITS.md lists them with their reasons.
 */

/** Most allies in a scenario. */
export const MAX_ALLIES = 1000;
/** Most strategy options in a scenario. */
export const MAX_OPTIONS = 200;
/** Most events in a scenario. */
export const MAX_EVENTS = 200;
/** Most blocs in a scenario (one per ally at most). */
export const MAX_BLOCS = 1000;
/** Most shifts one event lists (each of the three stance parameters of every ally once). */
export const MAX_SHIFTS_PER_EVENT = 3000;
/** Most entries (ally ids and `bloc:<id>` references) one shift lists. */
export const MAX_SHIFT_TARGETS = 2000;
/**
 * Most shifts of a scenario's events after expansion: `"*"` counts every ally, `bloc:<id>` every
 * member of the bloc (at least 1), an ally id 1, over every shift of every event. The engine keeps
 * one entry per expanded shift and applies them in every pass whose event occurs.
 */
export const MAX_EXPANDED_SHIFTS = 100_000;

/** Longest id (of an ally, bloc, event, option or the scenario). */
export const MAX_ID_LENGTH = 64;
/** Longest name or title. */
export const MAX_NAME_LENGTH = 200;
/** Longest description. */
export const MAX_DESCRIPTION_LENGTH = 5000;
/** Deepest nesting of arrays and objects in a scenario (a valid one nests 6 levels). */
export const MAX_NESTING_DEPTH = 16;

/** Longest signal formula, in characters. */
export const MAX_FORMULA_LENGTH = 500;
/** Most nodes (numbers, variables, operators, calls) in a signal formula's expression tree. */
export const MAX_FORMULA_NODES = 200;
/** Deepest nesting of a signal formula's expression tree (brackets, operators, calls). */
export const MAX_FORMULA_DEPTH = 64;

/**
 * The cost model of the formula probe, in nanoseconds on the reference machine (the 2-core
 * development machine, Node 20, unloaded: the engine runs the default scenario at about 74,000
 * passes a second there). `pnpm bench formula` measures each against the engine's own speed. The
 * probe counts, it does not time: a formula's cost is the same number on every machine, so a file
 * accepted on one is accepted on all.
 */
export const FORMULA_COST = {
  /** Each evaluation of a formula (its variables, the call, the range check). */
  evaluation: 200,
  /** Each node of its expression tree. */
  node: 40,
  /** Each function call, on top of its node (min, max and sin cost several operators). */
  call: 300,
  /** Each ally, per evaluation, when the formula uses `unity`. */
  unityPerAlly: 5,
  /** The engine's own work per pass, per option and ally. */
  engineOptionAlly: 60,
} as const;

/** A formula may add this much time to a run in any case, in seconds on the reference machine. */
export const FORMULA_FREE_SECONDS = 60;
/** Beyond {@link FORMULA_FREE_SECONDS}, a formula may cost at most this many times the engine's own work. */
export const FORMULA_ENGINE_RATIO = 10;

/**
 * Most numbers a Sobol analysis keeps: its design (points x parameters) and its inner estimates
 * (points x outputs), 8 bytes each (at most 320 MB).
 */
export const MAX_SOBOL_VALUES = 40_000_000;

/** Largest scenario file the CLI reads, in bytes (a scenario at every budget above is below 10 MB). */
export const MAX_SCENARIO_FILE_BYTES = 16 * 1024 * 1024;
/** Largest result, shard or settings file the CLI reads, in bytes. */
export const MAX_RESULT_FILE_BYTES = 256 * 1024 * 1024;

/**
 * Largest data file (`concert backtest`, `concert calibrate`) the CLI reads, in bytes: the DEU III
 * training half is 46 KB.
 */
export const MAX_DATASET_FILE_BYTES = 16 * 1024 * 1024;
/** Most rows (lines) of a data file: one per issue (DEU III) or per issue and actor (tidy). */
export const MAX_DATASET_ROWS = 200_000;
/** Longest cell of a data file, in characters (ids, names, procedures and numbers are far shorter). */
export const MAX_DATA_CELL_LENGTH = 1000;
/**
 * Most forecast samples a backtest or calibration holds at once: issues x passes, 8 bytes each (at
 * most 400 MB). DEU III's 180 training issues at the default 2,000 passes are 360,000.
 */
export const MAX_FORECAST_SAMPLES = 50_000_000;

/** Most passes a notebook link runs when it is opened, without a click. */
export const MAX_LINK_PASSES = 100_000;
/** Most estimated seconds (on the reference machine) a notebook link runs when opened, without a click. */
export const MAX_LINK_SECONDS = 10;

/** Most problems listed for one input; the rest are counted ("and 120 more problems"). */
export const MAX_PROBLEMS_LISTED = 100;
/** Most items a message lists (known ids, for example); the rest are counted. */
export const MAX_ITEMS_LISTED = 10;

/** What a run's size is made of, for {@link estimatedRunSeconds}. */
export interface RunSize {
  readonly passes: number;
  readonly optionCount: number;
  readonly allyCount: number;
}

/**
 * The engine's own time for a run, in seconds on the reference machine: passes x options x
 * allies x {@link FORMULA_COST}.engineOptionAlly. An estimate for budgets, not a prediction.
 *
 * @example
 * estimatedRunSeconds({ passes: 100_000, optionCount: 6, allyCount: 32 }); // => 1.152
 */
export function estimatedRunSeconds(size: RunSize): number {
  return (size.passes * size.optionCount * size.allyCount * FORMULA_COST.engineOptionAlly) / 1e9;
}

/**
 * Why a run asked for by a notebook link must wait for a click, or null when it may start as the
 * link opens: at most {@link MAX_LINK_PASSES} passes and {@link MAX_LINK_SECONDS} estimated seconds.
 *
 * @example
 * linkRunClickReason({ passes: 1e9, optionCount: 6, allyCount: 32 });
 * // => 'the link asks for 1,000,000,000 passes (a link starts at most 100,000 by itself)'
 */
export function linkRunClickReason(size: RunSize): string | null {
  const count = (n: number) => n.toLocaleString('en-US');
  if (!(size.passes <= MAX_LINK_PASSES))
    return `the link asks for ${count(size.passes)} passes (a link starts at most ${count(MAX_LINK_PASSES)} by itself)`;
  const seconds = estimatedRunSeconds(size);
  if (!(seconds <= MAX_LINK_SECONDS))
    return `the run would take about ${Math.ceil(seconds)} s (${count(size.optionCount)} options, ${count(size.allyCount)} allies; a link starts at most ${MAX_LINK_SECONDS} s by itself)`;
  return null;
}

/**
 * Whether a run asked for by a notebook link must wait for a click (see {@link linkRunClickReason}).
 *
 * @example
 * linkRunNeedsClick({ passes: 20_000, optionCount: 6, allyCount: 32 }); // => false
 */
export function linkRunNeedsClick(size: RunSize): boolean {
  return linkRunClickReason(size) !== null;
}

/**
 * Where an input nests deeper than `maxDepth` arrays and objects, or null. Walks the input with an
 * explicit stack, never by recursion, so a 100,000-deep input is measured, not a stack overflow.
 *
 * @example
 * nestingTooDeep({ a: [[1]] }, 2); // => { path: ['a', 0], depth: 3 }
 */
export function nestingTooDeep(input: unknown, maxDepth: number): { path: (string | number)[]; depth: number } | null {
  const stack: { value: unknown; depth: number; parent: number; key: string | number }[] = [{ value: input, depth: 0, parent: -1, key: '' }];
  const visited: { parent: number; key: string | number }[] = [];
  while (stack.length > 0) {
    const { value, depth, parent, key } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    const index = visited.length;
    visited.push({ parent, key });
    if (depth + 1 > maxDepth) {
      const path: (string | number)[] = [];
      for (let at = index; visited[at]!.parent >= 0; at = visited[at]!.parent) path.unshift(visited[at]!.key);
      return { path, depth: depth + 1 };
    }
    if (Array.isArray(value)) for (let k = value.length - 1; k >= 0; k--) stack.push({ value: value[k], depth: depth + 1, parent: index, key: k });
    else {
      const keys = Object.keys(value);
      for (let k = keys.length - 1; k >= 0; k--)
        stack.push({ value: (value as Record<string, unknown>)[keys[k]!], depth: depth + 1, parent: index, key: keys[k]! });
    }
  }
  return null;
}
