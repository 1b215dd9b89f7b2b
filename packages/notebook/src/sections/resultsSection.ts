/**
 * Results: a summary table and the six charts, each with its explanation and SVG/PNG downloads.
 * Charts are drawn one per task, so the page stays responsive while a result is shown.
 */
import type * as Plot from '@observablehq/plot';
import type { Estimate, SimulationResult } from '@concert/core';
import { blockersHeatmap } from '../charts/blockersHeatmap.js';
import { isFiniteNumber, optionLabel, type ChartOptions } from '../charts/chartData.js';
import { consensusChart } from '../charts/consensusChart.js';
import { convergenceChart } from '../charts/convergenceChart.js';
import { dilutionChart } from '../charts/dilutionChart.js';
import { signalChart } from '../charts/signalChart.js';
import { renderChart } from '../charts/renderChart.js';
import { tradeoffChart } from '../charts/tradeoffChart.js';
import { el, replaceChildren } from '../dom.js';
import { downloadPng, downloadSvg, mainSvg } from '../download.js';
import type { NotebookApp, ResultsState } from '../notebookApp.js';
import { button, section } from './controls.js';

/** A result chart of the notebook. */
export interface ResultChart {
  readonly id: string;
  readonly title: string;
  readonly explanation: string;
  readonly spec: (result: SimulationResult, options: ChartOptions) => Plot.PlotOptions;
}

/** The result charts, in the order the page shows them. */
export const RESULT_CHARTS: readonly ResultChart[] = [
  { id: 'consensus', title: 'Consensus probability', explanation: 'The share of passes in which the option, possibly amended by bargaining, is adopted by all allies, with its 95% interval.', spec: consensusChart },
  { id: 'tradeoff', title: 'Consensus against destabilization risk', explanation: 'Up is more likely to be adopted, right is riskier: the chance that the signal sent exceeds Russia’s tolerance. Bars are 95% intervals on both axes.', spec: tradeoffChart },
  { id: 'blockers', title: 'Who blocks what', explanation: 'The share of passes (in percent) in which each ally still objects after bargaining and so blocks consensus on the option. With a baseline pinned, cells show the change in points.', spec: blockersHeatmap },
  { id: 'signal', title: 'Signal strength against the threshold', explanation: 'How strong a signal each option sends over all passes (the status quo’s when there is no consensus). The red line is the median of Russia’s tolerance threshold, the band its 90% range.', spec: signalChart },
  { id: 'dilution', title: 'Dilution by bargaining', explanation: 'From the proposed firmness (open dot) to the mean firmness of the adopted text (filled dot), with the 5%–95% range of adopted texts.', spec: dilutionChart },
  { id: 'convergence', title: 'Convergence', explanation: 'The running consensus estimate as passes accumulate; the thick bar at the end is the final 95% interval. Flat lines mean enough passes.', spec: convergenceChart },
];

/**
 * An estimate as text: `61.2% (60.1–62.3%)`.
 *
 * @example
 * estimateText({ estimate: 0.612, lower: 0.601, upper: 0.623 }); // => '61.2% (60.1–62.3%)'
 */
export function estimateText(value: Estimate): string {
  const p = (x: number) => (x * 100).toFixed(1);
  return `${p(value.estimate)}% (${p(value.lower)}–${p(value.upper)}%)`;
}

/** SVG and PNG download buttons for a chart. */
export function chartDownloads(id: string, chart: () => Element | null): HTMLElement {
  const svgOf = () => {
    const current = chart();
    return current === null ? null : mainSvg(current);
  };
  return el(
    'div',
    { class: 'downloads' },
    button('SVG', () => {
      const svg = svgOf();
      if (svg !== null) downloadSvg(`concert-${id}.svg`, svg);
    }, { 'aria-label': `Download the ${id} chart as SVG` }),
    button('PNG', () => {
      const svg = svgOf();
      if (svg !== null) void downloadPng(`concert-${id}.png`, svg);
    }, { 'aria-label': `Download the ${id} chart as PNG` }),
  );
}

