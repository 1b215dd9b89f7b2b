/**
 * Charts of the sensitivity section: a tornado (the change of a measure when each parameter moves
 * down and up, with 95% intervals of the paired differences) and Sobol bars (first-order and total
 * indices with bootstrap intervals).
 */
import * as Plot from '@observablehq/plot';
import { STANCE_PARAMETERS, tornadoBars, type Scenario, type SensitivityMeasure, type SobolResult, type TornadoBar, type TornadoResult } from '@concert/core';
import { finiteRows, marginFor, wrapLabel } from '../charts/chartData.js';

/** Colours of the moves down and up, and of the two kinds of index. */
export const LOW_COLOR = '#8e5ea2';
export const HIGH_COLOR = '#3a9d6e';
export const FIRST_ORDER_COLOR = '#2f6ca3';
export const TOTAL_COLOR = '#e39b36';

const Z_95 = 1.959963984540054;

/** A change in percentage points with one decimal, signed. */
function points(change: number): string {
  const value = change * 100;
  return `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value).toFixed(1)} pt`;
}

/** A parameter value with two significant decimals (three below 0.1, so a cost of 0.03 is not 0.0). */
const value2 = (value: number) => (Math.abs(value) < 0.1 && value !== 0 ? value.toFixed(3) : value.toFixed(2));

/** The uncertainty (logit units) of the stance or threshold a tornado parameter names, if it is an uncertain one. */
function uncertaintyOf(scenario: Scenario | undefined, parameter: string): number | null {
  if (scenario === undefined) return null;
  const stance = /^allies\.(.+)\.([A-Za-z]+)$/.exec(parameter);
  const setting =
    parameter === 'signal.threshold.center'
      ? scenario.signal.threshold
      : stance !== null && (STANCE_PARAMETERS as readonly string[]).includes(stance[2]!)
        ? (scenario.allies.find((ally) => ally.id === stance[1])?.[stance[2] as keyof Scenario['allies'][number]] as unknown)
        : undefined;
  return typeof setting === 'object' && setting !== null && 'uncertainty' in setting && typeof setting.uncertainty === 'number' ? setting.uncertainty : null;
}

/**
 * The step a tornado moved a parameter by, in words: on its own scale (the tornado's default)
 * or the same absolute step for all.
 *
 * @example
 * stepWords(hungaryHawkishnessBar, 'scaled', scenario); // => '±0.25 on the logit scale (half its uncertainty of 0.5)'
 * stepWords(hungaryCostBar, 'scaled', scenario); // => '±0.0075 (a quarter of its value)'
 */
export function stepWords(bar: Pick<TornadoBar, 'parameter' | 'step' | 'baseValue'>, stepRule: TornadoResult['manifest']['stepRule'], scenario?: Scenario): string {
  const size = Number(bar.step.size.toPrecision(2));
  if (stepRule === 'absolute') return `±${size} (the same step for every parameter)`;
  if (bar.step.scale === 'logit') {
    const uncertainty = uncertaintyOf(scenario, bar.parameter);
    return `±${size} on the logit scale${uncertainty !== null && uncertainty > 0 ? ` (half its uncertainty of ${Number(uncertainty.toPrecision(2))})` : uncertainty === 0 ? ' (it is certain: a quarter of a logit unit)' : ''}`;
  }
  if (/\.solidarityCost$|^bargaining\.maxDrift$/.test(bar.parameter)) return bar.baseValue > 0 ? `±${size} (a quarter of its value)` : `±${size} (it is 0: a quarter of a typical value)`;
  return `±${size}`;
}

/** The rows of a tornado chart: two per parameter (down and up), largest swing first. */
export function tornadoRows(result: TornadoResult, option: string, measure: SensitivityMeasure, top: number) {
  return tornadoBars(result, { option, measure, top }).flatMap((bar) => {
    const label = bar.label;
    return (['low', 'high'] as const).map((direction) => {
      const move = bar[direction];
      const value = direction === 'low' ? bar.lowValue : bar.highValue;
      const clamped = direction === 'low' ? bar.lowClamped : bar.highClamped;
      return {
        label,
        direction: direction === 'low' ? 'moved down' : 'moved up',
        change: move.estimate,
        lower: move.estimate - Z_95 * move.standardError,
        upper: move.estimate + Z_95 * move.standardError,
        text: `${value2(bar.baseValue)} → ${value2(value)}${clamped ? ' (clamped: moved less than the step)' : ''}: ${points(move.estimate)}`,
      };
    });
  });
}

