/**
 * The map of viable texts (`#landscape`): consensus, risk or viability of every text of the
 * firmness x engagement plane at a chosen visibility, every text judged in the same passes. A
 * coarse map comes at once, then the fine map refines while you watch, computed on two workers
 * (mapRunner.ts). Pick a square (click, or arrow keys and Enter) to add its text as an option;
 * "Find the most viable text" marks the best text with its interval.
 *
 * Self-contained: `landscapeSection(app)` returns the section's element and follows the
 * notebook's state by itself; place the element in the page (after the stance map).
 */
import { landscapeCsv, shellQuote, type LandscapeCell, type Problem, type Scenario } from '@concert/core';
import { estimateText } from '../charts/chartData.js';
import { drawSoon } from '../charts/drawQueue.js';
import { chartWidth, describedChart, renderChart, type RenderedChart } from '../charts/renderChart.js';
import { el, replaceChildren } from '../dom.js';
import { downloadText, mainSvg } from '../download.js';
import type { NotebookApp } from '../notebookApp.js';
import { effectiveScenario, type NotebookState } from '../notebookState.js';
import { problemLine } from '../problemWords.js';
import { addOptionAt } from '../scenarioEdits.js';
import { button, section, slider } from '../sections/controls.js';
import { glossaryNote, term } from '../sections/glossary.js';
import { chartDownloads } from '../sections/resultsSection.js';
import { landscapeChart, MAP_MEASURES, measureWords, repaintSquares, type MapMeasure } from './landscapeChart.js';
import { MapRunner, type MapRequest, type MapWorker, type ShownMap } from './mapRunner.js';
import { FINE_MAP, cellAt, cellsFingerprint, moveCell, type CellMove } from './mapSchedule.js';
import { cellReadout, mapSummary, mostViableSentence, textPosition } from './mapWords.js';

/** Every map is drawn on the fine map's frame, so the maps that follow one another repaint the picture. */
const FRAME = FINE_MAP.grid;

/** Wait after the last change of the options before the map redraws them (the headline's quick run goes first). */
const OPTIONS_REDRAW_MS = 250;

/** Wait after the last change before a new map starts (a dragged slider starts one when it pauses). */
export const MAP_DELAY_MS = 80;

/** Settings of {@link landscapeSection}. */
export interface LandscapeSectionOptions {
  /** Creates a map worker (one per core). Default: a module worker running landscapeWorker.ts. */
  readonly createWorker?: () => MapWorker;
  /** How many workers. Default 2 (one per core; fewer on a machine with one core). */
  readonly workers?: number;
}

