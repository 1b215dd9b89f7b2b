/**
 * The worker threads' task module (piscina calls the default export): tallies blocks of a run, a
 * tornado or a map of viable texts, evaluates Sobol design points, counts units of an experiment,
 * or forecasts issues of a backtest. Each worker prepares a run or plan once and reuses
 * it for later chunks of the same work. Loaded as worker.ts under tsx (bundled, see pool.ts) and
 * as worker.js in the built package.
 */
import {
  ConcertInputError,
  evaluateSobolPoints,
  forecastIssue,
  prepareExperiment,
  prepareLandscape,
  prepareRun,
  prepareSobol,
  prepareTornado,
  runExperimentUnits,
  runLandscapeBlocks,
  runPreparedBlocks,
  runTornadoBlocks,
  type ExperimentPlan,
  type LandscapePlan,
  type PreparedRun,
  type SobolPlan,
  type TornadoPlan,
} from '../../src/index.js';
import type { ForecastTask, WorkerAnswer, WorkerTask } from './tasks.js';

type Prepared =
  | { kind: 'blocks'; run: PreparedRun }
  | { kind: 'tornado'; plan: TornadoPlan }
  | { kind: 'sobol'; plan: SobolPlan }
  | { kind: 'experiment'; plan: ExperimentPlan }
  | { kind: 'landscape'; plan: LandscapePlan };

let cached: { key: string; prepared: Prepared } | undefined;

function prepare(task: Exclude<WorkerTask, ForecastTask>): Prepared {
  switch (task.kind) {
    case 'blocks':
      return { kind: 'blocks', run: prepareRun(task.scenario, { passes: task.passes, seed: task.seed }) };
    case 'tornado':
      return { kind: 'tornado', plan: prepareTornado(task.scenario, task.settings) };
    case 'sobol':
      return { kind: 'sobol', plan: prepareSobol(task.scenario, task.settings) };
    case 'experiment':
      return { kind: 'experiment', plan: prepareExperiment(task.design, task.scenarios) };
    case 'landscape':
      return { kind: 'landscape', plan: prepareLandscape(task.scenario, task.settings) };
  }
}

/**
 * Does one chunk of work and answers with its numbers (a tally, or Sobol inner estimates), or with
 * the input error it met (a signal formula that leaves [0, 1] in a pass, for example) as data.
 */
export default function workerTask(task: WorkerTask): WorkerAnswer {
  try {
    return { values: work(task) };
  } catch (error) {
    if (error instanceof ConcertInputError)
      return { inputError: { what: error.what, kind: error.kind, problems: error.problems.map((problem) => ({ ...problem })) } };
    throw error;
  }
}

function work(task: WorkerTask): Float64Array {
  if (task.kind === 'forecasts') {
    // Issues are independent and cheap to prepare: nothing is cached.
    const samples = new Float64Array(task.issues.length * task.passes);
    task.issues.forEach((issue, k) => samples.set(forecastIssue(issue, task.model, task.passes, task.seed), k * task.passes));
    return samples;
  }
  const key = `${task.kind}/${task.kind === 'blocks' ? task.runKey : task.key}`;
  if (cached?.key !== key) cached = { key, prepared: prepare(task) };
  const { prepared } = cached;
  const range = { from: task.from, to: task.to };
  switch (prepared.kind) {
    case 'blocks':
      return runPreparedBlocks(prepared.run, range);
    case 'tornado':
      return runTornadoBlocks(prepared.plan, range);
    case 'sobol':
      return evaluateSobolPoints(prepared.plan, range);
    case 'experiment':
      return runExperimentUnits(prepared.plan, range).counts;
    case 'landscape': {
      const cells = task.kind === 'landscape' ? { from: task.cellsFrom, to: task.cellsTo } : { from: 0, to: prepared.plan.cells };
      return runLandscapeBlocks(prepared.plan, range, { cells });
    }
  }
}
