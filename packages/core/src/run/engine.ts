/**
 * The engine: runs blocks of passes of a compiled model and adds their outcomes to a tally.
 */
import { amendText } from '../model/protocols/chair.js';
import type { CompiledModel } from '../model/compiledModel.js';
import { blockStream, type Seed } from '../random/random.js';
import { defaultSignalStrength } from '../model/signal.js';
import {
  ALLY_COUNTER,
  ALLY_COUNTERS,
  OPTION_COUNTER,
  TallyLayout,
  fineBin,
  segmentOfBlock,
  toFixedPoint,
} from './tally.js';
import { createWorld, policyDistance, sampleWorld, type World } from '../model/world.js';

/** Passes per block. Block `j` covers passes `[j * BLOCK_SIZE, (j + 1) * BLOCK_SIZE)`. */
export const BLOCK_SIZE = 250;

/** Number of blocks a run of `passes` passes has (the last one may be short). */
export function blockCount(passes: number): number {
  return Math.ceil(passes / BLOCK_SIZE);
}

/** Number of passes in block `block` of a run of `passes` passes. */
export function passesInBlock(block: number, passes: number): number {
  return Math.min(BLOCK_SIZE, passes - block * BLOCK_SIZE);
}

/** The outcome of one option in one pass, for callers that want per-pass records. */
export interface OptionOutcome {
  consensus: boolean;
  /** Round at which consensus was reached, or `maxRounds` when it failed. */
  rounds: number;
  adoptedFirmness: number;
  adoptedEngagement: number;
  signal: number;
  risk: boolean;
}

/** Reusable working memory of the engine for one model. */
export class EngineState {
  readonly layout: TallyLayout;
  readonly world: World;
  readonly position = new Float64Array(2);
  /** The outcome of the option evaluated last. */
  readonly outcome: OptionOutcome = {
    consensus: false,
    rounds: 0,
    adoptedFirmness: 0,
    adoptedEngagement: 0,
    signal: 0,
    risk: false,
  };

  constructor(readonly model: CompiledModel) {
    this.layout = new TallyLayout(model.optionCount, model.allyCount);
    this.world = createWorld(model);
  }
}

/**
 * Runs the bargaining of one option in the current world and writes its outcome to
 * `state.outcome`; when `tally` is given, adds the per-ally objection counts to it.
 */
