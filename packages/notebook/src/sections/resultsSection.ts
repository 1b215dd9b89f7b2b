/**
 * Results: a summary table and the six charts, each with its explanation and SVG/PNG downloads.
 * Charts are drawn one per frame (charts/drawQueue.ts), so the page stays responsive while a result is shown.
 */
import type * as Plot from '@observablehq/plot';
import type { ComparisonResult, SimulationResult } from '@concert/core';
import { blockersHeatmap } from '../charts/blockersHeatmap.js';
import { allyLabel, changeText, estimateText, isClearChange, isFiniteNumber, optionLabel, percent, type ChartOptions } from '../charts/chartData.js';
import { consensusChart } from '../charts/consensusChart.js';
import { convergenceChart } from '../charts/convergenceChart.js';
import { dilutionChart } from '../charts/dilutionChart.js';
import { signalChart } from '../charts/signalChart.js';
import { drawSoon } from '../charts/drawQueue.js';
import { chartWidth, describedChart, renderChart } from '../charts/renderChart.js';
import { tradeoffChart } from '../charts/tradeoffChart.js';
import { el, replaceChildren } from '../dom.js';
import { chartFileSvg, downloadPng, downloadSvg } from '../download.js';
import { comparisonOf, type NotebookApp, type ResultsState } from '../notebookApp.js';
import { button, section } from './controls.js';
import { glossaryNote, term } from './glossary.js';

/** A result chart of the notebook. */
export interface ResultChart {
  readonly id: string;
  readonly title: string;
  /** One sentence: what the chart shows. */
  readonly explanation: string;
  readonly spec: (result: SimulationResult, options: ChartOptions) => Plot.PlotOptions;
  /** A short text summary of what this result's chart shows (for the chart's description). */
  readonly summary: (result: SimulationResult, baseline: SimulationResult | null, comparison: ComparisonResult | null) => string;
  /** True for a chart that shows the paired comparison's changes: it is drawn again when the comparison is done. */
  readonly followsComparison?: boolean;
  /** The narrowest width it is drawn at (narrower holders scroll it). */
  readonly minimumWidth?: number;
}

const byMeasure = (result: SimulationResult, measure: (option: SimulationResult['options'][number]) => number) =>
  [...result.options].sort((a, b) => measure(b) - measure(a));

