/**
 * PRIM, the patient rule induction method (Friedman and Fisher 1999), as used in scenario
 * discovery (Bryant and Lempert 2010): peel a box around the passes where a case occurs (for
 * example consensus failing), a small slice at a time, keeping the densest box that still covers
 * enough of the cases.
 */

/** One feature PRIM may restrict: a value per point. Binary features take only 0 and 1. */
export interface PrimFeature {
  readonly name: string;
  readonly label: string;
  /** Binary features (events) are peeled by dropping a whole value, others by quantiles. */
  readonly binary: boolean;
  readonly values: ArrayLike<number>;
}

/** A restriction of one feature: `lower <= value <= upper` (either end may be open: ±Infinity). */
export interface PrimCondition {
  readonly feature: string;
  readonly label: string;
  readonly binary: boolean;
  readonly lower: number;
  readonly upper: number;
  /** The condition in words, e.g. `Hungary's hawkishness below 0.21` or `no Escalation incident`. */
  readonly text: string;
}

/** A box and how well it explains the cases. */
export interface PrimBox {
  /** The restrictions, in the order they were first made. */
  readonly conditions: readonly PrimCondition[];
  /** Share of all cases that fall in the box. */
  readonly coverage: number;
  /** Share of the box's points that are cases. */
  readonly density: number;
  /** Share of all points in the box. */
  readonly mass: number;
  /** Points and cases in the box. */
  readonly points: number;
  readonly cases: number;
  /** The conditions joined in words; `in every pass` for a box with none. */
  readonly text: string;
}

/** Options of {@link prim}. */
export interface PrimOptions {
  /** Share of the box's points peeled per step; default 0.05. */
  readonly alpha?: number;
  /** Peeling stops before the box holds less than this share of all points; default 0.05. */
  readonly minMass?: number;
  /** Most distinct features a box may restrict; default 3. */
  readonly maxConditions?: number;
  /** The box chosen is the densest of the peeling trajectory with at least this coverage; default 0.5. */
  readonly minCoverage?: number;
}

/** How a box does on other points than those it was found on. */
export interface BoxFigures {
  readonly points: number;
  readonly cases: number;
  /** Points and cases inside the box. */
  readonly inside: number;
  readonly casesInside: number;
  readonly coverage: number;
  readonly density: number;
  readonly mass: number;
}

/**
 * Counts how a box does on points: how many fall inside its conditions, how many of those are
 * cases, and its coverage, density and mass there. Use it on fresh points to check a box found by
 * {@link prim}, whose own figures are optimistic (the box was chosen to fit them).
 *
 * @throws {RangeError} when a condition names a feature that is not given, or lengths differ.
 * @example
 * evaluateBox(result.box, freshFeatures, freshCases).density; // => 0.74 (for example)
 */
export function evaluateBox(box: Pick<PrimBox, 'conditions'>, features: readonly PrimFeature[], cases: ArrayLike<number>): BoxFigures {
  const n = cases.length;
  const restricted = box.conditions.map((condition) => {
    const feature = features.find((f) => f.name === condition.feature);
    if (feature === undefined) throw new RangeError(`evaluateBox: no feature ${condition.feature}`);
    if (feature.values.length !== n) throw new RangeError(`evaluateBox requires ${n} values per feature, got ${feature.values.length} for ${feature.name}`);
    return { values: feature.values, lower: condition.lower, upper: condition.upper };
  });
  let total = 0;
  let inside = 0;
  let casesInside = 0;
  for (let i = 0; i < n; i++) {
    const isCase = cases[i]! === 1;
    if (isCase) total++;
    if (!restricted.every(({ values, lower, upper }) => values[i]! >= lower && values[i]! <= upper)) continue;
    inside++;
    if (isCase) casesInside++;
  }
  return {
    points: n,
    cases: total,
    inside,
    casesInside,
    coverage: total === 0 ? 0 : casesInside / total,
    density: inside === 0 ? 0 : casesInside / inside,
    mass: n === 0 ? 0 : inside / n,
  };
}

