// @vitest-environment jsdom
/**
 * The notebook's sensitivity section: its chunked analyses give the core's bytes and stop when
 * told; the Sobol ranges it derives from a tornado stay inside the parameters' domains; its
 * charts render without NaN (SVG snapshots with rounded numbers are REGRESSION GUARDS); and the
 * section, driven through a fake worker, shows the tornado, the Sobol bars and the drivers.
 */
import { describe, expect, it, vi } from 'vitest';
import { discoverDrivers, inDomain, sensitivityParameters, sobol, sobolFromTornado, tornado, type SobolResult, type TornadoResult } from '../../packages/core/src/index.js';
import { renderChart } from '../../packages/notebook/src/charts/renderChart.js';
import { NO_RESULTS, type NotebookApp, type ResultsState } from '../../packages/notebook/src/notebookApp.js';
import { initialState, type NotebookState } from '../../packages/notebook/src/notebookState.js';
import { runAnalysis } from '../../packages/notebook/src/sensitivity/runAnalysis.js';
import { clippedSobolRows, sobolChart, stepWords, tornadoChart, tornadoRows, tornadoSteps, tornadoSummary } from '../../packages/notebook/src/sensitivity/sensitivityCharts.js';
import type { SensitivityJob, SensitivityOutcome } from '../../packages/notebook/src/sensitivity/sensitivityProtocol.js';
import type { JobRequest, JobResponse } from '../../packages/notebook/src/workers/jobProtocol.js';
import { sensitivitySection, type SensitivityWorker } from '../../packages/notebook/src/sensitivity/sensitivitySection.js';
import { Store } from '../../packages/notebook/src/store.js';
import { NATO, TOY } from '../notebook/fixtures.js';

const hooks = { shouldStop: () => false, yieldToEvents: async () => {}, onProgress: () => {} };
const TORNADO: TornadoResult = tornado(TOY, { passes: 500, seed: 7, options: ['dual-track', 'suspend'] });

function rounded(node: Element): string {
  return node.outerHTML.replace(/-?\d+\.\d+/g, (number) => {
    const value = Number(number).toFixed(1);
    return value === '-0.0' ? '0.0' : value;
  });
}

describe('runAnalysis(request, hooks)', () => {
  it('gives the same bytes as the core run in one go, chunk by chunk', async () => {
    const settings = { passes: 700, seed: 7, options: ['dual-track', 'suspend'] };
    const outcome = await runAnalysis({ type: 'tornado', scenario: TOY, settings }, hooks);
    expect(JSON.stringify(outcome)).toBe(JSON.stringify({ type: 'tornado', result: tornado(TOY, settings) }));
    const sobolSettings = sobolFromTornado(TORNADO, { option: 'dual-track', innerPasses: 100 });
    const sobolOutcome = await runAnalysis({ type: 'sobol', scenario: TOY, settings: sobolSettings }, hooks);
    expect(JSON.stringify(sobolOutcome)).toBe(JSON.stringify({ type: 'sobol', result: sobol(TOY, sobolSettings) }));
    const discoverSettings = { passes: 1000, seed: 7, option: 'dual-track' };
    expect(await runAnalysis({ type: 'discover', scenario: TOY, settings: discoverSettings }, hooks)).toEqual({ type: 'discover', result: discoverDrivers(TOY, discoverSettings) });
  });

  it('stops between chunks when told, returning null', async () => {
    const progress: number[] = [];
    const outcome = await runAnalysis({ type: 'tornado', scenario: TOY, settings: { passes: 1000, seed: 7 } }, { ...hooks, shouldStop: () => progress.length >= 2, onProgress: (done, of) => progress.push(done / of) });
    expect(outcome).toBeNull();
    expect(progress).toEqual([0.25, 0.5]);
  });
});

describe('sobolFromTornado(tornado, options) (core)', () => {
  it('ranges over the four largest swings, each over the two values the tornado tried (its own step, inside the domain)', () => {
    const settings = sobolFromTornado(TORNADO, { option: 'dual-track', measure: 'consensus' });
    expect(settings.parameters).toHaveLength(4);
    const catalog = sensitivityParameters(TOY);
    for (const range of settings.parameters) {
      const parameter = catalog.find((p) => p.name === range.name)!;
      const effect = TORNADO.effects.find((e) => e.option === 'dual-track' && e.parameter === range.name)!;
      expect([range.lower, range.upper]).toEqual([effect.low.value, effect.high.value]);
      expect(range.lower).toBeLessThanOrEqual(parameter.value);
      expect(range.upper).toBeGreaterThanOrEqual(parameter.value);
      expect(inDomain(parameter.domain, range.lower) && inDomain(parameter.domain, range.upper)).toBe(true);
    }
    expect(settings.outputs).toEqual([{ option: 'dual-track', measure: 'consensus' }]);
  });
});

