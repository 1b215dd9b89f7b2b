/**
 * Computes maps of viable texts on several workers (two by default, one per core): the steps of
 * mapSchedule.ts go out piece by piece to whichever worker is free, each step is shown once all
 * its pieces are in (in step order), and the fine map ends with the paired run of its two
 * leading texts. A newer map supersedes an older one at once: every worker's job client drops
 * the older map's messages and its worker stops it at the next chunk.
 *
 * The numbers are the core's: the page prepares the same plan as the workers, adds their whole-
 * number tallies (exact in any order) and summarizes them with `summarizeLandscape`, so the
 * final map is byte for byte `landscape(scenario, settings)`, whatever the split.
 */
import {
  ConcertInputError,
  addTally,
  landscapeLeaders,
  prepareLandscape,
  summarizeLandscape,
  type CellBlocker,
  type LandscapePlan,
  type LandscapeResult,
  type Problem,
  type Scenario,
  type Seed,
} from '@concert/core';
import { JobClient, type WorkerLike } from '../workers/jobClient.js';
import type { LandscapeJob, LandscapeOutcome } from './landscapeProtocol.js';
import { MAP_SHAPES, PIECES_PER_STEP, mapSettings, mapSteps, type MapKind, type MapShapes, type MapStep } from './mapSchedule.js';

/** What a map is of: the scenario as run, the seed, and the visibility of every text. */
export interface MapRequest {
  readonly scenario: Scenario;
  readonly seed: Seed;
  readonly visibility: number;
}

/** A map as far as it has been computed. */
export interface ShownMap {
  readonly request: MapRequest;
  readonly kind: MapKind;
  readonly map: LandscapeResult;
  /** Passes every cell has been judged in so far, of the map's passes. */
  readonly passesDone: number;
  readonly passes: number;
  /** True for the complete fine map, with the most viable text's paired advantage. */
  readonly final: boolean;
}

/** A map worker as the runner sees it (a module worker, or a fake in tests). */
export type MapWorker = WorkerLike<LandscapeJob, LandscapeOutcome>;

/** What the runner tells the page (for the latest map only). */
export interface MapRunnerHandlers {
  readonly onMap: (shown: ShownMap) => void;
  readonly onProblems: (problems: readonly Problem[], request: MapRequest) => void;
  /** The answer of {@link MapRunner.whoBlocks}: the cell's top blocker in all the fine map's passes, or null when no ally blocked it. */
  readonly onBlockers?: (cell: number, topBlocker: CellBlocker | null) => void;
}

interface PieceInfo {
  readonly generation: number;
  /** Index of the step, -1 for the pair run, -2 for a cell's blockers. */
  readonly step: number;
}

const PAIR_STEP = -1;
const BLOCKERS_STEP = -2;

interface MapRun {
  readonly generation: number;
  readonly request: MapRequest;
  /** The page's plans of the two maps (the fine one prepared in a task of its own, or when first needed). */
  readonly plans: { readonly coarse: LandscapePlan; fine: LandscapePlan | null };
  readonly keys: Record<MapKind, string>;
  /** The tally of each map over the steps shown so far (made with its first step). */
  readonly shownTally: Partial<Record<MapKind, Float64Array>>;
  /** Each step's own tally (made with its first piece) and the pieces still out. */
  readonly stepTally: (Float64Array | undefined)[];
  readonly remaining: number[];
  readonly queue: readonly { readonly step: number; readonly piece: number }[];
  next: number;
  shown: number;
}

/** Settings of a {@link MapRunner}. */
export interface MapRunnerOptions {
  /** How many workers (one per core). Default 2. */
  readonly workers?: number;
  /** The coarse and the fine map. Default: the notebook's, {@link MAP_SHAPES}. */
  readonly shapes?: MapShapes;
  /** Pieces of rows per step. Default {@link PIECES_PER_STEP}. */
  readonly piecesPerStep?: number;
}

/**
 * Runs maps on `workers` workers.
 *
 * @example
 * const maps = new MapRunner(() => new Worker(new URL('./landscapeWorker.ts', import.meta.url), { type: 'module' }), { onMap: draw, onProblems: show });
 * maps.start({ scenario, seed: 'hague-2025', visibility: 0.6 }); // draw() gets the coarse map, then the fine map as it refines
 */
