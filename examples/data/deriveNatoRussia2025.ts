/**
 * The derivation of the default scenario from the facts: a documented rule, every judgment call
 * named here and argued in docs/SCENARIO.md.
 *
 * Stance indices are weighted means of facts rescaled to [0, 1] across the 32 allies (min-max:
 * the lowest ally gets 0, the highest 1). When a fact is missing for an ally, its weight is
 * dropped and the remaining weights are renormalised (the ally is placed by what is known about
 * it), and the missing government-position facts widen the ally's uncertainty instead.
 */
import type { ScenarioInput } from '../../packages/core/src/index.js';
import { valueOf, type AllyFacts, type Fact } from './facts.js';

/** Judgment calls of the derivation, in one place (each argued in docs/SCENARIO.md). */
export const DERIVATION = {
  /** Weights of the hawkishness index (an ally's ideal firmness). */
  hawkishnessWeights: { kremlinTies: 0.2, supportUkraine: 0.2, landBorder: 0.2, spending2024: 0.15, spendingGrowth: 0.1, militaryAid: 0.15 },
  /** Weights of the engagement index (an ally's ideal engagement with Russia). */
  engagementWeights: { favoursKremlinTies: 0.4, opposesUkraineSupport: 0.4, noLandBorder: 0.2 },
  /** Weights of the salience index (how much the Russia strategy matters to the ally). */
  salienceWeights: { landBorder: 0.35, militaryAid: 0.25, ukraineIntensity: 0.4 },
  /** Index in [0, 1] to center: hawkishness on [0.3, 0.95], engagement on [0.05, 0.85], salience on [0.3, 0.9]. */
  hawkishnessRange: { low: 0.3, high: 0.95 },
  engagementRange: { low: 0.05, high: 0.85 },
  salienceRange: { low: 0.3, high: 0.9 },
  /** Logit-scale uncertainty: a base, widened when the governing parties' position is unknown or stale. */
  uncertainty: { base: 0.5, governmentNotCovered: 0.3, governmentStale: 0.2, salience: 0.3 },
  /** Influence on the chair from size, log-scaled onto [0.5, 3]. */
  influenceRange: { low: 0.5, high: 3 },
  /**
   * Cost of breaking consensus, from the CHES Kremlin-ties score rescaled to [0, 1]: a government
   * that favours ties with the Kremlin pays less at home for standing apart from the allies.
   */
  solidarityCostRange: { low: 0.03, high: 0.12 },
  /** CHES Kremlin-ties score below which a government is counted as an engager. */
  engagerKremlinTiesBelow: 3,
  /** Bloc correlations of the latent stance draws. */
  blocs: [
    { id: 'eastern-flank', name: 'Eastern flank (land border with Russia or Belarus, not Nordic)', correlation: 0.6 },
    { id: 'nordics', name: 'Nordics', correlation: 0.5 },
    { id: 'engagers', name: 'Engagers (governments favouring ties with the Kremlin)', correlation: 0.4 },
  ],
  nordics: ['DNK', 'FIN', 'ISL', 'NOR', 'SWE'],
} as const;

/** Rounds to three decimals (the scenario file's precision), without negative zero. */
export const round3 = (x: number): number => {
  const r = Math.round(x * 1000) / 1000;
  return r === 0 ? 0 : r;
};

/** One ally's derived figures, with the facts they came from (for docs and tests). */
export interface DerivedAlly {
  readonly iso3: string;
  readonly country: string;
  readonly hawkishness: number;
  readonly engagementPreference: number;
  readonly salience: number;
  readonly stanceUncertainty: number;
  readonly influence: number;
  readonly solidarityCost: number;
  readonly bloc: string | undefined;
  /** What the derivation fell back on for this ally, in words. */
  readonly fallbacks: readonly string[];
}

/** Min-max rescaling over the allies that have the fact; undefined stays undefined. */
function rescaler(values: ReadonlyArray<number | undefined>): (x: number | undefined) => number | undefined {
  const known = values.filter((x): x is number => x !== undefined);
  const lo = Math.min(...known);
  const hi = Math.max(...known);
  return (x) => (x === undefined ? undefined : hi === lo ? 0.5 : (x - lo) / (hi - lo));
}

