/**
 * The notebook's state: the edited scenario, the events switched off, and the run settings. With
 * the kind of run on screen (which the results store knows), it is what the URL hash carries
 * (see urlState.ts).
 */
import type { Scenario, Seed } from '@concert/core';

/** Version of the state format carried in links; a link of another version is refused with a clear problem. */
export const STATE_VERSION = 1;

/** A kind of run: the automatic quick run or the full run. */
export type RunKind = 'quick' | 'full';

/** Run settings of the notebook. */
export interface RunSettingsState {
  /** Passes of the full run (on demand). */
  readonly passes: number;
  /** Passes of the quick run that starts after each change. */
  readonly quickPasses: number;
  /** The seed of both runs. */
  readonly seed: Seed;
}

/** The whole state of the notebook. */
export interface NotebookState {
  readonly version: typeof STATE_VERSION;
  /** Where the scenario came from: a built-in scenario's id, or `file:<name>` for a loaded file. */
  readonly source: string;
  /** The scenario with every edit applied, validated (defaults filled in). */
  readonly scenario: Scenario;
  /** Ids of the scenario's events that are switched off for the run. */
  readonly disabledEvents: readonly string[];
  readonly run: RunSettingsState;
}

/**
 * Run settings a scenario opens with: quick runs of 4,000 passes; full runs of 20,000 passes with
 * seed "hague-2025", the run of the README's headline results, so the full run of the default
 * scenario shows exactly the README's figures.
 */
export const DEFAULT_RUN_SETTINGS: RunSettingsState = { passes: 20_000, quickPasses: 4_000, seed: 'hague-2025' };

/**
 * A fresh state for a scenario, with the default run settings.
 *
 * @example
 * initialState(scenario, 'nato-russia-2025').run.seed; // => 42
 */
export function initialState(scenario: Scenario, source: string, run: RunSettingsState = DEFAULT_RUN_SETTINGS): NotebookState {
  return { version: STATE_VERSION, source, scenario, disabledEvents: [], run };
}

/**
 * The scenario that is run: the edited scenario without the events switched off. It is also what
 * "Download scenario" saves, so `pnpm concert run scenario.json` reproduces the page's numbers.
 */
export function effectiveScenario(state: NotebookState): Scenario {
  if (state.disabledEvents.length === 0) return state.scenario;
  const off = new Set(state.disabledEvents);
  return { ...state.scenario, events: state.scenario.events.filter((event) => !off.has(event.id)) };
}

/** The passes of a run of the given kind. */
export function passesOf(settings: RunSettingsState, kind: RunKind): number {
  return kind === 'full' ? settings.passes : settings.quickPasses;
}

/** A run as the page started it: its kind and size, and the state it ran (by reference). */
export interface RunInfo {
  readonly kind: RunKind;
  readonly passes: number;
  readonly seed: Seed;
  /** The state's scenario and switched-off events when the run started. */
  readonly scenario: Scenario;
  readonly disabledEvents: readonly string[];
}

/** The run of a kind for a state. */
export function runInfoOf(state: NotebookState, kind: RunKind): RunInfo {
  return { kind, passes: passesOf(state.run, kind), seed: state.run.seed, scenario: state.scenario, disabledEvents: state.disabledEvents };
}

/**
 * True when a run was of this state: same scenario and events (the same objects: every edit makes
 * new ones) and the same seed and passes as the state's run of that kind.
 */
export function runIsOf(info: RunInfo, state: NotebookState): boolean {
  return info.scenario === state.scenario && info.disabledEvents === state.disabledEvents && info.seed === state.run.seed && info.passes === passesOf(state.run, info.kind);
}

/**
 * Reads a seed typed by the user as the CLI reads `--seed`: digits only make a whole-number seed,
 * anything else a string seed. (A number beyond 2^53 - 1 is then refused by the run settings check.)
 *
 * @example
 * parseSeed('42'); // => 42
 * parseSeed('workshop-a'); // => 'workshop-a'
 */
export function parseSeed(text: string): Seed {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/**
 * The command line that reproduces a run, given the scenario saved as `scenario.json`.
 *
 * @example
 * cliCommand(50_000, 42); // => 'pnpm concert run scenario.json --passes 50000 --seed 42'
 */
export function cliCommand(passes: number, seed: Seed, file = 'scenario.json'): string {
  const seedText = typeof seed === 'number' ? String(seed) : /^[A-Za-z0-9_.:/-]+$/.test(seed) ? seed : `'${seed.replaceAll("'", "'\\''")}'`;
  return `pnpm concert run ${file} --passes ${passes} --seed ${seedText}`;
}
