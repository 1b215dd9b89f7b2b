/** The stance map: allies' ideal points, the options and the status quo in the firmness x engagement plane. */
import * as Plot from '@observablehq/plot';
import type { Scenario } from '@concert/core';
import { centerOf } from '../scenarioEdits.js';
import { allyLabel, blocColors, blocOrder, clusterLabels, finiteRows, labelWidth, optionLabel, wrapLabel } from './chartData.js';

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
 * status quo as a labelled star. Pointing at a dot shows its numbers.
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
  const height = Math.round(width * 0.75);
  const plotWidth = width - 60; // about the width between the margins
  const choiceLabels = clusterLabels(choices, (choice) => ({ x: choice.firmness * plotWidth, y: choice.engagement * (height - 60) }));
  const fitsRight = (choice: (typeof choiceLabels)[number]) => choice.firmness * plotWidth + 10 + labelWidth(choice.label) <= plotWidth + 15;
  return {
    width,
    height,
    marginRight: 20,
    x: { domain: [0, 1], label: 'Firmness (hawkishness) →', grid: true },
    y: { domain: [0, 1], label: '↑ Engagement', grid: true },
    r: { range: [3, 12], domain: [0, Math.max(...allies.map((ally) => ally.influence), 1)] },
    color: { type: 'categorical', domain: blocOrder(scenario), range: blocColors(blocOrder(scenario)), legend: true },
    symbol: { domain: ['option', 'status quo'], range: ['diamond2', 'star'] },
    marks: [
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
      Plot.text(allies, { x: 'firmness', y: 'engagement', text: 'id', dy: -11, fontSize: 9, fill: '#555' }),
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
      // Labels right of their diamond, or left of it where they would run off the chart.
      Plot.text(choiceLabels.filter((c) => fitsRight(c)), { x: 'firmness', y: 'engagement', text: 'label', dx: 10, textAnchor: 'start', fontWeight: 600, fill: '#111', stroke: 'white', strokeWidth: 3, paintOrder: 'stroke' }),
      Plot.text(choiceLabels.filter((c) => !fitsRight(c)), { x: 'firmness', y: 'engagement', text: 'label', dx: -10, textAnchor: 'end', fontWeight: 600, fill: '#111', stroke: 'white', strokeWidth: 3, paintOrder: 'stroke' }),
      Plot.dot(statusQuo, { x: 'firmness', y: 'engagement', symbol: () => 'status quo', r: 10, fill: '#d4a017', stroke: '#333' }),
      Plot.text(statusQuo, { x: 'firmness', y: 'engagement', text: 'label', dy: 16, fontStyle: 'italic', fill: '#111', stroke: 'white', strokeWidth: 3, paintOrder: 'stroke' }),
    ],
  };
}
