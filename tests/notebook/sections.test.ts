// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { el } from '../../packages/notebook/src/dom.js';
import { groupAllies } from '../../packages/notebook/src/sections/alliesSection.js';
import { compareResults } from '../../packages/notebook/src/sections/compareSection.js';
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
    expect(consensus).toEqual({ option: 'Dual track', measure: 'consensus', baseline: TOY_BASELINE.options[2]!.consensus.estimate, current: TOY_RESULT.options[2]!.consensus.estimate });
    const never = changes.find((c) => c.option === 'Containment' && c.measure === 'dilution')!;
    expect([never.baseline, never.current]).toEqual([null, null]);
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
