/** The stance map: allies' ideal points, the options and the status quo in the firmness x engagement plane. */
import * as Plot from '@observablehq/plot';
import type { Scenario } from '@concert/core';
import { centerOf } from '../scenarioEdits.js';
import { allyLabel, blocColors, blocOrder, EVERY_LABEL, finiteRows, labelWidth, optionLabel, wrapLabel } from './chartData.js';
import { linear, placeLabels, pointBox, type LabelRequest } from './labelPlacement.js';

/** A point on the stance map that can be dragged. */
export interface StancePoint {
  readonly kind: 'ally' | 'option';
  readonly id: string;
  readonly label: string;
  readonly firmness: number;
  readonly engagement: number;
}

/** The allies and options of a scenario as points of the stance map (the status quo is not draggable). */
export function stancePoints(scenario: Scenario): StancePoint[] {
  return [
    ...scenario.allies.map((ally) => ({
      kind: 'ally' as const,
      id: ally.id,
      label: allyLabel(ally),
      firmness: centerOf(ally.hawkishness),
      engagement: centerOf(ally.engagementPreference),
    })),
    ...scenario.options.map((option) => ({ kind: 'option' as const, id: option.id, label: optionLabel(option), firmness: option.firmness, engagement: option.engagement })),
  ];
}

/**
 * The Plot spec of the stance map: each ally's ideal point (hawkishness and engagement preference
 * centers) as a dot sized by influence and coloured by bloc; options as labelled diamonds; the
 * status quo as a labelled star. Labels are placed so that none overlaps another or a dot (with
 * a leader line when pushed away); pointing at a dot shows its numbers.
 */
