/**
 * Sensitivity and drivers: which allies and assumptions decide consensus and risk.
 * See docs/SENSITIVITY.md.
 */

// The parameters an analysis can move
export {
  sensitivityParameters,
  selectParameters,
  withParameterValues,
  inDomain,
  describeDomain,
  DEFAULT_TORNADO_PARAMETERS,
  type SensitivityParameter,
  type ParameterKind,
  type ParameterDomain,
} from './parameters.js';
