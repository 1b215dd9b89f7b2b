/**
 * Drivers of failure (scenario discovery): record every pass of a run, then find with PRIM the
 * few conditions (events, sampled stances, the threshold) under which an option's consensus
 * fails, its signal crosses Russia's threshold, or it is not viable.
 */
import { scenarioHash } from '../../run/prepare.js';
import type { Seed } from '../../random/random.js';
import { ConcertInputError, listForMessage } from '../../problems.js';
import { validateScenario } from '../../scenario/validate.js';
import { ENGINE_VERSION, modelVersionOf } from '../../version.js';
import { recordPasses } from './passRecords.js';
import { decisionTree, type TreeLeaf } from './decisionTree.js';
import { evaluateBox, prim, type PrimBox, type PrimFeature } from './prim.js';
import { wilsonInterval, type Estimate } from '../../statistics.js';
import { DiscoverySettingsSchema, parseSettings, type DiscoverySettings, type DiscoveryTarget } from './settings.js';

/** What identifies a discovery: same manifest, same bytes. */
export interface DiscoveryManifest {
  readonly seed: Seed;
  readonly passes: number;
  readonly holdoutPasses: number;
  readonly option: string;
  readonly target: DiscoveryTarget;
  readonly alpha: number;
  readonly minMass: number;
  readonly maxConditions: number;
  readonly minCoverage: number;
  readonly treeDepth: number;
  readonly scenarioHash: string;
  readonly engineVersion: string;
  readonly modelVersion: string;
}

/** The result of {@link discoverDrivers}. */
export interface DiscoveryResult {
  readonly format: 'concert-discovery';
  readonly formatVersion: 1;
  readonly manifest: DiscoveryManifest;
  /** The case explained, in words, e.g. `consensus on Dual track fails`. */
  readonly caseText: string;
  /** Passes, passes with the case, and their share. */
  readonly passes: number;
  readonly cases: number;
  readonly baseRate: number;
  /** The chosen box: its conditions (each in words), coverage, density and mass. */
  readonly box: PrimBox;
  /** Every box of the peeling, for a coverage-density trade-off chart. */
  readonly trajectory: readonly PrimBox[];
  /**
   * The box checked on fresh passes (the run's next `holdoutPasses` passes), with 95% Wilson
   * intervals: the box's own figures are optimistic, since it was chosen to fit its passes.
   * Null with no holdout passes.
   */
  readonly holdout: {
    readonly passes: number;
    readonly cases: number;
    readonly inside: number;
    readonly coverage: Estimate;
    readonly density: Estimate;
    readonly mass: Estimate;
  } | null;
  /**
   * A shallow decision tree on the same passes: its leaves, densest first, each with its
   * conditions in words, density and coverage. Null when `treeDepth` is 0.
   */
  readonly tree: readonly TreeLeaf[] | null;
  /** One sentence for a reader. */
  readonly summary: string;
}

const percent = (x: number) => `${Math.round(x * 100)}%`;

/**
 * Finds the conditions that best explain an option's failure (or risk, or lack of viability):
 * runs `passes` passes with `seed` keeping each pass's events, stances and threshold, then peels a
 * PRIM box and reports the densest box covering at least `minCoverage` of the cases, with its
 * coverage (share of the cases inside) and density (share of the passes inside that are cases);
 * then checks the box on the run's next `holdoutPasses` passes, with Wilson intervals.
 *
 * @throws {ConcertInputError} for an invalid scenario or settings (an unknown option, passes
 *   and holdout passes beyond 200,000 together, an alpha above 0.5), naming each setting.
 * @example
 * const found = discoverDrivers(scenario, { passes: 20_000, seed: 1, option: 'dual-track' });
 * found.summary;
 * // => "Consensus on Dual track fails in 23% of passes; where Hungary's hawkishness below 0.21 and no Escalation incident it fails in 81% of passes (coverage 62% of the failures, 18% of passes)."
 */
