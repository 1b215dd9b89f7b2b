import { describe, expect, it } from 'vitest';
import { collectScenarios } from '../../packages/notebook/src/builtInScenarios.js';
import { TOY } from './fixtures.js';

describe('collectScenarios(modules)', () => {
  it('puts nato-russia-2025 first and reports files that are not scenarios', () => {
    const { scenarios, rejected } = collectScenarios({
      '../../../examples/scenarios/a-preset.json': TOY,
      '../../../examples/scenarios/nato-russia-2025.json': { ...TOY, id: 'nato' },
      '../../../examples/scenarios/broken.json': { ...TOY, options: [] },
    });
    expect(scenarios.map((s) => s.key)).toEqual(['nato-russia-2025', 'a-preset']);
    expect(scenarios[0]!.file).toBe('examples/scenarios/nato-russia-2025.json');
    expect(rejected).toEqual([{ file: 'examples/scenarios/broken.json', problems: ['options: must list at least one strategy option, got []'] }]);
  });
});