/** The result of {@link prim}. */
export interface PrimResult {
  /** Points and cases in all. */
  readonly points: number;
  readonly cases: number;
  /** Share of points that are cases: the density of the box with no conditions. */
  readonly baseRate: number;
  /** The chosen box (the first one, with no conditions, when nothing denser covers enough). */
  readonly box: PrimBox;
  /** Every box of the peeling, from the whole space to the smallest. */
  readonly trajectory: readonly PrimBox[];
}

function round2(x: number): string {
  return (Math.round(x * 100) / 100).toFixed(2);
}

/**
 * A condition on a feature in words: `X below 0.21`, `X above 0.60`, `X between 0.30 and 0.50`,
 * and for a binary feature `E occurred` / `no E`.
 *
 * @example
 * describeCondition({ name: 'allies.HU.hawkishness', label: "Hungary's hawkishness", binary: false, values: [] }, -Infinity, 0.213);
 * // => "Hungary's hawkishness below 0.21"
 */
export function describeCondition(feature: PrimFeature, lower: number, upper: number): string {
  if (feature.binary) return lower >= 1 ? `${feature.label} occurred` : `no ${feature.label}`;
  if (lower === -Infinity) return `${feature.label} below ${round2(upper)}`;
  if (upper === Infinity) return `${feature.label} above ${round2(lower)}`;
  return `${feature.label} between ${round2(lower)} and ${round2(upper)}`;
}

/**
 * Finds a box of feature values where `cases` (1 per case point, 0 otherwise) are dense, by PRIM
 * peeling: at each step, of all ways to cut `alpha` of the box's points off the low or high end of
 * one feature (or to drop one value of a binary feature), take the one with the largest gain in
 * density per point removed; stop when no cut raises the density or the box would hold less than
 * `minMass` of the points. No pasting step.
 *
 * @throws {RangeError} when feature lengths differ from the cases' or an option is out of range.
 * @example
 * const result = prim(features, failed, { minCoverage: 0.5 });
 * result.box.text; // => "Hungary's hawkishness below 0.21 and no Escalation incident"
 */