const MOVES = new Set<string>(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End']);

/**
 * What the map depends on: the scenario as run without its options (the map's texts replace
 * them, and options draw no random numbers), and the seed. Two states with the same key have
 * byte-identical maps, so adding, moving or renaming an option does not recompute it.
 */
export function mapKeyOf(state: NotebookState): string {
  const { options: _options, ...rest } = effectiveScenario(state);
  return JSON.stringify([rest, state.run.seed]);
}

/**
 * The command line that prints the fine map as JSON (the file "Download map JSON" saves), with
 * the scenario saved as `scenario.json`.
 *
 * @example
 * mapCommand({ seed: 42, visibility: 0.6 }); // => 'pnpm concert landscape scenario.json --grid 41 --passes 2000 --seed 42 --visibility 0.6 --no-blockers'
 */
export function mapCommand(request: { readonly seed: MapRequest['seed']; readonly visibility: number }, file = 'scenario.json'): string {
  return `pnpm concert landscape ${file} --grid ${FINE_MAP.grid} --passes ${FINE_MAP.passes} --seed ${shellQuote(String(request.seed))} --visibility ${request.visibility} --no-blockers`;
}

/**
 * The map of viable texts section.
 *
 * @example
 * const { element } = landscapeSection(app);
 * page.append(element);
 */
export function landscapeSection(app: NotebookApp, options: LandscapeSectionOptions = {}) {
  const { createWorker = () => new Worker(new URL('./landscapeWorker.ts', import.meta.url), { type: 'module' }) as unknown as MapWorker, workers = Math.min(2, navigator.hardwareConcurrency || 2) } = options;
  let shown: ShownMap | null = null;
  let requestedAt = 0;
  let measure: MapMeasure = 'viability';
  let cursor: number | null = null;
  let wantBest = false;
  let visibilityTouched = false;
  let key = mapKeyOf(app.state.get());
  let timer: ReturnType<typeof setTimeout> | undefined;
  let optionsTimer: ReturnType<typeof setTimeout> | undefined;
  let chart: RenderedChart | null = null;
  let drawnScenario: Scenario | null = null;
  let drawnLooks = '';
  let drawings = 0;
  /** Whether the drawing asked for shows a new map (recorded as a `concert-map` measure). */
  let pendingMap = false;
  /** The cell read out last (its blockers are asked for once), and the cell whose blockers are awaited. */
  let readingCell: number | null = null;
  let askedCell: number | null = null;

  const measureSelect = el('select', { 'aria-label': 'What the colours show', 'data-field': 'landscape-measure' }, ...MAP_MEASURES.map((m) => el('option', { value: m.measure }, m.words)));
  const visibility = slider({
    label: 'Visibility of every text on the map',
    term: 'visibility',
    field: 'landscape-visibility',
    min: 0,
    max: 1,
    step: 0.05,
    value: app.state.get().scenario.statusQuo.visibility,
    onInput: () => {
      visibilityTouched = true;
      schedule();
    },
  });
  visibility.element.querySelector('.slider-label')!.textContent = 'Visibility';
  const status = el('p', { class: 'run-status', 'data-field': 'landscape-status' }, 'The map starts with the page.');
  const holder = el('div', {
    class: 'landscape-map',
    'data-chart': 'landscape',
    tabindex: 0,
    role: 'group',
    'aria-label': 'Map of viable texts: arrow keys choose a text, Enter adds it as an option',
    'aria-describedby': 'landscape-readout',
  });
  const readout = el('p', { class: 'map-readout', id: 'landscape-readout', 'aria-live': 'polite', 'data-field': 'landscape-readout' }, 'Point at a square, or focus the map and use the arrow keys, to read a text’s figures.');
  const announce = el('p', { class: 'visually-hidden', 'aria-live': 'polite', 'data-field': 'landscape-announce' });
  const problems = el('div', { class: 'field-error', role: 'alert', 'data-field': 'landscape-problems', hidden: true });
  const bestText = el('p', { 'data-field': 'landscape-best' });
  const addBest = button('Add the most viable text as an option', () => {
    const best = shown?.map.mostViable?.best;
    if (best !== undefined && shown !== null) addText(best, shown.request.visibility);
  }, { 'data-field': 'landscape-add-best', hidden: 'hidden' });
  const findBest = button('Find the most viable text', () => {
    wantBest = true;
    showBest();
    scheduleRender();
  }, { 'data-field': 'landscape-find' });
  const command = el('code', { 'data-field': 'landscape-command' });

  const maps = new MapRunner(createWorker, {
    onMap: (next) => {
      // The chosen square stays where it is on a map of another grid (coarse, then fine).
      if (shown !== null && cursor !== null && next.map.manifest.grid !== shown.map.manifest.grid) {
        const at = shown.map.cells[cursor]!;
        cursor = cellAt(next.map.manifest.grid, at.firmness, at.engagement);
      }
      shown = next;
      readingCell = null;
      askedCell = null;
      problems.hidden = true;
      showStatus();
      showBest();
      scheduleRender(true);
    },
    onProblems: (list: readonly Problem[], request) => showProblems(list, request.scenario),
    onBlockers: (cell, topBlocker) => {
      if (cell !== askedCell || shown === null) return;
      askedCell = null;
      readout.textContent = `${cellReadout(shown.map.cells[cell]!, shown.request.visibility)} ${
        topBlocker === null ? 'No ally blocked it in these passes.' : `Blocked most often by ${topBlocker.name} (${estimateText(topBlocker.rate)} of passes).`
      } Click or press Enter to add it as an option.`;
    },
  }, { workers });

  function chosenVisibility(): number {
    return Number(visibility.input.value);
  }

  function start(): void {
    const state = app.state.get();
    requestedAt = performance.now();
    holder.setAttribute('aria-busy', 'true');
    maps.start({ scenario: effectiveScenario(state), seed: state.run.seed, visibility: chosenVisibility() });
    showStatus();
  }

  /** Starts a new map shortly after the last change (the older map is superseded at once). */
  function schedule(): void {
    clearTimeout(timer);
    requestedAt = performance.now();
    status.textContent = 'Updating the map for the change…';
    timer = setTimeout(start, MAP_DELAY_MS);
  }

  function showStatus(): void {
    if (shown === null) {
      status.textContent = 'Computing the map…';
      return;
    }
    const { map, kind, passesDone, passes, final } = shown;
    const size = `${map.manifest.grid} × ${map.manifest.grid} texts`;
    const seed = `seed ${String(map.manifest.seed)}`;
    status.textContent =
      kind === 'coarse'
        ? `Coarse map: ${size}, ${passesDone.toLocaleString('en-US')} passes each (${seed}); refining…`
        : final || passesDone === passes
          ? `${size}, ${passes.toLocaleString('en-US')} passes each (${seed}).`
          : `Refining: ${size}, ${passesDone.toLocaleString('en-US')} of ${passes.toLocaleString('en-US')} passes each (${seed})…`;
    if (final) {
      holder.setAttribute('aria-busy', 'false');
      announce.textContent = `Map of viable texts refined: ${mapSummary(map, measure)}`;
    }
    command.textContent = mapCommand(shown.request);
  }

  function showBest(): void {
    const mostViable = shown?.map.mostViable ?? null;
    if (!wantBest) {
      bestText.textContent = '';
      addBest.hidden = true;
      return;
    }
    if (shown === null || !shown.final || mostViable === null) {
      bestText.textContent = `The most viable text is marked as soon as the map is refined (every text at ${FINE_MAP.passes.toLocaleString('en-US')} passes)…`;
      addBest.hidden = true;
      return;
    }
    bestText.textContent = mostViableSentence(mostViable, shown.request.visibility);
    addBest.hidden = false;
  }

  function showProblems(list: readonly Problem[], scenario: Scenario): void {
    holder.setAttribute('aria-busy', 'false');
    status.textContent = 'The map could not be computed.';
    replaceChildren(problems, el('p', {}, 'The map could not be computed:'), el('ul', {}, ...list.map((problem) => el('li', {}, problemLine(problem, scenario)))));
    problems.hidden = false;
  }

  /**
   * Draws the map once, after the next frame (however many changes came before it); a new map
   * before the charts waiting, so the coarse map shows before its refinements replace it.
   */
  function scheduleRender(newMap = false): void {
    if (newMap) pendingMap = true;
    drawSoon('chart:landscape', render, { first: newMap });
  }

  function render(): void {
    if (shown === null) return;
    const started = performance.now();
    const scenario = app.state.get().scenario;
    const width = chartWidth(holder, { minimum: 300, maximum: 900, fallback: 900 });
    const best = wantBest && shown.final ? (shown.map.mostViable?.best ?? null) : null;
    // What the drawing depends on besides the figures: when only the figures changed (a
    // refinement step), the squares are repainted in place.
    const cursorBox = cursor === null ? null : [shown.map.manifest.grid, cursor];
    const looks = [measure, cursorBox, best?.cell ?? null, width];
    const sameLooks = chart !== null && scenario === drawnScenario && JSON.stringify(looks) === drawnLooks;
    const summary = mapSummary(shown.map, measure);
    if (sameLooks && repaintSquares(chart!, shown.map, measure, FRAME)) {
      const text = holder.querySelector('#landscape-summary');
      if (text !== null) text.textContent = summary;
    } else {
      const next = renderChart(landscapeChart(shown.map, scenario, { measure, width, cursor, best, frame: FRAME }));
      holder.replaceChildren(...describedChart(next, 'Map of viable texts', summary, 'landscape'));
      chart = next;
      drawings++;
      holder.dataset.drawn = String(drawings);
      drawnScenario = scenario;
      drawnLooks = JSON.stringify(looks);
    }
    const rendered = `${shown.kind}:${shown.passesDone}${shown.final ? ':final' : ''}`;
    holder.dataset.rendered = rendered;
    holder.dataset.stage = shown.kind;
    const end = performance.now();
    performance.measure('concert-chart:landscape', { start: started, end });
    if (pendingMap) {
      pendingMap = false;
      // The measure of a new map, in a task of its own, with the fingerprint of its cells for the
      // coarse and the final map (the maps a test checks against the core; each costs a few ms).
      const { kind, passesDone, final, map } = shown;
      const start = requestedAt;
      setTimeout(() => performance.measure('concert-map', { start, end, detail: { kind, passesDone, final, grid: map.manifest.grid, fingerprint: kind === 'coarse' || final ? cellsFingerprint(map.cells) : null } }), 0);
    }
  }

  function cellUnder(event: MouseEvent): number | null {
    if (chart === null || shown === null) return null;
    const svg = mainSvg(chart);
    const x = chart.scale('x');
    const y = chart.scale('y');
    if (svg === null || x?.invert === undefined || y?.invert === undefined) return null;
    const box = svg.getBoundingClientRect();
    const scale = (svg.width.baseVal.value || box.width) / box.width;
    const firmness = x.invert((event.clientX - box.left) * scale) as number;
    const engagement = y.invert((event.clientY - box.top) * scale) as number;
    const grid = shown.map.manifest.grid;
    const half = 0.5 / (grid - 1);
    if (!(firmness >= -half && firmness <= 1 + half && engagement >= -half && engagement <= 1 + half)) return null;
    return cellAt(grid, firmness, engagement);
  }

  function addText(cell: { readonly firmness: number; readonly engagement: number }, at: number): void {
    askedCell = null; // the confirmation stays; the blockers answer is not shown over it
    app.editScenario((scenario) => addOptionAt(scenario, { firmness: cell.firmness, engagement: cell.engagement, visibility: at }));
    const added = app.state.get().scenario.options.at(-1);
    readout.textContent = `Added the text at ${textPosition(cell)} (visibility ${at.toFixed(2)}) as the option “${added?.name ?? ''}”: the options, the link and the answer follow.`;
  }

  /** Reads a cell out; on the refined map (which counts no blockers) its top blocker follows from a worker. */
  function readCell(cell: number): void {
    if (shown === null) return;
    const figures: LandscapeCell | undefined = shown.map.cells[cell];
    if (figures === undefined || cell === readingCell) return;
    readingCell = cell;
    const asking = shown.kind === 'fine' && shown.final && maps.whoBlocks(cell);
    askedCell = asking ? cell : null;
    readout.textContent = `${cellReadout(figures, shown.request.visibility)}${asking ? ' Who blocks it…' : ''} Click or press Enter to add it as an option.`;
  }

  holder.addEventListener('pointermove', (event) => {
    const cell = cellUnder(event);
    if (cell !== null) readCell(cell);
  });
  holder.addEventListener('click', (event) => {
    const cell = cellUnder(event);
    if (cell === null || shown === null) return;
    cursor = cell;
    addText(shown.map.cells[cell]!, shown.request.visibility);
    scheduleRender();
  });
  holder.addEventListener('focus', () => {
    // From the keyboard only: a click focuses the map too, and picks its own square.
    if (shown === null || cursor !== null || !holder.matches(':focus-visible')) return;
    const quo = app.state.get().scenario.statusQuo;
    cursor = cellAt(shown.map.manifest.grid, quo.firmness, quo.engagement);
    readCell(cursor);
    scheduleRender();
  });
  holder.addEventListener('keydown', (event) => {
    if (shown === null) return;
    const grid = shown.map.manifest.grid;
    if (MOVES.has(event.key)) {
      event.preventDefault();
      cursor = moveCell(grid, cursor ?? 0, event.key as CellMove);
      readCell(cursor);
      scheduleRender();
    } else if ((event.key === 'Enter' || event.key === ' ') && cursor !== null) {
      event.preventDefault();
      addText(shown.map.cells[cursor]!, shown.request.visibility);
    }
  });
  measureSelect.addEventListener('change', () => {
    measure = measureSelect.value as MapMeasure;
    scheduleRender();
  });

  app.state.subscribe((next, previous) => {
    if (!visibilityTouched && next.scenario.statusQuo.visibility !== previous.scenario.statusQuo.visibility) visibility.set(next.scenario.statusQuo.visibility);
    const nextKey = mapKeyOf(next);
    if (nextKey !== key) {
      key = nextKey;
      schedule();
    } else if (next.scenario.options !== previous.scenario.options) {
      // Options are drawn on the map but do not change it: redraw them once the edits pause.
      clearTimeout(optionsTimer);
      optionsTimer = setTimeout(() => scheduleRender(), OPTIONS_REDRAW_MS);
    }
  });
  // A new width draws the map at it; a new height (the map's own, after a redraw) draws nothing.
  let observedWidth = 0;
  new ResizeObserver(([entry]) => {
    if (entry === undefined || entry.contentRect.width === observedWidth) return;
    observedWidth = entry.contentRect.width;
    scheduleRender();
  }).observe(holder);

  const element = section(
    'landscape',
    'Map of viable texts',
    'Each square is a possible text: its colour shows how often the allies would adopt it, how often it would cross Russia’s tolerance, or both adopted and safe, at the visibility chosen; dots are the allies’ ideal points, diamonds the options on the table, the star the status quo.',
    el(
      'p',
      { class: 'explain' },
      'Every text is judged in the same sampled worlds (',
      term('common random numbers'),
      `), so neighbouring squares differ only where the texts do. A coarse map comes first, then every text is judged in ${FINE_MAP.passes.toLocaleString('en-US')} `,
      term('passes'),
      '. Click a square, or focus the map and use the arrow keys and Enter, to add that text as an option.',
    ),
    el('div', { class: 'row' }, el('label', {}, 'Colour: ', measureSelect), visibility.element, findBest),
    status,
    problems,
    holder,
    readout,
    announce,
    el('div', { class: 'row' }, bestText, addBest),
    el('p', { class: 'muted' }, 'The same map on the command line (with the scenario downloaded as scenario.json): ', command),
    glossaryNote(['consensus', 'risk', 'consensus without risk', 'firmness', 'engagement', 'visibility', 'common random numbers', 'passes', 'seed', '95% interval']),
    el(
      'div',
      { class: 'row' },
      chartDownloads('landscape', 'Map of viable texts', () => chart, () => (shown === null ? '' : `${app.state.get().scenario.title} · ${measureWords(measure)} · ${shown.map.manifest.grid} × ${shown.map.manifest.grid} texts at visibility ${shown.request.visibility.toFixed(2)} · seed ${String(shown.map.manifest.seed)} · ${shown.passesDone.toLocaleString('en-US')} passes`)),
      button('Map JSON', () => {
        if (shown !== null) downloadText('concert-landscape.json', JSON.stringify(shown.map, null, 2) + '\n');
      }, { 'aria-label': 'Download the map of viable texts as JSON', 'data-download': 'landscape.json' }),
      button('Map CSV', () => {
        if (shown !== null) downloadText('concert-landscape.csv', landscapeCsv(shown.map), 'text/csv');
      }, { 'aria-label': 'Download the map of viable texts as CSV, one row per text', 'data-download': 'landscape.csv' }),
    ),
  );
  start();
  return { element };
}
