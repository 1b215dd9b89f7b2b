/**
 * A shallow classification tree (CART with Gini impurity): the other way scenario discovery
 * explains a case. Where PRIM finds one dense box, the tree splits all passes into a few leaves,
 * each a set of conditions with its share of cases.
 */
import { describeCondition, type PrimCondition, type PrimFeature } from './prim.js';

/** One leaf of a tree: the conditions on the way to it, and the cases among its points. */
export interface TreeLeaf {
  /** The conditions of the path, one per feature (bounds of repeated splits merged). */
  readonly conditions: readonly PrimCondition[];
  readonly points: number;
  readonly cases: number;
  /** Share of the leaf's points that are cases. */
  readonly density: number;
  /** Share of all cases in the leaf. */
  readonly coverage: number;
  /** Share of all points in the leaf. */
  readonly mass: number;
  /** The conditions joined in words; `in every pass` for a tree that did not split. */
  readonly text: string;
}

/** The result of {@link decisionTree}. */
export interface DecisionTreeResult {
  readonly points: number;
  readonly cases: number;
  readonly baseRate: number;
  /** The leaves, densest first. */
  readonly leaves: readonly TreeLeaf[];
}

/** Options of {@link decisionTree}. */
export interface DecisionTreeOptions {
  /** Most splits on the way to a leaf; default 2 (at most 4 leaves). */
  readonly maxDepth?: number;
  /** Smallest share of all points a leaf may hold; default 0.05. */
  readonly minLeaf?: number;
}

interface Bounds {
  lower: number;
  upper: number;
}

/**
 * Grows a classification tree of depth at most `maxDepth` on `cases` (1 per case point): each
 * node takes the split "feature <= t" that lowers the Gini impurity most, keeping at least
 * `minLeaf` of all points on each side, and stops when no split lowers it.
 *
 * @throws {RangeError} when feature lengths differ from the cases' or an option is out of range.
 * @example
 * decisionTree(features, failed, { maxDepth: 2 }).leaves[0].text;
 * // => "Hungary's hawkishness below 0.31 and Escalation incident occurred" (for example)
 */
export function decisionTree(features: readonly PrimFeature[], cases: ArrayLike<number>, options: DecisionTreeOptions = {}): DecisionTreeResult {
  const { maxDepth = 2, minLeaf = 0.05 } = options;
  const n = cases.length;
  if (!Number.isInteger(maxDepth) || maxDepth < 0 || maxDepth > 6) throw new RangeError(`decisionTree requires a whole number 0 <= maxDepth <= 6, got ${maxDepth}`);
  if (!(minLeaf > 0 && minLeaf < 0.5)) throw new RangeError(`decisionTree requires 0 < minLeaf < 0.5, got ${minLeaf}`);
  for (const feature of features)
    if (feature.values.length !== n) throw new RangeError(`decisionTree requires ${n} values per feature, got ${feature.values.length} for ${feature.name}`);

  let totalCases = 0;
  for (let i = 0; i < n; i++) totalCases += cases[i]! === 1 ? 1 : 0;
  const smallest = Math.max(1, Math.ceil(minLeaf * n));
  const orders = features.map((feature) => {
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    return order.sort((a, b) => feature.values[a]! - feature.values[b]!);
  });
  const nodeOf = new Int32Array(n);
  let nextNode = 1;
  const leaves: TreeLeaf[] = [];
  const impurity = (points: number, hits: number) => (points === 0 ? 0 : (2 * hits * (points - hits)) / points);

  const leaf = (points: number, hits: number, path: readonly { feature: number; bounds: Bounds }[]): void => {
    const order: number[] = [];
    const merged = new Map<number, Bounds>();
    for (const { feature, bounds } of path) {
      const seen = merged.get(feature);
      if (seen === undefined) {
        order.push(feature);
        merged.set(feature, { ...bounds });
      } else {
        seen.lower = Math.max(seen.lower, bounds.lower);
        seen.upper = Math.min(seen.upper, bounds.upper);
      }
    }
    const conditions = order.map((f): PrimCondition => {
      const feature = features[f]!;
      const { lower, upper } = merged.get(f)!;
      return { feature: feature.name, label: feature.label, binary: feature.binary, lower, upper, text: describeCondition(feature, lower, upper) };
    });
    leaves.push({
      conditions,
      points,
      cases: hits,
      density: points === 0 ? 0 : hits / points,
      coverage: totalCases === 0 ? 0 : hits / totalCases,
      mass: points / n,
      text: conditions.length === 0 ? 'in every pass' : conditions.map((c) => c.text).join(' and '),
    });
  };

  const grow = (node: number, points: number, hits: number, depth: number, path: readonly { feature: number; bounds: Bounds }[]): void => {
    const parent = impurity(points, hits);
    let best: { feature: number; left: number; right: number; leftPoints: number; leftHits: number; score: number } | null = null;
    if (depth < maxDepth && hits > 0 && hits < points)
      for (let f = 0; f < features.length; f++) {
        const values = features[f]!.values;
        const order = orders[f]!;
        let leftPoints = 0;
        let leftHits = 0;
        let previous = Number.NaN;
        for (let k = 0; k < n; k++) {
          const i = order[k]!;
          if (nodeOf[i] !== node) continue;
          const value = values[i]!;
          // A split between the previous value and this one: left holds the points seen so far.
          if (value !== previous && leftPoints >= smallest && points - leftPoints >= smallest) {
            const score = impurity(leftPoints, leftHits) + impurity(points - leftPoints, hits - leftHits);
            if (score < parent - 1e-9 && (best === null || score < best.score)) best = { feature: f, left: previous, right: value, leftPoints, leftHits, score };
          }
          if (points - leftPoints < smallest) break;
          previous = value;
          leftPoints++;
          leftHits += cases[i]! === 1 ? 1 : 0;
        }
      }
    if (best === null) {
      leaf(points, hits, path);
      return;
    }
    const split = best;
    const leftNode = nextNode++;
    const rightNode = nextNode++;
    const values = features[split.feature]!.values;
    for (let i = 0; i < n; i++) if (nodeOf[i] === node) nodeOf[i] = values[i]! <= split.left ? leftNode : rightNode;
    grow(leftNode, split.leftPoints, split.leftHits, depth + 1, [...path, { feature: split.feature, bounds: { lower: -Infinity, upper: split.left } }]);
    grow(rightNode, points - split.leftPoints, hits - split.leftHits, depth + 1, [...path, { feature: split.feature, bounds: { lower: split.right, upper: Infinity } }]);
  };

  grow(0, n, totalCases, 0, []);
  leaves.sort((a, b) => b.density - a.density || b.points - a.points);
  return { points: n, cases: totalCases, baseRate: n === 0 ? 0 : totalCases / n, leaves };
}
