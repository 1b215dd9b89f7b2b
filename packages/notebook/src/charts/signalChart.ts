/** Signal strength distribution per option, against Russia's uncertain tolerance threshold. */
import * as Plot from '@observablehq/plot';
import { HISTOGRAM_BINS, logit, sigmoid, type SimulationResult, type Uncertain } from '@concert/core';
import { BASELINE_COLOR, RISK_COLOR, baselineOption, finiteRows, marginFor, optionLabel, optionLabels, percent, wrapLabel, type ChartOptions } from './chartData.js';

/** The 5%, 50% and 95% quantiles of the threshold `sigmoid(logit(center) + uncertainty * z)`. */
export function thresholdQuantiles(threshold: Uncertain): { p05: number; p50: number; p95: number } {
  if (typeof threshold === 'number') return { p05: threshold, p50: threshold, p95: threshold };
  const center = logit(threshold.center);
  const spread = 1.6448536269514722 * threshold.uncertainty;
  return { p05: sigmoid(center - spread), p50: threshold.center, p95: sigmoid(center + spread) };
}

/**
 * The Plot spec of the signal chart: for each option (a row), the histogram of signal strength
 * over all passes (as shares of passes), the threshold's median as a red rule and its 90% range
 * as a band, and the risk in text. A pinned baseline's histogram is a grey step line.
 */
export function signalChart(result: SimulationResult, options: ChartOptions = {}): Plot.PlotOptions {
  const { baseline, width = 640 } = options;
  const binWidth = 1 / HISTOGRAM_BINS;
  const histogramRows = (histogram: readonly number[], label: string, passes: number) =>
    histogram.map((count, k) => ({ label, x1: k * binWidth, x2: (k + 1) * binWidth, share: count / passes }));
  const bars = finiteRows(
    result.options.flatMap((option) => histogramRows(option.signal.histogram, optionLabel(option), result.manifest.passes)),
    ['x1', 'x2', 'share'],
  );
  const baseSteps = finiteRows(
    result.options.flatMap((option) => {
      const base = baselineOption(baseline, option.id);
      if (base === undefined || baseline === undefined) return [];
      return histogramRows(base.signal.histogram, optionLabel(option), baseline.manifest.passes).flatMap((row) => [
        { label: row.label, x: row.x1, share: row.share },
        { label: row.label, x: row.x2, share: row.share },
      ]);
    }),
    ['x', 'share'],
  );
  const risks = finiteRows(result.options.map((option) => ({ label: optionLabel(option), risk: option.risk.estimate })), ['risk']);
  const threshold = thresholdQuantiles(result.scenario.signal.threshold);
  const labels = optionLabels(result);
  return {
    width,
    height: 64 * labels.length + 50,
    marginLeft: marginFor(labels.map((label) => wrapLabel(label))),
    marginRight: 80,
    x: { domain: [0, 1], label: 'Signal strength →', grid: true },
    y: { label: null, axis: null, type: 'sqrt' },
    fy: { domain: labels, label: null, axis: 'left', tickFormat: (label: string) => wrapLabel(label) },
    facet: { data: bars, y: 'label' },
    marks: [
      Plot.rectX([threshold], { x1: 'p05', x2: 'p95', fill: RISK_COLOR, fillOpacity: 0.08 }),
      Plot.rectY(bars, { x1: 'x1', x2: 'x2', y: 'share', fy: 'label', fill: '#5b6f86' }),
      Plot.line(baseSteps, { x: 'x', y: 'share', fy: 'label', stroke: BASELINE_COLOR, strokeWidth: 1.5 }),
      Plot.ruleX([threshold.p50], { stroke: RISK_COLOR, strokeWidth: 1.5 }),
      Plot.text(risks, { fy: 'label', frameAnchor: 'right', text: (d: (typeof risks)[number]) => `risk ${percent(d.risk)}`, dx: 76, textAnchor: 'end', fill: RISK_COLOR }),
      Plot.frame({ anchor: 'bottom' }),
    ],
  };
}
