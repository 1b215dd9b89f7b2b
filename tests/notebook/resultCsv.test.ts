import { describe, expect, it } from 'vitest';
import { csvField, resultCsv } from '../../packages/notebook/src/resultCsv.js';
import { TOY_RESULT } from './fixtures.js';

describe('resultCsv(result)', () => {
  it('has a header, 10 rows per option and 3 per option and ally', () => {
    const lines = resultCsv(TOY_RESULT).trimEnd().split('\n');
    expect(lines[0]).toBe('option_id,option_name,ally_id,measure,estimate,lower,upper');
    expect(lines.length).toBe(1 + 6 * (10 + 32 * 3));
    const consensus = TOY_RESULT.options[2]!.consensus;
    expect(lines).toContain(`dual-track,Dual track,,consensus,${consensus.estimate},${consensus.lower},${consensus.upper}`);
  });

  it('leaves figures of a never-adopted option empty, never NaN', () => {
    const csv = resultCsv(TOY_RESULT);
    expect(csv).not.toMatch(/NaN|null|undefined/);
    expect(csv).toContain('contain,Containment,,dilution,,,');
  });

  it('csvField(text) quotes commas, quotes and line breaks', () => {
    expect(csvField('Firm, quietly')).toBe('"Firm, quietly"');
    expect(csvField('say "no"')).toBe('"say ""no"""');
    expect(csvField(null)).toBe('');
  });
});
