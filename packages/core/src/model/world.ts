/**
 * Sampling one world: the events that occur in a pass, every ally's stance, and Russia's
 * tolerance threshold. All options of a pass are judged in the same world (common random numbers).
 */
import {
  ENGAGEMENT_PREFERENCE,
  HAWKISHNESS,
  PARAMETERS_PER_ALLY,
  SALIENCE,
  sigmoid,
  type CompiledModel,
} from './compiledModel.js';
import { objectionRadiusSquared } from './decisionRules/unanimity.js';
import type { RandomStream } from '../random/random.js';

/** The sampled state of one pass, reused from pass to pass to avoid allocation. */
export interface World {
  /** Per event: 1 when it occurred in this pass. */
  readonly occurred: Uint8Array;
  /** Per `ally * 3 + parameter`: the summed logit-scale shift of the events that occurred. */
  readonly shift: Float64Array;
  /** Per `bloc * 3 + parameter`: the bloc's common standard-normal draw. */
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
}

/** Allocates a world for a model. */
export function createWorld(model: CompiledModel): World {
  const slots = model.allyCount * PARAMETERS_PER_ALLY;
  return {
    occurred: new Uint8Array(model.eventCount),
    shift: new Float64Array(slots),
    blocDraw: new Float64Array(model.blocCount * PARAMETERS_PER_ALLY),
    stance: new Float64Array(slots),
    hawkishness: new Float64Array(model.allyCount),
    engagementPreference: new Float64Array(model.allyCount),
    salience: new Float64Array(model.allyCount),
    statusQuoDistance: new Float64Array(model.allyCount),
    objectionRadiusSquared: new Float64Array(model.allyCount),
    threshold: 0,
  };
}

/**
 * An ally's distance to a text: `sqrt(wF (firmness - h)^2 + wE (engagement - e)^2)`.
 */
export function policyDistance(
  model: CompiledModel,
  firmness: number,
  engagement: number,
  hawkishness: number,
  engagementPreference: number,
): number {
  const df = firmness - hawkishness;
  const de = engagement - engagementPreference;
  return Math.sqrt(model.weightFirmness * df * df + model.weightEngagement * de * de);
}

/**
 * Draws one pass's world. The stream is consumed in a fixed order that does not depend on any
 * parameter value (events; bloc draws; every ally's three draws, fixed or not; the threshold), so
 * two scenarios that differ only in their numbers see the same random numbers.
 */
export function sampleWorld(model: CompiledModel, stream: RandomStream, world: World): void {
  const { occurred, shift, blocDraw, stance } = world;
  shift.fill(0);
  for (let e = 0; e < model.eventCount; e++) {
    const happens = stream.uniform() < model.eventProbability[e]! ? 1 : 0;
    occurred[e] = happens;
    if (happens === 1)
      for (let k = model.shiftStart[e]!; k < model.shiftStart[e + 1]!; k++) shift[model.shiftTarget[k]!]! += model.shiftBy[k]!;
  }
  for (let k = 0; k < blocDraw.length; k++) blocDraw[k] = stream.normal();

  for (let a = 0; a < model.allyCount; a++) {
    const bloc = model.blocOf[a]!;
    const own = model.ownLoading[a]!;
    const common = model.blocLoading[a]!;
    for (let p = 0; p < PARAMETERS_PER_ALLY; p++) {
      const slot = a * PARAMETERS_PER_ALLY + p;
      const eps = stream.normal();
      if (model.fixed[slot] === 1) {
        stance[slot] = model.base[slot]!;
        continue;
      }
      const latent = bloc < 0 ? eps : common * blocDraw[bloc * PARAMETERS_PER_ALLY + p]! + own * eps;
      stance[slot] = sigmoid(model.base[slot]! + shift[slot]! + model.uncertainty[slot]! * latent);
    }
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

  const z = stream.normal();
  world.threshold = model.thresholdFixed ? model.thresholdBase : sigmoid(model.thresholdBase + model.thresholdUncertainty * z);
}
