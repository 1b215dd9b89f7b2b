/** How much bargaining diluted each option: proposed firmness against the adopted text's firmness. */
import * as Plot from '@observablehq/plot';
import type { SimulationResult } from '@concert/core';
import { BASELINE_COLOR, CONSENSUS_COLOR, baselineOption, finiteRows, isFiniteNumber, marginFor, optionLabel, optionLabels, wrapLabel, type ChartOptions } from './chartData.js';

/**
 * The Plot spec of the dilution chart: for each option, an arrow from the proposed firmness to
 * the mean firmness of the adopted text (over passes with consensus), with its 5%-95% range; an
 * option never adopted is marked so. A pinned baseline's mean adopted firmness is a grey tick.
 */
export function dilutionChart(result: SimulationResult, options: ChartOptions = {}): Plot.PlotOptions {
  const { baseline, width = 640 } = options;
  const rows = result.options.map((option) => ({
    label: optionLabel(option),
    proposed: option.proposed.firmness,
    adopted: option.adoptedFirmness.mean,
    p05: option.adoptedFirmness.quantiles?.p05 ?? null,
    p95: option.adoptedFirmness.quantiles?.p95 ?? null,
    dilution: option.dilution,
  }));
  const adopted = finiteRows(rows, ['proposed', 'adopted', 'p05', 'p95', 'dilution']) as { label: string; proposed: number; adopted: number; p05: number; p95: number; dilution: number }[];
  const proposed = finiteRows(rows, ['proposed']);
  const never = proposed.filter((row) => !isFiniteNumber(row.adopted));
  const baseTicks = finiteRows(
    result.options.map((option) => ({ label: optionLabel(option), adopted: baselineOption(baseline, option.id)?.adoptedFirmness.mean ?? null })),
    ['adopted'],
  );
  const labels = optionLabels(result);
  return {
    width,
    height: 34 * labels.length + 50,
    marginLeft: marginFor(labels.map((label) => wrapLabel(label))),
    marginRight: 110,
    x: { domain: [0, 1], label: 'Firmness (0 normalization, 1 maximal confrontation) →', grid: true },
    y: { domain: labels, label: null, tickFormat: (label: string) => wrapLabel(label) },
    marks: [
      Plot.ruleY(adopted, { y: 'label', x1: 'p05', x2: 'p95', stroke: CONSENSUS_COLOR, strokeOpacity: 0.3, strokeWidth: 8 }),
      Plot.arrow(adopted, { y1: 'label', y2: 'label', x1: 'proposed', x2: 'adopted', stroke: CONSENSUS_COLOR, headLength: 6, bend: 0 }),
      Plot.dot(proposed, { y: 'label', x: 'proposed', stroke: '#222', fill: 'white', r: 4.5 }),
      Plot.dot(adopted, { y: 'label', x: 'adopted', fill: CONSENSUS_COLOR, r: 3.5 }),
      Plot.tickX(baseTicks, { y: 'label', x: 'adopted', stroke: BASELINE_COLOR, strokeWidth: 3, strokeDasharray: '3,2' }),
      Plot.text(adopted, { y: 'label', frameAnchor: 'right', dx: 106, textAnchor: 'end', text: (d: (typeof adopted)[number]) => `diluted ${Math.abs(d.dilution) < 0.0005 ? '0.000' : d.dilution.toFixed(3)}` }),
      Plot.text(never, { y: 'label', frameAnchor: 'right', dx: 106, textAnchor: 'end', text: () => 'never adopted', fill: '#999' }),
    ],
  };
}
