/** The trade-off between consensus and destabilization risk: one mark per option, intervals on both axes. */
import * as Plot from '@observablehq/plot';
import type { SimulationResult } from '@concert/core';
import { BASELINE_COLOR, baselineOption, finiteRows, labelWidth, optionLabel, wrapLabel, type ChartOptions } from './chartData.js';
import { linear, placeLabels, pointBox } from './labelPlacement.js';

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
  const height = Math.round(Math.max(width * 0.62, 280));
  const margin = { left: 44, right: 16, top: 30, bottom: 38 };
  const px = linear([0, riskMax], [margin.left, width - margin.right]);
  const py = linear([0, 1], [height - margin.bottom, margin.top]);
  const corner = { left: px.apply(0), top: py.apply(1), right: px.apply(Math.min(0.1, riskMax)), bottom: py.apply(0.8) };
  const cornerText = pointBox(corner.right - 48, corner.bottom - 10, 0);
  const obstacles = [...rows.map((row) => pointBox(px.apply(row.risk), py.apply(row.consensus), 7)), { left: cornerText.left - 46, top: cornerText.top - 8, right: cornerText.right + 46, bottom: cornerText.bottom + 8 }];
  const { placed, left } = placeLabels(
    rows.map((row) => ({ row, x: px.apply(row.risk), y: py.apply(row.consensus), width: labelWidth(row.label) + 6, height: 16 * row.label.split('\n').length + 4 })),
    { bounds: { left: margin.left, top: 0, right: width, bottom: height - margin.bottom }, obstacles, radii: [10, 18, 28, 42, 60, 84, 110] },
  );
  const labelRows = placed.map((label) => ({ label: label.row.label, x: px.invert(label.centerX), edge: px.invert(label.x), y: py.invert(label.y), leader: label.leader, fromX: label.row.risk, fromY: label.row.consensus }));
  return {
    width,
    height,
    marginTop: margin.top,
    marginRight: margin.right,
    marginLeft: margin.left,
    marginBottom: margin.bottom,
    x: { domain: [0, riskMax], label: 'Destabilization risk →', tickFormat: '.0%', grid: true },
    y: { domain: [0, 1], label: '↑ Consensus', tickFormat: '.0%', grid: true },
    color: { type: 'categorical', scheme: 'tableau10', domain: rows.map((row) => row.label) },
    ...(left.length === 0 ? {} : { caption: `Not labelled (no room beside their dots): ${left.map((row) => row.label.replaceAll('\n', ' ')).join(', ')}; point at a dot for its name.` }),
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
      // Labels where they overlap no other label and no dot; a leader line when pushed away.
      Plot.link(labelRows.filter((row) => row.leader), { x1: 'fromX', y1: 'fromY', x2: 'edge', y2: 'y', stroke: '#9aa3ad', strokeWidth: 0.8 }),
      // Each label centred on the box placeLabels found for it.
      Plot.text(labelRows, { x: 'x', y: 'y', text: 'label', textAnchor: 'middle', lineAnchor: 'middle', fontWeight: 600, stroke: 'white', strokeWidth: 3, paintOrder: 'stroke', fill: '#222' }),
    ],
  };
}
