/**
 * Experiment designs: vary scenario fields over ranges or levels (full factorial, Latin
 * hypercube, scrambled Sobol' sequence), run every experiment on common random numbers, and get
 * one tidy row per experiment and option. See docs/EXPERIMENTS.md.
 */

// The design (zod schema) and field paths
export {
  ExperimentDesignSchema,
  DesignFieldSchema,
  SamplingSchema,
  SAMPLING_METHODS,
  MAX_EXPERIMENTS,
  MAX_EXPERIMENT_PASSES,
  MAX_FIELDS,
  type ExperimentDesign,
  type ResolvedDesign,
  type DesignField,
  type Sampling,
  type SamplingMethod,
} from './design.js';
export { resolveFieldPath, withValueAt, FIELD_PATH_FORMS, type ExperimentField } from './fieldPath.js';

// Sampling
export { fullFactorial, evenLevels } from './fullFactorial.js';
export { latinHypercube } from './latinHypercube.js';
export { sobolSequence } from './sobolSequence.js';
export { sobolDirectionNumbers, JOE_KUO_ROWS, SOBOL_MAX_DIMENSIONS, SOBOL_BITS, type JoeKuoRow } from './joeKuo.js';

// Planning, running, results, partial results
export {
  prepareExperiment,
  checkExperimentScenarios,
  experimentScenario,
  validatedExperimentScenario,
  experimentsOfUnits,
  describeExperiment,
  experimentStride,
  EXPERIMENT_OPTION_COUNTERS,
  type ExperimentPlan,
  type ExperimentScenario,
  type ExperimentInput,
  type ExperimentManifest,
} from './experimentPlan.js';
export { runExperimentUnits, type ExperimentCounts } from './experimentRun.js';
export { summarizeExperiment, type ExperimentResult } from './experimentResult.js';
export { toExperimentPartial, mergeExperimentPartials, finalizeExperimentPartial, type ExperimentPartial } from './experimentPartials.js';
export { runExperiment } from './runExperiment.js';
export {
  experimentColumns,
  tidyCsv,
  LEADING_COLUMNS,
  FIGURE_COLUMNS,
  FIXED_COLUMNS,
  type ExperimentColumn,
  type ExperimentRow,
  type ColumnType,
} from './experimentColumns.js';