export function prim(features: readonly PrimFeature[], cases: ArrayLike<number>, options: PrimOptions = {}): PrimResult {
  const { alpha = 0.05, minMass = 0.05, maxConditions = 3, minCoverage = 0.5 } = options;
  const n = cases.length;
  if (!(alpha > 0 && alpha <= 0.5)) throw new RangeError(`prim requires 0 < alpha <= 0.5, got ${alpha}`);
  if (!(minMass > 0 && minMass < 1)) throw new RangeError(`prim requires 0 < minMass < 1, got ${minMass}`);
  if (!Number.isInteger(maxConditions) || maxConditions < 1) throw new RangeError(`prim requires a whole number maxConditions >= 1, got ${maxConditions}`);
  if (!(minCoverage >= 0 && minCoverage <= 1)) throw new RangeError(`prim requires 0 <= minCoverage <= 1, got ${minCoverage}`);
  for (const feature of features)
    if (feature.values.length !== n) throw new RangeError(`prim requires ${n} values per feature, got ${feature.values.length} for ${feature.name}`);

  const inBox = new Uint8Array(n).fill(1);
  let totalCases = 0;
  for (let i = 0; i < n; i++) totalCases += cases[i]! === 1 ? 1 : 0;
  const lower = features.map(() => -Infinity);
  const upper = features.map(() => Infinity);
  const restrictedOrder: number[] = [];
  // Points in ascending order of each non-binary feature, sorted once.
  const orders = features.map((feature) => {
    if (feature.binary) return null;
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    return order.sort((a, b) => feature.values[a]! - feature.values[b]!);
  });

  let boxPoints = n;
  let boxCases = totalCases;
  const snapshot = (): PrimBox => {
    const conditions = restrictedOrder.map((f): PrimCondition => {
      const feature = features[f]!;
      return { feature: feature.name, label: feature.label, binary: feature.binary, lower: lower[f]!, upper: upper[f]!, text: describeCondition(feature, lower[f]!, upper[f]!) };
    });
    return {
      conditions,
      coverage: totalCases === 0 ? 0 : boxCases / totalCases,
      density: boxPoints === 0 ? 0 : boxCases / boxPoints,
      mass: boxPoints / n,
      points: boxPoints,
      cases: boxCases,
      text: conditions.length === 0 ? 'in every pass' : conditions.map((c) => c.text).join(' and '),
    };
  };
  const trajectory: PrimBox[] = [snapshot()];
  const smallest = Math.ceil(minMass * n);

  for (;;) {
    let best: { feature: number; side: 'lower' | 'upper'; bound: number; removedPoints: number; removedCases: number } | null = null;
    let bestGain = 0;
    const density = boxPoints === 0 ? 0 : boxCases / boxPoints;
    const mayAdd = restrictedOrder.length < maxConditions;
    const consider = (feature: number, side: 'lower' | 'upper', bound: number, removedPoints: number, removedCases: number) => {
      if (removedPoints === 0 || boxPoints - removedPoints < smallest) return;
      // The gain in density per point removed (the "lenient" objective of the EMA Workbench's
      // PRIM): a peel that drops a binary feature's whole value must earn its larger cut.
      const gain = ((boxCases - removedCases) / (boxPoints - removedPoints) - density) / removedPoints;
      if (gain > bestGain) {
        bestGain = gain;
        best = { feature, side, bound, removedPoints, removedCases };
      }
    };
    for (let f = 0; f < features.length; f++) {
      if (!mayAdd && !restrictedOrder.includes(f)) continue;
      const feature = features[f]!;
      const values = feature.values;
      if (feature.binary) {
        if (lower[f]! >= 1 || upper[f]! <= 0) continue; // already one value
        let ones = 0;
        let onesCases = 0;
        for (let i = 0; i < n; i++)
          if (inBox[i] === 1 && values[i]! >= 1) {
            ones++;
            onesCases += cases[i]! === 1 ? 1 : 0;
          }
        consider(f, 'lower', 1, boxPoints - ones, boxCases - onesCases); // keep the 1s
        consider(f, 'upper', 0, ones, onesCases); // keep the 0s
        continue;
      }
      const order = orders[f]!;
      const peel = Math.max(1, Math.ceil(alpha * boxPoints));
      // Low end: cut the in-box points below the first value reached after `peel` points (ties
      // stay together); high end: the same from the top.
      for (const side of ['lower', 'upper'] as const) {
        let removedPoints = 0;
        let removedCases = 0;
        let previous = Number.NaN;
        for (let k = 0; k < n; k++) {
          const i = order[side === 'lower' ? k : n - 1 - k]!;
          if (inBox[i] !== 1) continue;
          const value = values[i]!;
          if (value !== previous && removedPoints >= peel) {
            consider(f, side, value, removedPoints, removedCases);
            break;
          }
          previous = value;
          removedPoints++;
          removedCases += cases[i]! === 1 ? 1 : 0;
        }
      }
    }
    if (best === null) break;
    const chosen: { feature: number; side: 'lower' | 'upper'; bound: number } = best;
    const f = chosen.feature;
    const values = features[f]!.values;
    if (chosen.side === 'lower') lower[f] = chosen.bound;
    else upper[f] = chosen.bound;
    if (!restrictedOrder.includes(f)) restrictedOrder.push(f);
    for (let i = 0; i < n; i++) {
      if (inBox[i] !== 1) continue;
      const value = values[i]!;
      if (value < lower[f]! || value > upper[f]!) {
        inBox[i] = 0;
        boxPoints--;
        boxCases -= cases[i]! === 1 ? 1 : 0;
      }
    }
    trajectory.push(snapshot());
  }

  let chosenBox = trajectory[0]!;
  for (const box of trajectory)
    if (box.coverage >= minCoverage && (box.density > chosenBox.density || (box.density === chosenBox.density && box.coverage > chosenBox.coverage))) chosenBox = box;
  return { points: n, cases: totalCases, baseRate: n === 0 ? 0 : totalCases / n, box: chosenBox, trajectory };
}
