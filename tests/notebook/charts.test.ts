// @vitest-environment jsdom
/**
 * Every chart's Plot spec builds from a fixed result and renders into jsdom. The SVG snapshots
 * (numbers rounded to one decimal) are REGRESSION GUARDS: they pin what the charts drew when the
 * snapshot was taken, not a known-correct picture. Update them (`npx vitest run tests/notebook -u`)
 * after an intended change to a chart, and look at the change in the notebook before committing.
 */
import { describe, expect, it } from 'vitest';
import { CHANGE_CLASSES, blockersHeatmap } from '../../packages/notebook/src/charts/blockersHeatmap.js';
import fc from 'fast-check';
import { estimateText, finiteRows, isClearChange, marginFor, wrapLabel, percent, pointChange } from '../../packages/notebook/src/charts/chartData.js';
import { DASHES, dodge } from '../../packages/notebook/src/charts/convergenceChart.js';
import { headlineChart } from '../../packages/notebook/src/charts/headlineChart.js';
import { overlaps, placeLabels, pointBox } from '../../packages/notebook/src/charts/labelPlacement.js';
import { consensusChart } from '../../packages/notebook/src/charts/consensusChart.js';
import { convergenceChart } from '../../packages/notebook/src/charts/convergenceChart.js';
import { dilutionChart } from '../../packages/notebook/src/charts/dilutionChart.js';
import { signalChart, thresholdQuantiles } from '../../packages/notebook/src/charts/signalChart.js';
import { stanceMap, stancePoints } from '../../packages/notebook/src/charts/stanceMap.js';
import { tradeoffChart } from '../../packages/notebook/src/charts/tradeoffChart.js';
import { mainSvg } from '../../packages/notebook/src/download.js';
import { renderChart } from '../../packages/notebook/src/charts/renderChart.js';
import { renameOption } from '../../packages/notebook/src/scenarioEdits.js';
import { compareScenarios, simulate } from '../../packages/core/src/index.js';
import { NATO, TOY, TOY_BASELINE, TOY_RESULT } from './fixtures.js';

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

describe('headlineChart(result, options)', () => {
  it('draws a dot and an interval for each option and measure, names every option, and matches its snapshot (regression guard)', () => {
    for (const width of [320, 560]) {
      const node = render(headlineChart(TOY_RESULT, { width }));
      expect(mainSvg(node)?.getAttribute('width')).toBe(String(width));
      expect(node.outerHTML).not.toMatch(/NaN|Infinity|undefined/);
      expect(mainSvg(node)!.querySelectorAll('circle')).toHaveLength(TOY_RESULT.options.length * 3);
      for (const option of TOY_RESULT.options) expect(node.innerHTML).toContain(option.name.slice(0, 10));
    }
    expect(rounded(render(headlineChart(TOY_RESULT, { width: 520 })))).toMatchSnapshot('headlineChart svg');
  });
});

describe('blockersHeatmap with a baseline', () => {
  const hungary = NATO.allies.findIndex((ally) => ally.name === 'Hungary');
  const current = structuredClone(NATO);
  (current.allies[hungary]!.hawkishness as { center: number }).center += 0.1;
  const settings = { passes: 4000, seed: 'hague-2025' };
  const before = simulate(NATO, settings);
  const after = simulate(current, settings);
  const comparison = compareScenarios(NATO, current, settings);

  it('shows rates, not changes, until the paired comparison is done, and says so', () => {
    const spec = blockersHeatmap(after, { baseline: before });
    expect((spec.color as { label: string }).label).toMatch(/^Blocker rate/);
    expect(spec.caption).toMatch(/changes since the baseline appear here when the comparison/);
    expect((blockersHeatmap(after).color as { label: string }).label).toMatch(/^Blocker rate/);
    expect(blockersHeatmap(after).caption).toBeUndefined();
  });

  it('colours the clear changes of the paired comparison, leaves the others blank, and says "change" in its legend', () => {
    const spec = blockersHeatmap(after, { baseline: before, comparison });
    expect((spec.color as { label: string }).label).toMatch(/^Change in blocker rate since the baseline/);
    expect(spec.caption).toMatch(/blank where its 95% interval contains 0 \(no clear change\)/);
    const svg = render(spec);
    const texts = [...svg.querySelectorAll('g[aria-label=text] text')].map((t) => t.textContent ?? '').filter((t) => t !== '');
    const clear = comparison.options.flatMap((o) => o.allies.filter((a) => isClearChange(a.blockerRate.change) && Math.round(a.blockerRate.change.estimate * 100) !== 0));
    expect(texts).toHaveLength(clear.length);
    expect(clear.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).toMatch(/^[+−]\d+$/);
  });

  it('gives its change legend room for each tick, in percentage points like the cells, on a phone too', () => {
    for (const width of [640, 360]) {
      const spec = blockersHeatmap(after, { baseline: before, comparison, width });
      const legend = spec.color as { width: number; label: string };
      expect(legend.label).toContain('percentage points');
      expect(legend.width / (CHANGE_CLASSES.length + 1)).toBeGreaterThanOrEqual(36); // a tick such as "−25" is about 20 px wide
      const figure = render(spec).closest('figure') ?? render(spec);
      const ticks = [...figure.querySelectorAll('svg[class$=-ramp] .tick text')].map((t) => t.textContent);
      expect(ticks).toEqual(['−25', '−10', '−5', '−1', '+1', '+5', '+10', '+25']);
    }
  });

  it('consensusChart gives each option its paired change only once the comparison is done, "no clear change" where the interval contains 0', () => {
    const labels = (spec: Parameters<typeof renderChart>[0]) => [...render(spec).querySelectorAll('g[aria-label=text] text')].map((t) => t.textContent ?? '');
    expect(labels(consensusChart(after, { baseline: before })).filter((t) => /change|pt/.test(t))).toEqual([]);
    const compared = labels(consensusChart(after, { baseline: before, comparison }));
    expect(compared.filter((t) => t === 'no change')).toHaveLength(comparison.options.filter((o) => o.consensus.change.up === 0 && o.consensus.change.down === 0).length);
    expect(compared.some((t) => /^\+\d+\.\d pt \(\+\d+\.\d to \+\d+\.\d\)$/.test(t))).toBe(true);
  });
});

