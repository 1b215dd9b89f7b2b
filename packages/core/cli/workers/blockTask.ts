/** The message a worker thread receives: which blocks of which run to tally. */
import type { Scenario, Seed } from '../../src/index.js';

/** Blocks `[from, to)` of the run of `scenario` with `passes` and `seed`. */
export interface BlockTask {
  /** Identifies the run, so a worker validates and compiles each scenario once. */
  readonly runKey: string;
  readonly scenario: Scenario;
  readonly passes: number;
  readonly seed: Seed;
  readonly from: number;
  readonly to: number;
}
