import { describe, expect, it } from 'vitest';
import { quickStart } from '../../examples/quick-start.js';

describe('examples/quick-start.ts', () => {
  it('builds a valid scenario in code and prints one line per option', () => {
    const lines = quickStart(2000, 1);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^Five allies and three texts: 2000 passes, seed 1, scenario [0-9a-f]{12}$/);
    expect(lines[1]).toMatch(/^Today's course +consensus \d+\.\d% \[\d+\.\d%, \d+\.\d%\] {2}risk \d+\.\d% {2}top blocker (none|[A-Z]{2} )/);
  });
});