describe('stanceMap(scenario, options)', () => {
  it('renders every ally and option with its label, without NaN, and matches its snapshot (regression guard)', () => {
    const node = render(stanceMap(TOY, { width: 600 }));
    const html = node.outerHTML;
    expect(html).not.toMatch(/NaN|Infinity|undefined/);
    // Every ally is labelled by its code, or named in the caption when its dot is too crowded.
    const caption = node.querySelector('figcaption')?.textContent ?? '';
    for (const point of stancePoints(TOY)) {
      if (point.kind === 'ally') expect(html.includes(`>${point.id}<`) || caption.includes(point.id), point.id).toBe(true);
      else expect(node.textContent).toContain(point.label);
    }
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
    expect([percent(0.4567), percent(0.0123), percent(0), percent(1)]).toEqual(['45.7%', '1.2%', '0.0%', '100.0%']);
    expect(estimateText({ estimate: 0.612, lower: 0.601, upper: 0.623 })).toBe('61.2% (60.1–62.3%)');
    expect([pointChange(0.031), pointChange(-0.2), pointChange(0.0001)]).toEqual(['+3.1 pt', '−20.0 pt', '±0.0 pt']);
  });

  it('placeLabels(requests, options) never lets two labels, or a label and a dot, overlap, and keeps them inside', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ x: fc.double({ min: 0, max: 400, noNaN: true }), y: fc.double({ min: 0, max: 300, noNaN: true }), width: fc.integer({ min: 8, max: 90 }) }), { maxLength: 40 }), (points) => {
        const bounds = { left: 0, top: 0, right: 400, bottom: 300 };
        const obstacles = points.map((p) => pointBox(p.x, p.y, 4));
        const { placed, left } = placeLabels(points.map((p, k) => ({ row: k, x: p.x, y: p.y, width: p.width, height: 12 })), { bounds, obstacles });
        expect(placed.length + left.length).toBe(points.length);
        const boxes = placed.map((label) => {
          const width = points[label.row]!.width;
          const x0 = label.textAnchor === 'start' ? label.x : label.textAnchor === 'end' ? label.x - width : label.x - width / 2;
          return { left: x0, right: x0 + width, top: label.y - 6, bottom: label.y + 6 };
        });
        for (const [k, box] of boxes.entries()) {
          expect(box.left >= bounds.left && box.right <= bounds.right && box.top >= bounds.top && box.bottom <= bounds.bottom).toBe(true);
          for (const other of boxes.slice(k + 1)) expect(overlaps(box, other)).toBe(false);
          for (const obstacle of obstacles) expect(overlaps(box, obstacle)).toBe(false);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('dodge(labels, options) moves end labels apart in order, within the plot when they fit', () => {
    expect(dodge([{ y: 100, lines: 1 }, { y: 102, lines: 1 }], { top: 0, bottom: 300, lineHeight: 14 }).map((l) => l.y)).toEqual([100, 118]);
    const crowded = dodge(Array.from({ length: 6 }, () => ({ y: 290, lines: 1 })), { top: 0, bottom: 300, lineHeight: 14 });
    for (let k = 1; k < crowded.length; k++) expect(crowded[k]!.y - crowded[k - 1]!.y).toBeGreaterThanOrEqual(18);
    expect(crowded.at(-1)!.y).toBeLessThanOrEqual(291);
    expect(new Set(DASHES).size).toBe(DASHES.length);
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
