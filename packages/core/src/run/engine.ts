/**
 * The engine: plays every option of every pass with the model's protocol and decision rule, and
 * adds the outcomes to a tally.
 */
import type { CompiledModel } from '../model/compiledModel.js';
import { createJudgment, type Judgment } from '../model/decisionRules/decisionRule.js';
import { VERDICT, createBargain, type Bargain, type BargainingObserver, type Verdict } from '../model/protocols/protocol.js';
import { crossesTolerance, signalOfBargain } from '../model/signal.js';
import { createWorld, type World } from '../model/world.js';
import type { AbortSignalLike } from '../host.js';
import type { Seed } from '../random/random.js';
import type { BlockRange } from './blocks.js';
import { forEachPass } from './passes.js';
import {
  ALLY_COUNTER,
  ALLY_COUNTERS,
  OPTION_COUNTER,
  TallyLayout,
  fineBin,
  segmentOfBlock,
  toFixedPoint,
} from './tally.js';
import { blockCount } from './blocks.js';

export { BLOCK_SIZE, blockCount, passesInBlock } from './blocks.js';

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

/**
 * Counts each ally's objections into a tally as an option is bargained: objections to the
 * unamended text (round 0), and the blockers (and a sole blocker) of a text that failed.
 */
class ObjectionCounter implements BargainingObserver {
  tally: Float64Array = new Float64Array(0);
  /** Index of the option's first per-ally counter. */
  start = 0;

  round(round: number, _bargain: Bargain, judgment: Judgment, verdict: Verdict): void {
    const { tally, start } = this;
    const list = judgment.objectorList;
    const objectors = judgment.objectors;
    if (round === 0)
      for (let k = 0; k < objectors; k++) tally[start + ALLY_COUNTERS * list[k]! + ALLY_COUNTER.initialObjection]! += 1;
    if (verdict === VERDICT.failed) {
      for (let k = 0; k < objectors; k++) tally[start + ALLY_COUNTERS * list[k]! + ALLY_COUNTER.blocker]! += 1;
      if (objectors === 1) tally[start + ALLY_COUNTERS * list[0]! + ALLY_COUNTER.soleBlocker]! += 1;
    }
  }
}

/** Reusable working memory of the engine for one model. */
export class EngineState {
  readonly layout: TallyLayout;
  readonly world: World;
  /** The objectors of the text judged last. */
  readonly judgment: Judgment;
  /** How the option bargained last ended. */
  readonly bargain: Bargain = createBargain();
  /** The outcome of the option evaluated last. */
  readonly outcome: OptionOutcome = {
    consensus: false,
    rounds: 0,
    adoptedFirmness: 0,
    adoptedEngagement: 0,
    signal: 0,
    risk: false,
  };
  private readonly objections = new ObjectionCounter();

  constructor(readonly model: CompiledModel) {
    this.layout = new TallyLayout(model.optionCount, model.allyCount);
    this.world = createWorld(model);
    this.judgment = createJudgment(model);
  }

  /** The observer that counts option `option`'s objections into `tally`. */
  objectionCounter(option: number, tally: Float64Array): BargainingObserver {
    this.objections.tally = tally;
    this.objections.start = option * this.layout.optionStride + this.layout.allyCounters;
    return this.objections;
  }
}

/**
 * Plays option `option` in the state's current world (its protocol under its decision rule) and
 * writes its outcome to `state.outcome`; when `tally` is given, adds the per-ally objection
 * counts to it. `observer`, when given instead, watches the rounds (tally counts are then not kept).
 */
export function evaluateOption(
  state: EngineState,
  option: number,
  tally: Float64Array | null,
  observer: BargainingObserver | null = tally === null ? null : state.objectionCounter(option, tally),
): OptionOutcome {
  const { model, world, bargain, outcome } = state;
  model.protocol.play(model, world, model.decisionRule, option, state.judgment, bargain, observer);
  const signal = signalOfBargain(model, world, option, bargain);
  outcome.consensus = bargain.consensus;
  outcome.rounds = bargain.rounds;
  outcome.adoptedFirmness = bargain.firmness;
  outcome.adoptedEngagement = bargain.engagement;
  outcome.signal = signal;
  outcome.risk = crossesTolerance(signal, world);
  return outcome;
}

/** Adds one option's outcome in one pass to a tally. */
function countOutcome(tally: Float64Array, layout: TallyLayout, option: number, segment: number, outcome: OptionOutcome): void {
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
  abortSignal?: AbortSignalLike,
): void {
  const { model, world, layout } = state;
  const blocks = blockCount(passes);
  const range: BlockRange = { from: fromBlock, to: toBlock };
  let segment = 0;
  forEachPass({
    model,
    seed,
    passes,
    range,
    world,
    beforeBlock: (block, blockPasses) => {
      segment = segmentOfBlock(block, blocks);
      tally[layout.segmentPasses(segment)]! += blockPasses;
    },
    onPass: () => {
      for (let option = 0; option < model.optionCount; option++)
        countOutcome(tally, layout, option, segment, evaluateOption(state, option, tally));
    },
    ...(afterBlock === undefined ? {} : { afterBlock }),
    ...(abortSignal === undefined ? {} : { abortSignal }),
  });
}
