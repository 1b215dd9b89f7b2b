/**
 * The answer first: in plain sentences and one compact chart, which option is most likely to be
 * adopted, which is viable, which is riskiest and who blocks, with 95% intervals; it follows
 * every result, and a live region announces each new one.
 */
import type { SimulationResult } from '@concert/core';
import { estimateText, percent } from '../charts/chartData.js';
import { headlineChart } from '../charts/headlineChart.js';
import { drawSoon } from '../charts/drawQueue.js';
import { chartWidth, describedChart, renderChart } from '../charts/renderChart.js';
import { el, replaceChildren, type Child } from '../dom.js';
import { headlineFacts, type HeadlineFacts, type Leader } from '../headline.js';
import type { NotebookApp, ResultsState } from '../notebookApp.js';
import { runIsOf } from '../notebookState.js';
import { term } from './glossary.js';

const tie = (leader: Leader): Child =>
  leader.tiedWith === null ? null : ` Tied with ${leader.tiedWith.name}, ${estimateText(leader.tiedWith.value)}: the intervals overlap, so this run cannot tell them apart.`;

/** The headline sentences of a result, as list items (text only). */
export function headlineSentences(facts: HeadlineFacts): HTMLLIElement[] {
  const { likeliest, viable, riskiest, blockers, blockersOf, mostBlocking } = facts;
  return [
    el('li', { 'data-fact': 'likeliest' }, el('strong', {}, 'Most likely adopted: '), `${likeliest.name}, ${estimateText(likeliest.value)} of `, term('passes'), '.', tie(likeliest)),
    el('li', { 'data-fact': 'viable' }, el('strong', {}, 'Most ', term('consensus without risk', 'viable'), ': '), `${viable.name}, ${estimateText(viable.value)}.`, tie(viable)),
    el('li', { 'data-fact': 'riskiest' }, el('strong', {}, 'Riskiest: '), `${riskiest.name}, `, term('risk', 'risk'), ` ${estimateText(riskiest.value)}.`, tie(riskiest)),
    el(
      'li',
      { 'data-fact': 'blockers' },
      el('strong', {}, 'Who blocks: '),
      blockers.length === 0 ? `nobody blocks ${blockersOf.name} (under 0.5%).` : `${blockersOf.name} is blocked by ${blockers.map((b) => `${b.name}, ${estimateText(b.rate)}`).join('; ')}.`,
      mostBlocking.length === 0
        ? ' No ally blocks any option in 0.5% of passes or more.'
        : ` Most often: ${mostBlocking.map((pair) => `${pair.name} blocks ${pair.option}, ${estimateText(pair.rate)}`).join('; ')}.`,
    ),
  ];
}

/** A one-sentence announcement of a new result, for the live region. */
export function announcement(result: SimulationResult, kind: string): string {
  const facts = headlineFacts(result);
  return `New ${kind} run of ${result.manifest.passes.toLocaleString('en-US')} passes: most likely ${facts.likeliest.name} at ${percent(facts.likeliest.value.estimate)}, most viable ${facts.viable.name} at ${percent(facts.viable.value.estimate)}, riskiest ${facts.riskiest.name} at ${percent(facts.riskiest.value.estimate)}.`;
}

/** The headline section; returns its element and a function that shows new results. */
export function headlineSection(app: NotebookApp) {
  const runNote = el('p', { class: 'run-note', 'data-field': 'headline-run' }, 'The first run is starting…');
  const facts = el('ul', { class: 'headline-facts', 'data-field': 'headline-facts' });
  const holder = el('div', { class: 'chart headline-chart', 'data-chart': 'headline' });
  const announcer = el('p', { class: 'visually-hidden', 'aria-live': 'polite', 'data-field': 'announce' });
  let shown: SimulationResult | null = null;
  let generation = 0;

  function draw(result: SimulationResult): void {
    const chart = renderChart(headlineChart(result, { width: chartWidth(holder, { minimum: 280, maximum: 560, fallback: 520 }) }));
    const leader = headlineFacts(result);
    holder.replaceChildren(
      ...describedChart(
        chart,
        'Headline: consensus, consensus without risk and risk of each option',
        `Dots are estimates, bars their 95% intervals: ${leader.likeliest.name} leads consensus, ${leader.viable.name} consensus without risk, ${leader.riskiest.name} risk.`,
        'headline-chart',
      ),
    );
  }

  function update(results: ResultsState): void {
    const { result, running, shown: run } = results;
    const state = app.state.get();
    const current = run !== null && runIsOf(run, state);
    runNote.textContent =
      result === null || run === null
        ? 'The first run is starting…'
        : `${run.kind === 'full' ? 'Full' : 'Quick'} run, ${result.manifest.passes.toLocaleString('en-US')} passes, seed ${String(result.manifest.seed)}.${running !== null ? ' Updating for your latest change…' : current ? '' : ' An earlier version of the scenario: a new run is on its way.'}`;
    if (result === null || result === shown) return;
    shown = result;
    replaceChildren(facts, ...headlineSentences(headlineFacts(result)));
    performance.mark('concert-headline', { detail: { passes: result.manifest.passes } });
    announcer.textContent = announcement(result, run?.kind ?? 'quick');
    // The chart in its own task after the next frame: the sentences show at once, and no task is long.
    const mine = ++generation;
    drawSoon('chart:headline', () => {
      if (mine !== generation) return;
      const started = performance.now();
      draw(result);
      performance.measure('concert-chart:headline', { start: started, end: performance.now() });
    });
    runNote.dataset.rendered = `${result.manifest.scenarioHash}/${result.manifest.passes}/${String(result.manifest.seed)}`;
  }

  const element = el(
    'section',
    { id: 'headline', class: 'cell headline', 'aria-labelledby': 'headline-title' },
    el('h2', { id: 'headline-title' }, 'The answer so far'),
    runNote,
    el('div', { class: 'headline-body' }, facts, el('figure', { class: 'headline-figure' }, holder)),
    announcer,
  );
  return { element, update };
}
