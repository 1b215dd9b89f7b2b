import { describe, expect, it } from 'vitest';
import { formatDuration, progressLine } from '../../packages/core/cli/progress.js';

describe('progress bar', () => {
  it('formatDuration(seconds) reads as seconds, minutes or hours', () => {
    expect(formatDuration(42.4)).toBe('42s');
    expect(formatDuration(185)).toBe('3m 05s');
    expect(formatDuration(3720)).toBe('1h 02m');
    expect(formatDuration(-3)).toBe('0s');
  });

  it('progressLine(done, passes, elapsed) shows the share, passes per second and time left', () => {
    expect(progressLine(500_000, 1_000_000, 4, 10)).toBe('[#####-----]  50%  500,000/1,000,000 passes  125,000 passes/s  4s left');
    expect(progressLine(0, 1000, 0, 4)).toBe('[----]   0%  0/1,000 passes  0 passes/s  ? left');
  });
});
