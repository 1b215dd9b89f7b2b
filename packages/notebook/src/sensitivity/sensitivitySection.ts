/**
 * The sensitivity section: whom to talk to and which assumptions matter. A tornado of every
 * ally's stance centers and solidarity cost and every event's probability; Sobol indices over the
 * tornado's most influential parameters; and the conditions under which the option fails, in
 * words. Analyses run in their own worker, on the notebook's seed, so the CLI reproduces them.
 *
 * Self-contained: `sensitivitySection(app)` returns the section's element and follows the
 * notebook's state by itself; place the element in the page.
 */
import { formatProblem, sobolFromTornado, type DiscoveryResult, type Scenario, type SensitivityMeasure, type SobolResult, type TornadoResult } from '@concert/core';
import { optionLabel } from '../charts/chartData.js';
import { chartWidth, describedChart, renderChart } from '../charts/renderChart.js';
import { el, replaceChildren } from '../dom.js';
import type { NotebookApp } from '../notebookApp.js';
import { effectiveScenario } from '../notebookState.js';
import { button, section } from '../sections/controls.js';
import { glossaryNote, term } from '../sections/glossary.js';
import { sensitivityTargetOf } from './sensitivityTarget.js';
import { sobolChart, sobolSummary, tornadoChart, tornadoSteps, tornadoSummary } from './sensitivityCharts.js';
import { JobClient, type WorkerLike } from '../workers/jobClient.js';
import type { SensitivityJob, SensitivityOutcome } from './sensitivityProtocol.js';

/** The sensitivity worker as the section sees it (a real module worker, or a fake in tests). */
export type SensitivityWorker = WorkerLike<SensitivityJob, SensitivityOutcome>;

/** Settings of {@link sensitivitySection}. */
export interface SensitivitySectionOptions {
  /** Creates the worker on the first analysis. Default: a module worker running sensitivityWorker.ts. */
  readonly createWorker?: () => SensitivityWorker;
  /** Passes per tornado point to start with. Default 2,000. */
  readonly passes?: number;
}

const MEASURES: readonly SensitivityMeasure[] = ['consensus', 'risk', 'viability'];

/** How the tornado chose its steps, in words (the rule of `tornadoSteps.ts` in the core). */
function stepRuleWords(result: TornadoResult): string {
  if (result.manifest.stepRule === 'absolute') return `by the same step of ${result.manifest.step}`;
  return `by a step on its own scale (an uncertain stance center by half its uncertainty on the logit scale, a solidarity cost or the maximum drift by a quarter of its value, a probability or a plain number by ${result.manifest.step})`;
}
const MEASURE_WORDS: Record<SensitivityMeasure, string> = { consensus: 'consensus', risk: 'destabilization risk', viability: 'consensus without risk' };

/**
 * The sensitivity section of the notebook.
 *
 * @example
 * const { element } = sensitivitySection(app);
 * page.append(element);
 */
