/**
 * The world of one pass: the events that occur, every ally's stance, and Russia's tolerance
 * threshold. All options of a pass are judged in the same world (common random numbers).
 *
 * A pass's random numbers are drawn first, in one fixed order (the draw-order contract, written
 * once here in {@link drawLayout} and {@link drawPass}), and the world is then computed from them
 * ({@link worldFromDraws}). The order does not depend on any parameter value, so two scenarios
 * that differ only in their numbers see the same random numbers, and an analysis can judge a
 * moved model on exactly the numbers the base model drew.
 */
import {
  ENGAGEMENT_PREFERENCE,
  HAWKISHNESS,
  PARAMETERS_PER_ALLY,
  SALIENCE,
  STANCE_LINK,
  reflectIntoUnit,
  sigmoid,
  type CompiledModel,
} from './compiledModel.js';
import { objectionRadiusSquared } from './decisionRules/objection.js';
import { policyDistance } from './distance.js';
import { fillNormals, fillUniforms, type RandomStream } from '../random/random.js';

/**
 * Where each of a pass's random numbers sits among its draws. In order: one uniform per event
 * (does it occur?); one normal per bloc and stance parameter (the bloc's common draw); one normal
 * per ally and stance parameter (its own draw, drawn even for fixed parameters); one normal for
 * the threshold; then the uniforms the protocol draws per pass (none for the chair and the setter,
 * one for the compromise, whatever its parameters).
 */
export interface DrawLayout {
  /** Index of event 0's uniform (event `e` is at `events + e`). */
  readonly events: number;
  /** Index of bloc 0's first normal (bloc `b`, parameter `p` is at `blocs + 3 b + p`). */
  readonly blocs: number;
  /** Index of ally 0's first normal (ally `a`, parameter `p` is at `stances + 3 a + p`). */
  readonly stances: number;
  /** Index of the threshold's normal. */
  readonly threshold: number;
  /** Index of the protocol's first uniform (there are `size - protocol` of them). */
  readonly protocol: number;
  /** Numbers drawn per pass. */
  readonly size: number;
}

/**
 * The draw-order contract of a model.
 *
 * @example
 * drawLayout(model).size; // => events + 3 blocs + 3 allies + 1 (+ the protocol's uniforms)
 */
export function drawLayout(model: CompiledModel): DrawLayout {
  const events = 0;
  const blocs = events + model.eventCount;
  const stances = blocs + PARAMETERS_PER_ALLY * model.blocCount;
  const threshold = stances + PARAMETERS_PER_ALLY * model.allyCount;
  const protocol = threshold + 1;
  return { events, blocs, stances, threshold, protocol, size: protocol + model.protocol.uniformsPerPass };
}

/** How many numbers a pass draws for a model. */
export function drawsPerPass(model: CompiledModel): number {
  return drawLayout(model).size;
}

/** Index, among a pass's draws, of the uniform that decides whether event `event` occurs. */
export function eventDrawIndex(event: number): number {
  return event;
}

/** Index, among a pass's draws, of the own normal of ally `ally`'s stance parameter `parameter`. */
export function stanceDrawIndex(model: CompiledModel, ally: number, parameter: number): number {
  return model.eventCount + PARAMETERS_PER_ALLY * model.blocCount + PARAMETERS_PER_ALLY * ally + parameter;
}

/** Index, among a pass's draws, of bloc `bloc`'s common normal for stance parameter `parameter`. */
export function blocDrawIndex(model: CompiledModel, bloc: number, parameter: number): number {
  return model.eventCount + PARAMETERS_PER_ALLY * bloc + parameter;
}

/** The sampled state of one pass, reused from pass to pass to avoid allocation. */
export interface World {
  /** The pass's random numbers, laid out by {@link drawLayout}. */
  readonly draws: Float64Array;
  /** Per event: 1 when it occurred in this pass. */
  readonly occurred: Uint8Array;
  /** Per `ally * 3 + parameter`: the summed logit-scale shift of the events that occurred. */
  readonly shift: Float64Array;
  /** Per `bloc * 3 + parameter`: the bloc's common standard-normal draw (a view into `draws`). */
  readonly blocDraw: Float64Array;
  /** Per `ally * 3 + parameter`: the sampled value in [0, 1]. */
  readonly stance: Float64Array;
  /** Per ally: its ideal firmness (hawkishness), ideal engagement and salience. */
  readonly hawkishness: Float64Array;
  readonly engagementPreference: Float64Array;
  readonly salience: Float64Array;
  /** Per ally: its distance to the status quo. */
  readonly statusQuoDistance: Float64Array;
  /** Per ally: the squared distance to a text beyond which it objects ({@link objectionRadiusSquared}). */
  readonly objectionRadiusSquared: Float64Array;
  /** Russia's tolerance threshold in this pass. */
  threshold: number;
  /** The protocol's uniform of this pass, when its protocol draws one (the compromise's recognition), else 0. */
  protocolUniform: number;
}

/** Allocates a world for a model. */
export function createWorld(model: CompiledModel): World {
  const slots = model.allyCount * PARAMETERS_PER_ALLY;
  const layout = drawLayout(model);
  const draws = new Float64Array(layout.size);
  return {
    draws,
    occurred: new Uint8Array(model.eventCount),
    shift: new Float64Array(slots),
    blocDraw: draws.subarray(layout.blocs, layout.stances),
    stance: new Float64Array(slots),
    hawkishness: new Float64Array(model.allyCount),
    engagementPreference: new Float64Array(model.allyCount),
    salience: new Float64Array(model.allyCount),
    statusQuoDistance: new Float64Array(model.allyCount),
    objectionRadiusSquared: new Float64Array(model.allyCount),
    threshold: 0,
    protocolUniform: 0,
  };
}