/**
 * The Plot spec of a tornado chart for one option and measure: per parameter, a bar for the move
 * down and one for the move up, each with its 95% interval, the largest swing on top.
 *
 * @example
 * renderChart(tornadoChart(result, { option: 'dual-track', measure: 'consensus' }));
 */
export function tornadoChart(
  result: TornadoResult,
  { option, measure = 'consensus', top = 12, width = 640 }: { option: string; measure?: SensitivityMeasure; top?: number; width?: number },
): Plot.PlotOptions {
  const rows = finiteRows(tornadoRows(result, option, measure, top), ['change', 'lower', 'upper']);
  const labels = [...new Set(rows.map((row) => row.label))];
  const tick = parameterTick(width);
  const reach = Math.max(0.005, ...rows.map((row) => Math.max(Math.abs(row.lower), Math.abs(row.upper))));
  return {
    width,
    height: 40 * labels.length + 60,
    marginLeft: marginFor(labels.map(tick)),
    x: { domain: [-reach, reach], label: `Change in ${measure} probability →`, tickFormat: '+.1%', grid: true },
    // One facet row per parameter, holding its two moves, so the bars never overlap; long names
    // ("the probability of Escalation incident on the eastern flank") wrap instead of being cut.
    fy: { domain: labels, label: null, axis: 'left', tickFormat: tick },
    y: { domain: ['moved down', 'moved up'], axis: null },
    color: { domain: ['moved down', 'moved up'], range: [LOW_COLOR, HIGH_COLOR], legend: true },
    marks: [
      Plot.barX(rows, { fy: 'label', y: 'direction', x: 'change', fill: 'direction', fillOpacity: 0.8, title: 'text' }),
      Plot.ruleY(rows, { fy: 'label', y: 'direction', x1: 'lower', x2: 'upper', stroke: '#222', strokeWidth: 1.5 }),
      Plot.ruleX([0]),
    ],
  };
}

/** A one-sentence summary of a tornado chart: the parameter that moves the measure most, and by what step. */
export function tornadoSummary(result: TornadoResult, option: string, measure: SensitivityMeasure, scenario?: Scenario): string {
  const top = tornadoBars(result, { option, measure, top: 1 })[0];
  if (top === undefined || top.swing === 0) return 'No parameter moves this measure.';
  return `${capitalized(top.label)} moves it most: ${points(top.low.estimate)} when moved down (${value2(top.baseValue)} → ${value2(top.lowValue)}), ${points(top.high.estimate)} when moved up (→ ${value2(top.highValue)}), a step of ${stepWords(top, result.manifest.stepRule, scenario)}.`;
}

/** Each bar's parameter, its value and the two values it moved to, and its step in words (largest swing first). */
export function tornadoSteps(result: TornadoResult, option: string, measure: SensitivityMeasure, top: number, scenario?: Scenario): string[] {
  return tornadoBars(result, { option, measure, top }).map(
    (bar) => `${capitalized(bar.label)}: ${value2(bar.baseValue)}, moved to ${value2(bar.lowValue)} and ${value2(bar.highValue)}${bar.lowClamped || bar.highClamped ? ' (clamped at the edge of its range)' : ''}, a step of ${stepWords(bar, result.manifest.stepRule, scenario)}.`,
  );
}

/** A parameter's name as a tick label: capitalized, wrapped at about 30 characters (18 on a chart narrower than 500 px). */
const parameterTick = (width: number) => (label: string) => wrapLabel(capitalized(label), width < 500 ? 18 : 30);

