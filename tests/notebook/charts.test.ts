// @vitest-environment jsdom
/**
 * Every chart's Plot spec builds from a fixed result and renders into jsdom. The SVG snapshots
 * (numbers rounded to one decimal) are REGRESSION GUARDS: they pin what the charts drew when the
 * snapshot was taken, not a known-correct picture. Update them (`npx vitest run tests/notebook -u`)
 * after an intended change to a chart, and look at the change in the notebook before committing.
 */
import { describe, expect, it } from 'vitest';
import { blockersHeatmap } from '../../packages/notebook/src/charts/blockersHeatmap.js';
import { clusterLabels, finiteRows, marginFor, wrapLabel, percent, pointChange } from '../../packages/notebook/src/charts/chartData.js';
import { consensusChart } from '../../packages/notebook/src/charts/consensusChart.js';
import { convergenceChart } from '../../packages/notebook/src/charts/convergenceChart.js';
import { dilutionChart } from '../../packages/notebook/src/charts/dilutionChart.js';
import { signalChart, thresholdQuantiles } from '../../packages/notebook/src/charts/signalChart.js';
import { stanceMap, stancePoints } from '../../packages/notebook/src/charts/stanceMap.js';
import { tradeoffChart } from '../../packages/notebook/src/charts/tradeoffChart.js';
import { mainSvg } from '../../packages/notebook/src/download.js';
import { renderChart } from '../../packages/notebook/src/charts/renderChart.js';
import { renameOption } from '../../packages/notebook/src/scenarioEdits.js';
import { TOY, TOY_BASELINE, TOY_RESULT } from './fixtures.js';

const RESULT_CHARTS = { consensusChart, tradeoffChart, blockersHeatmap, signalChart, dilutionChart, convergenceChart };

/** The chart's markup with every decimal number rounded to one decimal, so snapshots ignore float noise. */
function rounded(node: Element): string {
  return node.outerHTML.replace(/-?\d+\.\d+/g, (number) => {
    const value = Number(number).toFixed(1);
    return value === '-0.0' ? '0.0' : value;
  });
}

function render(spec: Parameters<typeof renderChart>[0]): Element {
  return renderChart(spec);
}

describe.each(Object.entries(RESULT_CHARTS))('%s(result, options)', (name, chart) => {
  it('builds a spec that renders an SVG without NaN or Infinity', () => {
    const node = render(chart(TOY_RESULT, { width: 640 }));
    expect(mainSvg(node)?.getAttribute('width')).toBe('640');
    expect(node.outerHTML).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('draws the baseline when one is pinned, still without NaN', () => {
    const plain = render(chart(TOY_RESULT, { width: 640 })).outerHTML;
    const compared = render(chart(TOY_RESULT, { width: 640, baseline: TOY_BASELINE })).outerHTML;
    expect(compared).not.toBe(plain);
    expect(compared).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('matches its SVG snapshot (regression guard, rounded numbers)', () => {
    expect(rounded(render(chart(TOY_RESULT, { width: 640 })))).toMatchSnapshot(`${name} svg`);
  });
});

describe('stanceMap(scenario, options)', () => {
  it('renders every ally and option with its label, without NaN, and matches its snapshot (regression guard)', () => {
    const node = render(stanceMap(TOY, { width: 600 }));
    const html = node.outerHTML;
    expect(html).not.toMatch(/NaN|Infinity|undefined/);
    for (const point of stancePoints(TOY)) expect(point.kind === 'ally' ? html : node.textContent).toContain(point.kind === 'ally' ? `>${point.id}<` : point.label);
    expect(rounded(node)).toMatchSnapshot('stanceMap svg');
  });

  it('shows a name with markup as text, never as elements', () => {
    const node = render(stanceMap(renameOption(TOY, 'contain', '<img src=x onerror=alert(1)>'), { width: 600 }));
    expect(node.querySelector('img')).toBeNull();
    expect(node.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});

describe('chart data helpers', () => {
  it('finiteRows(rows, fields) drops rows with NaN, null or infinite values', () => {
    expect(finiteRows([{ x: 1 }, { x: Number.NaN }, { x: null }, { x: Infinity }], ['x'])).toEqual([{ x: 1 }]);
  });

  it('percent(p) and pointChange(d) format probabilities', () => {
    expect([percent(0.4567), percent(0.0123), percent(0)]).toEqual(['46%', '1.2%', '0%']);
    expect([pointChange(0.031), pointChange(-0.2), pointChange(0.0001)]).toEqual(['+3.1 pt', '−20.0 pt', '±0.0 pt']);
  });

  it('clusterLabels(rows, pixel) joins the labels of points that would overlap', () => {
    const rows = [
      { label: 'A', x: 0, y: 0 },
      { label: 'B', x: 5, y: 3 },
      { label: 'C', x: 0, y: 40 },
    ];
    expect(clusterLabels(rows, (row) => row).map((row) => row.label)).toEqual(['A\nB', 'C']);
  });

  it('wrapLabel(label, width) breaks long labels at spaces and leaves short ones alone', () => {
    expect(wrapLabel('Dual track: firm deterrence plus risk-reduction channels', 30)).toBe('Dual track: firm deterrence\nplus risk-reduction channels');
    expect(wrapLabel('Containment', 30)).toBe('Containment');
    expect(wrapLabel('Supercalifragilistic', 5)).toBe('Supercalifragilistic');
  });

  it('marginFor(labels) grows with the longest label within its bounds', () => {
    expect(marginFor(['a'])).toBe(60);
    expect(marginFor(['a'.repeat(100)])).toBe(240);
  });

  it('thresholdQuantiles(threshold) brackets the center symmetrically on the logit scale', () => {
    const q = thresholdQuantiles({ center: 0.5, uncertainty: 1 });
    expect(q.p50).toBe(0.5);
    expect(q.p05 + q.p95).toBeCloseTo(1, 12);
    expect(q.p95).toBeCloseTo(1 / (1 + Math.exp(-1.6448536269514722)), 12);
    expect(thresholdQuantiles(0.3)).toEqual({ p05: 0.3, p50: 0.3, p95: 0.3 });
  });
});
