/** The messages worker threads receive (the work of one chunk of a run or an analysis) and answer. */
import type { BacktestModel, InputErrorKind, Issue, LandscapeSettings, Problem, ResolvedDesign, Scenario, Seed, SobolSettings, TornadoSettings } from '../../src/index.js';

/** Blocks `[from, to)` of the run of `scenario` with `passes` and `seed`; answered with their tally. */
export interface BlockTask {
  readonly kind: 'blocks';
  /** Identifies the run, so a worker validates and compiles each scenario once. */
  readonly runKey: string;
  readonly scenario: Scenario;
  readonly passes: number;
  readonly seed: Seed;
  readonly from: number;
  readonly to: number;
}

/** Blocks `[from, to)` of a tornado; answered with their tally. */
export interface TornadoTask {
  readonly kind: 'tornado';
  readonly key: string;
  readonly scenario: unknown;
  readonly settings: TornadoSettings;
  readonly from: number;
  readonly to: number;
}

/** Design points `[from, to)` of a Sobol analysis; answered with their inner estimates. */
export interface SobolTask {
  readonly kind: 'sobol';
  readonly key: string;
  readonly scenario: unknown;
  readonly settings: SobolSettings;
  readonly from: number;
  readonly to: number;
}

/** Units `[from, to)` of an experiment (unit `u`: block `u % blocks` of experiment `floor(u / blocks)`); answered with the counts of the experiments they touch. */
export interface ExperimentTask {
  readonly kind: 'experiment';
  readonly key: string;
  readonly design: ResolvedDesign;
  readonly scenarios: readonly { readonly name: string; readonly scenario: Scenario }[];
  readonly from: number;
  readonly to: number;
}

/** Blocks `[from, to)` of a map of viable texts, for cells `[cellsFrom, cellsTo)`; answered with their tally. */
export interface LandscapeTask {
  readonly kind: 'landscape';
  readonly key: string;
  readonly scenario: unknown;
  readonly settings: LandscapeSettings;
  readonly from: number;
  readonly to: number;
  readonly cellsFrom: number;
  readonly cellsTo: number;
}

/**
 * A chunk of issues (items `[from, to)` of the caller's list, sent alone), forecast under a backtest
 * model; answered with their samples, one after another (`passes` numbers per issue). Each issue
 * depends on its own seed alone.
 */
export interface ForecastTask {
  readonly kind: 'forecasts';
  readonly key: string;
  /** The chunk's issues, items `[from, to)` of the list. */
  readonly issues: readonly Issue[];
  readonly model: BacktestModel;
  readonly passes: number;
  readonly seed: Seed;
  readonly from: number;
  readonly to: number;
}

/** Any task a worker thread does. */
export type WorkerTask = BlockTask | TornadoTask | SobolTask | ExperimentTask | LandscapeTask | ForecastTask;

/**
 * A worker's answer: the chunk's numbers, or the input error it met (a `ConcertInputError` as
 * plain data, since an error's class does not survive the trip between threads; the pool throws
 * it again as a `ConcertInputError`).
 */
export type WorkerAnswer =
  | { readonly values: Float64Array }
  | { readonly inputError: { readonly what: string; readonly kind: InputErrorKind; readonly problems: readonly Problem[] } };
