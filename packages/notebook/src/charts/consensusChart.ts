/** Consensus probability per option, with its 95% interval (and the baseline's estimate when pinned). */
import * as Plot from '@observablehq/plot';
import type { SimulationResult } from '@concert/core';
import { BASELINE_COLOR, CONSENSUS_COLOR, baselineOption, estimateText, finiteRows, marginFor, optionLabel, optionLabels, shortChangeText, wrapLabel, type ChartOptions } from './chartData.js';

/**
 * The Plot spec of the consensus chart: a bar per option, its Wilson interval as a rule, the
 * estimate and interval as text; a pinned baseline shows as a dark tick and, once the paired
 * comparison is done, the change with its 95% interval ("no clear change" when it contains 0).
 *
 * @example
 * document.body.append(Plot.plot(consensusChart(result)));
 */
export function consensusChart(result: SimulationResult, options: ChartOptions = {}): Plot.PlotOptions {
  const { baseline, comparison, width = 640 } = options;
  const rows = finiteRows(
    result.options.map((option) => ({ label: optionLabel(option), ...option.consensus })),
    ['estimate', 'lower', 'upper'],
  );
  // The change beside each bar comes from the paired comparison (with its interval), once done;
  // until then only the baseline's tick is drawn, never a difference of two independent runs.
  const baseRows = finiteRows(
    result.options.flatMap((option) => {
      const base = baselineOption(baseline, option.id);
      if (base === undefined) return [];
      const compared = comparison?.options.find((o) => o.id === option.id)?.consensus;
      return [{ label: optionLabel(option), estimate: base.consensus.estimate, change: compared === undefined ? '' : shortChangeText(compared.change) }];
    }),
    ['estimate'],
  );
  const labels = optionLabels(result);
  return {
    width,
    height: 34 * labels.length + 50,
    marginLeft: marginFor(labels.map((label) => wrapLabel(label))),
    marginRight: baseRows.length > 0 ? 250 : 130,
    x: { domain: [0, 1], label: 'Probability of consensus →', tickFormat: '.0%', grid: true },
    y: { domain: labels, label: null, tickFormat: (label: string) => wrapLabel(label) },
    marks: [
      Plot.barX(rows, { y: 'label', x: 'estimate', fill: CONSENSUS_COLOR, fillOpacity: 0.75 }),
      Plot.ruleY(rows, { y: 'label', x1: 'lower', x2: 'upper', stroke: '#1b3a5c', strokeWidth: 2 }),
      Plot.text(rows, { y: 'label', x: 'upper', text: (d: (typeof rows)[number]) => estimateText(d), textAnchor: 'start', dx: 5 }),
      Plot.tickX(baseRows, { y: 'label', x: 'estimate', stroke: BASELINE_COLOR, strokeWidth: 3, strokeDasharray: '3,2' }),
      Plot.text(baseRows, { y: 'label', frameAnchor: 'right', text: 'change', dx: 246, textAnchor: 'end', fill: BASELINE_COLOR }),
      Plot.ruleX([0]),
    ],
  };
}
