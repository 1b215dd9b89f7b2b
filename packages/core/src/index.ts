/**
 * Concert core: Monte Carlo simulation of how an alliance reaches consensus.
 *
 * @packageDocumentation
 */

// Scenarios
export * from './schema.js';
export { parseScenario, validateScenario, problemsFromZod, type ParseResult } from './validate.js';
export { ConcertInputError, formatProblem, formatPath, type Problem } from './problems.js';
export { canonicalJson, sha256Hex } from './canonicalJson.js';

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
} from './run.js';
export { BLOCK_SIZE, blockCount, passesInBlock, EngineState, evaluateOption, runBlocks, type OptionOutcome } from './engine.js';
export { blockStream, streamKey, type Seed, type RandomStream } from './random.js';

// The model, one concept a module
export { compileModel, logit, sigmoid, resolveShiftTargets, type CompiledModel } from './model.js';
export { createWorld, sampleWorld, policyDistance, type World } from './world.js';
export { objects } from './consensus.js';
export { amendText } from './bargaining.js';
export { defaultSignalStrength, compileSignalFormula, SIGNAL_VARIABLES, type SignalFunction, type SignalInputs } from './signal.js';

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
} from './result.js';
export { wilsonInterval, histogramQuantile, Z_95, type Estimate } from './statistics.js';
export { TallyLayout, addTally } from './tally.js';
export { ENGINE_VERSION, MODEL_VERSION } from './version.js';

// Sensitivity and drivers (tornado, Sobol indices, scenario discovery)
export * from './sensitivity/index.js';
export { sobolFromTornado, type SobolFromTornadoOptions } from './sensitivity/sobolFromTornado.js';

// Result formats (text, shared by the CLI and the notebook)
export { resultCsv, optionsCsv, alliesCsv, csvField, CSV_TABLES, CSV_DECIMALS, type CsvTable } from './formats/resultCsv.js';
