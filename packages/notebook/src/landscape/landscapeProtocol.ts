/**
 * The jobs of a map worker and their outcomes (the messages around them: workers/jobProtocol.ts).
 * A job is one piece of a map: some blocks of passes for some cells, or the paired run of the two
 * leading cells. Every piece is a tally of whole numbers, so the page adds the pieces of both
 * workers in any order and gets the bytes of the core's `landscape()`.
 */
import type { BlockRange, CellBlocker, LandscapeSettings, Scenario } from '@concert/core';

/** Which map a piece belongs to: a worker prepares a map once and keeps it while the key stays. */
export interface MapIdentity {
  /** Names the scenario and settings; the same key always comes with the same scenario and settings. */
  readonly key: string;
  readonly scenario: Scenario;
  readonly settings: LandscapeSettings;
}

/** A piece of a map to compute. */
export type LandscapeJob =
  | (MapIdentity & { readonly type: 'blocks'; readonly blocks: BlockRange; readonly cells: BlockRange })
  | (MapIdentity & { readonly type: 'pair'; readonly pair: readonly [number, number] })
  /** One cell in all the passes with its blockers counted (settings with `blockers: true`): who is in the way of that text. */
  | (MapIdentity & { readonly type: 'blockers'; readonly cell: number });

/**
 * The tally of a piece (`runLandscapeBlocks` for blocks, `runLandscapePair` for a pair), or the
 * top blocker of one cell.
 */
export type LandscapeOutcome =
  | { readonly type: 'blocks' | 'pair'; readonly tally: Float64Array }
  | { readonly type: 'blockers'; readonly cell: number; readonly topBlocker: CellBlocker | null };
