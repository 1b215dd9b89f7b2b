/**
 * The notebook's glossary: every term it uses, explained in plain words with its units, shown
 * where the term appears (a dotted term with a tooltip, and the section's "Terms used here").
 */
import { el } from '../dom.js';

/** The terms of the notebook and what each means, with its units (see docs/MODEL.md). */
export const GLOSSARY = {
  passes: 'Monte Carlo passes: each pass draws every ally’s stance and Russia’s tolerance anew and plays the consensus procedure once. Figures are shares of passes; more passes, narrower intervals.',
  seed: 'The seed of the random numbers (a whole number or a text). The same scenario, seed and passes give the same figures, byte for byte, here and on the command line.',
  'scenario hash': 'SHA-256 of the scenario in canonical form: two runs with the same hash ran the very same scenario.',
  salience: 'How much the issue matters to an ally, from 0 (not at all: it never objects) to 1 (above all). It multiplies how much a text’s distance from the ally’s ideal weighs against the status quo.',
  'logit scale': 'Centers and thresholds lie between 0 and 1; their uncertainty is spread on the log-odds (logit) scale, log(p / (1 − p)), so a drawn value never leaves (0, 1).',
  uncertainty: 'The standard deviation of a parameter’s log-odds across passes (logit units): 0 is certain; 0.5 spreads a center of 0.5 over about 0.31–0.69 in 90% of passes; 2 spreads it over almost all of (0, 1).',
  center: 'The median of an uncertain parameter across passes, between 0 and 1.',
  hawkishness: 'An ally’s ideal firmness of the text toward Russia, from 0 (normalization) to 1 (maximal confrontation).',
  'engagement preference': 'An ally’s ideal engagement of the text: how much dialogue it wants kept open, from 0 (none) to 1 (the most).',
  influence: 'An ally’s weight with the chair when the text is amended toward the objectors (relative; 1 is ordinary).',
  'solidarity cost': 'What breaking consensus costs an ally (isolation, pressure from the others), in the same units as its salience-weighted distance: it objects only when the text is worse for it than the status quo by more than this.',
  exponent: 'The signal’s exponent: signal strength = visibility × adopted firmness ^ exponent. Above 1, only firm texts send a strong signal.',
  'threshold center': 'The median of Russia’s tolerance threshold (0 to 1, on the signal strength’s scale): a pass is risky when the signal sent exceeds the threshold drawn for it.',
  'threshold uncertainty': 'The spread of Russia’s tolerance threshold across passes, in logit units (0: the threshold is known).',
  'maximum drift': 'How far (in firmness × engagement units, 0 to 1) bargaining may move a text from its original position: the chair waters a text down, but not beyond recognition.',
  'bargaining rounds': 'How many times the chair may amend the text toward the objectors before the text fails (0: take it or leave it).',
  step: 'The share of the way toward the objectors’ weighted ideal point the chair moves the text each round (0 to 1).',
  dilution: 'Proposed firmness minus the mean firmness of the adopted text (firmness units, 0 to 1): how much bargaining watered the option down. Empty when never adopted.',
  consensus: 'The share of passes in which every ally accepts the text (possibly amended by bargaining): it is adopted.',
  risk: 'Destabilization risk: the share of passes in which the adopted text’s signal (the status quo’s, without consensus) exceeds Russia’s tolerance threshold.',
  'consensus without risk': 'Viability: the share of passes in which the text is adopted and its signal stays within Russia’s tolerance.',
  'blocker rate': 'The share of passes in which an ally still objects after the last bargaining round, and so blocks consensus.',
  'signal strength': 'How strong a signal the adopted text sends Moscow, from 0 to 1: visibility × adopted firmness ^ exponent.',
  visibility: 'How loudly and publicly a text is communicated, from 0 to 1: it scales the signal, not whether allies agree.',
  firmness: 'How firm a text is toward Russia, from 0 (normalization) to 1 (maximal confrontation).',
  engagement: 'How much dialogue a text keeps open, from 0 (none) to 1 (the most).',
  'common random numbers': 'Every text of the map is judged in the same sampled worlds (the same passes, the same stances and tolerance drawn), so a difference between two texts comes from the texts, not from different draws.',
  '95% interval': 'The range that holds the true share with 95% confidence given the passes run (Wilson interval); it narrows as passes grow.',
  'paired comparison': 'Both the baseline scenario and the current one are run on the same passes, with the same random numbers for the same allies and events (common random numbers), and each option is judged in both versions of every pass: what did not change cancels out, so the change is measured far more precisely than between two separate runs.',
  'no clear change': 'The 95% interval of the change contains 0: with these passes, the change cannot be told apart from no change (it may be noise).',
  'interval of a change': 'The 95% interval of a change (in percentage points): from runs on the same passes, the change ± 1.96 standard errors of the per-pass differences; from separate runs, Newcombe’s interval, which is wider. A change whose interval contains 0 cannot be told apart from no change.',
  'first order': 'A first-order Sobol index: the share of the measure’s variance a parameter explains on its own (0 to 1).',
  total: 'A total Sobol index: the share of variance a parameter explains alone or together with others (0 to 1, at least its first-order index).',
  bootstrap: 'Bootstrap interval: the design points are resampled with replacement many times; the spread of the recomputed index gives its interval.',
  coverage: 'Coverage: the share of all the failing (or risky) passes that fall inside the conditions found.',
  density: 'Density: the share of the passes inside the conditions found in which the option fails (or is risky): how reliably the conditions predict it.',
} as const;

/** A term of the glossary. */
export type Term = keyof typeof GLOSSARY;

/**
 * A term as it appears in a sentence: dotted, focusable, with its explanation as a tooltip (the
 * section's "Terms used here" holds the same text for touch screens and screen readers).
 *
 * @example
 * el('p', {}, 'Share of ', term('passes'), '.');
 * // In table headers, { focusable: false } keeps the Tab path short (the section's footnote explains them).
 */
export function term(name: Term, text: string = name, { focusable = true }: { focusable?: boolean } = {}): HTMLElement {
  return el('span', { class: 'term', ...(focusable ? { tabindex: 0 } : {}), title: GLOSSARY[name], 'data-term': name }, text);
}

/**
 * The footnote of a section: "Terms used here", each term with its explanation.
 *
 * @example
 * section('allies', 'Allies', '…', table, glossaryNote(['salience', 'uncertainty', 'solidarity cost']));
 */
export function glossaryNote(terms: readonly Term[]): HTMLElement {
  return el(
    'details',
    { class: 'glossary', 'data-field': 'glossary' },
    el('summary', {}, 'Terms used here'),
    el('dl', {}, ...terms.flatMap((name) => [el('dt', {}, name), el('dd', {}, GLOSSARY[name])])),
  );
}
