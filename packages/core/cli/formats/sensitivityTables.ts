/** Sensitivity results as text tables, for `concert sensitivity --format table`. */
import { escapeControlCharacters, tornadoBars, type DiscoveryResult, type SensitivityMeasure, type SobolResult, type TornadoResult } from '../../src/index.js';

/** Lines of text, each with the scenario's control characters (line breaks too) escaped, so none can drive the terminal. */
const safeText = (lines: readonly string[]) => lines.map((line) => escapeControlCharacters(line)).join('\n') + '\n';
const signed = (x: number) => `${x >= 0 ? '+' : '-'}${Math.abs(x).toFixed(4)}`;
const fixed = (x: number, digits = 3) => x.toFixed(digits);

/** A step in words: `±0.25 logit` or `±0.0075`. */
function stepText(step: { size: number; scale: 'logit' | 'value' }): string {
  const size = Number(step.size.toPrecision(2));
  return `±${size}${step.scale === 'logit' ? ' logit' : ''}`;
}

/** A tornado as text: per option, its base estimates and its largest bars, each with the step it moved by. */
export function tornadoTable(result: TornadoResult, measure: SensitivityMeasure, top: number): string {
  const { manifest } = result;
  const how =
    manifest.stepRule === 'absolute'
      ? `each parameter moved by ${manifest.step} down and up`
      : 'each parameter moved down and up by a step of its own scale (centers by half their uncertainty on the logit scale, costs by a quarter of their value, probabilities by 0.1)';
  const lines: string[] = [
    `Tornado: ${how} on ${manifest.passes.toLocaleString('en-US')} paired passes (seed ${JSON.stringify(manifest.seed)}); change in ${measure} ± standard error; * = clamped`,
  ];
  for (const option of result.options) {
    const base = option[measure];
    lines.push('', `${option.name} (${option.id}): ${measure} ${fixed(base.estimate)} [${fixed(base.lower)}, ${fixed(base.upper)}]`);
    const bars = tornadoBars(result, { option: option.id, measure, top });
    const width = Math.max(9, ...bars.map((bar) => bar.label.length));
    const steps = bars.map((bar) => stepText(bar.step));
    const stepWidth = Math.max(4, ...steps.map((step) => step.length));
    lines.push(`  ${'parameter'.padEnd(width)}  ${'base'.padStart(5)}  ${'step'.padStart(stepWidth)}  ${'low'.padStart(6)}  ${'change'.padStart(17)}  ${'high'.padStart(6)}  ${'change'.padStart(17)}`);
    bars.forEach((bar, k) =>
      lines.push(
        `  ${bar.label.padEnd(width)}  ${fixed(bar.baseValue, 2).padStart(5)}  ${steps[k]!.padStart(stepWidth)}  ${(fixed(bar.lowValue, 3) + (bar.lowClamped ? '*' : ' ')).padStart(6)}  ${`${signed(bar.low.estimate)} ± ${bar.low.standardError.toFixed(4)}`.padStart(17)}  ${(fixed(bar.highValue, 3) + (bar.highClamped ? '*' : ' ')).padStart(6)}  ${`${signed(bar.high.estimate)} ± ${bar.high.standardError.toFixed(4)}`.padStart(17)}`,
      ),
    );
  }
  return safeText(lines);
}

/** A Sobol analysis as text: per output, each parameter's first-order and total index with intervals. */
export function sobolTable(result: SobolResult): string {
  const { manifest } = result;
  const lines: string[] = [
    `Sobol indices: ${manifest.samples} base rows x ${manifest.parameters.length + 2} = ${manifest.points} points, ${manifest.innerPasses} passes each (seed ${JSON.stringify(manifest.seed)}); ${Math.round(manifest.confidence * 100)}% bootstrap intervals (${manifest.bootstrap} resamples)`,
  ];
  const interval = (index: { estimate: number; lower: number; upper: number } | null) =>
    index === null ? 'undefined (output constant)' : `${fixed(index.estimate)} [${fixed(index.lower)}, ${fixed(index.upper)}]`;
  for (const output of result.outputs) {
    lines.push('', `${output.option} ${output.measure}: mean ${fixed(output.mean)}, variance ${output.variance.toExponential(3)}, inner noise ${output.noiseShare === null ? 'n/a' : `${(output.noiseShare * 100).toFixed(1)}% of it`}`);
    const width = Math.max(9, ...output.indices.map((index) => index.label.length));
    lines.push(`  ${'parameter'.padEnd(width)}  ${'first order'.padEnd(24)}  total`);
    for (const index of output.indices) lines.push(`  ${index.label.padEnd(width)}  ${interval(index.first).padEnd(24)}  ${interval(index.total)}`);
  }
  return safeText(lines);
}

/** A discovery as text: the sentence, then the box's conditions and figures. */
export function discoveryText(result: DiscoveryResult): string {
  const { box } = result;
  if (result.cases === 0) return safeText([result.summary]);
  const lines = [result.summary, ''];
  if (box.conditions.length > 0) {
    lines.push('Conditions:');
    for (const condition of box.conditions) lines.push(`  - ${condition.text}`);
  }
  lines.push(
    `Coverage ${fixed(box.coverage)} (share of the ${result.cases} cases inside), density ${fixed(box.density)} (share of the ${box.points} passes inside that are cases), mass ${fixed(box.mass)}; base rate ${fixed(result.baseRate)} over ${result.passes} passes.`,
  );
  const { holdout } = result;
  if (holdout !== null) {
    const interval = (e: { estimate: number; lower: number; upper: number }) => `${fixed(e.estimate)} [${fixed(e.lower)}, ${fixed(e.upper)}]`;
    lines.push(`On ${holdout.passes} fresh passes: coverage ${interval(holdout.coverage)}, density ${interval(holdout.density)}, mass ${interval(holdout.mass)} (95% Wilson intervals).`);
  }
  if (result.tree !== null && result.tree.length > 1) {
    lines.push('', `A decision tree of depth ${result.manifest.treeDepth} splits the passes into (densest first):`);
    for (const leaf of result.tree)
      lines.push(`  - ${leaf.text}: ${(leaf.density * 100).toFixed(0)}% of its ${leaf.points} passes (coverage ${(leaf.coverage * 100).toFixed(0)}%)`);
  }
  return safeText(lines);
}
