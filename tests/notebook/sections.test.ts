// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { el } from '../../packages/notebook/src/dom.js';
import { groupAllies } from '../../packages/notebook/src/sections/alliesSection.js';
import { compareScenarios } from '../../packages/core/src/index.js';
import { shortChangeText } from '../../packages/notebook/src/charts/chartData.js';
import { changeText, compareSection, comparisonNotes, comparisonRows, isClearChange, layoutDifferences } from '../../packages/notebook/src/sections/compareSection.js';
import { NO_RESULTS, type NotebookApp, type ResultsState } from '../../packages/notebook/src/notebookApp.js';
import { Store } from '../../packages/notebook/src/store.js';
import { resultsOpeningBaseline } from '../../packages/notebook/src/wiring/link.js';
import { estimateText } from '../../packages/notebook/src/sections/resultsSection.js';
import { readScenarioText } from '../../packages/notebook/src/sections/scenarioSection.js';
import { NATO, TOY, TOY_BASELINE, TOY_RESULT } from './fixtures.js';

describe('notebook sections', () => {
  it('el(tag, attributes, text) inserts text as text, never as markup', () => {
    const node = el('p', { title: '"><script>' }, '<img src=x onerror=alert(1)>');
    expect(node.children.length).toBe(0);
    expect(node.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(node.getAttribute('title')).toBe('"><script>');
  });

  it('groupAllies(scenario, sort, filter) groups by bloc (no bloc last), filters and sorts within groups', () => {
    const groups = groupAllies(TOY, 'hawkishness', '');
    expect(groups.map((g) => `${g.bloc}:${g.allies.length}`)).toEqual(['engagers:4', 'east:6', 'no bloc:22']);
    const east = groups[1]!.allies.map((a) => (typeof a.hawkishness === 'number' ? a.hawkishness : a.hawkishness.center));
    expect(east).toEqual([...east].sort((a, b) => b - a));
    expect(groupAllies(TOY, 'scenario', 'ally 3').flatMap((g) => g.allies.map((a) => a.id))).toEqual(['A03', 'A30', 'A31', 'A32']);
    expect(groupAllies(TOY, 'name', 'EAST').map((g) => g.bloc)).toEqual(['east']);
  });

  it('comparisonRows(comparison) lists every compared measure of every shared option, and a Hungary-only change shows no clear change where it changes nothing', () => {
    const hungary = NATO.allies.findIndex((ally) => ally.name === 'Hungary');
    const current = structuredClone(NATO);
    const stance = current.allies[hungary]!.hawkishness as { center: number };
    stance.center += 0.1;
    const comparison = compareScenarios(NATO, current, { passes: 4000, seed: 'hague-2025' });
    expect(comparison.pairing.paired).toBe(true);
    const rows = comparisonRows(comparison);
    expect(rows).toHaveLength(NATO.options.length * 3);
    const dualTrackRisk = rows.find((row) => row.option === 'dual-track' && row.measure === 'risk')!;
    expect(dualTrackRisk.clear).toBe(false);
    expect(changeText(dualTrackRisk.change)).toBe('no change in any pass');
    // The option Hungary's stance does decide changes clearly, and is said so with its interval.
    const suspend = rows.find((row) => row.option === 'suspend-restraints' && row.measure === 'consensus')!;
    expect(suspend.clear).toBe(true);
    expect(changeText(suspend.change)).toMatch(/^\+\d+\.\d pt \(\+\d+\.\d to \+\d+\.\d pt\)$/);
  });

  it('changeText(change) says "no clear change" whenever the 95% interval contains 0, and gives the change with its interval otherwise', () => {
    expect(changeText({ estimate: -0.031, lower: -0.04, upper: -0.022, up: 12, down: 136 })).toBe('−3.1 pt (−4.0 to −2.2 pt)');
    expect(changeText({ estimate: 0.008, lower: -0.004, upper: 0.02, up: null, down: null })).toBe('no clear change (−0.4 to +2.0 pt)');
    expect(changeText({ estimate: 0.008, lower: 0, upper: 0.02, up: 5, down: 1 })).toMatch(/^no clear change/);
    expect(isClearChange({ lower: 0.001, upper: 0.02 })).toBe(true);
    expect(shortChangeText({ estimate: 0.008, lower: -0.004, upper: 0.02, up: 9, down: 5 })).toBe('no clear change');
  });

  it('comparisonNotes(baseline, comparison) says whether the runs are paired, and flags a baseline pinned from a run of another size or seed', () => {
    const comparison = compareScenarios(TOY_BASELINE.scenario, TOY_RESULT.scenario, { passes: TOY_RESULT.manifest.passes, seed: TOY_RESULT.manifest.seed });
    const notes = comparisonNotes(TOY_BASELINE, comparison);
    expect(notes.pairing).toMatch(/^Paired: .* same 2,000 passes, seed 7/);
    expect(notes.size).toMatch(/^The baseline was pinned from a run of 1,000 passes and this run has 2,000: runs of different sizes are not compared, so the baseline scenario is re-run here at 2,000 passes/);
    expect(notes.size).toContain('The baseline was pinned with seed 8; both are re-run here with seed 7.');
    expect(comparisonNotes(TOY_RESULT, comparison).size).toBeNull();
    const fewerEvents = { ...TOY_RESULT.scenario, events: TOY_RESULT.scenario.events.slice(1) };
    const unpaired = compareScenarios(TOY_RESULT.scenario, fewerEvents, { passes: 500, seed: 7 });
    expect(comparisonNotes(TOY_RESULT, unpaired).pairing).toMatch(/^Not paired: the events differ \(baseline: /);
    const firstEvent = TOY_RESULT.scenario.events[0]!;
    expect(comparisonNotes(TOY_RESULT, unpaired, fewerEvents).pairing).toMatch(new RegExp(`^Not paired: the events differ \\(switched off or removed now: ${firstEvent.name ?? firstEvent.id}\\), so the passes`));
    const reordered = { ...TOY_RESULT.scenario, allies: [...TOY_RESULT.scenario.allies].reverse() };
    expect(layoutDifferences(TOY_RESULT.scenario, reordered)).toBe('the allies are in another order');
  });

  it('estimateText(estimate) shows the estimate and its interval in percent', () => {
    expect(estimateText({ estimate: 0.612, lower: 0.601, upper: 0.623 })).toBe('61.2% (60.1–62.3%)');
  });

  it('readScenarioText(text) gives the scenario, or every problem formatted', () => {
    expect('scenario' in readScenarioText(JSON.stringify(TOY))).toBe(true);
    expect(readScenarioText('{ "schemaVersion": 2 }')).toEqual({
      problems: [
        'schemaVersion: must be 1 (the only scenario format version this engine reads), got 2',
        'id: is required (expected a string)',
        'title: is required (expected a string)',
        'statusQuo: is required (expected an object)',
        'allies: is required (expected a list)',
        'options: is required (expected a list)',
      ],
    });
    const notJson = readScenarioText('{ "allies": [');
    expect('problems' in notJson && notJson.problems[0]).toMatch(/^\(file\): must be JSON; /);
  });

  describe('a baseline named by a link', () => {
    const linked = { scenario: TOY, passes: 4000, seed: 'before' };
    const sectionWith = (results: ResultsState) => {
      const store = new Store<ResultsState>(results);
      const compare = compareSection({ results: store } as unknown as NotebookApp);
      store.subscribe((next) => compare.update(next));
      compare.update(store.get());
      const buttons = [...compare.element.querySelectorAll('button')];
      const press = (words: string) => buttons.find((b) => b.textContent === words)!.click();
      return { store, compare, press };
    };

    it('is said to be re-running, and pinning or clearing by hand first gives it up', () => {
      const { store, compare, press } = sectionWith({ ...NO_RESULTS, result: TOY_RESULT, linkedBaseline: linked });
      expect(compare.element.querySelector('[data-field=baseline-note]')!.textContent).toBe('Re-running the baseline pinned in this link (4,000 passes, seed before); “Clear the baseline” stops it.');
      press('Pin the current run as baseline');
      expect([store.get().baseline, store.get().linkedBaseline]).toEqual([TOY_RESULT, null]);
      store.set({ ...store.get(), baseline: null, linkedBaseline: linked });
      press('Clear the baseline');
      expect([store.get().baseline, store.get().linkedBaseline]).toEqual([null, null]);
    });

    it('opening a link: its baseline replaces the pinned one, none unpins, the same one stays', () => {
      const pinned: ResultsState = { ...NO_RESULTS, result: TOY_RESULT, baseline: TOY_BASELINE };
      const same = { scenario: TOY_BASELINE.scenario, passes: TOY_BASELINE.manifest.passes, seed: TOY_BASELINE.manifest.seed };
      expect(resultsOpeningBaseline(pinned, same)).toBe(pinned);
      expect(resultsOpeningBaseline(pinned, { ...same, seed: 'other' })).toEqual({ ...pinned, baseline: null, linkedBaseline: { ...same, seed: 'other' } });
      expect(resultsOpeningBaseline(pinned, undefined)).toEqual({ ...pinned, baseline: null, linkedBaseline: null });
      const reRunning: ResultsState = { ...NO_RESULTS, linkedBaseline: linked };
      expect(resultsOpeningBaseline(reRunning, { ...linked })).toBe(reRunning);
      expect(resultsOpeningBaseline(NO_RESULTS, undefined)).toBe(NO_RESULTS);
    });
  });
});
