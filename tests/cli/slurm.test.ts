/**
 * The Slurm recipe of docs/SCALING.md, run as written on a real single-node Slurm (Debian's
 * slurm-wlm and munge, installed and started by this file's setup, stopped after): the two shell
 * blocks are read from the markdown, so the doc and this test cannot drift apart. Only the first
 * line of the submission (scenario, passes, seed, shards) is set to a small run.
 *
 * Where Slurm cannot be set up (not root, not Debian), the tests are skipped, saying why.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTRY, ROOT, TOY, TSX_LOADER, runCli, temporaryDirectory } from './helpers.js';
import { installSlurm, slurmUnavailable, startSlurm, type SlurmCluster } from './slurmCluster.js';

/** The shell block under `<!-- name -->` in docs/SCALING.md. */
function scalingBlock(name: string): string {
  const doc = readFileSync(join(ROOT, 'docs/SCALING.md'), 'utf8');
  const match = new RegExp(`<!-- ${name} -->\\n\`\`\`sh\\n([\\s\\S]*?)\\n\`\`\``).exec(doc);
  if (match === null) throw new Error(`docs/SCALING.md has no \`\`\`sh block under <!-- ${name} -->`);
  return match[1]!;
}

const PASSES = 3000;
const SEED = 42;
const SHARDS = 3;
/** How long a whole recipe may take before the test gives up (it takes seconds). */
const RECIPE_TIMEOUT_MS = 150_000;
const FINISHED = /^(COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY|PREEMPTED|BOOT_FAIL|DEADLINE)/;

const unavailable = slurmUnavailable();
if (unavailable !== undefined) console.warn(`tests/cli/slurm.test.ts skipped: ${unavailable}.`);

let cluster: SlurmCluster;

/**
 * A folder with the scenario, `concert-shards.sbatch` (the doc's block) and a `concert` on PATH
 * that runs this checkout under tsx, as the installed bin would. `failTask` makes that array task
 * fail as a crashed node would (exit 1 before doing anything).
 */
function runFolder(failTask?: number): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = temporaryDirectory();
  copyFileSync(TOY, join(dir, 'scenario.json'));
  writeFileSync(join(dir, 'concert-shards.sbatch'), scalingBlock('slurm-sbatch') + '\n');
  mkdirSync(join(dir, 'bin'));
  const failure =
    failTask === undefined ? '' : `if [ "$1" = run ] && [ "\${SLURM_ARRAY_TASK_ID:-}" = ${failTask} ]; then echo "task ${failTask}: simulated failure" >&2; exit 1; fi\n`;
  writeFileSync(join(dir, 'bin/concert'), `#!/bin/sh\n${failure}exec "${process.execPath}" --import ${TSX_LOADER} "${ENTRY}" "$@"\n`);
  chmodSync(join(dir, 'bin/concert'), 0o755);
  return { dir, env: { ...cluster.env, PATH: `${join(dir, 'bin')}:${process.env['PATH']}` } };
}

/** Runs the doc's submission block in `dir` and returns the two job ids it prints. */
function submit(dir: string, env: NodeJS.ProcessEnv): { shardsJob: string; mergeJob: string } {
  const [settings, ...commands] = scalingBlock('slurm-submit').split('\n');
  expect(settings).toMatch(/^scenario=\S+ passes=\d+ seed=\d+ shards=\d+$/);
  const script = [`scenario=scenario.json passes=${PASSES} seed=${SEED} shards=${SHARDS}`, ...commands].join('\n');
  const shell = spawnSync('bash', ['-euo', 'pipefail', '-c', script], { cwd: dir, encoding: 'utf8', env });
  expect(shell.stderr).toBe('');
  expect(shell.status).toBe(0);
  const match = /^shards: job (\d+); merge: job (\d+); logs in logs\/$/m.exec(shell.stdout);
  expect(match, shell.stdout).not.toBeNull();
  return { shardsJob: match![1]!, mergeJob: match![2]! };
}

