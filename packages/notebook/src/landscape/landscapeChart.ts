/**
 * The map of viable texts as a heat map: one square per text of the grid, coloured by its
 * consensus, risk or viability, with the allies' ideal points, the options and the status quo
 * drawn on it, the chosen cell outlined and the most viable text marked. Labels are placed
 * without collisions (charts/labelPlacement.ts); a label with no room is named in the caption.
 */
import * as Plot from '@observablehq/plot';
import type { LandscapeResult, RankedCell, Scenario } from '@concert/core';
import { allyLabel, finiteRows, labelWidth, optionLabel, wrapLabel, CONSENSUS_COLOR, EVERY_LABEL, RISK_COLOR, VIABLE_COLOR } from '../charts/chartData.js';
import { linear, placeLabels, pointBox, type LabelRequest } from '../charts/labelPlacement.js';
import { mainSvg } from '../download.js';
import type { RenderedChart } from '../charts/renderChart.js';
import { centerOf } from '../scenarioEdits.js';
import { cellAt } from './mapSchedule.js';

/** What a map's colour shows. */
export type MapMeasure = 'consensus' | 'risk' | 'viability';

/** The measures in the chooser's order, with their words and colours. */
export const MAP_MEASURES: readonly { readonly measure: MapMeasure; readonly words: string; readonly scheme: Plot.ColorScheme; readonly color: string }[] = [
  { measure: 'viability', words: 'consensus without risk (viability)', scheme: 'greens', color: VIABLE_COLOR },
  { measure: 'consensus', words: 'consensus', scheme: 'blues', color: CONSENSUS_COLOR },
  { measure: 'risk', words: 'destabilization risk', scheme: 'reds', color: RISK_COLOR },
];

/** The words of a measure. */
export function measureWords(measure: MapMeasure): string {
  return MAP_MEASURES.find((m) => m.measure === measure)!.words;
}

/** The colour bands' edges: ten bands of 10 points each, so a colour reads as a range of shares (and the downloaded legend lists them). */
export const MAP_BANDS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/** Settings of {@link landscapeChart}. */
export interface LandscapeChartOptions {
  readonly measure: MapMeasure;
  /** Width in pixels. Default 640. */
  readonly width?: number;
  /** The cell outlined (the one chosen with the keyboard or pointer), if any. */
  readonly cursor?: number | null;
  /** The most viable text, marked when asked for. */
  readonly best?: RankedCell | null;
  /**
   * Points per side of the picture (default the map's grid). The notebook draws every map on the
   * fine map's frame, a coarse map as blocks of its nearest points, so that the maps that follow
   * repaint the picture ({@link repaintSquares}) instead of drawing a new chart.
   */
  readonly frame?: number;
}

/**
 * The picture of a map on a `frame x frame` grid, row by row from the lowest engagement: each
 * point takes the value of the map's nearest cell (the map's own cells when `frame` is its grid).
 *
 * @example
 * mapPicture(coarseMap, 'viability', 41)[0]; // => coarseMap.cells[0].viability.estimate
 */
export function mapPicture(map: LandscapeResult, measure: MapMeasure, frame: number): Float64Array {
  const grid = map.manifest.grid;
  const values = new Float64Array(frame * frame);
  for (let row = 0; row < frame; row++)
    for (let column = 0; column < frame; column++) {
      const cell = frame === grid ? row * grid + column : cellAt(grid, column / (frame - 1), row / (frame - 1));
      values[row * frame + column] = map.cells[cell]![measure].estimate;
    }
  return values;
}

/** Chart pixels of the plot frame: margins around the map. */
export const MAP_MARGIN = { left: 44, right: 16, top: 20, bottom: 38 } as const;

/**
 * The Plot spec of the heat map of a map of viable texts for a scenario (its allies and options
 * are drawn on it; they do not change the map's numbers).
 */