/** The result charts, in the order the page shows them. */
export const RESULT_CHARTS: readonly ResultChart[] = [
  {
    id: 'consensus',
    title: 'Consensus probability',
    explanation: 'How often each option, possibly amended by bargaining, is adopted by all allies, with its 95% interval (with a baseline pinned: its tick, and the change since it with the change’s 95% interval).',
    spec: consensusChart,
    followsComparison: true,
    summary: (result) => {
      const ranked = byMeasure(result, (o) => o.consensus.estimate);
      return `Highest: ${optionLabel(ranked[0]!)}, ${estimateText(ranked[0]!.consensus)}; lowest: ${optionLabel(ranked.at(-1)!)}, ${estimateText(ranked.at(-1)!.consensus)}.`;
    },
  },
  {
    id: 'tradeoff',
    title: 'Consensus against destabilization risk',
    explanation: 'Each option placed by how often it is adopted (up) and how often its signal exceeds Russia’s tolerance (right), with 95% intervals on both axes.',
    spec: tradeoffChart,
    summary: (result) => {
      const safe = result.options.filter((o) => o.consensus.estimate >= 0.8 && o.risk.estimate <= 0.1).map(optionLabel);
      return safe.length === 0 ? 'No option is in the likely-and-safe corner (consensus 80% or more, risk 10% or less).' : `In the likely-and-safe corner (consensus 80% or more, risk 10% or less): ${safe.join(', ')}.`;
    },
  },
  {
    id: 'blockers',
    title: 'Who blocks what',
    explanation: 'For each ally and option, the share of passes in which the ally still objects after bargaining and so blocks consensus (with a baseline pinned: the change in points since it, where the change is clear).',
    spec: blockersHeatmap,
    minimumWidth: 520,
    followsComparison: true,
    summary: (result, _baseline, comparison) => {
      const names = new Map(result.scenario.allies.map((ally) => [ally.id, allyLabel(ally)]));
      if (comparison !== null) {
        const clear = comparison.options.flatMap((option) => option.allies.filter((ally) => isClearChange(ally.blockerRate.change)).map((ally) => ({ option, ally, change: ally.blockerRate.change })));
        const largest = clear.sort((a, b) => Math.abs(b.change.estimate) - Math.abs(a.change.estimate))[0];
        return largest === undefined ? 'No clear change of any blocker rate since the baseline.' : `Largest clear change: ${names.get(largest.ally.id) ?? largest.ally.name} on ${largest.option.name}, ${changeText(largest.change)}.`;
      }
      const cells = result.options.flatMap((option) => option.allies.map((ally) => ({ option, ally, rate: ally.blockerRate.estimate })));
      const top = [...cells].sort((a, b) => b.rate - a.rate)[0];
      return top === undefined || top.rate < 0.005 ? 'No ally blocks any option in 0.5% of passes or more.' : `The most frequent block: ${names.get(top.ally.id)} on ${optionLabel(top.option)}, ${percent(top.rate)} of passes.`;
    },
  },
  {
    id: 'signal',
    title: 'Signal strength against the threshold',
    explanation: 'How strong a signal each option sends over all passes (the status quo’s when there is no consensus), against the median (red line) and 90% range (band) of Russia’s tolerance threshold.',
    spec: signalChart,
    summary: (result) => {
      const riskiest = byMeasure(result, (o) => o.risk.estimate)[0]!;
      return `Riskiest: ${optionLabel(riskiest)}, whose signal exceeds the threshold in ${estimateText(riskiest.risk)} of passes.`;
    },
  },
  {
    id: 'dilution',
    title: 'Dilution by bargaining',
    explanation: 'How far bargaining moves each option’s firmness: from the proposal (open dot) to the mean adopted text (filled dot), with the 5%–95% range of adopted texts.',
    spec: dilutionChart,
    summary: (result) => {
      const adopted = result.options.filter((o) => isFiniteNumber(o.dilution));
      if (adopted.length === 0) return 'No option is ever adopted.';
      const most = [...adopted].sort((a, b) => (b.dilution ?? 0) - (a.dilution ?? 0))[0]!;
      return `Most diluted: ${optionLabel(most)}, whose firmness drops by ${(most.dilution ?? 0).toFixed(3)} on average.`;
    },
  },
  {
    id: 'convergence',
    title: 'Convergence',
    explanation: 'The running consensus estimate of each option as passes accumulate, ending on its final 95% interval: flat lines mean enough passes.',
    spec: convergenceChart,
    summary: (result) => `Final estimates after ${result.manifest.passes.toLocaleString('en-US')} passes; options whose lines coincide are told apart by their dashes and end labels.`,
  },
];

export { estimateText } from '../charts/chartData.js';

/** The caption of a downloaded chart: scenario, seed and passes of the run it shows. */
export function runCaption(result: SimulationResult): string {
  return `${result.scenario.title} · seed ${String(result.manifest.seed)} · ${result.manifest.passes.toLocaleString('en-US')} passes · scenario ${result.manifest.scenarioHash.slice(0, 12)}`;
}