export function discoverDrivers(scenarioInput: unknown, settingsInput: DiscoverySettings): DiscoveryResult {
  const settings = parseSettings(DiscoverySettingsSchema, settingsInput, 'discovery');
  const scenario = validateScenario(scenarioInput);
  const option = scenario.options.find((o) => o.id === settings.option);
  if (option === undefined)
    throw new ConcertInputError('invalid discovery settings', [
      { path: 'option', message: `must be the id of an option of this scenario (${listForMessage(scenario.options.map((o) => o.id))})`, value: settings.option },
    ], 'analysis-settings');
  const holdoutPasses = settings.holdoutPasses ?? settings.passes;
  const total = settings.passes + holdoutPasses;
  // One run of passes + holdoutPasses passes: the box is found on the first, checked on the rest.
  const records = recordPasses(scenario, { passes: total, seed: settings.seed, options: [option.id] });
  const outcome = records.options[0]!;
  const cases = new Uint8Array(total);
  for (let i = 0; i < total; i++) {
    const consensus = outcome.consensus[i] === 1;
    const risk = outcome.risk[i] === 1;
    cases[i] = settings.target === 'failure' ? (consensus ? 0 : 1) : settings.target === 'risk' ? (risk ? 1 : 0) : consensus && !risk ? 0 : 1;
  }
  const part = (from: number, to: number): PrimFeature[] =>
    records.features.map((feature) => ({ name: feature.name, label: feature.label, binary: feature.kind === 'event', values: feature.values.subarray(from, to) }));
  const found = prim(part(0, settings.passes), cases.subarray(0, settings.passes), {
    alpha: settings.alpha,
    minMass: settings.minMass,
    maxConditions: settings.maxConditions,
    minCoverage: settings.minCoverage,
  });
  const tree =
    settings.treeDepth === 0
      ? null
      : decisionTree(part(0, settings.passes), cases.subarray(0, settings.passes), { maxDepth: settings.treeDepth, minLeaf: Math.min(settings.minMass, 0.49) }).leaves;
  const check = holdoutPasses === 0 ? null : evaluateBox(found.box, part(settings.passes, total), cases.subarray(settings.passes, total));
  const holdout =
    check === null
      ? null
      : {
          passes: check.points,
          cases: check.cases,
          inside: check.inside,
          coverage: wilsonInterval(check.casesInside, check.cases),
          density: wilsonInterval(check.casesInside, check.inside),
          mass: wilsonInterval(check.inside, check.points),
        };
  const name = option.name ?? option.id;
  const caseText =
    settings.target === 'failure' ? `consensus on ${name} fails` : settings.target === 'risk' ? `the signal of ${name} crosses Russia's threshold` : `${name} is not viable (no consensus, or a crossed threshold)`;
  const sentence = caseText.charAt(0).toUpperCase() + caseText.slice(1);
  const noun = settings.target === 'failure' ? 'failures' : settings.target === 'risk' ? 'crossings' : 'cases';
  const { box } = found;
  const summary =
    found.cases === 0
      ? `${sentence} in none of ${settings.passes} passes: there is nothing to explain.`
      : box.conditions.length === 0
        ? `${sentence} in ${percent(found.baseRate)} of passes; no box of conditions is denser while covering ${percent(settings.minCoverage)} of the ${noun}.`
        : `${sentence} in ${percent(found.baseRate)} of passes; where ${box.text}, in ${percent(box.density)} of passes (coverage ${percent(box.coverage)} of the ${noun}, ${percent(box.mass)} of passes).` +
          (holdout === null || holdout.inside === 0
            ? ''
            : ` On ${holdout.passes} fresh passes: ${percent(holdout.density.estimate)} (${percent(holdout.density.lower)}-${percent(holdout.density.upper)}) inside, coverage ${percent(holdout.coverage.estimate)}.`);
  return {
    format: 'concert-discovery',
    formatVersion: 1,
    manifest: {
      seed: settings.seed,
      passes: settings.passes,
      holdoutPasses,
      option: option.id,
      target: settings.target,
      alpha: settings.alpha,
      minMass: settings.minMass,
      maxConditions: settings.maxConditions,
      minCoverage: settings.minCoverage,
      treeDepth: settings.treeDepth,
      scenarioHash: scenarioHash(scenario),
      engineVersion: ENGINE_VERSION,
      modelVersion: modelVersionOf(scenario),
    },
    caseText,
    passes: settings.passes,
    cases: found.cases,
    baseRate: found.baseRate,
    box,
    trajectory: found.trajectory,
    holdout,
    tree,
    summary,
  };
}
