/**
 * The C reference of model 1 (`model1.c`) from TypeScript: compile it, run it on a scenario, read
 * its counts; and the same counts from the engine, for the cross-check test and the benchmark.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  TallyLayout,
  prepareRun,
  runPreparedBlocks,
  validateScenario,
  type Seed,
} from '../../packages/core/src/index.js';
import { model1File } from './modelFile.js';

/** The C source of the reference. */
export const MODEL1_SOURCE = fileURLToPath(new URL('./model1.c', import.meta.url));

/** The plain build: `-O2`, IEEE arithmetic as written (no fused multiply-adds, as in JavaScript). */
export const PLAIN_FLAGS = ['-std=c99', '-O2', '-ffp-contract=off'] as const;
/** The build tuned for this machine: `-O3 -march=native`, still IEEE arithmetic as written. */
export const NATIVE_FLAGS = ['-std=c99', '-O3', '-march=native', '-ffp-contract=off'] as const;

/** Per-option counts, named as in the engine's tally (packages/core/src/tally.ts). */
export const OPTION_COUNTS = ['consensus', 'firstRound', 'risk', 'viable', 'rounds', 'firmness', 'engagement', 'signal'] as const;
/** Per-(option, ally) counts. */
export const ALLY_COUNTS = ['initialObjection', 'blocker', 'soleBlocker'] as const;

/** Every count of a run, in the engine's tally layout, whichever implementation produced it. */
export interface RunCounts {
  readonly layout: TallyLayout;
  readonly tally: Float64Array;
}

/** The C compiler to use: `$CC`, else `cc`, else `gcc` (looked up on `env.PATH`); or null when none runs. */
export function findCompiler(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [env['CC'], 'cc', 'gcc'].filter((c): c is string => c !== undefined && c !== '');
  for (const candidate of candidates) if (spawnSync(candidate, ['--version'], { encoding: 'utf8', env }).status === 0) return candidate;
  return null;
}

/** The sentence a test or benchmark stops with when no C compiler is present. */
export const NO_COMPILER =
  'No C compiler found ($CC, cc or gcc): the C reference of model 1 (tests/reference/model1.c) cannot be built; install gcc (apt-get install gcc).';

/** A compiled reference binary, in a temporary directory that `remove()` deletes. */
export interface Model1Binary {
  readonly path: string;
  readonly flags: readonly string[];
  readonly compiler: string;
  remove(): void;
}

/**
 * Compiles `model1.c` with the given flags.
 *
 * @throws {Error} when no C compiler is present ({@link NO_COMPILER}) or the source does not compile.
 */
export function compileModel1(flags: readonly string[] = PLAIN_FLAGS, env: NodeJS.ProcessEnv = process.env): Model1Binary {
  const compiler = findCompiler(env);
  if (compiler === null) throw new Error(NO_COMPILER);
  const directory = mkdtempSync(join(tmpdir(), 'concert-model1-'));
  const path = join(directory, 'model1');
  const build = spawnSync(compiler, [...flags, '-Wall', '-Wextra', '-o', path, MODEL1_SOURCE, '-lm'], { encoding: 'utf8', env });
  if (build.status !== 0) {
    rmSync(directory, { recursive: true, force: true });
    throw new Error(`${compiler} ${flags.join(' ')} could not compile ${MODEL1_SOURCE}:\n${build.stderr}`);
  }
  return { path, flags, compiler, remove: () => rmSync(directory, { recursive: true, force: true }) };
}

