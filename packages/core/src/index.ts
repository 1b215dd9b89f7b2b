/**
 * Concert core: Monte Carlo simulation of how an alliance reaches consensus.
 *
 * The layers, bottom up (docs/ARCHITECTURE.md): `scenario/` (the input format and its validation),
 * `random/` (the seeded streams), `model/` (the world, the decision rules, the bargaining
 * protocols, the signal), `run/` (the pass driver, the engine, the tally, results and partial
 * results), `analysis/` (sensitivity and drivers).
 *
 * @packageDocumentation
 */

// Scenarios
export * from './scenario/schema.js';
export { parseScenario, validateScenario, problemsFromZod, scenarioInputProblems, type ParseResult } from './scenario/validate.js';
export {
  ConcertInputError,
  formatProblem,
  formatPath,
  describeValue,
  listForMessage,
  capProblems,
  type Problem,
  type InputErrorKind,
} from './problems.js';
export * from './budgets.js';
export { escapeControlCharacters, hasControlCharacters, jsonWithoutControlCharacters } from './controlCharacters.js';
export { abortError, yieldToHost, type AbortSignalLike } from './host.js';
export { canonicalJson, sha256Hex } from './scenario/canonicalJson.js';

// Running
export { BLOCK_SIZE, blockCount, passesInBlock, passesInRange, checkRange, throwIfAborted, type BlockRange } from './run/blocks.js';
export { prepareRun, runSettingsProblems, scenarioHash, type RunSettings, type PreparedRun } from './run/prepare.js';
export { simulate, simulateAsync, runPreparedBlocks, resultOf, type SimulateOptions, type Progress } from './run/simulate.js';
export { runPartial, toPartialResult, mergePartials, finalizePartial, missingBlocks, type PartialResult } from './run/partials.js';
export { PARTIAL_FORMAT_VERSION, partialDigest, partialResultProblems, tallyIdentityProblems } from './run/partialChecks.js';
export { ANALYSIS_PARTIAL_FORMAT_VERSION, shardDigest, shardDigestProblems } from './analysis/shardDigest.js';
export { formulaCost, formulaCostProblem, formulaEvaluationNanoseconds, type FormulaCost } from './run/formulaCost.js';
export { forEachPass, type PassLoop } from './run/passes.js';
export { EngineState, evaluateOption, runBlocks, type OptionOutcome } from './run/engine.js';
export { blockStream, fillNormals, fillUniforms, streamKey, type Seed, type RandomStream } from './random/random.js';

// The model, one concept a module
export {
  compileModel,
  logit,
  sigmoid,
  reflectIntoUnit,
  stanceLink,
  latentCenter,
  resolveShiftTargets,
  STANCE_LINK,
  ALLY_ROLE,
  type CompiledModel,
} from './model/compiledModel.js';
export {
  createWorld,
  sampleWorld,
  drawPass,
  worldFromDraws,
  drawLayout,
  drawsPerPass,
  eventDrawIndex,
  stanceDrawIndex,
  blocDrawIndex,
  type World,
  type DrawLayout,
} from './model/world.js';
export { policyDistance } from './model/distance.js';
export { objects, objectionRadiusSquared, objectsToText, listObjectors } from './model/decisionRules/objection.js';
export { createJudgment, type DecisionRule, type Judgment } from './model/decisionRules/decisionRule.js';
export { unanimity, unanimityOfMembers } from './model/decisionRules/unanimity.js';
export { qualifiedMajority, meetsQuotas } from './model/decisionRules/qualifiedMajority.js';
export { VERDICT, createBargain, type Protocol, type Bargain, type BargainingObserver, type Verdict } from './model/protocols/protocol.js';
export { chair, amendText } from './model/protocols/chair.js';
export { compromise, compromiseText } from './model/protocols/compromise.js';
export { setter, acceptanceStart, SETTER_MARGIN } from './model/protocols/setter.js';
export { defaultSignalStrength, statusQuoSignal, unity, signalOfBargain, crossesTolerance } from './model/signal.js';
export {
  compileSignalFormula,
  prepareSignalFormula,
  SIGNAL_VARIABLES,
  SIGNAL_CONSTANTS,
  SIGNAL_FUNCTIONS,
  SIGNAL_OPERATORS,
  type SignalFunction,
  type SignalInputs,
  type SignalFormulaShape,
  type CompiledSignalFormula,
} from './model/signalFormula.js';

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
export { TallyLayout, addTally, OPTION_COUNTER, ALLY_COUNTER, FIXED_POINT_SCALE, FINE_BINS } from './run/tally.js';
export { ENGINE_VERSION, MODEL_VERSION, MODEL_VERSION_2, modelVersionOf, usesModel2 } from './version.js';

// Output that cannot attack its reader: CSV cells, command lines
export { csvCell } from './formats/csvCell.js';
export { shellQuote, reproduceCommand, type ReproduceCommandOptions } from './formats/commandLine.js';

// Sensitivity and drivers (tornado, Sobol indices, scenario discovery)
export * from './analysis/sensitivity/index.js';
export { sobolFromTornado, type SobolFromTornadoOptions } from './analysis/sensitivity/sobolFromTornado.js';

// Result formats (text, shared by the CLI and the notebook)
export { resultCsv, optionsCsv, alliesCsv, csvField, CSV_TABLES, CSV_DECIMALS, type CsvTable } from './formats/resultCsv.js';
export { landscapeCsv } from './formats/landscapeCsv.js';

// Experiment designs (full factorial, Latin hypercube, Sobol' sequences) on common random numbers
export * from './analysis/experiments/index.js';

// The map of viable texts (landscape), and paired comparisons of two scenarios
export * from './analysis/landscape/index.js';
export * from './analysis/compare/index.js';

// Backtests of real negotiated outcomes, and calibration (docs/VALIDATION.md)
export * from './analysis/backtest/index.js';

// Deprecated (see CHANGELOG.md)
export { RecordingStream, ReplayStream, traceBargaining } from './deprecated.js';
