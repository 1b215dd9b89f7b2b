/**
 * The consensus rule (a silence procedure): a text is adopted unless some ally breaks silence.
 */

/**
 * Whether an ally breaks silence on a text: its salience-weighted loss against the status quo,
 * `salience * (distanceToText - distanceToStatusQuo)`, exceeds what breaking ranks costs it.
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
 * distance to the text exceeds `(distanceToStatusQuo + solidarityCost / salience) ^ 2`. The engine
 * computes this once per ally and pass, so that judging a text needs no square root. An ally with
 * no salience never objects (the result is `Infinity`).
 *
 * @example
 * objectionRadiusSquared(0.5, 0.2, 0.1); // => 0.16000000000000003 (objects beyond distance 0.4)
 */
export function objectionRadiusSquared(salience: number, distanceToStatusQuo: number, solidarityCost: number): number {
  if (!(salience > 0)) return Infinity;
  const radius = distanceToStatusQuo + solidarityCost / salience;
  return radius * radius;
}