export function landscapeChart(map: LandscapeResult, scenario: Scenario, options: LandscapeChartOptions): Plot.PlotOptions {
  const { measure, width = 640, cursor = null, best = null, frame = map.manifest.grid } = options;
  const half = 0.5 / (map.manifest.grid - 1);
  const frameHalf = 0.5 / (frame - 1);
  const domain: [number, number] = [-frameHalf, 1 + frameHalf];
  const picture = mapPicture(map, measure, frame);
  const cells = finiteRows(
    Array.from(picture, (value, k) => ({ firmness: (k % frame) / (frame - 1), engagement: Math.floor(k / frame) / (frame - 1), value })),
    ['firmness', 'engagement', 'value'],
  );
  const allies = finiteRows(
    scenario.allies.map((ally) => ({ id: ally.id, name: allyLabel(ally), firmness: centerOf(ally.hawkishness), engagement: centerOf(ally.engagementPreference), influence: ally.influence })),
    ['firmness', 'engagement', 'influence'],
  );
  const compact = width < 560;
  const choices = finiteRows(
    scenario.options.map((option, k) => ({ label: compact ? String(k + 1) : wrapLabel(optionLabel(option), 24), name: optionLabel(option), firmness: option.firmness, engagement: option.engagement })),
    ['firmness', 'engagement'],
  );
  const height = Math.round(Math.max(width * (compact ? 1 : 0.78), 300));
  const margin = MAP_MARGIN;
  const px = linear(domain, [margin.left, width - margin.right]);
  const py = linear(domain, [height - margin.bottom, margin.top]);
  const statusQuo = scenario.statusQuo;
  const obstacles = [
    ...allies.map((ally) => pointBox(px.apply(ally.firmness), py.apply(ally.engagement), 4)),
    ...choices.map((choice) => pointBox(px.apply(choice.firmness), py.apply(choice.engagement), 7)),
    pointBox(px.apply(statusQuo.firmness), py.apply(statusQuo.engagement), 8),
    ...(best === null ? [] : [pointBox(px.apply(best.firmness), py.apply(best.engagement), 10)]),
  ];
  type Label = { text: string; kind: 'option' | 'status quo' | 'best' | 'ally' };
  const bounds = { left: margin.left, top: margin.top, right: width - margin.right, bottom: height - margin.bottom };
  const major: LabelRequest<Label>[] = [
    ...(best === null ? [] : [{ row: { text: 'most viable', kind: 'best' as const }, x: px.apply(best.firmness), y: py.apply(best.engagement), width: labelWidth('most viable') + 6, height: 16 }]),
    ...choices.map((choice) => ({ row: { text: choice.label, kind: 'option' as const }, x: px.apply(choice.firmness), y: py.apply(choice.engagement), width: labelWidth(choice.label) + 6, height: 16 * choice.label.split('\n').length + 4 })),
    { row: { text: 'status quo', kind: 'status quo' }, x: px.apply(statusQuo.firmness), y: py.apply(statusQuo.engagement), width: 70, height: 16 },
  ];
  const minor: LabelRequest<Label>[] = [...allies]
    .sort((a, b) => b.influence - a.influence)
    .map((ally) => ({ row: { text: ally.id, kind: 'ally' as const }, x: px.apply(ally.firmness), y: py.apply(ally.engagement), width: ally.id.length * 7.8 + 4, height: 14 }));
  const first = placeLabels(major, { bounds, obstacles, radii: [10, 16, 26, 40, 56, 76, 100] });
  const second = placeLabels(minor, { bounds, obstacles: [...obstacles, ...first.boxes] });
  const placed = [...first.placed, ...second.placed];
  const leftOut = [...first.left, ...second.left].map((row) => row.text.replaceAll('\n', ' '));
  const labelRows = placed.map((label) => ({ ...label.row, x: px.invert(label.centerX), y: py.invert(label.y), edge: px.invert(label.x), leader: label.leader, fromX: px.invert(label.pointX), fromY: py.invert(label.pointY) }));
  const halo = { stroke: 'white', strokeWidth: 3, paintOrder: 'stroke' };
  const style = (kind: Label['kind']) => (kind === 'ally' ? { fontSize: 11, fill: '#222', ...halo } : kind === 'status quo' ? { fontStyle: 'italic', fill: '#111', ...halo } : { fontWeight: 600, fill: '#111', ...halo });
  const textMarks = (['ally', 'option', 'status quo', 'best'] as const).map((kind) => Plot.text(labelRows.filter((row) => row.kind === kind), { x: 'x', y: 'y', text: 'text', textAnchor: 'middle', lineAnchor: 'middle', ...style(kind) }));
  const key = compact ? `Options: ${choices.map((choice) => `${choice.label} ${choice.name}`).join('; ')}.` : '';
  const crowded = leftOut.length === 0 ? '' : `Labels left off where marks crowd: ${leftOut.join(', ')}.`;
  const caption = [key, crowded].filter((text) => text !== '').join(' ') || EVERY_LABEL;
  const chosen = cursor === null || cursor < 0 || cursor >= map.cells.length ? [] : [map.cells[cursor]!];
  const info = MAP_MEASURES.find((m) => m.measure === measure)!;
  return {
    width,
    height,
    marginLeft: margin.left,
    marginRight: margin.right,
    marginTop: margin.top,
    marginBottom: margin.bottom,
    x: { domain, label: 'Firmness of the text →', ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] },
    y: { domain, label: '↑ Engagement of the text', ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] },
    color: { type: 'threshold', domain: MAP_BANDS, scheme: info.scheme, legend: true, label: `${info.words[0]!.toUpperCase()}${info.words.slice(1)}, share of passes`, tickFormat: '.0%' },
    symbol: { domain: ['option', 'status quo'], range: ['diamond2', 'star'] },
    caption,
    marks: [
      Plot.raster(cells, { x: 'firmness', y: 'engagement', fill: 'value', width: frame, height: frame, x1: domain[0], x2: domain[1], y1: domain[0], y2: domain[1], imageRendering: 'pixelated' }),
      Plot.link(labelRows.filter((row) => row.leader), { x1: 'fromX', y1: 'fromY', x2: 'edge', y2: 'y', stroke: '#333', strokeWidth: 0.8 }),
      Plot.dot(allies, { x: 'firmness', y: 'engagement', r: 3, fill: 'white', stroke: '#222', strokeWidth: 1 }),
      Plot.dot(choices, { x: 'firmness', y: 'engagement', symbol: () => 'option', r: 7, fill: '#222', stroke: 'white' }),
      Plot.dot([statusQuo], { x: 'firmness', y: 'engagement', symbol: () => 'status quo', r: 9, fill: '#d4a017', stroke: '#333' }),
      Plot.rect(chosen, { x1: (cell) => cell.firmness - half, x2: (cell) => cell.firmness + half, y1: (cell) => cell.engagement - half, y2: (cell) => cell.engagement + half, stroke: '#111', strokeWidth: 2, fill: 'none', clip: true }),
      ...(best === null ? [] : [Plot.dot([best], { x: 'firmness', y: 'engagement', r: 9, stroke: '#111', strokeWidth: 2.5, fill: 'none' })]),
      ...textMarks,
    ],
  };
}

