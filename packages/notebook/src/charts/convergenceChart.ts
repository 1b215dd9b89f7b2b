/** Convergence: the running consensus estimate of each option as passes accumulate. */
import * as Plot from '@observablehq/plot';
import type { SimulationResult } from '@concert/core';
import { baselineOption, finiteRows, optionLabel, type ChartOptions } from './chartData.js';

/**
 * The Plot spec of the convergence chart: one line per option, the running consensus estimate
 * against passes done, ending on its final 95% interval; a pinned baseline's final estimate is a
 * dashed rule in the option's colour.
 */
export function convergenceChart(result: SimulationResult, options: ChartOptions = {}): Plot.PlotOptions {
  const { baseline, width = 640 } = options;
  const trace = result.convergence;
  const nameOf = new Map(result.options.map((option) => [option.id, optionLabel(option)]));
  const points = finiteRows(
    trace.options.flatMap((option) =>
      option.consensus.map((estimate, k) => ({ label: nameOf.get(option.id) ?? option.id, passes: trace.passes[k] ?? Number.NaN, estimate })),
    ),
    ['passes', 'estimate'],
  );
  const finals = finiteRows(
    result.options.map((option) => ({ label: optionLabel(option), passes: result.manifest.passes, ...option.consensus })),
    ['passes', 'estimate', 'lower', 'upper'],
  );
  const baseRules = finiteRows(
    result.options.map((option) => ({ label: optionLabel(option), estimate: baselineOption(baseline, option.id)?.consensus.estimate ?? null })),
    ['estimate'],
  );
  return {
    width,
    height: 300,
    marginRight: 20,
    x: { label: 'Passes done →', grid: true, tickFormat: ',d', domain: [0, result.manifest.passes] },
    y: { domain: [0, 1], label: '↑ Running consensus estimate', tickFormat: '.0%', grid: true },
    color: { type: 'categorical', scheme: 'tableau10', domain: result.options.map(optionLabel), legend: true },
    marks: [
      Plot.ruleY(baseRules, { y: 'estimate', stroke: 'label', strokeDasharray: '4,3', strokeOpacity: 0.7 }),
      Plot.line(points, { x: 'passes', y: 'estimate', stroke: 'label', strokeWidth: 1.5, tip: true }),
      Plot.ruleX(finals, { x: 'passes', y1: 'lower', y2: 'upper', stroke: 'label', strokeWidth: 4 }),
    ],
  };
}
