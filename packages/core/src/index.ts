/**
 * Concert core: Monte Carlo simulation of how an alliance reaches consensus.
 *
 * @packageDocumentation
 */

// Scenarios
export * from './scenario/schema.js';
export { parseScenario, validateScenario, problemsFromZod, type ParseResult } from './scenario/validate.js';
export { ConcertInputError, formatProblem, formatPath, type Problem } from './problems.js';
export { canonicalJson, sha256Hex } from './scenario/canonicalJson.js';

// Running
export {
  simulate,
  simulateAsync,
  prepareRun,
  runPreparedBlocks,
  runPartial,
  toPartialResult,
  mergePartials,
  finalizePartial,
  missingBlocks,
  runSettingsProblems,
  scenarioHash,
  type RunSettings,
  type SimulateOptions,
  type Progress,
  type BlockRange,
  type PartialResult,
  type PreparedRun,
} from './run/simulate.js';
export { BLOCK_SIZE, blockCount, passesInBlock, EngineState, evaluateOption, runBlocks, type OptionOutcome } from './run/engine.js';
export { blockStream, streamKey, type Seed, type RandomStream } from './random/random.js';

// The model, one concept a module
export { compileModel, logit, sigmoid, resolveShiftTargets, type CompiledModel } from './model/compiledModel.js';
export { createWorld, sampleWorld, policyDistance, type World } from './model/world.js';
export { objects } from './model/decisionRules/unanimity.js';
export { amendText } from './model/protocols/chair.js';
export { defaultSignalStrength, compileSignalFormula, SIGNAL_VARIABLES, type SignalFunction, type SignalInputs } from './model/signal.js';

// Results
export {
  summarizeTally,
  HISTOGRAM_BINS,
  type SimulationResult,
  type OptionResult,
  type AllyOutcome,
  type Distribution,
  type ConvergenceTrace,
  type RunManifest,
} from './run/result.js';
export { wilsonInterval, histogramQuantile, Z_95, type Estimate } from './statistics.js';
export { TallyLayout, addTally } from './run/tally.js';
export { ENGINE_VERSION, MODEL_VERSION } from './version.js';

// Sensitivity and drivers (tornado, Sobol indices, scenario discovery)
export * from './analysis/sensitivity/index.js';
