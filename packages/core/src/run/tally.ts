/**
 * The tally: every count a run keeps, in one flat array of whole numbers.
 *
 * Memory does not grow with passes: distributions go into fixed bins, and real-valued sums are
 * kept in fixed point (units of 2^-20). Because every entry is a whole number below 2^53, adding
 * tallies is exact and associative, so a run split into any blocks, in any order, over any number
 * of workers or shards adds up to the very same numbers.
 */

/** Fine bins on [0, 1] for the firmness and signal distributions (quantiles come from these). */
export const FINE_BINS = 1000;
/** Most points kept in the convergence trace. */
export const CONVERGENCE_SEGMENTS = 100;
/** Fixed-point scale of real-valued sums: one unit is 2^-20. */
export const FIXED_POINT_SCALE = 2 ** 20;

/** Per-option counters, in order. */
export const OPTION_COUNTER = {
  /** Passes that reached consensus. */
  consensus: 0,
  /** Passes that reached consensus on the unamended text. */
  firstRound: 1,
  /** Passes whose signal exceeded the threshold. */
  risk: 2,
  /** Passes with consensus and no risk. */
  viable: 3,
  /** Sum of amendment rounds over passes that reached consensus. */
  rounds: 4,
  /** Fixed-point sum of adopted firmness over passes that reached consensus. */
  firmness: 5,
  /** Fixed-point sum of adopted engagement over passes that reached consensus. */
  engagement: 6,
  /** Fixed-point sum of signal strength over all passes. */
  signal: 7,
} as const;
const OPTION_COUNTERS = 8;

/** Per-(option, ally) counters, in order. */
export const ALLY_COUNTER = { initialObjection: 0, blocker: 1, soleBlocker: 2 } as const;
/** Number of per-(option, ally) counters. */
export const ALLY_COUNTERS = 3;

/** Where each count lives in a tally of a model with the given numbers of options and allies. */
export class TallyLayout {
  readonly optionCount: number;
  readonly allyCount: number;
  /** Entries per option: counters, two histograms, then the ally counters. */
  readonly optionStride: number;
  readonly firmnessHistogram = OPTION_COUNTERS;
  readonly signalHistogram = OPTION_COUNTERS + FINE_BINS;
  readonly allyCounters = OPTION_COUNTERS + 2 * FINE_BINS;
  /** Start of the convergence section: per segment, passes then (consensus, risk) per option. */
  readonly convergence: number;
  readonly segmentStride: number;
  /** Total number of entries. */
  readonly size: number;

  constructor(optionCount: number, allyCount: number) {
    this.optionCount = optionCount;
    this.allyCount = allyCount;
    this.optionStride = OPTION_COUNTERS + 2 * FINE_BINS + ALLY_COUNTERS * allyCount;
    this.convergence = optionCount * this.optionStride;
    this.segmentStride = 1 + 2 * optionCount;
    this.size = this.convergence + CONVERGENCE_SEGMENTS * this.segmentStride;
  }

  /** Index of a per-option counter. */
  option(option: number, counter: number): number {
    return option * this.optionStride + counter;
  }

  /** Index of a per-(option, ally) counter. */
  ally(option: number, ally: number, counter: number): number {
    return option * this.optionStride + this.allyCounters + ally * ALLY_COUNTERS + counter;
  }

  /** Index of the pass count of a convergence segment. */
  segmentPasses(segment: number): number {
    return this.convergence + segment * this.segmentStride;
  }

  /** Index of an option's consensus count in a convergence segment (risk follows it). */
  segmentConsensus(segment: number, option: number): number {
    return this.convergence + segment * this.segmentStride + 1 + 2 * option;
  }
}

/** The fine bin of a value in [0, 1]. */
export function fineBin(value: number): number {
  const bin = Math.floor(value * FINE_BINS);
  return bin < 0 ? 0 : bin >= FINE_BINS ? FINE_BINS - 1 : bin;
}

/** A value in [0, 1] in fixed-point units. */
export function toFixedPoint(value: number): number {
  return Math.round(value * FIXED_POINT_SCALE);
}

/** Adds `source` into `target`, entry by entry (exact: both hold whole numbers below 2^53). */
export function addTally(target: Float64Array, source: ArrayLike<number>): void {
  if (target.length !== source.length) throw new Error(`addTally requires equal sizes, got ${target.length} and ${source.length}`);
  for (let k = 0; k < target.length; k++) target[k]! += source[k]!;
}

/** The convergence segment of a block: every block when there are at most 100, else 100 equal groups. */
export function segmentOfBlock(block: number, blockCount: number): number {
  return blockCount <= CONVERGENCE_SEGMENTS ? block : Math.floor((block * CONVERGENCE_SEGMENTS) / blockCount);
}
