/**
 * Charts of the sensitivity section: a tornado (the change of a measure when each parameter moves
 * down and up, with 95% intervals of the paired differences) and Sobol bars (first-order and total
 * indices with bootstrap intervals).
 */
import * as Plot from '@observablehq/plot';
import { tornadoBars, type SensitivityMeasure, type SobolResult, type TornadoResult } from '@concert/core';
import { finiteRows, marginFor } from '../charts/chartData.js';

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
        text: `${bar.baseValue.toFixed(2)} → ${value.toFixed(2)}${clamped ? ' (clamped)' : ''}: ${points(move.estimate)}`,
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
  const reach = Math.max(0.005, ...rows.map((row) => Math.max(Math.abs(row.lower), Math.abs(row.upper))));
  return {
    width,
    height: 40 * labels.length + 60,
    marginLeft: marginFor(labels),
    x: { domain: [-reach, reach], label: `Change in ${measure} probability →`, tickFormat: '+.1%', grid: true },
    // One facet row per parameter, holding its two moves, so the bars never overlap.
    fy: { domain: labels, label: null, axis: 'left' },
    y: { domain: ['moved down', 'moved up'], axis: null },
    color: { domain: ['moved down', 'moved up'], range: [LOW_COLOR, HIGH_COLOR], legend: true },
    marks: [
      Plot.barX(rows, { fy: 'label', y: 'direction', x: 'change', fill: 'direction', fillOpacity: 0.8, title: 'text' }),
      Plot.ruleY(rows, { fy: 'label', y: 'direction', x1: 'lower', x2: 'upper', stroke: '#222', strokeWidth: 1.5 }),
      Plot.ruleX([0]),
    ],
  };
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

/**
 * The Plot spec of Sobol bars for one output: per parameter, its first-order and total index with
 * bootstrap intervals. Estimates can fall slightly below 0 or above 1 by sampling error.
 *
 * @example
 * renderChart(sobolChart(result, { output: 0 }));
 */
export function sobolChart(result: SobolResult, { output = 0, width = 640 }: { output?: number; width?: number } = {}): Plot.PlotOptions {
  const rows = finiteRows(sobolRows(result, output), ['estimate', 'lower', 'upper']);
  const labels = [...new Set(rows.map((row) => row.label))];
  const low = Math.min(0, ...rows.map((row) => row.lower));
  const high = Math.max(1, ...rows.map((row) => row.upper));
  return {
    width,
    height: 46 * labels.length + 60,
    marginLeft: marginFor(labels),
    x: { domain: [low, high], label: 'Sobol index (share of the output variance) →', grid: true },
    fy: { domain: labels, label: null, axis: 'left' },
    y: { domain: ['first order', 'total'], axis: null },
    color: { domain: ['first order', 'total'], range: [FIRST_ORDER_COLOR, TOTAL_COLOR], legend: true },
    marks: [
      Plot.barX(rows, { fy: 'label', y: 'kind', x: 'estimate', fill: 'kind', fillOpacity: 0.75 }),
      Plot.ruleY(rows, { fy: 'label', y: 'kind', x1: 'lower', x2: 'upper', stroke: '#222', strokeWidth: 1.5 }),
      Plot.ruleX([0]),
    ],
  };
}
