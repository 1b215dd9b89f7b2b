/** The messages worker threads receive (the work of one chunk of a run or an analysis) and answer. */
import type { InputErrorKind, Problem, Scenario, Seed, SobolSettings, TornadoSettings } from '../../src/index.js';

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

/** Any task a worker thread does. */
export type WorkerTask = BlockTask | TornadoTask | SobolTask;

/**
 * A worker's answer: the chunk's numbers, or the input error it met (a `ConcertInputError` as
 * plain data, since an error's class does not survive the trip between threads; the pool throws
 * it again as a `ConcertInputError`).
 */
export type WorkerAnswer =
  | { readonly values: Float64Array }
  | { readonly inputError: { readonly what: string; readonly kind: InputErrorKind; readonly problems: readonly Problem[] } };