/** The results section; returns its element and a function that shows new results. */
export function resultsSection(_app: NotebookApp) {
  const status = el('p', { class: 'run-status', 'data-field': 'result-status' }, 'No result yet: the first run is starting.');
  const summary = el('table', { class: 'summary', 'data-field': 'summary' });
  const holders = new Map<string, HTMLElement>();
  const cells = RESULT_CHARTS.map((chart) => {
    const holder = el('div', { class: 'chart', 'data-chart': chart.id });
    holders.set(chart.id, holder);
    return el(
      'figure',
      { class: 'chart-cell', id: `chart-${chart.id}` },
      el('h3', {}, chart.title),
      el('p', { class: 'explain' }, chart.explanation),
      holder,
      chartDownloads(chart.id, () => holder.firstElementChild),
    );
  });
  let generation = 0;
  let shown: SimulationResult | null = null;
  let shownBaseline: SimulationResult | null = null;

  function renderSummary(result: SimulationResult): void {
    const head = el('tr', {}, ...['Option', 'Consensus', 'Risk', 'Consensus without risk', 'Mean rounds', 'Dilution'].map((h) => el('th', {}, h)));
    const rows = result.options.map((option) =>
      el(
        'tr',
        { 'data-option': option.id },
        el('th', { scope: 'row' }, optionLabel(option)),
        el('td', { 'data-measure': 'consensus' }, estimateText(option.consensus)),
        el('td', { 'data-measure': 'risk' }, estimateText(option.risk)),
        el('td', { 'data-measure': 'viability' }, estimateText(option.viability)),
        el('td', {}, isFiniteNumber(option.meanRounds) ? option.meanRounds.toFixed(2) : '–'),
        el('td', {}, isFiniteNumber(option.dilution) ? (Math.abs(option.dilution) < 0.0005 ? '0.000' : option.dilution.toFixed(3)) : 'never adopted'),
      ),
    );
    replaceChildren(summary, el('thead', {}, head), el('tbody', {}, ...rows));
  }

  function update(results: ResultsState): void {
    const { result, baseline, timing, shown: shownRun } = results;
    if (result === null || (result === shown && baseline === shownBaseline)) return;
    shown = result;
    shownBaseline = baseline;
    const { passes, seed } = result.manifest;
    status.textContent = `${shownRun?.kind === 'full' ? 'Full' : 'Quick'} run: ${passes.toLocaleString('en-US')} passes, seed ${String(seed)}${timing === null ? '' : `, ${Math.round(timing.workerMs)} ms in the worker`}.${baseline === null ? '' : ' Grey marks: the pinned baseline.'}`;
    renderSummary(result);
    const mine = ++generation;
    const width = Math.min(880, Math.max(360, (cells[0]?.clientWidth ?? 880) - 8));
    // One chart per task: no long main-thread task, and a newer result supersedes the rest.
    RESULT_CHARTS.forEach((chart, k) => {
      setTimeout(() => {
        if (mine !== generation) return;
        const started = performance.now();
        const figure = renderChart(chart.spec(result, { baseline: baseline ?? undefined, width }));
        holders.get(chart.id)!.replaceChildren(figure);
        performance.measure(`concert-chart:${chart.id}`, { start: started, end: performance.now() });
        if (k === RESULT_CHARTS.length - 1) status.dataset.rendered = `${result.manifest.scenarioHash}/${passes}/${String(seed)}/${baseline === null ? '' : 'baseline'}`;
      }, 0);
    });
  }

  const element = section(
    'results',
    'Results',
    'Estimates from the last run that finished; each has its 95% interval, which shrinks as passes grow. Change anything above and a quick run updates them.',
    status,
    el('div', { class: 'table-scroll' }, summary),
    ...cells,
  );
  return { element, update };
}