/**
 * Repaints the squares of a drawn map with the figures of another map (a refinement step, or the
 * fine map after the coarse one), in the chart's own colour scale: the raster's image gets a new
 * `frame x frame` picture ({@link mapPicture}), laid out as Plot lays out its own (picture row 0
 * is the lowest engagement; the page flips it). A step then costs about a millisecond instead of
 * a new chart, whose fresh nodes and styles would make the page recompute its style. Returns
 * false when the chart has no raster or colour scale (draw the chart anew then).
 */
export function repaintSquares(chart: RenderedChart, map: LandscapeResult, measure: MapMeasure, frame: number = map.manifest.grid): boolean {
  const image = mainSvg(chart)?.querySelector('image');
  const color = chart.scale('color');
  if (image === null || image === undefined || color?.apply === undefined) return false;
  const canvas = document.createElement('canvas');
  canvas.width = frame;
  canvas.height = frame;
  const context = canvas.getContext('2d');
  if (context === null) return false;
  const picture = mapPicture(map, measure, frame);
  for (let point = 0; point < picture.length; point++) {
    const value = picture[point]!;
    if (!Number.isFinite(value)) continue;
    context.fillStyle = String(color.apply(value));
    context.fillRect(point % frame, Math.floor(point / frame), 1, 1);
  }
  image.setAttribute('href', canvas.toDataURL());
  return true;
}
