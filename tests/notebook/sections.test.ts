// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { el } from '../../packages/notebook/src/dom.js';
import { groupAllies } from '../../packages/notebook/src/sections/alliesSection.js';
import { compareResults, runSizeNote } from '../../packages/notebook/src/sections/compareSection.js';
import { estimateText } from '../../packages/notebook/src/sections/resultsSection.js';
import { readScenarioText } from '../../packages/notebook/src/sections/scenarioSection.js';
import { TOY, TOY_BASELINE, TOY_RESULT } from './fixtures.js';

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

  it('compareResults(baseline, current) lists each headline figure of the options both runs share', () => {
    const changes = compareResults(TOY_BASELINE, TOY_RESULT);
    expect(changes.length).toBe(6 * 6);
    const consensus = changes.find((c) => c.option === 'Dual track' && c.measure === 'consensus')!;
    const [before, now] = [TOY_BASELINE.options[2]!.consensus, TOY_RESULT.options[2]!.consensus];
    expect(consensus).toEqual({ option: 'Dual track', measure: 'consensus', baseline: before.estimate, current: now.estimate, withinNoise: before.lower <= now.upper && now.lower <= before.upper, interval: null });
    const never = changes.find((c) => c.option === 'Containment' && c.measure === 'dilution')!;
    expect([never.baseline, never.current]).toEqual([null, null]);
  });

  it('compareResults(baseline, current, intervals) carries the interval of each difference a paired comparison knows', () => {
    const changes = compareResults(TOY_BASELINE, TOY_RESULT, (option, measure) => (option === 'dual-track' && measure === 'risk' ? { lower: -0.01, upper: 0.02 } : null));
    expect(changes.find((c) => c.option === 'Dual track' && c.measure === 'risk')!.interval).toEqual({ lower: -0.01, upper: 0.02 });
    expect(changes.filter((c) => c.interval !== null)).toHaveLength(1);
  });

  it('runSizeNote(baseline, current) flags runs of different sizes or seeds, and only those', () => {
    expect(runSizeNote(TOY_RESULT, TOY_RESULT)).toBeNull();
    expect(runSizeNote(TOY_BASELINE, TOY_RESULT)).toMatch(/^The baseline ran 1,000 passes and this run 2,000: /);
    expect(runSizeNote(TOY_BASELINE, TOY_RESULT)).toContain('The seeds differ (8 and 7).');
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
});
