/**
 * Results: what a run reports, summarised from its tally. Results carry no wall-clock times or
 * host details, so two runs with the same scenario, seed and passes give byte-identical JSON.
 */
import type { Scenario } from '../scenario/schema.js';
import type { Seed } from '../random/random.js';
import { histogramQuantile, wilsonInterval, type Estimate } from '../statistics.js';
import {
  ALLY_COUNTER,
  CONVERGENCE_SEGMENTS,
  FINE_BINS,
  FIXED_POINT_SCALE,
  OPTION_COUNTER,
  TallyLayout,
} from './tally.js';

/** Bins of the histograms reported in results, on [0, 1]. */
export const HISTOGRAM_BINS = 50;

/** Which run a result or partial result belongs to. */
export interface RunManifest {
  readonly seed: Seed;
  readonly passes: number;
  /** Passes per block; block `j` draws from the stream of `(seed, j)`. */
  readonly blockSize: number;
  /** SHA-256 of the canonical JSON of the validated scenario. */
  readonly scenarioHash: string;
  readonly engineVersion: string;
  readonly modelVersion: string;
}

/** A distribution on [0, 1]: its mean, quantiles (from 1000 fine bins) and a 50-bin histogram. */
export interface Distribution {
  /** Mean, or null when no pass contributed (for example no consensus ever reached). */
  readonly mean: number | null;
  readonly quantiles: { readonly p05: number; readonly p25: number; readonly p50: number; readonly p75: number; readonly p95: number } | null;
  /** Number of passes counted. */
  readonly count: number;
  /** Counts in {@link HISTOGRAM_BINS} equal bins on [0, 1]; the last bin includes 1. */
  readonly histogram: readonly number[];
}

/** How one ally behaved toward one option. */
export interface AllyOutcome {
  readonly id: string;
  /** Share of passes in which the ally objected to the unamended text. */
  readonly initialObjectionRate: Estimate;
  /** Share of passes in which the ally still objected after the last round, blocking consensus. */
  readonly blockerRate: Estimate;
  /** Share of passes in which the ally was the only one blocking. */
  readonly soleBlockerRate: Estimate;
}

/** Everything a run estimates about one strategy option. */
export interface OptionResult {
  readonly id: string;
  readonly name: string;
  readonly proposed: { readonly firmness: number; readonly engagement: number; readonly visibility: number };
  /** Probability that the option (possibly amended) is adopted by consensus. */
  readonly consensus: Estimate;
  /** Probability that the unamended text is adopted at once. */
  readonly firstRoundConsensus: Estimate;
  /** Probability that the signal sent exceeds Russia's tolerance (the status quo's signal when no consensus). */
  readonly risk: Estimate;
  /** Probability of consensus with no destabilization risk. */
  readonly viability: Estimate;
  /** Mean amendment rounds among passes that reached consensus, or null if none did. */
  readonly meanRounds: number | null;
  /** Firmness of the adopted text, over passes that reached consensus. */
  readonly adoptedFirmness: Distribution;
  /** Mean engagement of the adopted text, over passes that reached consensus. */
  readonly adoptedEngagement: { readonly mean: number | null };
  /** Proposed firmness minus mean adopted firmness: how much bargaining watered the text down. */
  readonly dilution: number | null;
  /** Signal strength over all passes. */
  readonly signal: Distribution;
  readonly allies: readonly AllyOutcome[];
}

/** Running estimates after each block (or group of blocks) of passes. */
export interface ConvergenceTrace {
  /** Passes done at each point. */
  readonly passes: readonly number[];
  readonly options: readonly { readonly id: string; readonly consensus: readonly number[]; readonly risk: readonly number[] }[];
}

/** The result of a run. */
export interface SimulationResult {
  readonly format: 'concert-result';
  readonly formatVersion: 1;
  readonly manifest: RunManifest;
  /** The validated scenario the run used, so a result can be replayed on its own. */
  readonly scenario: Scenario;
  readonly options: readonly OptionResult[];
  readonly convergence: ConvergenceTrace;
}