/** Weighted mean of the components that are known; weights of unknown ones are dropped. */
function weightedIndex(parts: ReadonlyArray<readonly [weight: number, value: number | undefined]>): number {
  let sum = 0;
  let weight = 0;
  for (const [w, v] of parts) if (v !== undefined) (sum += w * v), (weight += w);
  if (weight === 0) throw new Error('weightedIndex: every component is missing (the derivation needs at least one)');
  return sum / weight;
}

const isStale = (ally: AllyFacts): boolean => /\bstale\b|\(now /i.test(ally.stanceNote);

/** Defence spending 2024 as % of GDP: the revised SG report figure, else the June 2024 estimate. */
function spending2024(ally: AllyFacts): number | undefined {
  return valueOf(ally.defencePctGdp2024Revised) ?? valueOf(ally.defencePctGdp2024Estimate);
}

/**
 * Size in people, for influence. Population where known; else a population equivalent from
 * verified defence expenditure, divided by the median defence dollars per inhabitant of the allies
 * with both figures; else the median size of the allies.
 */
function sizes(facts: readonly AllyFacts[]): { size: Map<string, number>; note: Map<string, string> } {
  const both = facts
    .map((a) => [valueOf(a.population), valueOf(a.defenceUsdBn2024)] as const)
    .filter((p): p is readonly [number, number] => p[0] !== undefined && p[1] !== undefined)
    .map(([pop, usd]) => (usd * 1e9) / pop)
    .sort((x, y) => x - y);
  const dollarsPerHead = median(both);
  const size = new Map<string, number>();
  const note = new Map<string, string>();
  for (const a of facts) {
    const pop = valueOf(a.population);
    const usd = valueOf(a.defenceUsdBn2024);
    if (pop !== undefined) size.set(a.iso3, pop);
    else if (usd !== undefined) {
      size.set(a.iso3, (usd * 1e9) / dollarsPerHead);
      note.set(a.iso3, `population unverified: size from defence expenditure (${usd} bn USD / ${Math.round(dollarsPerHead)} USD per inhabitant)`);
    }
  }
  const medianSize = median([...size.values()].sort((x, y) => x - y));
  for (const a of facts)
    if (!size.has(a.iso3)) {
      size.set(a.iso3, medianSize);
      note.set(a.iso3, 'population and defence expenditure unverified: median size of the allies');
    }
  return { size, note };
}

function median(sorted: readonly number[]): number {
  const n = sorted.length;
  if (n === 0) throw new Error('median: no values');
  return n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

const gap = (label: string, fact: Fact, fallback = 'weight dropped'): string | undefined =>
  fact.kind === 'missing' ? `${label} ${fact.marker}: ${fallback}` : undefined;

/**
 * Derives each ally's stance figures from the facts by the documented rule.
 *
 * @example
 * deriveAllies(parseFacts(csv)).find((a) => a.iso3 === 'HUN')!.engagementPreference; // high (about 0.87)
 * @throws {Error} if a stance index has no known component for an ally (cannot happen with the committed facts).
 */
export function deriveAllies(facts: readonly AllyFacts[]): DerivedAlly[] {
  const D = DERIVATION;
  // A government position not covered by CHES falls back on the median covered government.
  const kremlinMedian = median(facts.map((a) => valueOf(a.chesKremlinTies)).filter((x): x is number => x !== undefined).sort((x, y) => x - y));
  const supportMedian = median(facts.map((a) => valueOf(a.chesSupportUkraine)).filter((x): x is number => x !== undefined).sort((x, y) => x - y));
  const kremlinTiesOf = (a: AllyFacts) => valueOf(a.chesKremlinTies) ?? kremlinMedian;
  const supportOf = (a: AllyFacts) => valueOf(a.chesSupportUkraine) ?? supportMedian;
  const kremlin = rescaler(facts.map(kremlinTiesOf));
  const support = rescaler(facts.map(supportOf));
  const spend = rescaler(facts.map(spending2024));
  const growthOf = (a: AllyFacts) => {
    const now = spending2024(a);
    const then = valueOf(a.defencePctGdp2014);
    return now === undefined || then === undefined ? undefined : now - then;
  };
  const growth = rescaler(facts.map(growthOf));
  const aid = rescaler(facts.map((a) => valueOf(a.kielMilitaryAidPctGdp)));
  const maxAbsSupport = Math.max(...facts.map((a) => Math.abs(supportOf(a))));
  const { size, note: sizeNote } = sizes(facts);
  const logSizes = [...size.values()].map(Math.log);
  const logLo = Math.min(...logSizes);
  const logHi = Math.max(...logSizes);
  const toRange = (x: number, r: { low: number; high: number }) => r.low + (r.high - r.low) * x;

  return facts.map((a) => {
    const border = a.landBorderWithRussiaOrBelarus ? 1 : 0;
    const k = kremlin(kremlinTiesOf(a));
    const s = support(supportOf(a));
    const m = aid(valueOf(a.kielMilitaryAidPctGdp));
    const intensity = Math.abs(supportOf(a)) / maxAbsSupport;
    const hw = D.hawkishnessWeights;
    const hawk = weightedIndex([
      [hw.kremlinTies, k],
      [hw.supportUkraine, s],
      [hw.landBorder, border],
      [hw.spending2024, spend(spending2024(a))],
      [hw.spendingGrowth, growth(growthOf(a))],
      [hw.militaryAid, m],
    ]);
    const ew = D.engagementWeights;
    const engage = weightedIndex([
      [ew.favoursKremlinTies, k === undefined ? undefined : 1 - k],
      [ew.opposesUkraineSupport, s === undefined ? undefined : 1 - s],
      [ew.noLandBorder, 1 - border],
    ]);
    const sw = D.salienceWeights;
    const salience = weightedIndex([
      [sw.landBorder, border],
      [sw.militaryAid, m],
      [sw.ukraineIntensity, intensity],
    ]);
    const notCovered = a.chesKremlinTies.kind === 'missing' || a.chesSupportUkraine.kind === 'missing';
    const stale = isStale(a);
    const fallbacks = [
      gap('CHES Kremlin ties', a.chesKremlinTies, `median covered government (${kremlinMedian})`),
      gap('CHES support for Ukraine', a.chesSupportUkraine, `median covered government (${supportMedian})`),
      spending2024(a) === undefined ? 'defence spending 2024 n/a: weight dropped' : undefined,
      a.defencePctGdp2024Revised.kind === 'missing' && spending2024(a) !== undefined ? 'revised 2024 spending missing: June 2024 estimate' : undefined,
      growthOf(a) === undefined ? 'spending growth since 2014 n/a: weight dropped' : undefined,
      gap('Kiel military aid', a.kielMilitaryAidPctGdp),
      notCovered ? `government position not covered: uncertainty +${D.uncertainty.governmentNotCovered}` : undefined,
      stale ? `government position stale (${a.stanceNote}): uncertainty +${D.uncertainty.governmentStale}` : undefined,
      sizeNote.get(a.iso3),
    ].filter((x): x is string => x !== undefined);
    const bloc = DERIVATION.nordics.includes(a.iso3 as never)
      ? 'nordics'
      : a.landBorderWithRussiaOrBelarus
        ? 'eastern-flank'
        : (valueOf(a.chesKremlinTies) ?? Infinity) < D.engagerKremlinTiesBelow
          ? 'engagers'
          : undefined;
    return {
      iso3: a.iso3,
      country: a.country,
      hawkishness: round3(toRange(hawk, D.hawkishnessRange)),
      engagementPreference: round3(toRange(engage, D.engagementRange)),
      salience: round3(toRange(salience, D.salienceRange)),
      stanceUncertainty: round3(D.uncertainty.base + (notCovered ? D.uncertainty.governmentNotCovered : 0) + (stale ? D.uncertainty.governmentStale : 0)),
      influence: round3(toRange((Math.log(size.get(a.iso3)!) - logLo) / (logHi - logLo), D.influenceRange)),
      solidarityCost: round3(toRange(k!, D.solidarityCostRange)),
      bloc,
      fallbacks,
    };
  });
}

/** Today's course: the Founding Act kept, the NATO-Russia Council dormant, little said in public. */
export const STATUS_QUO = { firmness: 0.58, engagement: 0.15, visibility: 0.35 } as const;

/** The strategy options on the table (positions are judgment calls, argued in docs/SCENARIO.md). */
export const OPTIONS = [
  {
    id: 'todays-course',
    name: "Today's course: Founding Act kept, Council dormant",
    description:
      'The new strategy writes down what the allies already do: Russia is named the most significant and direct threat, deterrence on the eastern flank continues to grow, the 1997 Founding Act stays formally in force with its restraints on permanent substantial combat forces, and the NATO-Russia Council stays dormant as it has been since 2022. It is slightly more visible than the status quo because it is a published text, but moves neither firmness nor engagement much.',
    firmness: 0.6,
    engagement: 0.15,
    visibility: 0.45,
  },
  {
    id: 'dual-track',
    name: 'Dual track: firm deterrence plus risk-reduction channels',
    description:
      'In the tradition of the 1967 Harmel report: deterrence and defence are strengthened (firmer than today), and at the same time the allies offer military-to-military hotlines, incident-prevention and arms-control talks through channels that need not be the full Council. It is announced openly as a balanced package, so it is fairly visible, and it gives the engaging allies something to sign up to.',
    firmness: 0.68,
    engagement: 0.4,
    visibility: 0.6,
  },
  {
    id: 'suspend-restraints',
    name: "Declare the Founding Act's restraints suspended",
    description:
      "The allies declare that Russia's conduct has voided the 1997 political commitments, so NATO no longer considers itself bound by its restraint on stationing substantial combat forces permanently in the new members, while the Act is not formally terminated. A firm text with almost no engagement, announced loudly at the summit.",
    firmness: 0.85,
    engagement: 0.05,
    visibility: 0.85,
  },
  {
    id: 'terminate-contain',
    name: 'Terminate the Founding Act, containment posture',
    description:
      'The allies formally terminate the Founding Act and adopt an explicit containment posture toward Russia: permanent forward forces, no dialogue channel beyond deconfliction, and a public framing of Russia as an adversary to be contained over the long term. The most confrontational and most visible text on the table.',
    firmness: 0.95,
    engagement: 0,
    visibility: 0.95,
  },
  {
    id: 'engagement-first',
    name: 'Engagement first: reopen the NATO-Russia Council',
    description:
      'The strategy leads with dialogue: the NATO-Russia Council is reconvened, arms-control and risk-reduction talks are offered without preconditions, and deterrence is kept at roughly its present level rather than raised. This is the course the allies whose governments favour ties with the Kremlin argue for; it is announced publicly as an opening.',
    firmness: 0.35,
    engagement: 0.8,
    visibility: 0.6,
  },
  {
    id: 'quiet-firm',
    name: 'Firm, communicated quietly',
    description:
      "The same substance as declaring the Founding Act's restraints suspended (same firmness and engagement), but carried out in force posture and classified plans rather than announced: the public text stays close to today's language. It isolates the trade-off between substance and signal: the allies' positions on it are the same as on the loud version, only the signal Moscow receives is weaker.",
    firmness: 0.85,
    engagement: 0.05,
    visibility: 0.35,
  },
] as const;

/** Events that may happen before the summit, with their stated probabilities (judgment calls). */
export function events(derived: readonly DerivedAlly[]): NonNullable<ScenarioInput['events']> {
  const has = (iso3: string) => derived.some((a) => a.iso3 === iso3);
  if (!has('USA') || !has('HUN') || !has('SVK')) throw new Error('events: the facts must include USA, HUN and SVK');
  return [
    {
      id: 'eastern-flank-incident',
      name: 'Escalation incident on the eastern flank',
      description:
        'A serious incident before the summit (airspace violation, sabotage of infrastructure, drones on allied territory): every ally becomes more hawkish, and the strategy matters more to the eastern flank.',
      probability: 0.2,
      shifts: [
        { allies: '*', parameter: 'hawkishness', by: 0.6 },
        { allies: ['bloc:eastern-flank'], parameter: 'salience', by: 0.5 },
      ],
    },
    {
      id: 'us-policy-shift',
      name: 'US policy shifts toward engaging Russia',
      description:
        'The US administration seeks a direct deal with Moscow and wants the strategy to leave room for it: the United States becomes less hawkish and more open to engagement.',
      probability: 0.3,
      shifts: [
        { allies: ['USA'], parameter: 'hawkishness', by: -1 },
        { allies: ['USA'], parameter: 'engagementPreference', by: 1 },
      ],
    },
    {
      id: 'government-change-slovakia',
      name: 'Change of government in Slovakia',
      description:
        'The governing coalition in Bratislava falls and a government closer to the mainstream takes over before the summit: Slovakia becomes more hawkish and less keen on engagement.',
      probability: 0.05,
      shifts: [
        { allies: ['SVK'], parameter: 'hawkishness', by: 1.5 },
        { allies: ['SVK'], parameter: 'engagementPreference', by: -1.5 },
      ],
    },
    {
      id: 'government-change-hungary',
      name: 'Change of government in Hungary',
      description:
        'A change of government in Budapest before the summit (the regular election is due in spring 2026, after it): Hungary becomes more hawkish and less keen on engagement.',
      probability: 0.03,
      shifts: [
        { allies: ['HUN'], parameter: 'hawkishness', by: 1.5 },
        { allies: ['HUN'], parameter: 'engagementPreference', by: -1.5 },
      ],
    },
  ];
}

/**
 * Builds the default scenario from the facts (keys in a stable order, numbers rounded).
 *
 * @example
 * deriveNatoRussia2025(parseFacts(csv)).allies.length; // => 32
 * @throws {Error} as {@link deriveAllies} and {@link events}.
 */
export function deriveNatoRussia2025(facts: readonly AllyFacts[]): ScenarioInput {
  const derived = deriveAllies(facts);
  const u = DERIVATION.uncertainty;
  return {
    schemaVersion: 1,
    id: 'nato-russia-2025',
    title: 'NATO drafts a new Russia strategy for The Hague summit (June 2025)',
    description:
      "The 2024-25 situation: the NATO-Russia Council has not met since 2022; the 1997 Founding Act is formally alive; the allies call Russia the most significant and direct threat; Hungary and Slovakia keep contacts with the Kremlin; some allies worry that a very aggressive strategy could send a destabilizing signal; a new strategy was to be agreed for the June 2025 summit in The Hague. Derived from examples/data/nato-allies-facts.csv by examples/data/derive-nato-russia-2025.ts (pnpm derive); every judgment call is in docs/SCENARIO.md.",
    statusQuo: { ...STATUS_QUO },
    dimensionWeights: { firmness: 1, engagement: 1 },
    allies: derived.map((a) => ({
      id: a.iso3,
      name: a.country,
      hawkishness: { center: a.hawkishness, uncertainty: a.stanceUncertainty },
      engagementPreference: { center: a.engagementPreference, uncertainty: a.stanceUncertainty },
      salience: { center: a.salience, uncertainty: u.salience },
      influence: a.influence,
      solidarityCost: a.solidarityCost,
      ...(a.bloc === undefined ? {} : { bloc: a.bloc }),
    })),
    blocs: DERIVATION.blocs.map((b) => ({ id: b.id, name: b.name, correlation: b.correlation })),
    events: events(derived),
    options: OPTIONS.map((o) => ({ ...o })),
    bargaining: { maxRounds: 3, step: 0.5, maxDrift: 0.15 },
    signal: { exponent: 2, threshold: { center: 0.45, uncertainty: 0.6 } },
  };
}
