/** Which allies block which option: a heatmap of blocker rates, ally by option. */
import * as Plot from '@observablehq/plot';
import type { SimulationResult } from '@concert/core';
import { allyLabel, blocOrder, changeText, finiteRows, isClearChange, marginFor, optionLabel, optionLabels, wrapLabel, type ChartOptions } from './chartData.js';

/** Class limits of the heatmap's colours: under 1%, 1-5%, 5-10%, 10-25%, 25-50%, 50% and more. */
export const BLOCKER_CLASSES = [0.01, 0.05, 0.1, 0.25, 0.5];
const BLOCKER_COLORS = ['#f7f7f7', '#fde0d2', '#fcae91', '#fb6a4a', '#d7301f', '#99000d'];
/** Class limits of the colours of changes against a baseline (blocker rate now minus then). */
export const CHANGE_CLASSES = [-0.25, -0.1, -0.05, -0.01, 0.01, 0.05, 0.1, 0.25];
const CHANGE_COLORS = ['#08519c', '#3182bd', '#6baed6', '#c6dbef', '#f7f7f7', '#fcbba1', '#fb6a4a', '#de2d26', '#a50f15'];

/** The change legend's width: nine swatches of 40 px. */
const CHANGE_LEGEND_WIDTH = 360;

/**
 * A change in whole percentage points, signed: a cell's text and a tick of the change legend.
 *
 * @example
 * changeTick(-0.25); // => '−25'
 * changeTick(0.01); // => '+1'
 */
export function changeTick(change: number): string {
  return `${change < 0 ? '−' : '+'}${Math.round(Math.abs(change) * 100)}`;
}

/**
 * The Plot spec of the blockers heatmap: one cell per ally and option, coloured by the share of
 * passes in which the ally still objected after bargaining (blocking consensus); cells show the
 * rate in percent. With a pinned baseline and its paired comparison done, cells show the change
 * of the blocker rate in points (red: blocks more often now, blue: less often) where its 95%
 * interval excludes 0, and stay blank where it does not ("no clear change"); the legend and the
 * caption say so. Until the comparison is done the cells show the rates. Allies are grouped by bloc.
 */
export function blockersHeatmap(result: SimulationResult, options: ChartOptions = {}): Plot.PlotOptions {
  const { baseline, comparison, width = 640 } = options;
  const scenario = result.scenario;
  const blocs = blocOrder(scenario);
  const rank = (bloc: string | undefined) => (bloc === undefined ? blocs.length : blocs.indexOf(bloc));
  const allies = [...scenario.allies].sort((a, b) => rank(a.bloc) - rank(b.bloc));
  const allyNames = allies.map((ally) => `${allyLabel(ally)}${ally.bloc === undefined ? '' : ` · ${ally.bloc}`}`);
  const nameOf = new Map(allies.map((ally, k) => [ally.id, allyNames[k]!]));
  const rows = finiteRows(
    result.options.flatMap((option) => {
      const compared = comparison?.options.find((o) => o.id === option.id);
      return option.allies.map((ally) => {
        const change = compared?.allies.find((a) => a.id === ally.id)?.blockerRate.change;
        const clear = change !== undefined && isClearChange(change);
        return {
          option: optionLabel(option),
          ally: nameOf.get(ally.id) ?? ally.id,
          rate: ally.blockerRate.estimate,
          change: clear ? change.estimate : 0,
          clear,
          compared: change !== undefined,
          changeWords: change === undefined ? '' : changeText(change),
        };
      });
    }),
    ['rate', 'change'],
  );
  const cellText = (row: (typeof rows)[number]) => {
    if (row.compared) {
      return !row.clear || Math.round(row.change * 100) === 0 ? '' : changeTick(row.change);
    }
    const p = Math.round(row.rate * 100);
    return p === 0 ? '' : String(p);
  };
  const compared = rows.some((row) => row.compared);
  const caption = compared
    ? 'Change in each ally’s blocker rate since the baseline, from the paired comparison: points where the change is clear; blank where its 95% interval contains 0 (no clear change).'
    : baseline !== undefined
      ? 'Blocker rates of this run; the changes since the baseline appear here when the comparison with it is done.'
      : undefined;
  return {
    width,
    height: 17 * allies.length + 70,
    marginLeft: marginFor(allyNames, 80, 220),
    marginTop: 16 + 12 * Math.max(1, ...optionLabels(result).map((label) => wrapLabel(label, 16).split('\n').length)),
    padding: 0.04,
    x: { domain: optionLabels(result), label: null, axis: 'top', tickFormat: (label: string) => wrapLabel(label, 16) },
    y: { domain: allyNames, label: null },
    // Threshold colours: a legend of plain rectangles (a continuous ramp needs a canvas), and
    // classes a reader can name ("blocks in over a quarter of passes").
    // The change legend has nine classes: each swatch gets room for its tick ("−25", "+10") so
    // the ticks never overlap (Plot's default legend width of 240 px gave 27 px a swatch). Plot
    // reads a legend's options, such as its width, from the scale's (createLegends in its
    // legends.js); its type of the scale options does not list them, hence the cast.
    color: compared
      ? ({
          type: 'threshold',
          domain: CHANGE_CLASSES,
          range: CHANGE_COLORS,
          legend: true,
          width: Math.min(CHANGE_LEGEND_WIDTH, width - 20),
          label: 'Change in blocker rate since the baseline (percentage points; blank: no clear change)',
          tickFormat: changeTick,
        } as Plot.ScaleOptions)
      : { type: 'threshold', domain: BLOCKER_CLASSES, range: BLOCKER_COLORS, legend: true, label: 'Blocker rate (share of passes)', tickFormat: '.0%' },
    ...(caption === undefined ? {} : { caption }),
    marks: [
      Plot.cell(rows, { x: 'option', y: 'ally', fill: compared ? 'change' : 'rate', tip: true, channels: compared ? { rate: 'rate', change: 'changeWords' } : { rate: 'rate' } }),
      Plot.text(rows, { x: 'option', y: 'ally', text: cellText, fill: (row: (typeof rows)[number]) => (compared ? Math.abs(row.change) >= 0.1 : row.rate >= 0.25) ? 'white' : '#333', fontSize: 11 }),
    ],
  };
}
