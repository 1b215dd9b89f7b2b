/**
 * Layout: the toolbar (section menu, progress, cancel, full run, pin) and the page in reading
 * order: the question, the answer (headline), the levers (options, stance map, allies, settings,
 * scenario), then the details (results, compare, sensitivity, reproduce). Each part follows the
 * stores it shows.
 */
import type { BuiltInScenario, RejectedScenarioFile } from '../builtInScenarios.js';
import { el, replaceChildren, setText } from '../dom.js';
import type { NotebookApp, ResultsState } from '../notebookApp.js';
import type { NotebookState } from '../notebookState.js';
import { alliesSection } from '../sections/alliesSection.js';
import { compareSection } from '../sections/compareSection.js';
import { button } from '../sections/controls.js';
import { headlineSection } from '../sections/headlineSection.js';
import { optionsSection } from '../sections/optionsSection.js';
import { reproduceSection } from '../sections/reproduceSection.js';
import { resultsSection } from '../sections/resultsSection.js';
import { scenarioSection } from '../sections/scenarioSection.js';
import { settingsSection } from '../sections/settingsSection.js';
import { stanceMapSection } from '../sections/stanceMapSection.js';

/** The sections of the menu, in page order: id and name. */
export const SECTION_MENU: readonly (readonly [string, string])[] = [
  ['headline', 'The answer'],
  ['options', 'Strategy options'],
  ['stance-map', 'Stance map'],
  ['landscape', 'Map of viable texts'],
  ['allies', 'Allies'],
  ['settings', 'Run settings'],
  ['scenario', 'Scenario'],
  ['results', 'Results in detail'],
  ['compare', 'Compare'],
  ['sensitivity', 'Sensitivity'],
  ['reproduce', 'Reproduce and share'],
];

/** The toolbar: the section menu, run progress and the run and baseline buttons. */
function toolbar(app: NotebookApp, pin: () => void) {
  const progress = el('progress', { max: 1, value: 0, 'aria-label': 'Run progress', 'data-field': 'progress' });
  const progressText = el('span', { class: 'progress-text', 'data-field': 'progress-text', role: 'status' });
  const cancel = button('Cancel run', () => app.cancelRun(), { 'data-field': 'cancel' });
  const passesText = el('span', { class: 'wide-only' });
  const fullRun = el('button', { type: 'button', 'data-field': 'full-run', onclick: () => app.startRun('full') }, 'Full run', passesText);
  const menu = el(
    'details',
    { class: 'menu' },
    el('summary', {}, 'Sections'),
    el('nav', { 'aria-label': 'Sections' }, el('ul', {}, ...SECTION_MENU.map(([id, name]) => el('li', {}, el('a', { href: `#${id}`, 'data-menu': id }, name))))),
  );
  // A link in the menu jumps to its section without rewriting the hash (which holds the state).
  menu.addEventListener('click', (event) => {
    const link = (event.target as Element).closest('a[data-menu]');
    if (link === null) return;
    event.preventDefault();
    menu.open = false;
    const target = document.getElementById(link.getAttribute('data-menu')!);
    target?.scrollIntoView();
    target?.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true });
  });
  const element = el(
    'header',
    { class: 'toolbar' },
    el('div', { class: 'brand' }, el('strong', {}, 'Concert'), el('span', { class: 'muted wide-only' }, ' notebook')),
    menu,
    el('div', { class: 'run-controls' }, progressText, cancel, fullRun, el('button', { type: 'button', 'data-field': 'pin', onclick: pin }, 'Pin', el('span', { class: 'wide-only' }, ' as baseline'))),
    progress,
  );
  const showState = (state: NotebookState) => {
    setText(passesText, ` (${state.run.passes.toLocaleString('en-US')} passes)`);
  };
  const showResults = (results: ResultsState) => {
    const { running } = results;
    cancel.disabled = running === null;
    progress.value = running === null ? (results.result === null ? 0 : 1) : results.passesDone / running.info.passes;
    progressText.textContent =
      running === null
        ? results.result === null
          ? 'Idle'
          : 'Done'
        : `${running.info.kind === 'full' ? 'Full' : 'Quick'} run: ${results.passesDone.toLocaleString('en-US')} / ${running.info.passes.toLocaleString('en-US')} passes`;
  };
  return { element, showState, showResults };
}

