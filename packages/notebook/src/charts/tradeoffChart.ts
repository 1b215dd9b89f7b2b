/** The trade-off between consensus and destabilization risk: one mark per option, intervals on both axes. */
import * as Plot from '@observablehq/plot';
import type { SimulationResult } from '@concert/core';
import { BASELINE_COLOR, baselineOption, clusterLabels, finiteRows, labelWidth, optionLabel, wrapLabel, type ChartOptions } from './chartData.js';

/**
 * The Plot spec of the trade-off chart: risk on x, consensus on y, each with its 95% interval; a
 * pinned baseline shows as hollow grey dots with an arrow to where each option moved.
 */
export function tradeoffChart(result: SimulationResult, options: ChartOptions = {}): Plot.PlotOptions {
  const { baseline, width = 640 } = options;
  const rows = finiteRows(
    result.options.map((option) => ({
      label: wrapLabel(optionLabel(option), 26),
      risk: option.risk.estimate,
      riskLower: option.risk.lower,
      riskUpper: option.risk.upper,
      consensus: option.consensus.estimate,
      consensusLower: option.consensus.lower,
      consensusUpper: option.consensus.upper,
    })),
    ['risk', 'riskLower', 'riskUpper', 'consensus', 'consensusLower', 'consensusUpper'],
  );
  const moves = finiteRows(
    result.options.flatMap((option) => {
      const base = baselineOption(baseline, option.id);
      return base === undefined
        ? []
        : [{ label: optionLabel(option), x1: base.risk.estimate, y1: base.consensus.estimate, x2: option.risk.estimate, y2: option.consensus.estimate }];
    }),
    ['x1', 'y1', 'x2', 'y2'],
  );
  // Risk is often small: the x axis stops at the next tenth above the largest interval.
  const riskMax = Math.min(1, Math.ceil((Math.max(0, ...rows.map((row) => row.riskUpper), ...moves.map((move) => move.x1)) + 0.03) * 10) / 10);
  const height = Math.round(width * 0.62);
  const plotWidth = width - 60;
  const labels = clusterLabels(rows, (row) => ({ x: (row.risk / riskMax) * plotWidth, y: row.consensus * (height - 60) }));
  const fitsRight = (row: (typeof labels)[number]) => (row.risk / riskMax) * plotWidth + 9 + labelWidth(row.label) <= plotWidth + 15;
  return {
    width,
    height,
    marginTop: 30,
    marginRight: 20,
    x: { domain: [0, riskMax], label: 'Destabilization risk →', tickFormat: '.0%', grid: true },
    y: { domain: [0, 1], label: '↑ Consensus', tickFormat: '.0%', grid: true },
    color: { type: 'categorical', scheme: 'tableau10', domain: rows.map((row) => row.label) },
    marks: [
      Plot.rect([{}], { x1: 0, x2: Math.min(0.1, riskMax), y1: 0.8, y2: 1, fill: '#e8f3e8' }),
      Plot.text([{}], { x: Math.min(0.1, riskMax), y: 0.8, text: () => 'likely and safe', textAnchor: 'end', lineAnchor: 'bottom', dx: -4, dy: -3, fill: '#4a7a4a' }),
      Plot.arrow(moves, { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', stroke: BASELINE_COLOR, strokeDasharray: '4,3', inset: 5 }),
      Plot.dot(moves, { x: 'x1', y: 'y1', stroke: BASELINE_COLOR, r: 5 }),
      Plot.ruleX(rows, { x: 'risk', y1: 'consensusLower', y2: 'consensusUpper', stroke: 'label', strokeWidth: 2 }),
      Plot.ruleY(rows, { y: 'consensus', x1: 'riskLower', x2: 'riskUpper', stroke: 'label', strokeWidth: 2 }),
      Plot.dot(rows, {
        x: 'risk',
        y: 'consensus',
        fill: 'label',
        r: 6,
        stroke: 'white',
        tip: true,
        channels: { option: 'label', consensus: 'consensus', risk: 'risk' },
      }),
      // Labels above right of their dot; below it near the top, left of it near the right edge.
      ...[true, false].flatMap((right) =>
        [true, false].map((above) =>
          Plot.text(
            labels.filter((row) => fitsRight(row) === right && (row.consensus <= 0.9) === above),
            { x: 'risk', y: 'consensus', text: 'label', dx: right ? 9 : -9, dy: above ? -9 : 9, lineAnchor: above ? 'bottom' : 'top', textAnchor: right ? 'start' : 'end', fontWeight: 600, stroke: 'white', strokeWidth: 3, paintOrder: 'stroke', fill: '#222' },
          ),
        ),
      ),
    ],
  };
}