/** Runs `model1` with arguments and returns its stdout; throws with its stderr when it fails. */
export function runModel1(binary: Model1Binary, args: readonly string[]): { stdout: string; stderr: string } {
  const child = spawnSync(binary.path, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (child.status !== 0) throw new Error(`model1 ${args.join(' ')} exited ${child.status}: ${child.stderr.trim()}`);
  return { stdout: child.stdout, stderr: child.stderr };
}

/** Writes a scenario's model file to a temporary directory; returns its path and a cleanup. */
export function writeModelFile(scenarioInput: unknown): { path: string; remove(): void } {
  const directory = mkdtempSync(join(tmpdir(), 'concert-model1-input-'));
  const path = join(directory, 'scenario.model1');
  writeFileSync(path, model1File(validateScenario(scenarioInput)));
  return { path, remove: () => rmSync(directory, { recursive: true, force: true }) };
}

/** Reads model1's printed tally into the engine's layout. */
export function parseModel1Output(text: string, optionCount: number, allyCount: number): RunCounts {
  const layout = new TallyLayout(optionCount, allyCount);
  const tally = new Float64Array(layout.size);
  const words = (line: string) => line.split(' ');
  const whole = (word: string | undefined, line: string): number => {
    const value = Number(word);
    if (word === undefined || !Number.isSafeInteger(value)) throw new Error(`model1 printed a bad count in: ${line.slice(0, 120)}`);
    return value;
  };
  let ended = false;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const w = words(line);
    switch (w[0]) {
      case 'model1':
        break;
      case 'option': {
        const option = whole(w[1], line);
        OPTION_COUNTS.forEach((name, k) => {
          if (w[2 + 2 * k] !== name) throw new Error(`model1 printed ${w[2 + 2 * k]} where ${name} was expected`);
          tally[layout.option(option, k)] = whole(w[3 + 2 * k], line);
        });
        break;
      }
      case 'firmnessHistogram':
      case 'signalHistogram': {
        const option = whole(w[1], line);
        const start = option * layout.optionStride + (w[0] === 'firmnessHistogram' ? layout.firmnessHistogram : layout.signalHistogram);
        for (let bin = 0; bin < w.length - 2; bin++) tally[start + bin] = whole(w[2 + bin], line);
        break;
      }
      case 'ally': {
        const option = whole(w[1], line);
        const ally = whole(w[2], line);
        ALLY_COUNTS.forEach((name, k) => {
          if (w[3 + 2 * k] !== name) throw new Error(`model1 printed ${w[3 + 2 * k]} where ${name} was expected`);
          tally[layout.ally(option, ally, k)] = whole(w[4 + 2 * k], line);
        });
        break;
      }
      case 'segment': {
        const segment = whole(w[1], line);
        tally[layout.segmentPasses(segment)] = whole(w[3], line);
        for (let option = 0; option < optionCount; option++) {
          tally[layout.segmentConsensus(segment, option)] = whole(w[4 + 2 * option], line);
          tally[layout.segmentConsensus(segment, option) + 1] = whole(w[5 + 2 * option], line);
        }
        break;
      }
      case 'end':
        ended = true;
        break;
      default:
        throw new Error(`model1 printed an unknown line: ${line.slice(0, 120)}`);
    }
  }
  if (!ended) throw new Error('model1 output ended early (no "end" line)');
  return { layout, tally };
}

/** Runs the C reference on a scenario; returns its counts and the pass loop's own timing line. */
export function referenceCounts(binary: Model1Binary, scenarioInput: unknown, passes: number, seed: Seed): RunCounts & { timing: string } {
  const scenario = validateScenario(scenarioInput);
  const file = writeModelFile(scenario);
  try {
    const { stdout, stderr } = runModel1(binary, [file.path, String(passes), String(seed)]);
    return { ...parseModel1Output(stdout, scenario.options.length, scenario.allies.length), timing: stderr.trim() };
  } finally {
    file.remove();
  }
}

/** The engine's counts for the same run (`prepareRun` + `runPreparedBlocks`). */
export function engineCounts(scenarioInput: unknown, passes: number, seed: Seed): RunCounts {
  const run = prepareRun(scenarioInput, { passes, seed });
  const tally = runPreparedBlocks(run, { from: 0, to: run.blocks });
  return { layout: new TallyLayout(run.model.optionCount, run.model.allyCount), tally };
}

/** What a tally entry counts, in words: `option 2 consensus`, `option 0 signalHistogram[417]`. */
export function describeEntry(layout: TallyLayout, index: number): string {
  if (index >= layout.convergence) {
    const offset = index - layout.convergence;
    const segment = Math.floor(offset / layout.segmentStride);
    const within = offset % layout.segmentStride;
    if (within === 0) return `segment ${segment} passes`;
    return `segment ${segment} option ${Math.floor((within - 1) / 2)} ${within % 2 === 1 ? 'consensus' : 'risk'}`;
  }
  const option = Math.floor(index / layout.optionStride);
  const within = index % layout.optionStride;
  if (within < layout.firmnessHistogram) return `option ${option} ${OPTION_COUNTS[within]}`;
  if (within < layout.signalHistogram) return `option ${option} firmnessHistogram[${within - layout.firmnessHistogram}]`;
  if (within < layout.allyCounters) return `option ${option} signalHistogram[${within - layout.signalHistogram}]`;
  const ally = Math.floor((within - layout.allyCounters) / ALLY_COUNTS.length);
  return `option ${option} ally ${ally} ${ALLY_COUNTS[(within - layout.allyCounters) % ALLY_COUNTS.length]}`;
}

/** Every entry where two runs' counts differ, described, with both values (empty when equal). */
export function countDifferences(c: RunCounts, engine: RunCounts): string[] {
  if (c.tally.length !== engine.tally.length) return [`tally sizes differ: ${c.tally.length} and ${engine.tally.length}`];
  const differences: string[] = [];
  for (let k = 0; k < c.tally.length; k++)
    if (c.tally[k] !== engine.tally[k]) differences.push(`${describeEntry(engine.layout, k)}: C ${c.tally[k]}, engine ${engine.tally[k]}`);
  return differences;
}