describe('tornadoChart(result, options) and sobolChart(result, options)', () => {
  const SOBOL: SobolResult = sobol(TOY, { ...sobolFromTornado(TORNADO, { option: 'dual-track', innerPasses: 100 }), bootstrap: 100 });

  it('draw a bar and an interval per move and per index, without NaN', () => {
    const rows = tornadoRows(TORNADO, 'dual-track', 'consensus', 12);
    expect(rows).toHaveLength(24);
    const tornadoSvg = renderChart(tornadoChart(TORNADO, { option: 'dual-track' })).outerHTML;
    const sobolSvg = renderChart(sobolChart(SOBOL)).outerHTML;
    for (const svg of [tornadoSvg, sobolSvg]) expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    // Parameter names start with a capital and wrap at about 30 characters rather than being cut.
    const firstLine = rows[0]!.label.charAt(0).toUpperCase() + rows[0]!.label.slice(1);
    expect(tornadoSvg).toContain(`>${firstLine.length <= 30 ? firstLine : firstLine.slice(0, firstLine.lastIndexOf(' ', 30))}<`);
  });

  it('sobolChart draws negative estimates at 0 and says so in its caption, with the actual values', () => {
    const negative: SobolResult = {
      ...SOBOL,
      outputs: SOBOL.outputs.map((output) => ({ ...output, indices: output.indices.map((entry, k) => (k === 0 && entry.first !== null ? { ...entry, first: { ...entry.first, estimate: -0.04, lower: -0.12, upper: 0.05 } } : entry)) })),
    };
    const node = renderChart(sobolChart(negative));
    expect(node.querySelector('figcaption')?.textContent).toMatch(/^Drawn at 0 \(an index cannot be negative; below 0 is sampling error\): .*first order −0\.04 \(−0\.12 to 0\.05\)/);
    expect(node.textContent).toContain('−0.04 (−0.12 to 0.05)');
    expect(renderChart(sobolChart(SOBOL)).querySelector('figcaption') === null || clippedSobolRows(SOBOL, 0).length > 0).toBe(true);
  });

  it('say each parameter’s step in words, on its own scale: half the uncertainty of a center, a quarter of a cost, 0.1 of a probability', () => {
    const hungary = tornado(NATO, { passes: 200, seed: 7, parameters: ['allies.HUN.hawkishness', 'allies.HUN.solidarityCost', 'events.*.probability'], options: ['dual-track'] });
    const bars = (name: string) => hungary.effects.find((effect) => effect.parameter === name)!;
    expect(stepWords(bars('allies.HUN.hawkishness'), 'scaled', NATO)).toBe('±0.25 on the logit scale (half its uncertainty of 0.5)');
    expect(stepWords(bars('allies.HUN.solidarityCost'), 'scaled', NATO)).toBe('±0.0075 (a quarter of its value)');
    const event = hungary.effects.find((effect) => effect.parameter.startsWith('events.'))!;
    expect(stepWords(event, 'scaled', NATO)).toBe('±0.1');
    expect(stepWords(event, 'absolute')).toBe('±0.1 (the same step for every parameter)');
    const steps = tornadoSteps(hungary, 'dual-track', 'consensus', 12, NATO);
    expect(steps).toContain("Hungary's solidarity cost: 0.030, moved to 0.022 and 0.037, a step of ±0.0075 (a quarter of its value).");
    expect(steps).toContain("Hungary's hawkishness: 0.38, moved to 0.32 and 0.44, a step of ±0.25 on the logit scale (half its uncertainty of 0.5).");
    // The cost is not moved to 0 by construction (the step of 0.1 of 0.1.0 did that).
    expect(bars('allies.HUN.solidarityCost').low.value).toBeGreaterThan(0);
    expect(tornadoSummary(hungary, 'dual-track', 'consensus', NATO)).toMatch(/^(No parameter moves this measure\.|.+ moves it most: .+, a step of ±.+\.)$/);
  });

  it('match their SVG snapshots (regression guards, rounded numbers)', () => {
    expect(rounded(renderChart(tornadoChart(TORNADO, { option: 'dual-track', top: 5 })))).toMatchSnapshot('tornado svg');
    expect(rounded(renderChart(sobolChart(SOBOL)))).toMatchSnapshot('sobol svg');
  });
});

/** A worker that runs each analysis in this thread. */
class InlineWorker implements SensitivityWorker {
  listener: ((event: MessageEvent<JobResponse<SensitivityOutcome>>) => void) | null = null;
  readonly requests: SensitivityJob[] = [];
  done: Promise<void> = Promise.resolve();

