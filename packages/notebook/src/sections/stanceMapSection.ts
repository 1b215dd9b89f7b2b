/** Stance map: allies and options in the firmness x engagement plane; drag a dot to move it. */
import type { Scenario } from '@concert/core';
import { drawSoon } from '../charts/drawQueue.js';
import { chartWidth, describedChart, renderChart, type RenderedChart } from '../charts/renderChart.js';
import { stanceMap, stancePoints, type StancePoint } from '../charts/stanceMap.js';
import { el } from '../dom.js';
import { mainSvg } from '../download.js';
import type { NotebookApp } from '../notebookApp.js';
import type { NotebookState } from '../notebookState.js';
import { moveAlly, moveOption } from '../scenarioEdits.js';
import { chartDownloads } from './resultsSection.js';
import { section } from './controls.js';
import { glossaryNote } from './glossary.js';

/** How close (in chart pixels) a pointer must be to a dot to grab it. */
const GRAB_RADIUS = 14;

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * The point nearest to a position in chart pixels, within `radius`, or null.
 *
 * @example
 * nearestPoint(points, { x: 120, y: 80 }, (p) => ({ x: xScale(p.firmness), y: yScale(p.engagement) }), 14);
 */
export function nearestPoint<T>(points: readonly T[], at: { x: number; y: number }, position: (point: T) => { x: number; y: number }, radius: number): T | null {
  let best: T | null = null;
  let bestDistance = radius;
  for (const point of points) {
    const p = position(point);
    const distance = Math.hypot(p.x - at.x, p.y - at.y);
    if (distance <= bestDistance) {
      best = point;
      bestDistance = distance;
    }
  }
  return best;
}

/** The stance map section; returns its element and a function that shows a new state. */
export function stanceMapSection(app: NotebookApp) {
  const holder = el('div', { class: 'stance-map', 'data-chart': 'stance-map' });
  const readout = el('p', { class: 'readout', 'aria-live': 'polite' }, 'Drag an ally or an option to move it.');
  let chart: RenderedChart = document.createElement('div') as unknown as RenderedChart;
  let dragging: StancePoint | null = null;
  /** The scenario the map shows. */
  let drawn: Scenario | null = null;

  function render(): void {
    const started = performance.now();
    const state = app.state.get();
    const width = chartWidth(holder, { minimum: 300, maximum: 900, fallback: 900 });
    const next = renderChart(stanceMap(state.scenario, { width, highlight: dragging?.kind === 'ally' ? dragging.id : undefined }));
    const options = state.scenario.options.length;
    holder.replaceChildren(
      ...describedChart(next, 'Stance map', `${state.scenario.allies.length} allies (dots, sized by influence, coloured by bloc) and ${options} option${options === 1 ? '' : 's'} (diamonds) placed by firmness and engagement, with the status quo (star).`, 'stance-map'),
    );
    chart = next;
    drawn = state.scenario;
    performance.measure('concert-chart:stance-map', { start: started, end: performance.now() });
  }

  /** Draws the map once, after the next frame (however many changes came before it). */
  function schedule(): void {
    drawSoon('chart:stance-map', render);
  }

  function pointerAt(event: PointerEvent): { x: number; y: number } | null {
    const svg = mainSvg(chart);
    if (svg === null) return null;
    const box = svg.getBoundingClientRect();
    const scale = (svg.width.baseVal.value || box.width) / box.width;
    return { x: (event.clientX - box.left) * scale, y: (event.clientY - box.top) * scale };
  }

  // Capture phase: Plot's tip stops the event's propagation on its SVG.
  holder.addEventListener('pointerdown', (event) => {
    const at = pointerAt(event);
    if (at === null) return;
    const x = chart.scale('x');
    const y = chart.scale('y');
    if (x?.apply === undefined || y?.apply === undefined) return;
    const grabbed = nearestPoint(stancePoints(app.state.get().scenario), at, (p) => ({ x: x.apply(p.firmness) as number, y: y.apply(p.engagement) as number }), GRAB_RADIUS);
    if (grabbed === null) return;
    event.preventDefault();
    event.stopPropagation();
    holder.setPointerCapture(event.pointerId);
    dragging = grabbed;
    holder.dataset.dragging = `${grabbed.kind}:${grabbed.id}`;
    readout.textContent = `Moving ${grabbed.kind} ${grabbed.label}…`;
    schedule();
  }, { capture: true });

  holder.addEventListener('pointermove', (event) => {
    if (dragging === null) return;
    const at = pointerAt(event);
    const x = chart.scale('x');
    const y = chart.scale('y');
    if (at === null || x?.invert === undefined || y?.invert === undefined) return;
    const firmness = round2(Math.min(1, Math.max(0, x.invert(at.x) as number)));
    const engagement = round2(Math.min(1, Math.max(0, y.invert(at.y) as number)));
    if (!Number.isFinite(firmness) || !Number.isFinite(engagement)) return;
    const point = dragging;
    app.editScenario((scenario) => (point.kind === 'ally' ? moveAlly(scenario, point.id, firmness, engagement) : moveOption(scenario, point.id, firmness, engagement)));
    readout.textContent = `Moving ${point.kind} ${point.label}: firmness ${firmness.toFixed(2)}, engagement ${engagement.toFixed(2)}`;
  });

  const stop = (event: PointerEvent) => {
    if (dragging === null) return;
    if (holder.hasPointerCapture(event.pointerId)) holder.releasePointerCapture(event.pointerId);
    readout.textContent = `Moved ${dragging.kind} ${dragging.label}. Drag an ally or an option to move it.`;
    dragging = null;
    delete holder.dataset.dragging;
    schedule();
  };
  holder.addEventListener('pointerup', stop);
  holder.addEventListener('pointercancel', stop);

  const element = section(
    'stance-map',
    'Stance map',
    "Where each ally would like the text to be (its hawkishness and engagement preference centers), sized by influence and coloured by bloc, with the strategy options (diamonds) and the status quo (star). Point at a dot for its numbers; drag an ally or an option to move it: the sliders follow and a quick run starts.",
    holder,
    readout,
    glossaryNote(['hawkishness', 'engagement preference', 'influence', 'salience', 'solidarity cost', 'visibility']),
    chartDownloads('stance-map', 'Stance map', () => chart, () => `${app.state.get().scenario.title} · stances as edited on the page`),
  );

  function update(state: NotebookState): void {
    // The map shows the scenario only: a change of the run settings draws nothing.
    if (state.scenario !== drawn) schedule();
  }
  return { element, update };
}
