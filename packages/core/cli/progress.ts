/**
 * A progress bar on stderr: passes done, passes per second and time left. Drawn only when stderr
 * is a terminal and `--quiet` is not given, so piped output and logs stay clean.
 */
import type { CliContext } from './context.js';

/** Reports passes done; `finish` clears the line. */
export interface ProgressReporter {
  update(passesDone: number): void;
  finish(): void;
}

const SILENT: ProgressReporter = { update: () => {}, finish: () => {} };

/** A duration in seconds as `42s`, `3m 05s` or `1h 02m`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** One line of the bar, e.g. `[#####-----]  50%  500,000/1,000,000 passes  152,310 passes/s  3s left`. */
export function progressLine(passesDone: number, passes: number, elapsedSeconds: number, width = 24): string {
  const share = passes === 0 ? 1 : Math.min(1, passesDone / passes);
  const filled = Math.round(share * width);
  const rate = elapsedSeconds > 0 ? passesDone / elapsedSeconds : 0;
  const left = rate > 0 ? formatDuration((passes - passesDone) / rate) : '?';
  const number = (n: number) => Math.round(n).toLocaleString('en-US');
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%  ${number(passesDone)}/${number(passes)} passes  ${number(rate)} passes/s  ${left} left`;
}

/**
 * A progress reporter for a run of `passes` passes: a bar redrawn at most ten times a second when
 * stderr is a terminal and `quiet` is false, otherwise one that prints nothing.
 */
export function progressReporter(passes: number, context: CliContext, quiet: boolean): ProgressReporter {
  if (quiet || context.stderr.isTTY !== true) return SILENT;
  const start = performance.now();
  let lastDraw = 0;
  return {
    update(passesDone) {
      const now = performance.now();
      if (now - lastDraw < 100 && passesDone < passes) return;
      lastDraw = now;
      context.stderr.write(`\r${progressLine(passesDone, passes, (now - start) / 1000)}\x1b[K`);
    },
    finish() {
      if (lastDraw > 0) context.stderr.write('\r\x1b[K');
    },
  };
}