/** SVG and PNG download buttons for a chart; the files carry its title, legend and the run it shows. */
export function chartDownloads(id: string, title: string, chart: () => Element | null, caption: () => string): HTMLElement {
  const file = () => {
    const current = chart();
    return current === null ? null : chartFileSvg(current, { title, caption: caption() });
  };
  return el(
    'div',
    { class: 'downloads' },
    button('SVG', () => {
      const svg = file();
      if (svg !== null) downloadSvg(`concert-${id}.svg`, svg);
    }, { 'aria-label': `Download the ${title} chart as SVG`, 'data-download': `${id}.svg` }),
    button('PNG', () => {
      const svg = file();
      if (svg !== null) void downloadPng(`concert-${id}.png`, svg);
    }, { 'aria-label': `Download the ${title} chart as PNG`, 'data-download': `${id}.png` }),
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
      chartDownloads(chart.id, chart.title, () => holder.firstElementChild, () => (shown === null ? '' : runCaption(shown))),
    );
  });
  let shown: SimulationResult | null = null;
  let shownBaseline: SimulationResult | null = null;

  function renderSummary(result: SimulationResult): void {
    const quiet = { focusable: false };
    const head = el(
      'tr',
      {},
      el('th', {}, 'Option'),
      el('th', {}, term('consensus', 'Consensus', quiet)),
      el('th', {}, term('risk', 'Risk', quiet)),
      el('th', {}, term('consensus without risk', 'Consensus without risk', quiet)),
      el('th', {}, term('bargaining rounds', 'Mean rounds', quiet)),
      el('th', {}, term('dilution', 'Dilution', quiet)),
    );
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

  let shownComparison: ComparisonResult | null = null;
  /** The charts asked for and not drawn yet: each draws what is shown when its turn comes. */
  const waiting = new Set<ResultChart>();

  function update(results: ResultsState): void {
    const { result, baseline, timing, shown: shownRun } = results;
    const comparison = comparisonOf(results);
    if (result === null) return;
    if (result === shown && baseline === shownBaseline) {
      // The paired comparison finished (or was superseded): redraw only the charts that show it.
      if (comparison !== shownComparison) {
        shownComparison = comparison;
        drawCharts(RESULT_CHARTS.filter((chart) => chart.followsComparison === true));
      }
      return;
    }
    shown = result;
    shownBaseline = baseline;
    shownComparison = comparison;
    const { passes, seed } = result.manifest;
    status.textContent = `${shownRun?.kind === 'full' ? 'Full' : 'Quick'} run: ${passes.toLocaleString('en-US')} passes, seed ${String(seed)}${timing === null ? '' : `, ${Math.round(timing.workerMs)} ms in the worker`}.${baseline === null ? '' : ' Grey marks: the pinned baseline.'}`;
    renderSummary(result);
    drawCharts(RESULT_CHARTS);
  }

  /**
   * Draws charts one per frame, so no main-thread task is long. Each chart draws the result,
   * baseline and comparison shown when its turn comes, so a newer result supersedes an older one
   * mid-drawing (no chart shows the older one) and a chart still waiting is drawn once. The status
   * says what the charts show once none is waiting.
   */
  function drawCharts(charts: readonly ResultChart[]): void {
    for (const chart of charts) {
      waiting.add(chart);
      drawSoon(`chart:${chart.id}`, () => {
        waiting.delete(chart);
        if (shown === null) return;
        const [result, baseline, comparison] = [shown, shownBaseline, shownComparison];
        const width = chartWidth(holders.get('consensus')!, { minimum: 300 });
        const started = performance.now();
        const figure = renderChart(chart.spec(result, { baseline: baseline ?? undefined, comparison: comparison ?? undefined, width: Math.max(width, chart.minimumWidth ?? 0) }));
        holders.get(chart.id)!.replaceChildren(...describedChart(figure, chart.title, chart.summary(result, baseline, comparison), `chart-${chart.id}`));
        performance.measure(`concert-chart:${chart.id}`, { start: started, end: performance.now() });
        if (waiting.size > 0) return;
        const { passes, seed } = result.manifest;
        status.dataset.rendered = `${result.manifest.scenarioHash}/${passes}/${String(seed)}/${baseline === null ? '' : 'baseline'}`;
        status.dataset.comparison = comparison === null ? 'none' : `${comparison.manifest.currentHash}/${comparison.manifest.passes}`;
      });
    }
  }

  const element = section(
    'results',
    'Results in detail',
    'Estimates from the last run that finished; each has its 95% interval, which shrinks as passes grow. Change anything above and a quick run updates them.',
    status,
    el('div', { class: 'table-scroll' }, summary),
    ...cells,
    glossaryNote(['consensus', 'risk', 'consensus without risk', '95% interval', 'blocker rate', 'signal strength', 'threshold center', 'dilution', 'passes']),
  );
  return { element, update };
}
