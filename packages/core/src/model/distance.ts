/** Distances in the policy plane. */

/**
 * An ally's distance to a text: `sqrt(wF (firmness - h)^2 + wE (engagement - e)^2)`, with the
 * model's dimension weights `wF` and `wE`.
 *
 * @example
 * policyDistance({ weightFirmness: 1, weightEngagement: 1 }, 0.9, 0.5, 0.6, 0.1); // => 0.5
 */
export function policyDistance(
  weights: { readonly weightFirmness: number; readonly weightEngagement: number },
  firmness: number,
  engagement: number,
  hawkishness: number,
  engagementPreference: number,
): number {
  const df = firmness - hawkishness;
  const de = engagement - engagementPreference;
  return Math.sqrt(weights.weightFirmness * df * df + weights.weightEngagement * de * de);
}