export function stanceMap(scenario: Scenario, options: { readonly width?: number; readonly highlight?: string | undefined } = {}): Plot.PlotOptions {
  const { width = 640, highlight } = options;
  const allies = finiteRows(
    scenario.allies.map((ally) => ({
      id: ally.id,
      name: allyLabel(ally),
      bloc: ally.bloc ?? 'no bloc',
      firmness: centerOf(ally.hawkishness),
      engagement: centerOf(ally.engagementPreference),
      salience: centerOf(ally.salience),
      influence: ally.influence,
      solidarityCost: ally.solidarityCost,
    })),
    ['firmness', 'engagement', 'salience', 'influence', 'solidarityCost'],
  );
  const choices = finiteRows(
    scenario.options.map((option) => ({ id: option.id, label: wrapLabel(optionLabel(option), 28), firmness: option.firmness, engagement: option.engagement, visibility: option.visibility })),
    ['firmness', 'engagement', 'visibility'],
  );
  const statusQuo = [{ label: 'status quo', ...scenario.statusQuo }];
  const picked = allies.filter((ally) => ally.id === highlight);
  // On a narrow chart the options are numbered on the map, with their names in the caption's key.
  const compact = width < 560;
  const height = Math.round(Math.max(width * (compact ? 1 : 0.75), 300));
  const optionText = (choice: (typeof choices)[number], k: number) => (compact ? String(k + 1) : choice.label);
  const margin = { left: 44, right: 16, top: 20, bottom: 38 };
  const px = linear([0, 1], [margin.left, width - margin.right]);
  const py = linear([0, 1], [height - margin.bottom, margin.top]);
  const maxInfluence = Math.max(...allies.map((ally) => ally.influence), 1);
  const radius = (influence: number) => 3 + 9 * Math.sqrt(Math.max(0, influence) / maxInfluence);
  // Dots are obstacles for every label; labels go nearest first, options before allies.
  const obstacles = [
    ...allies.map((ally) => pointBox(px.apply(ally.firmness), py.apply(ally.engagement), radius(ally.influence))),
    ...choices.map((choice) => pointBox(px.apply(choice.firmness), py.apply(choice.engagement), 7)),
    pointBox(px.apply(scenario.statusQuo.firmness), py.apply(scenario.statusQuo.engagement), 8),
  ];
  type Label = { text: string; kind: 'option' | 'status quo' | 'ally' };
  const bounds = { left: margin.left, top: margin.top, right: width - margin.right, bottom: height - margin.bottom };
  // Options and the status quo first, reaching further (with leader lines); then the allies' codes around them.
  const major: LabelRequest<Label>[] = [
    ...choices.map((choice, k) => ({ row: { text: optionText(choice, k), kind: 'option' as const }, x: px.apply(choice.firmness), y: py.apply(choice.engagement), width: labelWidth(optionText(choice, k)) + 6, height: 16 * optionText(choice, k).split('\n').length + 4 })),
    { row: { text: 'status quo', kind: 'status quo' }, x: px.apply(scenario.statusQuo.firmness), y: py.apply(scenario.statusQuo.engagement), width: 70, height: 16 },
  ];
  const minor: LabelRequest<Label>[] = [...allies]
    .sort((a, b) => b.influence - a.influence)
    .map((ally) => ({ row: { text: ally.id, kind: 'ally' as const }, x: px.apply(ally.firmness), y: py.apply(ally.engagement), width: ally.id.length * 7.8 + 4, height: 14 }));
  const first = placeLabels(major, { bounds, obstacles, radii: [10, 16, 26, 40, 56, 76, 100] });
  const second = placeLabels(minor, { bounds, obstacles: [...obstacles, ...first.boxes] });
  const requests = [...major, ...minor];
  const placed = [...first.placed, ...second.placed];
  const left = [...first.left, ...second.left];
  // Each label is drawn centred on its box (one text mark per kind of label), its leader line to the box's edge.
  const labelRows = placed.map((label) => ({ ...label.row, x: px.invert(label.centerX), y: py.invert(label.y), edge: px.invert(label.x), leader: label.leader, fromX: px.invert(label.pointX), fromY: py.invert(label.pointY) }));
  const style = (kind: Label['kind']) =>
    kind === 'ally' ? { fontSize: 11, fill: '#444' } : kind === 'option' ? { fontWeight: 600, fill: '#111', stroke: 'white', strokeWidth: 3, paintOrder: 'stroke' } : { fontStyle: 'italic', fill: '#111', stroke: 'white', strokeWidth: 3, paintOrder: 'stroke' };
  const textMarks = (['ally', 'option', 'status quo'] as const).map((kind) => Plot.text(labelRows.filter((row) => row.kind === kind), { x: 'x', y: 'y', text: 'text', textAnchor: 'middle', lineAnchor: 'middle', ...style(kind) }));
  const leftOut = requests.filter((request) => left.includes(request.row)).map((request) => request.row.text);
  const key = compact ? `Options: ${choices.map((choice, k) => `${k + 1} ${choice.label.replaceAll('\n', ' ')}`).join('; ')}.` : '';
  const crowded = leftOut.length === 0 ? '' : `Labels left off where dots crowd: ${leftOut.join(', ')} (point at a dot for its name).`;
  // Always a caption, so the chart keeps its height as labels come and go (see EVERY_LABEL).
  const caption = [key, crowded].filter((text) => text !== '').join(' ') || EVERY_LABEL;
  return {
    width,
    height,
    marginLeft: margin.left,
    marginRight: margin.right,
    marginTop: margin.top,
    marginBottom: margin.bottom,
    x: { domain: [0, 1], label: 'Firmness (hawkishness) →', grid: true },
    y: { domain: [0, 1], label: '↑ Engagement', grid: true },
    r: { range: [3, 12], domain: [0, maxInfluence] },
    color: { type: 'categorical', domain: blocOrder(scenario), range: blocColors(blocOrder(scenario)), legend: true },
    symbol: { domain: ['option', 'status quo'], range: ['diamond2', 'star'] },
    caption,
    marks: [
      Plot.link(labelRows.filter((row) => row.leader), { x1: 'fromX', y1: 'fromY', x2: 'edge', y2: 'y', stroke: '#9aa3ad', strokeWidth: 0.8 }),
      Plot.dot(allies, {
        x: 'firmness',
        y: 'engagement',
        r: 'influence',
        fill: 'bloc',
        fillOpacity: 0.8,
        stroke: 'white',
        channels: { ally: 'name', salience: 'salience', 'solidarity cost': 'solidarityCost' },
        tip: { format: { x: '.2f', y: '.2f', r: '.2f', fill: true, ally: true, salience: '.2f', 'solidarity cost': '.2f' } },
      }),
      Plot.dot(picked, { x: 'firmness', y: 'engagement', r: 14, stroke: '#111', strokeWidth: 2 }),
      Plot.dot(choices, {
        x: 'firmness',
        y: 'engagement',
        symbol: () => 'option',
        r: 8,
        fill: '#222',
        stroke: 'white',
        channels: { option: 'label', visibility: 'visibility' },
        tip: { format: { x: '.2f', y: '.2f', symbol: false, option: true, visibility: '.2f' } },
      }),
      Plot.dot(statusQuo, { x: 'firmness', y: 'engagement', symbol: () => 'status quo', r: 10, fill: '#d4a017', stroke: '#333' }),
      ...textMarks,
    ],
  };
}