/** The question the page answers, and the scenario it answers it for. */
function intro() {
  const scenarioName = el('a', { href: '#scenario', class: 'scenario-link', 'data-field': 'scenario-name' });
  scenarioName.addEventListener('click', (event) => {
    event.preventDefault();
    document.getElementById('scenario')?.scrollIntoView();
  });
  const element = el(
    'section',
    { class: 'intro', 'aria-label': 'The question' },
    el('h1', {}, 'Which text can the alliance agree on, and who is in the way?'),
    el(
      'p',
      { class: 'lead' },
      'All 32 allies must agree and any one can block. Concert plays the negotiation thousands of times over uncertain stances. Scenario: ',
      scenarioName,
      '.',
    ),
  );
  return { element, update: (state: NotebookState) => setText(scenarioName, state.scenario.title) };
}

/** A section that follows the stores by itself (as the sensitivity section does). */
export interface PageSection {
  readonly element: HTMLElement;
}

/** Sections placed by whoever builds the page. */
export interface PageSlots {
  /** Analyses of the levers, placed right after the stance map (a map of viable texts, #landscape, belongs here). */
  readonly levers?: readonly PageSection[];
  /** Analyses of the details, placed after "Compare" (the sensitivity section). */
  readonly analyses?: readonly PageSection[];
}

/**
 * Builds the page into `root` and subscribes every part to the stores; `problems` is the
 * problems panel's element, placed under the toolbar; `slots` holds the sections the caller adds.
 */
export function layOutPage(root: HTMLElement, app: NotebookApp, problems: HTMLElement, builtIns: readonly BuiltInScenario[], rejected: readonly RejectedScenarioFile[], slots: PageSlots = {}): void {
  const compare = compareSection(app);
  const bar = toolbar(app, () => compare.pin.click());
  const question = intro();
  const headline = headlineSection(app);
  const options = optionsSection(app);
  const stance = stanceMapSection(app);
  const allies = alliesSection(app);
  const settings = settingsSection(app);
  const scenario = scenarioSection(app, builtIns, rejected);
  const results = resultsSection(app);
  const reproduce = reproduceSection(app);
  const stateViews = [question, options, stance, allies, settings, scenario];
  const resultViews = [headline, results, compare, reproduce];
  replaceChildren(
    root,
    el('a', { class: 'skip-link', href: '#headline', onclick: (event: Event) => (event.preventDefault(), document.getElementById('headline-title')?.focus()) }, 'Skip to the answer'),
    bar.element,
    problems,
    question.element,
    headline.element,
    options.element,
    stance.element,
    ...(slots.levers ?? []).map((view) => view.element),
    allies.element,
    settings.element,
    scenario.element,
    results.element,
    compare.element,
    ...(slots.analyses ?? []).map((view) => view.element),
    reproduce.element,
  );
  for (const heading of root.querySelectorAll<HTMLElement>('section h2')) heading.tabIndex = -1;
  const showState = (state: NotebookState) => {
    const started = performance.now();
    for (const view of stateViews) view.update(state);
    bar.showState(state);
    performance.measure('concert-update:state', { start: started, end: performance.now() });
  };
  const showResults = (next: ResultsState) => {
    const started = performance.now();
    for (const view of resultViews) view.update(next);
    bar.showResults(next);
    root.dataset.running = next.running === null ? 'no' : next.running.info.kind;
    performance.measure('concert-update:results', { start: started, end: performance.now() });
  };
  app.state.subscribe(showState);
  app.results.subscribe(showResults);
  showState(app.state.get());
  showResults(app.results.get());
}
