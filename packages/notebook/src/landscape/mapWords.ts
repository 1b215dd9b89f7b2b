/** The map of viable texts in words: its text summary, a cell read out, the most viable text. */
import type { LandscapeCell, LandscapeResult, MostViableText } from '@concert/core';
import { estimateText, percent, pointChange } from '../charts/chartData.js';
import { measureWords, type MapMeasure } from './landscapeChart.js';

const two = (value: number) => value.toFixed(2);
const count = (value: number) => value.toLocaleString('en-US');

/** A text of the plane in words: "firmness 0.50, engagement 0.35". */
export function textPosition(cell: { readonly firmness: number; readonly engagement: number }): string {
  return `firmness ${two(cell.firmness)}, engagement ${two(cell.engagement)}`;
}

/**
 * The one-sentence text summary of a map for a measure: its range, where it peaks, and how many
 * texts are above one half.
 *
 * @example
 * mapSummary(map, 'viability');
 * // => 'Consensus without risk (viability) of 1,681 texts at visibility 0.60, each judged in the same 2,000 passes: from 0.0% to 74.3%, highest at firmness 0.50, engagement 0.35; 212 texts above 50%.'
 */
export function mapSummary(map: LandscapeResult, measure: MapMeasure): string {
  const cells = map.cells.filter((cell) => cell.passes > 0 && Number.isFinite(cell[measure].estimate));
  const words = measureWords(measure);
  const head = `${words[0]!.toUpperCase()}${words.slice(1)} of ${count(map.cells.length)} texts at visibility ${two(map.manifest.visibility)}`;
  if (cells.length === 0) return `${head}: no text judged yet.`;
  const passes = cells[0]!.passes;
  let top = cells[0]!;
  let low = cells[0]![measure].estimate;
  let above = 0;
  for (const cell of cells) {
    const value = cell[measure].estimate;
    if (value > top[measure].estimate) top = cell;
    low = Math.min(low, value);
    if (value > 0.5) above++;
  }
  return `${head}, each judged in the same ${count(passes)} passes: from ${percent(low)} to ${percent(top[measure].estimate)}, highest at ${textPosition(top)}; ${count(above)} text${above === 1 ? '' : 's'} above 50%.`;
}

/**
 * One cell read out: its text, its three figures with their 95% intervals, and who blocks it most
 * (when the map counted blockers).
 *
 * @example
 * cellReadout(map.cells[594], 0.6);
 * // => 'Firmness 0.50, engagement 0.35 at visibility 0.60: consensus 61.2% (59.1–63.3%), risk 3.0% (…), consensus without risk 58.2% (…), in 2,000 passes.'
 */
export function cellReadout(cell: LandscapeCell, visibility: number): string {
  const position = textPosition(cell);
  const blocker = cell.topBlocker === null ? '' : ` Blocked most often by ${cell.topBlocker.name} (${percent(cell.topBlocker.rate.estimate)} of passes).`;
  return `${position[0]!.toUpperCase()}${position.slice(1)} at visibility ${two(visibility)}: consensus ${estimateText(cell.consensus)}, risk ${estimateText(cell.risk)}, consensus without risk ${estimateText(cell.viability)}, in ${count(cell.passes)} passes.${blocker}`;
}

/**
 * The most viable text in a sentence: where it is, its viability with its interval, and how sure
 * the map is that it beats the next best text (the paired advantage on the same passes).
 *
 * @example
 * mostViableSentence(map.mostViable, 0.6);
 * // => 'The most viable text on this map is firmness 0.50, engagement 0.35 (visibility 0.60): adopted without crossing Russia’s tolerance in 74.3% (72.4–76.1%) of 2,000 passes. On the same passes it is ahead of the next best text (firmness 0.48, engagement 0.35) by +0.4 pt (95% interval +0.1 to +0.7 pt).'
 */
export function mostViableSentence(mostViable: MostViableText, visibility: number): string {
  const { best, runnerUp, ties, advantage } = mostViable;
  const first = `The most viable text on this map is ${textPosition(best)} (visibility ${two(visibility)}): adopted without crossing Russia’s tolerance in ${estimateText(best.viability)} of ${count(best.passes)} passes.`;
  const shared = ties > 1 ? ` ${count(ties - 1)} other text${ties === 2 ? '' : 's'} reach the same share (ties go to higher consensus, then lower risk).` : '';
  if (runnerUp === null || advantage === null) return first + shared;
  const gap = `${pointChange(advantage.estimate)} (95% interval ${pointChange(advantage.lower)} to ${pointChange(advantage.upper)})`;
  const order =
    advantage.up + advantage.down === 0
      ? ` The next best text (${textPosition(runnerUp)}) had the same outcome in every pass: the map cannot tell them apart.`
      : advantage.lower > 0
        ? ` On the same passes it is ahead of the next best text (${textPosition(runnerUp)}) by ${gap}.`
        : ` On the same passes it is ahead of the next best text (${textPosition(runnerUp)}) by ${gap}, which may be noise: the map cannot tell them apart.`;
  return first + shared + order;
}
