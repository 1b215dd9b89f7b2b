/**
 * How the notebook computes a map of viable texts: a coarse map first, then the fine map block
 * by block, each step cut into pieces of grid rows that any worker may take. Pure functions, so
 * the schedule is tested on its own (tests/notebook/landscape.test.ts).
 *
 * The pieces of a step are disjoint cell ranges over the same blocks, and the core's tallies are
 * whole numbers that are zero outside their cells: adding the pieces in any order, from any
 * worker, gives exactly the tally of one run of the whole step (docs/LANDSCAPE.md).
 */
import { blockCount, type BlockRange, type LandscapeSettings, type Seed } from '@concert/core';

/** The coarse map, shown first: 11 x 11 texts at 500 passes, with each text's top blocker. */
export const COARSE_MAP = { grid: 11, passes: 500, blockers: true } as const;
/**
 * The fine map, refined block by block: 41 x 41 texts at 2,000 passes each. Without blockers
 * (a quarter of the time: docs/LANDSCAPE.md, "Speed"); the coarse map names the top blockers.
 */
export const FINE_MAP = { grid: 41, passes: 2000, blockers: false } as const;
/** Pieces of grid rows per step: more than the workers, so a fast worker takes more of them. */
export const PIECES_PER_STEP = 4;

/** Which of the two maps. */
export type MapKind = 'coarse' | 'fine';

/** The size of a map: points per side, passes, and whether blockers are counted. */
export interface MapShape {
  readonly grid: number;
  readonly passes: number;
  readonly blockers: boolean;
}

/** The two maps of a schedule. */
export type MapShapes = Readonly<Record<MapKind, MapShape>>;

/** The notebook's maps. */
export const MAP_SHAPES: MapShapes = { coarse: COARSE_MAP, fine: FINE_MAP };

/** One step of the schedule: some blocks of one map, for all its cells, cut into pieces. */
export interface MapStep {
  readonly map: MapKind;
  readonly blocks: BlockRange;
  /** Cell ranges (whole grid rows), disjoint, covering the map's cells in order. */
  readonly pieces: readonly BlockRange[];
}

/** The core's settings of a map of a given shape, seed and visibility. */
export function mapSettings(shape: MapShape, seed: Seed, visibility: number): LandscapeSettings {
  return { grid: shape.grid, passes: shape.passes, blockers: shape.blockers, seed, visibility };
}

/**
 * Cuts a grid's rows into `parts` contiguous pieces of nearly equal size, as cell ranges.
 *
 * @example
 * rowPieces(11, 2); // => [{ from: 0, to: 66 }, { from: 66, to: 121 }] (rows 0-5 and 6-10)
 */
export function rowPieces(grid: number, parts: number): BlockRange[] {
  const pieces: BlockRange[] = [];
  const count = Math.max(1, Math.min(grid, Math.floor(parts)));
  for (let k = 0; k < count; k++) {
    const fromRow = Math.round((k * grid) / count);
    const toRow = Math.round(((k + 1) * grid) / count);
    if (toRow > fromRow) pieces.push({ from: fromRow * grid, to: toRow * grid });
  }
  return pieces;
}

/**
 * The steps of a map, in the order they are shown: the coarse map in one step (all its blocks),
 * then the fine map one block at a time (each step adds 250 passes to every cell).
 *
 * @example
 * mapSteps().map((step) => `${step.map} ${step.blocks.from}-${step.blocks.to}`);
 * // => ['coarse 0-2', 'fine 0-1', 'fine 1-2', ..., 'fine 7-8']
 */
export function mapSteps(shapes: MapShapes = MAP_SHAPES, piecesPerStep = PIECES_PER_STEP): MapStep[] {
  const { coarse, fine } = shapes;
  const first: MapStep = { map: 'coarse', blocks: { from: 0, to: blockCount(coarse.passes) }, pieces: rowPieces(coarse.grid, Math.min(2, piecesPerStep)) };
  const finePieces = rowPieces(fine.grid, piecesPerStep);
  const refining: MapStep[] = [];
  for (let block = 0; block < blockCount(fine.passes); block++) refining.push({ map: 'fine', blocks: { from: block, to: block + 1 }, pieces: finePieces });
  return [first, ...refining];
}

/**
 * The cell of a `grid x grid` map nearest to a point of the plane (both in [0, 1]; outside, the
 * nearest edge), as `row * grid + column`.
 *
 * @example
 * cellAt(41, 0.5, 0.35); // => 14 * 41 + 20
 */
export function cellAt(grid: number, firmness: number, engagement: number): number {
  const index = (value: number) => Math.min(grid - 1, Math.max(0, Math.round((Number.isFinite(value) ? value : 0) * (grid - 1))));
  return index(engagement) * grid + index(firmness);
}

/** A key press that moves the chosen cell: arrows one cell, Page Up/Down five rows, Home/End a row's ends. */
export type CellMove = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'PageUp' | 'PageDown' | 'Home' | 'End';

/**
 * The cell a key press moves to on a `grid x grid` map; up is more engagement (the next row),
 * and moves stop at the edges.
 *
 * @example
 * moveCell(41, 0, 'ArrowUp'); // => 41
 * moveCell(41, 0, 'ArrowLeft'); // => 0
 */
export function moveCell(grid: number, cell: number, key: CellMove): number {
  const row = Math.floor(cell / grid);
  const column = cell % grid;
  const at = (r: number, c: number) => Math.min(grid - 1, Math.max(0, r)) * grid + Math.min(grid - 1, Math.max(0, c));
  switch (key) {
    case 'ArrowLeft':
      return at(row, column - 1);
    case 'ArrowRight':
      return at(row, column + 1);
    case 'ArrowUp':
      return at(row + 1, column);
    case 'ArrowDown':
      return at(row - 1, column);
    case 'PageUp':
      return at(row + 5, column);
    case 'PageDown':
      return at(row - 5, column);
    case 'Home':
      return at(row, 0);
    case 'End':
      return at(row, grid - 1);
  }
}

/**
 * A short fingerprint of a map's cells (FNV-1a over their JSON): the page records it with each
 * map it shows, so a test can check the shown numbers against the core's without reading them
 * off the screen.
 *
 * @example
 * cellsFingerprint(landscape(scenario, settings).cells); // => 'c3a91f02' (for example)
 */
export function cellsFingerprint(cells: readonly unknown[]): string {
  const text = JSON.stringify(cells);
  let hash = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) {
    hash ^= text.charCodeAt(k);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
