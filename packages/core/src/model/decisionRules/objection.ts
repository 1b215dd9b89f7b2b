import type { World } from '../world.js';

/**
 * Who objects to a text: the silence-breaking test every decision rule starts from. An ally
 * breaks silence on a text when its salience-weighted loss against the status quo exceeds what
 * breaking ranks costs it. Whether the objectors can then block the text is the decision rule's
 * to say (`unanimity.ts`).
 */

/**
 * Whether an ally breaks silence on a text: its salience-weighted loss against the status quo,
 * `salience * (distanceToText - distanceToStatusQuo)`, exceeds what breaking ranks costs it.
 * This is the rule in words; the engine evaluates the equivalent {@link objectsToText}.
 *
 * @example
 * objects(0.5, 0.6, 0.2, 0.1); // => true  (0.5 * 0.4 = 0.2 > 0.1)
 * objects(0.5, 0.3, 0.2, 0.1); // => false (0.5 * 0.1 = 0.05)
 */
export function objects(
  salience: number,
  distanceToText: number,
  distanceToStatusQuo: number,
  solidarityCost: number,
): boolean {
  return salience * (distanceToText - distanceToStatusQuo) > solidarityCost;
}

/**
 * The same rule as {@link objects}, solved for the text: an ally objects exactly when its squared
 * distance to the text exceeds `(distanceToStatusQuo + solidarityCost / salience) ^ 2`. The world
 * computes this once per ally and pass, so that judging a text needs no square root. An ally with
 * no salience never objects (the result is `Infinity`).
 *
 * @example
 * objectionRadiusSquared(0.5, 0.2, 0.1); // => 0.16000000000000003 (objects beyond distance 0.4)
 */
export function objectionRadiusSquared(salience: number, distanceToStatusQuo: number, solidarityCost: number): number {
  // Number.POSITIVE_INFINITY, not the global Infinity: V8 then keeps the result an unboxed double
  // in the world's loop (with the global, it boxed every other result: 32 allocations a pass).
  if (!(salience > 0)) return Number.POSITIVE_INFINITY;
  const radius = distanceToStatusQuo + solidarityCost / salience;
  return radius * radius;
}

/**
 * Whether an ally with ideal point `(hawkishness, engagementPreference)` and squared objection
 * radius `radiusSquared` ({@link objectionRadiusSquared}) objects to the text `(firmness,
 * engagement)`, with dimension weights `wF` and `wE`: {@link objects} in the form the hot loop
 * runs. The two forms can disagree only when a loss equals the cost to within rounding (about 1e-16).
 *
 * @example
 * objectsToText(1, 1, 0.9, 0.5, 0.2, 0.5, 0.16); // => true (squared distance 0.49 > 0.16)
 */
export function objectsToText(
  wF: number,
  wE: number,
  firmness: number,
  engagement: number,
  hawkishness: number,
  engagementPreference: number,
  radiusSquared: number,
): boolean {
  const df = firmness - hawkishness;
  const de = engagement - engagementPreference;
  return wF * df * df + wE * de * de > radiusSquared;
}

/**
 * Lists in `list` every ally that objects to the text `(firmness, engagement)` in the pass's world
 * ({@link objectsToText} for each ally, in ascending order) and returns how many there are, `n`;
 * `list[n ..]` may be overwritten too (it holds nothing meaningful after). This is the
 * objection test of all allies as the hot loop runs it. The test is written out in the loop
 * rather than called, and without a branch: every ally is written at the list's end and the count
 * moves on by the comparison's 1 or 0, so the next ally overwrites one that does not object. Which
 * way the comparison goes is close to random, and V8 compiles a branch on it that the processor
 * mispredicts often; without it the engine runs about 1.1 times faster (A/B, tallies equal).
 * Tested equal to {@link objectsToText} ally by ally.
 *
 * @example
 * const list = new Int32Array(model.allyCount);
 * const objectors = listObjectors(model, world, 0.9, 0.5, list); // list[0 .. objectors) are the objectors
 */
export function listObjectors(
  model: { readonly weightFirmness: number; readonly weightEngagement: number; readonly allyCount: number },
  world: Pick<World, 'hawkishness' | 'engagementPreference' | 'objectionRadiusSquared'>,
  firmness: number,
  engagement: number,
  list: Int32Array,
): number {
  const { hawkishness, engagementPreference, objectionRadiusSquared } = world;
  const { weightFirmness, weightEngagement, allyCount } = model;
  let objectors = 0;
  for (let a = 0; a < allyCount; a++) {
    const df = firmness - hawkishness[a]!;
    const de = engagement - engagementPreference[a]!;
    list[objectors] = a; // kept only if a objects
    objectors += ((weightFirmness * df * df + weightEngagement * de * de > objectionRadiusSquared[a]!) as unknown as number) | 0;
  }
  return objectors;
}