/** A label with its first letter in capitals ("the bargaining step" starts a sentence as "The bargaining step"). */
const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A one-sentence summary of Sobol bars: the parameter with the largest total index. */
export function sobolSummary(result: SobolResult, output = 0): string {
  const rows = sobolRows(result, output).filter((row) => row.kind === 'total');
  const top = [...rows].sort((a, b) => b.estimate - a.estimate)[0];
  return top === undefined ? 'No indices.' : `${top.label} explains the most variance, alone or with others: total index ${index2(top.estimate)} (${index2(top.lower)} to ${index2(top.upper)}).`;
}

/** The rows of a Sobol chart: two per parameter (first order, total), without undefined indices. */
export function sobolRows(result: SobolResult, output: number) {
  const analysis = result.outputs[output];
  if (analysis === undefined) return [];
  return analysis.indices.flatMap((entry) =>
    (['first', 'total'] as const).flatMap((kind) => {
      const index = entry[kind];
      return index === null ? [] : [{ label: entry.label, kind: kind === 'first' ? 'first order' : 'total', estimate: index.estimate, lower: index.lower, upper: index.upper }];
    }),
  );
}

/** An index with two decimals and a true minus sign. */
const index2 = (value: number) => (Math.abs(value) < 0.005 ? '0.00' : `${value < 0 ? '−' : ''}${Math.abs(value).toFixed(2)}`);

/** The Sobol rows whose estimate or lower bound falls below 0 (sampling error: an index is never negative), described. */
export function clippedSobolRows(result: SobolResult, output: number): string[] {
  return sobolRows(result, output)
    .filter((row) => row.estimate < 0 || row.lower < 0)
    .map((row) => `${row.label}, ${row.kind} ${index2(row.estimate)} (${index2(row.lower)} to ${index2(row.upper)})`);
}

/**
 * The Plot spec of Sobol bars for one output: per parameter, its first-order and total index with
 * bootstrap intervals, each labelled with its estimate and interval. An index cannot be negative:
 * estimates and bounds below 0 (sampling error) are drawn at 0, and the chart's caption lists
 * them with their actual values.
 *
 * @example
 * renderChart(sobolChart(result, { output: 0 }));
 */
export function sobolChart(result: SobolResult, { output = 0, width = 640 }: { output?: number; width?: number } = {}): Plot.PlotOptions {
  const rows = finiteRows(sobolRows(result, output), ['estimate', 'lower', 'upper']).map((row) => ({
    ...row,
    shown: Math.max(0, row.estimate),
    shownLower: Math.max(0, row.lower),
    text: `${index2(row.estimate)} (${index2(row.lower)} to ${index2(row.upper)})`,
  }));
  const labels = [...new Set(rows.map((row) => row.label))];
  const tick = parameterTick(width);
  const high = Math.max(1, ...rows.map((row) => row.upper));
  const clipped = clippedSobolRows(result, output);
  return {
    width,
    height: 46 * labels.length + 60,
    marginLeft: marginFor(labels.map(tick), 60, Math.round(width * 0.4)),
    marginRight: 130,
    x: { domain: [0, high], label: 'Sobol index (share of the output variance) →', grid: true },
    fy: { domain: labels, label: null, axis: 'left', tickFormat: tick },
    y: { domain: ['first order', 'total'], axis: null },
    color: { domain: ['first order', 'total'], range: [FIRST_ORDER_COLOR, TOTAL_COLOR], legend: true },
    ...(clipped.length === 0 ? {} : { caption: `Drawn at 0 (an index cannot be negative; below 0 is sampling error): ${clipped.join('; ')}.` }),
    marks: [
      Plot.barX(rows, { fy: 'label', y: 'kind', x: 'shown', fill: 'kind', fillOpacity: 0.75 }),
      Plot.ruleY(rows, { fy: 'label', y: 'kind', x1: 'shownLower', x2: 'upper', stroke: '#222', strokeWidth: 1.5 }),
      Plot.text(rows, { fy: 'label', y: 'kind', x: 'upper', text: 'text', textAnchor: 'start', dx: 5, fill: '#333' }),
      Plot.ruleX([0]),
    ],
  };
}
