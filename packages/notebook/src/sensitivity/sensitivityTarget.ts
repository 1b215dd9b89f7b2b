/** Which case scenario discovery explains for a measure the section shows. */
import type { DiscoveryTarget, SensitivityMeasure } from '@concert/core';

/**
 * The discovery target of a measure: consensus failing, the threshold crossed, or no viability.
 *
 * @example
 * sensitivityTargetOf('risk'); // => 'risk'
 */
export function sensitivityTargetOf(measure: SensitivityMeasure): DiscoveryTarget {
  return measure === 'consensus' ? 'failure' : measure === 'risk' ? 'risk' : 'notViable';
}