export function evaluateOption(state: EngineState, option: number, tally: Float64Array | null): OptionOutcome {
  const { model, world, layout, position, outcome } = state;
  const { hawkishness, engagementPreference, salience, statusQuoDistance, objectionRadiusSquared } = world;
  const { weightFirmness, weightEngagement, influence } = model;
  const originF = model.optionFirmness[option]!;
  const originE = model.optionEngagement[option]!;
  const maxRounds = model.maxRounds;
  let f = originF;
  let e = originE;
  // Per-ally counters of this option: initial objection, blocker, sole blocker (see tally.ts).
  const allyCounters = option * layout.optionStride + layout.allyCounters;
  let consensus = false;
  let round = 0;
  for (; round <= maxRounds; round++) {
    let objectors = 0;
    let lastObjector = -1;
    let weight = 0;
    let targetF = 0;
    let targetE = 0;
    for (let a = 0; a < model.allyCount; a++) {
      // The consensus rule `objects()`, solved for the squared distance (see consensus.ts).
      const h = hawkishness[a]!;
      const eng = engagementPreference[a]!;
      const df = f - h;
      const de = e - eng;
      if (weightFirmness * df * df + weightEngagement * de * de <= objectionRadiusSquared[a]!) continue;
      objectors++;
      lastObjector = a;
      const w = influence[a]! * salience[a]!;
      weight += w;
      targetF += w * h;
      targetE += w * eng;
      if (tally !== null) {
        if (round === 0) tally[allyCounters + ALLY_COUNTERS * a + ALLY_COUNTER.initialObjection]! += 1;
        if (round === maxRounds) tally[allyCounters + ALLY_COUNTERS * a + ALLY_COUNTER.blocker]! += 1;
      }
    }
    if (objectors === 0) {
      consensus = true;
      break;
    }
    if (round === maxRounds) {
      if (tally !== null && objectors === 1)
        tally[allyCounters + ALLY_COUNTERS * lastObjector + ALLY_COUNTER.soleBlocker]! += 1;
      break;
    }
    amendText(f, e, targetF / weight, targetE / weight, model.step, originF, originE, model.maxDrift, position);
    f = position[0]!;
    e = position[1]!;
  }

  let signal: number;
  if (!consensus) signal = model.statusQuoSignal;
  else if (model.signalFormula === null) signal = defaultSignalStrength(model.optionVisibility[option]!, f, model.exponent);
  else {
    let unity = 1;
    if (model.needsUnity) {
      let content = 0;
      for (let a = 0; a < model.allyCount; a++)
        if (policyDistance(model, f, e, hawkishness[a]!, engagementPreference[a]!) <= statusQuoDistance[a]!) content++;
      unity = content / model.allyCount;
    }
    signal = model.signalFormula({
      firmness: f,
      engagement: e,
      visibility: model.optionVisibility[option]!,
      exponent: model.exponent,
      unity,
      rounds: round,
    });
  }
  outcome.consensus = consensus;
  outcome.rounds = consensus ? round : maxRounds;
  outcome.adoptedFirmness = f;
  outcome.adoptedEngagement = e;
  outcome.signal = signal;
  outcome.risk = signal > world.threshold;
  return outcome;
}

/**
 * Runs blocks `[fromBlock, toBlock)` of a run of `passes` passes with `seed`, adding every outcome
 * to `tally` (laid out by {@link TallyLayout}). Calls `afterBlock` after each block.
 */
export function runBlocks(
  state: EngineState,
  seed: Seed,
  passes: number,
  fromBlock: number,
  toBlock: number,
  tally: Float64Array,
  afterBlock?: (block: number, blockPasses: number) => void,
): void {
  const { model, world, layout } = state;
  const blocks = blockCount(passes);
  for (let block = fromBlock; block < toBlock; block++) {
    const stream = blockStream(seed, block);
    const blockPasses = passesInBlock(block, passes);
    const segment = segmentOfBlock(block, blocks);
    tally[layout.segmentPasses(segment)]! += blockPasses;
    for (let pass = 0; pass < blockPasses; pass++) {
      sampleWorld(model, stream, world);
      for (let option = 0; option < model.optionCount; option++) {
        const outcome = evaluateOption(state, option, tally);
        const base = option * layout.optionStride;
        if (outcome.consensus) {
          tally[base + OPTION_COUNTER.consensus]! += 1;
          if (outcome.rounds === 0) tally[base + OPTION_COUNTER.firstRound]! += 1;
          if (!outcome.risk) tally[base + OPTION_COUNTER.viable]! += 1;
          tally[base + OPTION_COUNTER.rounds]! += outcome.rounds;
          tally[base + OPTION_COUNTER.firmness]! += toFixedPoint(outcome.adoptedFirmness);
          tally[base + OPTION_COUNTER.engagement]! += toFixedPoint(outcome.adoptedEngagement);
          tally[base + layout.firmnessHistogram + fineBin(outcome.adoptedFirmness)]! += 1;
          tally[layout.segmentConsensus(segment, option)]! += 1;
        }
        if (outcome.risk) {
          tally[base + OPTION_COUNTER.risk]! += 1;
          tally[layout.segmentConsensus(segment, option) + 1]! += 1;
        }
        tally[base + OPTION_COUNTER.signal]! += toFixedPoint(outcome.signal);
        tally[base + layout.signalHistogram + fineBin(outcome.signal)]! += 1;
      }
    }
    afterBlock?.(block, blockPasses);
  }
}