export class MapRunner {
  private readonly clients: JobClient<LandscapeJob, LandscapeOutcome, PieceInfo>[];
  private readonly shapes: MapShapes;
  private readonly steps: readonly MapStep[];
  private run: MapRun | null = null;
  private generation = 0;
  /** The last map completed (the fine map's request), whose cells' blockers can be asked for. */
  private completed: MapRequest | null = null;

  constructor(createWorker: () => MapWorker, private readonly handlers: MapRunnerHandlers, options: MapRunnerOptions = {}) {
    const { workers = 2, shapes = MAP_SHAPES, piecesPerStep = PIECES_PER_STEP } = options;
    this.shapes = shapes;
    this.steps = mapSteps(shapes, piecesPerStep);
    this.clients = Array.from({ length: Math.max(1, workers) }, (_, k) =>
      new JobClient<LandscapeJob, LandscapeOutcome, PieceInfo>(createWorker, {
        onOutcome: (job, outcome) => this.received(k, job.info, outcome),
        onProblems: (job, problems) => this.failed(job.info, problems),
      }),
    );
  }

  /** True while a map is being computed. */
  get busy(): boolean {
    return this.run !== null;
  }

  /**
   * Starts a map (superseding the one in progress). Invalid input is reported through
   * `onProblems` at once, on the page, before any worker starts.
   */
  start(request: MapRequest): void {
    const generation = ++this.generation;
    this.completed = null;
    let coarse: LandscapePlan;
    try {
      coarse = prepareLandscape(request.scenario, mapSettings(this.shapes.coarse, request.seed, request.visibility));
    } catch (error) {
      this.cancel();
      if (error instanceof ConcertInputError) this.handlers.onProblems(error.problems, request);
      else throw error;
      return;
    }
    const queue = this.steps.flatMap((step, index) => step.pieces.map((_, piece) => ({ step: index, piece })));
    this.run = {
      generation,
      request,
      plans: { coarse, fine: null },
      keys: { coarse: `${generation}:coarse`, fine: `${generation}:fine` },
      shownTally: {},
      stepTally: this.steps.map(() => undefined),
      remaining: this.steps.map((step) => step.pieces.length),
      queue,
      next: 0,
      shown: -1,
    };
    this.clients.forEach((_, worker) => this.dispatch(worker));
    // Validating and compiling a plan takes a few milliseconds: the fine one gets a task of its own.
    this.later(generation, () => {
      if (this.run?.generation === generation) this.planOf(this.run, 'fine');
    });
  }

  /** The page's plan of a map (the same as the workers'), prepared when first needed. */
  private planOf(run: MapRun, kind: MapKind): LandscapePlan {
    if (kind === 'coarse') return run.plans.coarse;
    run.plans.fine ??= prepareLandscape(run.request.scenario, mapSettings(this.shapes.fine, run.request.seed, run.request.visibility));
    return run.plans.fine;
  }

  /**
   * Asks who blocks the text of a cell of the completed fine map: the cell is judged in all its
   * passes with blockers counted (milliseconds, on the first worker), and `onBlockers` gets its
   * top blocker, exactly the cell's top blocker in the core's map with blockers. Does nothing
   * while a map is in progress (its workers are busy; the coarse map names top blockers).
   *
   * @returns whether the question was sent.
   */
  whoBlocks(cell: number): boolean {
    const request = this.completed;
    if (request === null || this.run !== null || !(cell >= 0 && cell < this.shapes.fine.grid ** 2)) return false;
    this.clients[0]!.start(
      { type: 'blockers', key: `${this.generation}:blockers`, scenario: request.scenario, settings: mapSettings({ ...this.shapes.fine, blockers: true }, request.seed, request.visibility), cell },
      { generation: this.generation, step: BLOCKERS_STEP },
    );
    return true;
  }

  /** Stops the map in progress, if any. */
  cancel(): void {
    this.generation++; // what a cancelled map still had to show is dropped
    this.run = null;
    this.completed = null;
    for (const client of this.clients) client.cancel();
  }

