/**
 * The map of viable texts: consensus, risk and viability over the firmness x engagement plane,
 * every cell judged in the same passes. See docs/LANDSCAPE.md.
 */
export {
  landscape,
  prepareLandscape,
  runLandscapeBlocks,
  runLandscapePair,
  landscapeLeaders,
  summarizeLandscape,
  gridValues,
  type LandscapePlan,
  type LandscapeManifest,
  type LandscapeResult,
  type LandscapeCell,
  type LandscapeRunOptions,
  type CellBlocker,
  type RankedCell,
  type MostViableText,
} from './landscape.js';
export {
  LandscapeSettingsSchema,
  LandscapeRangeSchema,
  MAX_LANDSCAPE_GRID,
  MAX_LANDSCAPE_WORK,
  type LandscapeSettings,
  type ResolvedLandscapeSettings,
} from './settings.js';