export function sensitivitySection(app: NotebookApp, options: SensitivitySectionOptions = {}) {
  const { createWorker = () => new Worker(new URL('./sensitivityWorker.ts', import.meta.url), { type: 'module' }) as unknown as SensitivityWorker, passes: initialPasses = 2000 } = options;
  let tornado: { result: TornadoResult; scenario: Scenario } | null = null;
  let sobol: { result: SobolResult; scenario: Scenario } | null = null;
  let discovery: { result: DiscoveryResult; scenario: Scenario } | null = null;

  const optionSelect = el('select', { 'aria-label': 'Option', 'data-field': 'sensitivity-option' });
  const measureSelect = el('select', { 'aria-label': 'Measure', 'data-field': 'sensitivity-measure' }, ...MEASURES.map((m) => el('option', { value: m }, MEASURE_WORDS[m])));
  const passesInput = el('input', { type: 'number', min: 100, max: 100000, step: 100, value: initialPasses, 'aria-label': 'Passes per point', 'data-field': 'sensitivity-passes' });
  const status = el('span', { class: 'muted', 'data-field': 'sensitivity-status' }, 'No analysis run yet.');
  const tornadoHolder = el('div', { class: 'chart-cell', 'data-field': 'sensitivity-tornado-chart' });
  const sobolHolder = el('div', { class: 'chart-cell', 'data-field': 'sensitivity-sobol-chart' });
  const discoveryHolder = el('div', { class: 'chart-cell', 'data-field': 'sensitivity-discovery' });

  const scenarioNow = () => effectiveScenario(app.state.get());
  /** Charts are drawn at their holder's width (never scaled down, so their text keeps its 12 px); a phone gets at least 340 px and scrolls. */
  const widthOf = (holder: HTMLElement) => chartWidth(holder, { minimum: 340, maximum: 880, fallback: 640 });
  const chosenOption = () => optionSelect.value;
  const chosenMeasure = () => measureSelect.value as SensitivityMeasure;
  const passes = () => {
    const value = Math.round(Number(passesInput.value));
    return Number.isFinite(value) ? Math.min(100_000, Math.max(100, value)) : initialPasses;
  };
  const stale = (scenario: Scenario) => (scenario === scenarioNow() ? '' : ' (computed for an earlier version of the scenario: run it again)');

  const jobs = new JobClient<SensitivityJob, SensitivityOutcome, { readonly what: string; readonly scenario: Scenario }>(createWorker, {
    onProgress: ({ info }, done, of) => {
      status.textContent = `${info.what}… ${Math.round((done / of) * 100)}%`;
    },
    onOutcome: ({ info }, outcome, timing) => {
      if (outcome.type === 'tornado') tornado = { result: outcome.result, scenario: info.scenario };
      else if (outcome.type === 'sobol') sobol = { result: outcome.result, scenario: info.scenario };
      else discovery = { result: outcome.result, scenario: info.scenario };
      status.textContent = `Done in ${(timing.workerMs / 1000).toFixed(1)} s.`;
      showButtons();
      show();
    },
    onProblems: (_job, problems) => {
      status.textContent = 'The analysis could not run.';
      app.showProblems('The sensitivity analysis could not run:', problems.map(formatProblem));
      showButtons();
    },
    onIdle: () => {
      status.textContent = 'Cancelled.';
      showButtons();
    },
  });

  function start(job: SensitivityJob, what: string): void {
    status.textContent = `${what}…`;
    jobs.start(job, { what, scenario: job.scenario });
    showButtons();
  }

  function showButtons(): void {
    cancelButton.disabled = jobs.current === null;
    sobolButton.disabled = tornado === null || !tornado.result.options.some((o) => o.id === chosenOption());
  }

  function show(): void {
    const option = chosenOption();
    const measure = chosenMeasure();
    if (tornado === null) replaceChildren(tornadoHolder, el('p', { class: 'muted' }, 'Run the tornado to see which parameters move this option most.'));
    else {
      const { result, scenario } = tornado;
      const label = optionLabel(result.options.find((o) => o.id === option) ?? { id: option });
      replaceChildren(
        tornadoHolder,
        el('h3', {}, `Tornado: ${MEASURE_WORDS[measure]} of ${label}`),
        el('p', { class: 'explain', 'data-field': 'sensitivity-tornado-explain' }, `This chart shows how much the ${MEASURE_WORDS[measure]} of ${label} changes when each parameter moves down (purple) and up (green) ${stepRuleWords(result)}, largest change on top, with the `, term('interval of a change', '95% interval of each change'), ` (black line). All moves use the same ${result.manifest.passes.toLocaleString('en-US')} passes (seed ${String(result.manifest.seed)}), so the changes are not noise from different draws.${stale(scenario)}`),
        result.options.some((o) => o.id === option)
          ? el(
              'div',
              {},
              el('div', { class: 'chart', 'data-chart': 'sensitivity-tornado' }, ...describedChart(renderChart(tornadoChart(result, { option, measure, width: widthOf(tornadoHolder) })), `Tornado: ${MEASURE_WORDS[measure]} of ${label}`, tornadoSummary(result, option, measure, scenario), 'sensitivity-tornado')),
              el('details', { 'data-field': 'sensitivity-steps' }, el('summary', {}, 'The step of each parameter'), el('ul', {}, ...tornadoSteps(result, option, measure, 12, scenario).map((text) => el('li', {}, text)))),
            )
          : el('p', { class: 'muted' }, 'This option was not in the last tornado; run it again.'),
      );
    }
    if (sobol === null) replaceChildren(sobolHolder, el('p', { class: 'muted' }, 'After a tornado, Sobol indices split the variance of the measure among its four most influential parameters.'));
    else {
      const { result, scenario } = sobol;
      const output = result.outputs[0]!;
      const noise = output.noiseShare === null ? 'the measure does not vary over these ranges, so it has no indices' : `inner Monte Carlo noise is about ${(output.noiseShare * 100).toFixed(0)}% of its variance`;
      const name = optionLabel(scenario.options.find((o) => o.id === output.option) ?? { id: output.option });
      replaceChildren(
        sobolHolder,
        el('h3', {}, `Sobol indices: ${MEASURE_WORDS[output.measure]} of ${name}`),
        el(
          'p',
          { class: 'explain' },
          `This chart shows how the variance of the ${MEASURE_WORDS[output.measure]} of ${name} splits among the parameters when each ranges over the values the tornado tried: `,
          term('first order'),
          ' (blue) is the share a parameter explains alone, ',
          term('total'),
          ' (orange) alone or with others; lines are ',
          term('bootstrap'),
          ` ${Math.round(result.manifest.confidence * 100)}% intervals. ${result.manifest.points} design points of ${result.manifest.innerPasses} passes; ${noise}.${stale(scenario)}`,
        ),
        output.noiseShare === null
          ? null
          : el('div', { class: 'chart', 'data-chart': 'sensitivity-sobol' }, ...describedChart(renderChart(sobolChart(result, { width: widthOf(sobolHolder) })), `Sobol indices: ${MEASURE_WORDS[output.measure]} of ${name}`, sobolSummary(result), 'sensitivity-sobol')),
      );
    }
    if (discovery === null) replaceChildren(discoveryHolder, el('p', { class: 'muted' }, 'Drivers of failure: the few conditions under which this option fails, found in the passes themselves.'));
    else {
      const { result, scenario } = discovery;
      const { box } = result;
      replaceChildren(
        discoveryHolder,
        el('h3', {}, 'Drivers'),
        el('p', { 'data-field': 'sensitivity-summary' }, result.summary + stale(scenario)),
        box.conditions.length === 0 ? null : el('ul', {}, ...box.conditions.map((condition) => el('li', {}, condition.text))),
        el('p', { class: 'muted' }, term('coverage', 'Coverage'), ` ${(box.coverage * 100).toFixed(0)}%: the share of all the cases that fall inside these conditions. `, term('density', 'Density'), ` ${(box.density * 100).toFixed(0)}%: the share of passes inside them in which it happens (against ${(result.baseRate * 100).toFixed(0)}% overall).`),
        result.tree === null || result.tree.length < 2
          ? null
          : el(
              'details',
              { 'data-field': 'sensitivity-tree' },
              el('summary', {}, 'A shallow decision tree splits the passes into'),
              el('ul', {}, ...result.tree.map((leaf) => el('li', {}, `${leaf.text}: ${(leaf.density * 100).toFixed(0)}% of its ${leaf.points.toLocaleString('en-US')} passes (coverage ${(leaf.coverage * 100).toFixed(0)}%)`))),
            ),
      );
    }
  }

  const tornadoButton = button('Tornado', () => {
    const scenario = scenarioNow();
    start({ type: 'tornado', scenario, settings: { passes: passes(), seed: app.state.get().run.seed } }, 'Tornado');
  }, { 'data-field': 'sensitivity-tornado' });
  const sobolButton = button('Sobol on the top 4', () => {
    if (tornado === null) return;
    const settings = sobolFromTornado(tornado.result, { option: chosenOption(), measure: chosenMeasure() });
    if (settings.parameters.length === 0) {
      status.textContent = 'No parameter moved this measure in the tornado: nothing to split.';
      return;
    }
    start({ type: 'sobol', scenario: tornado.scenario, settings }, 'Sobol indices');
  }, { 'data-field': 'sensitivity-sobol' });
  const discoverButton = button('Drivers of failure', () => {
    const scenario = scenarioNow();
    start(
      { type: 'discover', scenario, settings: { passes: Math.min(100_000, passes() * 5), seed: app.state.get().run.seed, option: chosenOption(), target: sensitivityTargetOf(chosenMeasure()) } },
      'Drivers',
    );
  }, { 'data-field': 'sensitivity-discover' });
  const cancelButton = button('Cancel analysis', () => jobs.cancel(), { 'data-field': 'sensitivity-cancel' });

  function followScenario(): void {
    const scenario = scenarioNow();
    const current = optionSelect.value;
    replaceChildren(optionSelect, ...scenario.options.map((o) => el('option', { value: o.id }, optionLabel(o))));
    if (scenario.options.some((o) => o.id === current)) optionSelect.value = current;
    showButtons();
    show();
  }
  optionSelect.addEventListener('change', () => {
    showButtons();
    show();
  });
  measureSelect.addEventListener('change', () => show());
  app.state.subscribe((next, previous) => {
    if (next.scenario !== previous.scenario || next.disabledEvents !== previous.disabledEvents) followScenario();
  });

  const element = section(
    'sensitivity',
    'Sensitivity: whom to talk to, which assumptions matter',
    'Which ally’s stance, if it moved, would change the outcome most? The tornado moves each ally’s stance centers and solidarity cost and each event’s probability down and up by a step on the parameter’s own scale (so a small cost is not moved to zero), on the same random passes, and shows the change with its 95% interval. Sobol indices then share out the variance among the most influential parameters, and “Drivers of failure” finds the conditions under which the option fails.',
    el(
      'div',
      { class: 'row' },
      el('label', {}, 'Option ', optionSelect),
      el('label', {}, 'Measure ', measureSelect),
      el('label', {}, 'Passes per point ', passesInput),
    ),
    el('div', { class: 'row' }, tornadoButton, sobolButton, discoverButton, cancelButton, status),
    tornadoHolder,
    sobolHolder,
    discoveryHolder,
    glossaryNote(['first order', 'total', 'bootstrap', 'interval of a change', 'coverage', 'density', '95% interval', 'logit scale', 'solidarity cost']),
  );
  followScenario();
  return { element };
}
