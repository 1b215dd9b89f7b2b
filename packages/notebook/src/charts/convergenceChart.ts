/** Convergence: the running consensus estimate of each option as passes accumulate. */
import * as Plot from '@observablehq/plot';
import type { SimulationResult } from '@concert/core';
import { baselineOption, finiteRows, optionLabel, wrapLabel, type ChartOptions } from './chartData.js';
import { linear } from './labelPlacement.js';

/**
 * The Plot spec of the convergence chart: one line per option (each its own colour and dash
 * pattern), the running consensus estimate against passes done, ending on its final 95% interval
 * and its name; a pinned baseline's final estimate is a dashed rule in the option's colour.
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
  // Options whose lines coincide (often several at 0% or 100%) are told apart by their dashes
  // and by end labels, moved apart vertically so that none overlaps another.
  const names = result.options.map(optionLabel);
  const labelRoom = Math.round(width * (width < 560 ? 0.42 : 0.3));
  const wrap = Math.max(10, Math.floor((labelRoom - 14) / 7.6));
  const lineHeight = 13;
  const wrapped = finals.map((final) => ({ final, label: wrapLabel(final.label, wrap) }));
  const linesNeeded = wrapped.reduce((sum, entry) => sum + entry.label.split('\n').length, 0);
  const margin = { top: 20, bottom: 38 };
  const height = Math.max(300, linesNeeded * lineHeight + wrapped.length * 4 + margin.top + margin.bottom + 8);
  const py = linear([0, 1], [height - margin.bottom, margin.top]);
  const ends = dodge(
    wrapped.map(({ final, label }) => ({ label, name: final.label, y: py.apply(final.estimate), lines: label.split('\n').length })),
    { top: margin.top, bottom: height - margin.bottom, lineHeight },
  ).map((end) => ({ ...end, estimate: py.invert(end.y) }));
  return {
    width,
    height,
    marginTop: margin.top,
    marginBottom: margin.bottom,
    marginRight: labelRoom,
    x: { label: 'Passes done →', grid: true, tickFormat: ',d', domain: [0, result.manifest.passes], ticks: width < 480 ? 3 : 6 },
    y: { domain: [0, 1], label: '↑ Running consensus estimate', tickFormat: '.0%', grid: true },
    color: { type: 'categorical', scheme: 'tableau10', domain: names },
    marks: [
      Plot.ruleY(baseRules, { y: 'estimate', stroke: 'label', strokeDasharray: '4,3', strokeOpacity: 0.7 }),
      ...names.map((name, k) =>
        Plot.line(
          points.filter((point) => point.label === name),
          { x: 'passes', y: 'estimate', stroke: 'label', strokeWidth: 2, strokeDasharray: DASHES[k % DASHES.length]!, tip: true },
        ),
      ),
      Plot.ruleX(finals, { x: 'passes', y1: 'lower', y2: 'upper', stroke: 'label', strokeWidth: 4 }),
      Plot.text(ends, { x: result.manifest.passes, y: 'estimate', text: 'label', fill: 'name', textAnchor: 'start', lineAnchor: 'middle', dx: 8, fontWeight: 600, lineHeight: lineHeight / 12 }),
    ],
  };
}

/** Dash patterns of the convergence lines, one per option in turn (solid first). */
export const DASHES = ['none', '8,4', '2,3', '10,3,2,3', '4,4', '1,5', '12,6', '6,2,2,2,2,2'];

/**
 * Moves labels apart vertically (pixels) so that none overlaps another, keeping their order and
 * staying within `[top, bottom]` when they fit.
 *
 * @example
 * dodge([{ y: 100, lines: 1 }, { y: 102, lines: 1 }], { top: 0, bottom: 300, lineHeight: 14 }).map((l) => l.y); // => [100, 118]
 */
export function dodge<T extends { y: number; lines: number }>(labels: readonly T[], { top, bottom, lineHeight }: { top: number; bottom: number; lineHeight: number }): T[] {
  const sorted = [...labels].sort((a, b) => a.y - b.y).map((label) => ({ ...label }));
  // A text box is a little taller than its lines (ascent and descent): 4 px of air between labels.
  const half = (label: T) => (label.lines * lineHeight + 4) / 2;
  const pushDown = () => {
    sorted.forEach((label, k) => {
      const floor = k === 0 ? top + half(label) : sorted[k - 1]!.y + half(sorted[k - 1]!) + half(label);
      if (label.y < floor) label.y = floor;
    });
  };
  // Down from the top; if that runs past the bottom, up from the bottom; if the labels do not fit
  // at all, down again (they then overflow at the bottom but never overlap).
  pushDown();
  for (let k = sorted.length - 1; k >= 0; k--) {
    const label = sorted[k]!;
    const ceiling = k === sorted.length - 1 ? bottom - half(label) : sorted[k + 1]!.y - half(sorted[k + 1]!) - half(label);
    if (label.y > ceiling) label.y = ceiling;
  }
  if (sorted.length > 0 && sorted[0]!.y < top + half(sorted[0]!)) pushDown();
  return sorted;
}