  addEventListener(_type: 'message', listener: (event: MessageEvent<JobResponse<SensitivityOutcome>>) => void): void {
    this.listener = listener;
  }

  reply(message: JobResponse<SensitivityOutcome>): void {
    this.listener?.({ data: message } as MessageEvent<JobResponse<SensitivityOutcome>>);
  }

  postMessage(request: JobRequest<SensitivityJob>): void {
    if (request.type === 'cancel') return;
    this.requests.push(request.job);
    this.done = runAnalysis(request.job, hooks).then((outcome) => this.reply({ type: 'outcome', id: request.id, outcome: outcome!, workerMs: 5 }));
  }
}

function fakeApp(): NotebookApp & { problems: string[][] } {
  const problems: string[][] = [];
  const state = new Store<NotebookState>(initialState(TOY, 'toy-32'));
  const results = new Store<ResultsState>(NO_RESULTS);
  return {
    problems,
    state,
    results,
    original: () => TOY,
    editScenario: (change) => state.set({ ...state.get(), scenario: change(state.get().scenario) }),
    loadScenario: vi.fn(),
    startRun: vi.fn(),
    cancelRun: vi.fn(),
    showProblems: (_heading, lines) => problems.push([...lines]),
    clearProblems: vi.fn(),
  };
}

describe('sensitivitySection(app, options)', () => {
  it('runs a tornado on the notebook’s seed, then Sobol on its top parameters and the drivers, and shows them', async () => {
    const app = fakeApp();
    const worker = new InlineWorker();
    const { element } = sensitivitySection(app, { createWorker: () => worker, passes: 300 });
    document.body.append(element);
    const field = <T extends Element>(name: string) => element.querySelector<T & Element>(`[data-field="${name}"]`)!;
    expect(field<HTMLSelectElement>('sensitivity-option').options).toHaveLength(6);
    expect(field<HTMLButtonElement>('sensitivity-sobol').disabled).toBe(true);
    field<HTMLSelectElement>('sensitivity-option').value = 'dual-track';

    field<HTMLButtonElement>('sensitivity-tornado').click();
    await worker.done;
    expect(worker.requests[0]).toMatchObject({ type: 'tornado', settings: { passes: 300, seed: app.state.get().run.seed } });
    // No absolute step: the core moves each parameter on its own scale, and the chart says so.
    expect(worker.requests[0]!.settings).not.toHaveProperty('step');
    expect(field('sensitivity-tornado-explain').textContent).toContain('by a step on its own scale');
    expect(field('sensitivity-tornado-chart').querySelector('svg')).not.toBeNull();
    expect(field('sensitivity-status').textContent).toBe('Done in 0.0 s.');

    expect(field<HTMLButtonElement>('sensitivity-sobol').disabled).toBe(false);
    field<HTMLButtonElement>('sensitivity-sobol').click();
    await worker.done;
    expect(worker.requests[1]).toMatchObject({ type: 'sobol', settings: { outputs: [{ option: 'dual-track', measure: 'consensus' }], samples: 128 } });
    expect(field('sensitivity-sobol-chart').textContent).toContain('Sobol indices: consensus of Dual track');

    field<HTMLButtonElement>('sensitivity-discover').click();
    await worker.done;
    expect(worker.requests[2]).toMatchObject({ type: 'discover', settings: { passes: 1500, option: 'dual-track', target: 'failure' } });
    expect(field('sensitivity-summary').textContent).toMatch(/^Consensus on Dual track fails in \d+% of passes/);

    // Editing the scenario marks the shown analyses as stale.
    app.editScenario((scenario) => ({ ...scenario, title: 'edited' }));
    expect(field('sensitivity-summary').textContent).toContain('computed for an earlier version of the scenario');
    expect(app.problems).toEqual([]);
  });

  it('shows the problems of a refused analysis and keeps the page as it was', async () => {
    const app = fakeApp();
    const worker = new InlineWorker();
    worker.postMessage = function (request) {
      if (request.type === 'start') this.reply({ type: 'error', id: request.id, problems: [{ path: 'passes', message: 'must be a whole number', value: 0.5 }] });
    };
    const { element } = sensitivitySection(app, { createWorker: () => worker });
    element.querySelector<HTMLButtonElement>('[data-field="sensitivity-tornado"]')!.click();
    expect(app.problems).toEqual([['passes: must be a whole number, got 0.5']]);
    expect(element.querySelector('[data-field="sensitivity-status"]')!.textContent).toBe('The analysis could not run.');
  });
});