/** Each job's id and state (`scontrol show job`, one line per job or array task). */
function jobStates(job: string): Map<string, string> {
  const shown = spawnSync('scontrol', ['--oneliner', 'show', 'job', job], { encoding: 'utf8', env: cluster.env });
  const states = new Map<string, string>();
  for (const line of shown.stdout.split('\n')) {
    const id = /\bJobId=(\d+)/.exec(line)?.[1];
    const task = /\bArrayTaskId=(\S+)/.exec(line)?.[1];
    const state = /\bJobState=(\S+)/.exec(line)?.[1];
    if (id !== undefined && state !== undefined) states.set(task === undefined ? id : `${job}_${task}`, state);
  }
  return states;
}

/** Waits (bounded) until `job` has finished; returns its final state, or throws with what Slurm shows. */
async function finished(job: string, dir: string, deadline: number): Promise<string> {
  for (;;) {
    const state = jobStates(job).get(job);
    if (state !== undefined && FINISHED.test(state)) return state;
    if (Date.now() > deadline) {
      const queue = spawnSync('squeue', ['--all'], { encoding: 'utf8', env: cluster.env }).stdout;
      const logs = existsSync(join(dir, 'logs')) ? readdirSync(join(dir, 'logs')).join(', ') : 'no logs/ folder';
      throw new Error(`job ${job} did not finish within ${RECIPE_TIMEOUT_MS / 1000} s (state ${state ?? 'unknown'})\nsqueue:\n${queue}\nlogs: ${logs}\n${cluster.logs()}`);
    }
    await new Promise((done) => setTimeout(done, 500));
  }
}

const log = (dir: string, name: string) => readFileSync(join(dir, 'logs', name), 'utf8');

describe.skipIf(unavailable !== undefined)(`docs/SCALING.md, Slurm: the recipe as written on a real single-node Slurm${unavailable === undefined ? '' : ` (skipped: ${unavailable})`}`, () => {
  beforeAll(async () => {
    installSlurm();
    cluster = await startSlurm();
  }, 300_000);
  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);

  it('the job array and its merge give a result byte-identical to a single run', async () => {
    const { dir, env } = runFolder();
    const { shardsJob, mergeJob } = submit(dir, env);
    const deadline = Date.now() + RECIPE_TIMEOUT_MS;
    const mergeState = await finished(mergeJob, dir, deadline);
    const tasks = jobStates(shardsJob);
    expect([...tasks.entries()].sort()).toEqual(Array.from({ length: SHARDS }, (_, i) => [`${shardsJob}_${i + 1}`, 'COMPLETED']));
    expect(mergeState, log(dir, `concert-merge-${mergeJob}.log`)).toBe('COMPLETED');
    // Every task wrote its log where the recipe says; a quiet run prints nothing.
    for (let task = 1; task <= SHARDS; task++) expect(log(dir, `concert-${shardsJob}_${task}.log`)).toBe('');
    const whole = await runCli(['run', TOY, '--passes', String(PASSES), '--seed', String(SEED)]);
    expect(readFileSync(join(dir, 'result.json'), 'utf8')).toBe(whole.stdout);
  }, RECIPE_TIMEOUT_MS + 30_000);

  it('a failed task is reported: its log says why, and the merge fails naming the missing shard (no hang)', async () => {
    const { dir, env } = runFolder(2);
    const { shardsJob, mergeJob } = submit(dir, env);
    const deadline = Date.now() + RECIPE_TIMEOUT_MS;
    expect(await finished(mergeJob, dir, deadline)).toBe('FAILED');
    const tasks = jobStates(shardsJob);
    expect(tasks.get(`${shardsJob}_1`)).toBe('COMPLETED');
    expect(tasks.get(`${shardsJob}_2`)).toBe('FAILED');
    expect(tasks.get(`${shardsJob}_3`)).toBe('COMPLETED');
    expect(log(dir, `concert-${shardsJob}_2.log`)).toContain('task 2: simulated failure');
    expect(log(dir, `concert-merge-${mergeJob}.log`)).toContain(`shard 2/${SHARDS} is missing`);
    expect(existsSync(join(dir, 'result.json'))).toBe(false);
  }, RECIPE_TIMEOUT_MS + 30_000);
});
