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
