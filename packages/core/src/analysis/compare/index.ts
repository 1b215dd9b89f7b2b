/**
 * Paired comparisons of two scenarios on common random numbers, with an unpaired fallback when
 * their draw layouts differ. See docs/LANDSCAPE.md, "Comparing two scenarios".
 */
export {
  compareScenarios,
  prepareComparison,
  runComparisonBlocks,
  summarizeComparison,
  summarizeUnpairedComparison,
  pairingProblem,
  ComparisonSettingsSchema,
  type ComparisonSettings,
  type ComparisonPlan,
  type ComparisonManifest,
  type ComparisonResult,
  type OptionComparison,
  type MeasureComparison,
  type Change,
  type Pairing,
} from './compareScenarios.js';
export { unpairedDifference, type UnpairedDifference } from './unpairedDifference.js';
