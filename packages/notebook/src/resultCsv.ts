/** A run's result as CSV: one row per figure (long format), ready for a spreadsheet or R/pandas. */
import type { Estimate, SimulationResult } from '@concert/core';

/** The CSV header. */
export const CSV_COLUMNS = ['option_id', 'option_name', 'ally_id', 'measure', 'estimate', 'lower', 'upper'] as const;

/** Quotes a CSV field when it holds a comma, quote or line break. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The result as CSV: per option, its estimates with 95% intervals and its summary figures; per
 * option and ally, the objection and blocker rates. Missing figures (never adopted) are empty.
 *
 * @example
 * resultCsv(result).split('\n')[1]; // => 'dual-track,Dual track,,consensus,0.61,0.6,0.62' (for example)
 */
export function resultCsv(result: SimulationResult): string {
  const lines: string[] = [CSV_COLUMNS.join(',')];
  const row = (optionId: string, optionName: string, allyId: string, measure: string, estimate: number | null, lower: number | null = null, upper: number | null = null) =>
    lines.push([optionId, optionName, allyId, measure, estimate, lower, upper].map(csvField).join(','));
  for (const option of result.options) {
    const estimate = (measure: string, value: Estimate) => row(option.id, option.name, '', measure, value.estimate, value.lower, value.upper);
    estimate('consensus', option.consensus);
    estimate('firstRoundConsensus', option.firstRoundConsensus);
    estimate('risk', option.risk);
    estimate('viability', option.viability);
    row(option.id, option.name, '', 'meanRounds', option.meanRounds);
    row(option.id, option.name, '', 'proposedFirmness', option.proposed.firmness);
    row(option.id, option.name, '', 'adoptedFirmnessMean', option.adoptedFirmness.mean, option.adoptedFirmness.quantiles?.p05 ?? null, option.adoptedFirmness.quantiles?.p95 ?? null);
    row(option.id, option.name, '', 'adoptedEngagementMean', option.adoptedEngagement.mean);
    row(option.id, option.name, '', 'dilution', option.dilution);
    row(option.id, option.name, '', 'signalMean', option.signal.mean, option.signal.quantiles?.p05 ?? null, option.signal.quantiles?.p95 ?? null);
    for (const ally of option.allies) {
      row(option.id, option.name, ally.id, 'initialObjectionRate', ally.initialObjectionRate.estimate, ally.initialObjectionRate.lower, ally.initialObjectionRate.upper);
      row(option.id, option.name, ally.id, 'blockerRate', ally.blockerRate.estimate, ally.blockerRate.lower, ally.blockerRate.upper);
      row(option.id, option.name, ally.id, 'soleBlockerRate', ally.soleBlockerRate.estimate, ally.soleBlockerRate.lower, ally.soleBlockerRate.upper);
    }
  }
  return `${lines.join('\n')}\n`;
}
