/**
 * Label placement without collisions: each label is tried at positions around its point, nearest
 * first, and takes the first where it overlaps no label placed before it, no obstacle (the dots
 * themselves) and stays inside the plot; far positions get a leader line. A label with no free
 * position is left out (the caller says so), never drawn over another.
 */

/** A box in chart pixels. */
export interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** A label to place: its point in chart pixels and its size. */
export interface LabelRequest<T> {
  readonly row: T;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Where a label goes: its anchor point in chart pixels and text anchor, and whether it needs a leader line. */
export interface PlacedLabel<T> {
  readonly row: T;
  readonly x: number;
  readonly y: number;
  readonly textAnchor: 'start' | 'middle' | 'end';
  readonly leader: boolean;
  /** The point it labels. */
  readonly pointX: number;
  readonly pointY: number;
  /** The middle of the label's box (draw it there with textAnchor 'middle': one text mark serves every label). */
  readonly centerX: number;
}

/** True when two boxes overlap (touching edges do not). */
export function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** A square box of half-size `r` around a point. */
export function pointBox(x: number, y: number, r: number): Box {
  return { left: x - r, top: y - r, right: x + r, bottom: y + r };
}

const DIRECTIONS: readonly (readonly [number, number])[] = [
  [1, 0], [-1, 0], [0, -1], [0, 1], [0.75, -0.75], [-0.75, -0.75], [0.75, 0.75], [-0.75, 0.75],
];

/**
 * Places labels in the order given (most important first) around their points, at the distances
 * `radii` (pixels; those beyond `leaderBeyond` get a leader line), inside `bounds`, avoiding
 * `obstacles`. Returns the placed labels, the rows left out, and the boxes the labels took.
 *
 * @example
 * const { placed } = placeLabels([{ row: 'HU', x: 120, y: 80, width: 16, height: 12 }], { bounds: { left: 0, top: 0, right: 400, bottom: 300 } });
 * placed[0].textAnchor; // => 'start' (to the right of its point)
 */
export function placeLabels<T>(
  requests: readonly LabelRequest<T>[],
  { bounds, obstacles = [], radii = [9, 15, 24, 36], leaderBeyond = 16 }: { bounds: Box; obstacles?: readonly Box[]; radii?: readonly number[]; leaderBeyond?: number },
): { placed: PlacedLabel<T>[]; left: T[]; boxes: Box[] } {
  const taken: Box[] = [];
  const placed: PlacedLabel<T>[] = [];
  const left: T[] = [];
  for (const request of requests) {
    let chosen: PlacedLabel<T> | null = null;
    for (const radius of radii) {
      for (const [ux, uy] of DIRECTIONS) {
        const x = request.x + ux * radius;
        const y = request.y + uy * radius;
        const textAnchor = ux > 0.1 ? 'start' : ux < -0.1 ? 'end' : 'middle';
        const left0 = textAnchor === 'start' ? x : textAnchor === 'end' ? x - request.width : x - request.width / 2;
        // Labels above or below their point sit wholly on that side.
        const top0 = uy < -0.1 && textAnchor === 'middle' ? y - request.height : uy > 0.1 && textAnchor === 'middle' ? y : y - request.height / 2;
        const box = { left: left0, top: top0, right: left0 + request.width, bottom: top0 + request.height };
        if (box.left < bounds.left || box.right > bounds.right || box.top < bounds.top || box.bottom > bounds.bottom) continue;
        if (taken.some((other) => overlaps(box, other)) || obstacles.some((other) => overlaps(box, other))) continue;
        taken.push(box);
        chosen = { row: request.row, x, y: (box.top + box.bottom) / 2, textAnchor, leader: radius > leaderBeyond, pointX: request.x, pointY: request.y, centerX: (box.left + box.right) / 2 };
        break;
      }
      if (chosen !== null) break;
    }
    if (chosen === null) left.push(request.row);
    else placed.push(chosen);
  }
  return { placed, left, boxes: taken };
}

/** A linear map from a domain to a pixel range, and back. */
export function linear([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]) {
  const k = (r1 - r0) / (d1 - d0);
  return { apply: (value: number) => r0 + (value - d0) * k, invert: (pixel: number) => d0 + (pixel - r0) / k };
}