/**
 * Draws one pass's random numbers into `draws`, in the order of {@link drawLayout}: the only code
 * that consumes a stream for a pass.
 */
export function drawPass(model: CompiledModel, stream: RandomStream, draws: Float64Array): void {
  const events = model.eventCount;
  const size = events + PARAMETERS_PER_ALLY * (model.blocCount + model.allyCount) + 1;
  fillUniforms(stream, draws, 0, events);
  fillNormals(stream, draws, events, size);
  fillUniforms(stream, draws, size, size + model.protocol.uniformsPerPass);
}

/**
 * Computes a pass's world from its draws: which events occur, every stance
 * `sigmoid(logit(center) + shifts + uncertainty * latent)` with `latent = sqrt(rho) z_bloc +
 * sqrt(1 - rho) eps` (fixed parameters used as they are; a `reflectedNormal` stance reflects
 * `center + shifts + uncertainty * latent` into [0, 1], a `logNormal` one is
 * `center * exp(shifts + uncertainty * latent)`), each ally's distance to the status quo and
 * objection radius, the threshold, and the protocol's uniform. `draws` may be another world's: a moved model judged on
 * the base model's numbers.
 */
export function worldFromDraws(model: CompiledModel, draws: Float64Array, world: World): void {
  const { occurred, shift, stance } = world;
  shift.fill(0);
  for (let e = 0; e < model.eventCount; e++) {
    const happens = draws[e]! < model.eventProbability[e]! ? 1 : 0;
    occurred[e] = happens;
    if (happens === 1)
      for (let k = model.shiftStart[e]!; k < model.shiftStart[e + 1]!; k++) shift[model.shiftTarget[k]!]! += model.shiftBy[k]!;
  }
  const blocs = model.eventCount;
  const stances = blocs + PARAMETERS_PER_ALLY * model.blocCount;
  if (draws !== world.draws) world.blocDraw.set(draws.subarray(blocs, stances));

  // Three plain loops rather than one: the latent values, then the links (the logistic
  // functions back to back in a loop of their own), then each ally's distances. Same numbers as
  // one loop; measured, this function runs about 1.3 times faster so in V8.
  const { fixed, base, uncertainty, blocOf, ownLoading, blocLoading, allyCount } = model;
  for (let a = 0; a < allyCount; a++) {
    const bloc = blocOf[a]!;
    const own = ownLoading[a]!;
    const common = blocLoading[a]!;
    for (let p = 0; p < PARAMETERS_PER_ALLY; p++) {
      const slot = a * PARAMETERS_PER_ALLY + p;
      const eps = draws[stances + slot]!;
      const latent = bloc < 0 ? eps : common * draws[blocs + bloc * PARAMETERS_PER_ALLY + p]! + own * eps;
      stance[slot] = base[slot]! + shift[slot]! + uncertainty[slot]! * latent;
    }
  }
  const slots = allyCount * PARAMETERS_PER_ALLY;
  if (model.linkedStances)
    for (let slot = 0; slot < slots; slot++) stance[slot] = fixed[slot] === 1 ? base[slot]! : linkedStance(model.stanceLink[slot]!, stance[slot]!);
  else for (let slot = 0; slot < slots; slot++) stance[slot] = fixed[slot] === 1 ? base[slot]! : sigmoid(stance[slot]!);

  for (let a = 0; a < allyCount; a++) {
    const h = stance[a * PARAMETERS_PER_ALLY + HAWKISHNESS]!;
    const eng = stance[a * PARAMETERS_PER_ALLY + ENGAGEMENT_PREFERENCE]!;
    world.hawkishness[a] = h;
    world.engagementPreference[a] = eng;
    const salience = stance[a * PARAMETERS_PER_ALLY + SALIENCE]!;
    const statusQuoDistance = policyDistance(model, model.statusQuoFirmness, model.statusQuoEngagement, h, eng);
    world.salience[a] = salience;
    world.statusQuoDistance[a] = statusQuoDistance;
    world.objectionRadiusSquared[a] = objectionRadiusSquared(salience, statusQuoDistance, model.solidarityCost[a]!);
  }

  const z = draws[stances + PARAMETERS_PER_ALLY * model.allyCount]!;
  world.threshold = model.thresholdFixed ? model.thresholdBase : sigmoid(model.thresholdBase + model.thresholdUncertainty * z);
  world.protocolUniform = model.protocol.uniformsPerPass > 0 ? draws[stances + PARAMETERS_PER_ALLY * model.allyCount + 1]! : 0;
}

/** A stance from its latent value under its link: logistic, reflected into [0, 1], or exponential. */
function linkedStance(link: number, value: number): number {
  return link === STANCE_LINK.logit ? sigmoid(value) : link === STANCE_LINK.reflect ? reflectIntoUnit(value) : Math.exp(value);
}

/**
 * Draws one pass's world from a stream: {@link drawPass} into the world's draws, then
 * {@link worldFromDraws}.
 */
export function sampleWorld(model: CompiledModel, stream: RandomStream, world: World): void {
  drawPass(model, stream, world.draws);
  worldFromDraws(model, world.draws, world);
}
