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

// Settings (zod schemas, checks against a scenario)
export {
  SeedSchema,
  TornadoSettingsSchema,
  SobolSettingsSchema,
  SobolRangeSchema,
  SobolOutputSchema,
  DiscoverySettingsSchema,
  SENSITIVITY_MEASURES,
  DISCOVERY_TARGETS,
  MAX_RECORDED_PASSES,
  MINIMUM_INNER_PASSES,
  minimumSobolSamples,
  type SensitivityMeasure,
  type TornadoSettings,
  type SobolSettings,
  type DiscoverySettings,
  type DiscoveryTarget,
  type ResolvedTornadoSettings,
  type ResolvedSobolSettings,
  type ResolvedDiscoverySettings,
} from './settings.js';

// One-at-a-time sensitivity (tornado) with common random numbers
export { pairedDifference, type PairedDifference } from './pairedDifference.js';
export {
  tornado,
  prepareTornado,
  runTornadoBlocks,
  summarizeTornado,
  CENTER_MARGIN,
  type TornadoPlan,
  type TornadoPoint,
  type TornadoManifest,
  type TornadoResult,
  type TornadoEffect,
  type TornadoMove,
  type PointMethod,
} from './tornado.js';
export { tornadoBars, type TornadoBar } from './tornadoBars.js';
export { scaledStep, steppedValue, SCALED_STEPS, STEP_RULES, type StepRule, type StepScale, type ParameterStep } from './tornadoSteps.js';

// Variance-based global sensitivity (Sobol indices, Saltelli design, Jansen estimators)
export { saltelliDesign, designRow, type SaltelliDesign } from './saltelliDesign.js';
export { sobolIndices, type SobolIndex, type SobolIndices, type SobolIndicesOptions } from './sobolIndices.js';
export { sobolOfFunction } from './sobolOfFunction.js';
export {
  sobol,
  prepareSobol,
  evaluateSobolPoints,
  summarizeSobol,
  sobolPointValues,
  type SobolPlan,
  type SobolOutput,
  type SobolManifest,
  type SobolResult,
  type SobolOutputResult,
  type SobolParameterIndices,
} from './sobol.js';

// Drivers of failure (scenario discovery): per-pass records and PRIM
export { recordPasses, type PassRecords, type RecordedFeature, type RecordedOutcomes } from './passRecords.js';
export { decisionTree, type DecisionTreeResult, type DecisionTreeOptions, type TreeLeaf } from './decisionTree.js';
export { prim, evaluateBox, describeCondition, type PrimFeature, type PrimCondition, type PrimBox, type PrimOptions, type PrimResult, type BoxFigures } from './prim.js';
export { discoverDrivers, type DiscoveryResult, type DiscoveryManifest } from './discoverDrivers.js';

// Partial analyses for shards: tornado tallies add up, Sobol points concatenate
export {
  toTornadoPartial,
  toSobolPartial,
  mergeTornadoPartials,
  mergeSobolPartials,
  finalizeTornadoPartial,
  finalizeSobolPartial,
  type TornadoPartial,
  type SobolPartial,
} from './partials.js';
