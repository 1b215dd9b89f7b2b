/** The headline chart: per option, consensus, consensus without risk and risk, each with its 95% interval, in one compact row. */
import * as Plot from '@observablehq/plot';
import type { SimulationResult } from '@concert/core';
import { CONSENSUS_COLOR, RISK_COLOR, VIABLE_COLOR, finiteRows, optionLabel, optionLabels } from './chartData.js';

/** The three measures of the headline chart, in the words of the page. */
export const HEADLINE_MEASURES = ['consensus', 'consensus without risk', 'risk'] as const;

/**
 * The Plot spec of the headline chart: one row per option, its name on top and below it a dot
 * and an interval for each of consensus, consensus without risk (viability) and destabilization
 * risk, on their own lines so they never hide each other.
 *
 * @example
 * renderChart(headlineChart(result, { width: 360 }));
 */
export function headlineChart(result: SimulationResult, { width = 520 }: { width?: number } = {}): Plot.PlotOptions {
  const rows = finiteRows(
    result.options.flatMap((option) =>
      (
        [
          ['consensus', option.consensus],
          ['consensus without risk', option.viability],
          ['risk', option.risk],
        ] as const
      ).map(([measure, value]) => ({ label: optionLabel(option), measure, estimate: value.estimate, lower: value.lower, upper: value.upper })),
    ),
    ['estimate', 'lower', 'upper'],
  );
  const labels = optionLabels(result);
  // Each option's name on its own line above its three measures, so long names never collide.
  const characters = Math.max(12, Math.floor((width - 24) / 7.2));
  const short = (label: string) => (label.length <= characters ? label : `${label.slice(0, characters - 1).trimEnd()}…`);
  const names = labels.map((label) => ({ label, name: short(label), band: 'name' }));
  return {
    width,
    height: 52 * labels.length + 40,
    marginLeft: 12,
    marginRight: 22,
    marginTop: 4,
    x: { domain: [0, 1], label: 'Share of passes →', tickFormat: '.0%', grid: true, ticks: width < 480 ? 4 : 10 },
    fy: { domain: labels, axis: null, padding: 0.1 },
    y: { domain: ['name', ...HEADLINE_MEASURES], axis: null, padding: 0.1 },
    color: { domain: [...HEADLINE_MEASURES], range: [CONSENSUS_COLOR, VIABLE_COLOR, RISK_COLOR], legend: true },
    marks: [
      Plot.text(names, { fy: 'label', y: 'band', frameAnchor: 'left', text: 'name', fontWeight: 600, fill: '#1d2330', title: 'label' }),
      Plot.ruleY(rows, { fy: 'label', y: 'measure', x1: 'lower', x2: 'upper', stroke: 'measure', strokeWidth: 3 }),
      Plot.dot(rows, { fy: 'label', y: 'measure', x: 'estimate', fill: 'measure', r: 3.5, channels: { option: 'label', from: 'lower', to: 'upper' }, tip: { format: { fill: true, x: '.1%', y: false, fy: false, option: true, from: '.1%', to: '.1%' } } }),
    ],
  };
}
