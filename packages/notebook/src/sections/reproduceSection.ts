/** Reproduce and share: the seed, the scenario hash, the command line, the link, and downloads. */
import { ENGINE_VERSION, MODEL_VERSION, resultCsv } from '@concert/core';
import { el } from '../dom.js';
import { downloadText } from '../download.js';
import type { NotebookApp, ResultsState } from '../notebookApp.js';
import { cliCommand, effectiveScenario } from '../notebookState.js';
import { button, section } from './controls.js';
import { glossaryNote, term } from './glossary.js';

/** The reproduce section; returns its element and a function that shows new results. */
export function reproduceSection(app: NotebookApp) {
  const value = (field: string) => el('dd', { 'data-field': field });
  const seed = value('seed-shown');
  const passes = value('passes-shown');
  const hash = value('scenario-hash');
  const versions = value('versions');
  const command = el('code', { 'data-field': 'cli-command' });
  const copied = el('span', { class: 'muted', 'aria-live': 'polite' });

  const copyLink = button('Copy the link', async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      copied.textContent = ' Link copied.';
    } catch {
      copied.textContent = ' Copy the address bar: it holds the whole state.';
    }
  });
  const withResult = (action: (result: NonNullable<ResultsState['result']>) => void) => () => {
    const { result } = app.results.get();
    if (result !== null) action(result);
  };
  const name = (result: NonNullable<ResultsState['result']>) => `concert-${result.scenario.id}-seed${String(result.manifest.seed)}-${result.manifest.passes}`;
  const downloads = el(
    'div',
    { class: 'row' },
    button('Results JSON', withResult((result) => downloadText(`${name(result)}.json`, `${JSON.stringify(result, null, 2)}\n`)), { 'data-field': 'download-json' }),
    button('Options CSV', withResult((result) => downloadText(`${name(result)}-options.csv`, resultCsv(result, 'options'), 'text/csv')), { 'data-field': 'download-csv' }),
    button('Blockers CSV', withResult((result) => downloadText(`${name(result)}-allies.csv`, resultCsv(result, 'allies'), 'text/csv')), { 'data-field': 'download-allies-csv' }),
    button('Scenario JSON', () => downloadText('scenario.json', `${JSON.stringify(effectiveScenario(app.state.get()), null, 2)}\n`), { 'data-field': 'download-scenario' }),
  );

  let shown: ResultsState['result'] = null;

  function update(results: ResultsState): void {
    const { result } = results;
    if (result === null || result === shown) return;
    shown = result;
    seed.textContent = String(result.manifest.seed);
    passes.textContent = result.manifest.passes.toLocaleString('en-US');
    hash.textContent = result.manifest.scenarioHash;
    versions.textContent = `engine ${result.manifest.engineVersion}, model ${result.manifest.modelVersion}`;
    command.textContent = cliCommand(result.manifest.passes, result.manifest.seed);
  }
  versions.textContent = `engine ${ENGINE_VERSION}, model ${MODEL_VERSION}`;

  const element = section(
    'reproduce',
    'Reproduce and share',
    'The address bar holds the whole state (scenario edits, seed, passes, settings): opening the link gives the same numbers, byte for byte. To reproduce the shown run on the command line, download the scenario as scenario.json and run the command below.',
    el('dl', { class: 'facts' }, el('dt', {}, term('seed', 'Seed')), seed, el('dt', {}, term('passes', 'Passes')), passes, el('dt', {}, term('scenario hash', 'Scenario hash (SHA-256)')), hash, el('dt', {}, 'Versions'), versions),
    el('p', {}, 'Command line: ', command),
    el('div', { class: 'row' }, copyLink, copied),
    el('h3', {}, 'Downloads'),
    downloads,
    glossaryNote(['seed', 'passes', 'scenario hash']),
  );
  return { element, update };
}
