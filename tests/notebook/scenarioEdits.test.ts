import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseScenario, runSettingsProblems } from '../../packages/core/src/index.js';
import {
  addOption,
  centerOf,
  moveAlly,
  moveOption,
  removeOption,
  renameOption,
  resetAllAllies,
  resetAlly,
  setAllyNumber,
  setAllyStance,
  setBargaining,
  setThreshold,
  withCenter,
  withUncertainty,
} from '../../packages/notebook/src/scenarioEdits.js';
import { cliCommand, effectiveScenario, initialState, parseSeed } from '../../packages/notebook/src/notebookState.js';
import { TOY } from './fixtures.js';

describe('scenario edits', () => {
  it('withCenter(value, c) keeps plain numbers plain and centers strictly inside (0, 1)', () => {
    expect(withCenter(0.4, 1)).toBe(1);
    expect(withCenter({ center: 0.3, uncertainty: 0.5 }, 1)).toEqual({ center: 0.999, uncertainty: 0.5 });
    expect(withCenter({ center: 0.3, uncertainty: 0.5 }, 0)).toEqual({ center: 0.001, uncertainty: 0.5 });
  });

  it('withUncertainty(number, s) becomes { center, uncertainty } only when s > 0', () => {
    expect(withUncertainty(0.4, 0)).toBe(0.4);
    expect(withUncertainty(1, 0.3)).toEqual({ center: 0.999, uncertainty: 0.3 });
  });

  it('moveAlly(scenario, id, f, e) moves the ideal point and nothing else', () => {
    const moved = moveAlly(TOY, 'A03', 0.9, 0.1);
    const ally = moved.allies[2]!;
    expect([centerOf(ally.hawkishness), centerOf(ally.engagementPreference)]).toEqual([0.9, 0.1]);
    expect(moved.allies.filter((a, k) => a !== TOY.allies[k]).map((a) => a.id)).toEqual(['A03']);
  });

  it('resetAlly and resetAllAllies restore the original allies', () => {
    const changed = setAllyNumber(moveAlly(TOY, 'A03', 0.9, 0.1), 'A04', 'influence', 2);
    expect(resetAlly(changed, TOY, 'A03').allies[2]).toBe(TOY.allies[2]);
    expect(resetAlly(changed, TOY, 'A03').allies[3]!.influence).toBe(2);
    expect(resetAllAllies(changed, TOY).allies).toEqual(TOY.allies);
  });

  it('addOption, renameOption and removeOption keep ids unique and at least one option', () => {
    const added = addOption(addOption(TOY));
    expect(added.options.slice(-2).map((o) => o.id)).toEqual(['option-7', 'option-8']);
    expect(renameOption(added, 'option-7', '').options[6]).not.toHaveProperty('name');
    expect(renameOption(added, 'option-7', '<b>Bold</b>').options[6]!.name).toBe('<b>Bold</b>');
    let one = TOY;
    for (const option of TOY.options) one = removeOption(one, option.id);
    expect(one.options.map((o) => o.id)).toEqual(['quiet-firm']);
  });

  it('every edit with any slider value leaves a valid scenario', () => {
    fc.assert(
      fc.property(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true }), (a, b) => {
        let s = moveAlly(TOY, 'A01', a, b);
        s = setAllyStance(s, 'A02', 'salience', 'center', a);
        s = setAllyStance(s, 'A02', 'salience', 'uncertainty', b);
        s = setAllyNumber(setAllyNumber(s, 'A05', 'influence', a), 'A05', 'solidarityCost', b);
        s = moveOption(s, 'dual-track', a, b);
        s = setBargaining(setBargaining(setBargaining(s, 'maxRounds', a * 10), 'step', b), 'maxDrift', a);
        s = setThreshold(setThreshold(s, 'center', a), 'uncertainty', b);
        expect(parseScenario(s).success).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('effectiveScenario(state) leaves out the events switched off', () => {
    const state = { ...initialState(TOY, 'toy-32'), disabledEvents: ['thaw'] };
    expect(effectiveScenario(state).events.map((e) => e.id)).toEqual(['escalation']);
    expect(effectiveScenario(initialState(TOY, 'toy-32'))).toBe(TOY);
  });

  it('parseSeed(text) reads whole numbers as numbers, as the CLI does', () => {
    expect(parseSeed(' 42 ')).toBe(42);
    expect(parseSeed('42a')).toBe('42a');
    expect(runSettingsProblems({ passes: 1, seed: parseSeed('99999999999999999999') }).map((p) => p.path)).toEqual(['seed']);
  });

  it('cliCommand(passes, seed) quotes seeds the shell would split', () => {
    expect(cliCommand(50_000, 42)).toBe('pnpm concert run scenario.json --passes 50000 --seed 42');
    expect(cliCommand(10, "it's a seed")).toBe("pnpm concert run scenario.json --passes 10 --seed 'it'\\''s a seed'");
  });
});
