/**
 * A map of viable texts as CSV (RFC 4180): one row per text (cell), with its consensus, risk and
 * viability, their 95% Wilson intervals, and its most frequent blocker. The one CSV format of a
 * map: `concert landscape --format csv` prints it and the notebook downloads it. Probabilities
 * have 6 decimals, coordinates are as short as they are exact to 1e-9; names go through
 * `csvCell`, so none can run as a spreadsheet formula. Pure text in, text out.
 */
import type { LandscapeResult } from '../analysis/landscape/landscape.js';
import type { Estimate } from '../statistics.js';
import { csvCell } from './csvCell.js';

const probability = (x: number) => x.toFixed(6);
const coordinate = (x: number) => String(Number(x.toFixed(9)));
const estimateColumns = (e: Estimate) => [probability(e.estimate), probability(e.lower), probability(e.upper)];

/**
 * A map as CSV: a header, then one row per cell.
 *
 * @example
 * landscapeCsv(landscape(scenario, { grid: 3, passes: 250, seed: 1 })).split('\n')[0];
 * // => 'firmness,engagement,visibility,passes,consensus,consensus_lower,consensus_upper,risk,...'
 */
export function landscapeCsv(result: LandscapeResult): string {
  const header = ['firmness', 'engagement', 'visibility', 'passes'];
  for (const measure of ['consensus', 'risk', 'viability']) header.push(measure, `${measure}_lower`, `${measure}_upper`);
  header.push('top_blocker', 'top_blocker_name', 'top_blocker_rate');
  const rows = result.cells.map((cell) =>
    [
      coordinate(cell.firmness),
      coordinate(cell.engagement),
      coordinate(result.manifest.visibility),
      String(cell.passes),
      ...estimateColumns(cell.consensus),
      ...estimateColumns(cell.risk),
      ...estimateColumns(cell.viability),
      csvCell(cell.topBlocker?.id ?? ''),
      csvCell(cell.topBlocker?.name ?? ''),
      cell.topBlocker === null ? '' : probability(cell.topBlocker.rate.estimate),
    ].join(','),
  );
  return [header.join(','), ...rows].join('\n') + '\n';
}