function distribution(tally: ArrayLike<number>, histogramStart: number, count: number, fixedPointSum: number): Distribution {
  const histogram = new Array<number>(HISTOGRAM_BINS).fill(0);
  const perBin = FINE_BINS / HISTOGRAM_BINS;
  for (let k = 0; k < FINE_BINS; k++) histogram[Math.floor(k / perBin)]! += tally[histogramStart + k]!;
  if (count === 0) return { mean: null, quantiles: null, count, histogram };
  const q = (p: number) => histogramQuantile(tally, p, histogramStart, FINE_BINS)!;
  return {
    mean: fixedPointSum / FIXED_POINT_SCALE / count,
    quantiles: { p05: q(0.05), p25: q(0.25), p50: q(0.5), p75: q(0.75), p95: q(0.95) },
    count,
    histogram,
  };
}

/** Summarises a complete tally of a run into its result. */
export function summarizeTally(scenario: Scenario, manifest: RunManifest, tally: ArrayLike<number>): SimulationResult {
  const layout = new TallyLayout(scenario.options.length, scenario.allies.length);
  const passes = manifest.passes;
  const options = scenario.options.map((option, o): OptionResult => {
    const count = (counter: number) => tally[layout.option(o, counter)]!;
    const consensusCount = count(OPTION_COUNTER.consensus);
    const base = o * layout.optionStride;
    const adoptedFirmness = distribution(tally, base + layout.firmnessHistogram, consensusCount, count(OPTION_COUNTER.firmness));
    const meanEngagement = consensusCount === 0 ? null : count(OPTION_COUNTER.engagement) / FIXED_POINT_SCALE / consensusCount;
    return {
      id: option.id,
      name: option.name ?? option.id,
      proposed: { firmness: option.firmness, engagement: option.engagement, visibility: option.visibility },
      consensus: wilsonInterval(consensusCount, passes),
      firstRoundConsensus: wilsonInterval(count(OPTION_COUNTER.firstRound), passes),
      risk: wilsonInterval(count(OPTION_COUNTER.risk), passes),
      viability: wilsonInterval(count(OPTION_COUNTER.viable), passes),
      meanRounds: consensusCount === 0 ? null : count(OPTION_COUNTER.rounds) / consensusCount,
      adoptedFirmness,
      adoptedEngagement: { mean: meanEngagement },
      dilution: adoptedFirmness.mean === null ? null : option.firmness - adoptedFirmness.mean,
      signal: distribution(tally, base + layout.signalHistogram, passes, count(OPTION_COUNTER.signal)),
      allies: scenario.allies.map((ally, a) => ({
        id: ally.id,
        initialObjectionRate: wilsonInterval(tally[layout.ally(o, a, ALLY_COUNTER.initialObjection)]!, passes),
        blockerRate: wilsonInterval(tally[layout.ally(o, a, ALLY_COUNTER.blocker)]!, passes),
        soleBlockerRate: wilsonInterval(tally[layout.ally(o, a, ALLY_COUNTER.soleBlocker)]!, passes),
      })),
    };
  });

  const tracePasses: number[] = [];
  const traces = scenario.options.map((option) => ({ id: option.id, consensus: [] as number[], risk: [] as number[] }));
  const running = new Float64Array(2 * scenario.options.length);
  let done = 0;
  for (let segment = 0; segment < CONVERGENCE_SEGMENTS; segment++) {
    const segmentPasses = tally[layout.segmentPasses(segment)]!;
    if (segmentPasses === 0) continue;
    done += segmentPasses;
    tracePasses.push(done);
    traces.forEach((trace, o) => {
      running[2 * o]! += tally[layout.segmentConsensus(segment, o)]!;
      running[2 * o + 1]! += tally[layout.segmentConsensus(segment, o) + 1]!;
      trace.consensus.push(running[2 * o]! / done);
      trace.risk.push(running[2 * o + 1]! / done);
    });
  }
  return {
    format: 'concert-result',
    formatVersion: 1,
    manifest,
    scenario,
    options,
    convergence: { passes: tracePasses, options: traces },
  };
}