  /** Gives a free worker the next piece of the map in progress. */
  private dispatch(worker: number): void {
    const run = this.run;
    if (run === null || run.next >= run.queue.length) return;
    const { step, piece } = run.queue[run.next++]!;
    const { map, blocks, pieces } = this.steps[step]!;
    this.clients[worker]!.start(
      { type: 'blocks', key: run.keys[map], scenario: run.request.scenario, settings: mapSettings(this.shapes[map], run.request.seed, run.request.visibility), blocks, cells: pieces[piece]! },
      { generation: run.generation, step },
    );
  }

  private received(worker: number, info: PieceInfo, outcome: LandscapeOutcome): void {
    if (outcome.type === 'blockers') {
      if (info.generation === this.generation && this.completed !== null) this.handlers.onBlockers?.(outcome.cell, outcome.topBlocker);
      return;
    }
    const run = this.run;
    if (run === null || info.generation !== run.generation) return;
    if (outcome.type === 'pair') {
      this.run = null;
      this.completed = run.request;
      const plan = this.planOf(run, 'fine');
      const tally = run.shownTally.fine!;
      const leaders = landscapeLeaders(plan, tally)!;
      const passes = plan.manifest.passes;
      this.later(run.generation, () => {
        const map = summarizeLandscape(plan, tally, { cells: [leaders.best, leaders.runnerUp!], counts: outcome.tally });
        this.handlers.onMap({ request: run.request, kind: 'fine', map, passesDone: passes, passes, final: true });
      });
      return;
    }
    addTally((run.stepTally[info.step] ??= new Float64Array(outcome.tally.length)), outcome.tally);
    run.remaining[info.step]! -= 1;
    this.dispatch(worker);
    this.showCompleted(worker);
  }

  /**
   * Runs `show` in a task of its own (unless a newer map started meanwhile): summarizing a map
   * takes a few milliseconds, and kept apart from the message that completed it and from the
   * drawing, no main-thread task grows long.
   */
  private later(generation: number, show: () => void): void {
    setTimeout(() => {
      if (generation === this.generation) show();
    }, 0);
  }

  /** Shows the last step whose pieces (and those of every step before it) are all in. */
  private showCompleted(worker: number): void {
    const run = this.run!;
    let latest = run.shown;
    while (latest + 1 < this.steps.length && run.remaining[latest + 1] === 0) {
      latest++;
      const step = run.stepTally[latest]!;
      addTally((run.shownTally[this.steps[latest]!.map] ??= new Float64Array(step.length)), step);
    }
    if (latest === run.shown) return;
    run.shown = latest;
    const { map: kind, blocks } = this.steps[latest]!;
    const plan = this.planOf(run, kind);
    const shownTally = run.shownTally[kind]!;
    const passes = plan.manifest.passes;
    const passesDone = Math.min(passes, blocks.to * plan.manifest.blockSize);
    const last = latest === this.steps.length - 1;
    const leaders = last ? landscapeLeaders(plan, shownTally) : null;
    // The map is complete: pair its two leaders on the same passes (the final map follows).
    const pairing = last && leaders !== null && leaders.runnerUp !== null;
    if (pairing)
      this.clients[worker]!.start(
        { type: 'pair', key: run.keys.fine, scenario: run.request.scenario, settings: mapSettings(this.shapes.fine, run.request.seed, run.request.visibility), pair: [leaders.best, leaders.runnerUp!] },
        { generation: run.generation, step: PAIR_STEP },
      );
    else if (last) {
      this.run = null;
      this.completed = run.request;
    }
    const tally = shownTally.slice();
    this.later(run.generation, () => this.handlers.onMap({ request: run.request, kind, map: summarizeLandscape(plan, tally), passesDone, passes, final: last && !pairing }));
  }

  private failed(info: PieceInfo, problems: readonly Problem[]): void {
    const run = this.run;
    if (run === null || info.generation !== run.generation) return;
    this.cancel();
    this.handlers.onProblems(problems, run.request);
  }
}
