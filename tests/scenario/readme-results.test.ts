import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { currentHeadline, headlineMarkdown, headlineResult, replaceHeadline } from '../../examples/data/headlineResults.js';

describe('README "Default scenario: headline results"', () => {
  it('matches a fresh run of the default scenario at the named seed and passes (run `pnpm readme:results` to update it)', () => {
    const readme = readFileSync('README.md', 'utf8');
    const fresh = headlineMarkdown(headlineResult(JSON.parse(readFileSync('examples/scenarios/nato-russia-2025.json', 'utf8'))));
    expect(currentHeadline(readme)).toBe(fresh);
  });

  it('sits after the "Using the library" section', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme.indexOf('## Default scenario: headline results')).toBeGreaterThan(readme.indexOf('## Using the library'));
  });
});

describe('replaceHeadline(readme, markdown)', () => {
  it('replaces only the text between the markers', () => {
    const readme = 'a\n<!-- headline-results:start -->\nold\n<!-- headline-results:end -->\nb';
    expect(replaceHeadline(readme, 'new')).toBe('a\n<!-- headline-results:start -->\nnew\n<!-- headline-results:end -->\nb');
    expect(currentHeadline(replaceHeadline(readme, 'new'))).toBe('new');
  });
  it('refuses a README without the markers', () => {
    expect(() => replaceHeadline('no markers', 'x')).toThrow(/README.md: expected <!-- headline-results:start -->/);
  });
});
