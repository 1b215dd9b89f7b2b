/**
 * A real single-node Slurm for tests: Debian's slurm-wlm and munge, installed with apt-get when
 * missing (root on Debian only), started in a private folder (own munge socket and key, own
 * ports, own state), and torn down afterwards. Nothing under /etc is changed; clients find the
 * cluster through SLURM_CONF in {@link SlurmCluster.env}.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';

/** The programs the cluster needs, from Debian's slurm-wlm and munge packages. */
export const SLURM_PROGRAMS = ['munged', 'mungekey', 'slurmctld', 'slurmd', 'sbatch', 'sinfo', 'scontrol', 'squeue'] as const;

/** Why Slurm cannot be set up on this machine, or undefined when it can (root on Debian Linux). */
export function slurmUnavailable(): string | undefined {
  if (process.platform !== 'linux') return `Slurm is set up only on Debian Linux, and this is ${process.platform}`;
  let id: string | undefined;
  try {
    id = /^ID=(.*)$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1]?.replace(/^"|"$/g, '');
  } catch {
    id = undefined;
  }
  if (id !== 'debian') return `Slurm is set up with Debian's packages, and this Linux is ${id ?? 'unknown'}, not Debian`;
  if (process.getuid?.() !== 0) return 'installing and starting Slurm needs root, and these tests do not run as root';
  return undefined;
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): { status: number | null; output: string } {
  const child = spawnSync(command, args, { encoding: 'utf8', env, timeout: 300_000 });
  return { status: child.status, output: `${child.stdout ?? ''}${child.stderr ?? ''}${child.error?.message ?? ''}` };
}

function must(command: string, args: readonly string[], env?: NodeJS.ProcessEnv): string {
  const outcome = run(command, args, env);
  if (outcome.status !== 0) throw new Error(`${[command, ...args].join(' ')} failed (${outcome.status}): ${outcome.output.trim()}`);
  return outcome.output;
}

const installed = () => SLURM_PROGRAMS.every((program) => run('sh', ['-c', `command -v ${program}`]).status === 0);

/** Installs slurm-wlm and munge with apt-get when a program is missing; returns whether it installed. */
export function installSlurm(): boolean {
  if (installed()) return false;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  must('apt-get', ['update', '-qq'], env);
  must('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'slurm-wlm', 'munge'], env);
  if (!installed()) throw new Error(`apt-get installed slurm-wlm and munge, but ${SLURM_PROGRAMS.join(', ')} are not all on PATH`);
  return true;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A running single-node cluster. */
export interface SlurmCluster {
  /** The environment for Slurm's commands (sbatch, squeue, ...): this process's, with SLURM_CONF. */
  readonly env: NodeJS.ProcessEnv;
  /** The folder holding its configuration, state and daemon logs. */
  readonly folder: string;
  /** The daemon logs, for a failure message. */
  logs(): string;
  /** Stops slurmctld, slurmd and munged (by their pid files) and removes the folder. */
  stop(): Promise<void>;
}

function pidOf(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts munged, slurmctld and slurmd for a one-node cluster of this machine (its hostname, and
 * its CPUs and memory as `slurmd -C` reports them), and waits until the node is idle.
 *
 * @throws {Error} when a daemon does not start or the node does not come up within 60 s (with the logs).
 */
export async function startSlurm(): Promise<SlurmCluster> {
  const folder = mkdtempSync(join(tmpdir(), 'concert-slurm-'));
  chmodSync(folder, 0o755); // munged requires every folder above its socket to be searchable by all
  for (const sub of ['run', 'state', 'spool', 'log']) mkdirSync(join(folder, sub), { mode: 0o755 });
  mkdirSync(join(folder, 'key'), { mode: 0o700 });
  const socket = join(folder, 'run/munge.socket');
  const conf = join(folder, 'slurm.conf');
  const env = { ...process.env, SLURM_CONF: conf };
  const pidFiles = { munged: join(folder, 'run/munged.pid'), slurmctld: join(folder, 'run/slurmctld.pid'), slurmd: join(folder, 'run/slurmd.pid') };

  const logs = () =>
    ['munged', 'slurmctld', 'slurmd']
      .map((name) => join(folder, `log/${name}.log`))
      .filter((file) => existsSync(file))
      .map((file) => `--- ${file} (last lines)\n${readFileSync(file, 'utf8').trim().split('\n').slice(-15).join('\n')}`)
      .join('\n');

  const stop = async () => {
    if (existsSync(pidFiles.slurmctld)) run('scontrol', ['shutdown'], env);
    for (const name of ['slurmd', 'slurmctld', 'munged'] as const) {
      const pid = pidOf(pidFiles[name]);
      if (pid === undefined) continue;
      if (name === 'munged') run('munged', ['--stop', `--socket=${socket}`]);
      for (let waited = 0; waited < 10_000 && alive(pid); waited += 200) await sleep(200);
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
    rmSync(folder, { recursive: true, force: true });
  };

  try {
    const key = join(folder, 'key/munge.key');
    must('mungekey', ['--create', `--keyfile=${key}`]);
    must('munged', [`--socket=${socket}`, `--key-file=${key}`, `--pid-file=${pidFiles.munged}`, `--log-file=${join(folder, 'log/munged.log')}`, `--seed-file=${join(folder, 'key/munged.seed')}`]);

    const node = must('slurmd', ['-C']).split('\n')[0]!.trim(); // NodeName=<hostname> CPUs=<n> ... RealMemory=<MB>
    if (!node.startsWith(`NodeName=${hostname()} `)) throw new Error(`slurmd -C describes another node: ${node}`);
    const [controllerPort, nodePort] = [await freePort(), await freePort()];
    writeFileSync(
      conf,
      [
        'ClusterName=concert-test',
        `SlurmctldHost=${hostname()}(127.0.0.1)`,
        `SlurmctldPort=${controllerPort}`,
        `SlurmdPort=${nodePort}`,
        'SlurmUser=root',
        'SlurmdUser=root',
        'AuthType=auth/munge',
        'CredType=cred/munge',
        `AuthInfo=socket=${socket}`,
        `StateSaveLocation=${join(folder, 'state')}`,
        `SlurmdSpoolDir=${join(folder, 'spool')}`,
        `SlurmctldPidFile=${pidFiles.slurmctld}`,
        `SlurmdPidFile=${pidFiles.slurmd}`,
        `SlurmctldLogFile=${join(folder, 'log/slurmctld.log')}`,
        `SlurmdLogFile=${join(folder, 'log/slurmd.log')}`,
        // No systemd or cgroup delegation in a container: track processes by their parents.
        'ProctrackType=proctrack/linuxproc',
        'TaskPlugin=task/none',
        'JobAcctGatherType=jobacct_gather/none',
        'AccountingStorageType=accounting_storage/none',
        'JobCompType=jobcomp/none',
        'MpiDefault=none',
        'SelectType=select/cons_tres',
        'SelectTypeParameters=CR_Core_Memory',
        'ReturnToService=2',
        'MinJobAge=600', // finished jobs stay visible to scontrol for 10 minutes
        `${node} NodeAddr=127.0.0.1 State=UNKNOWN`,
        'PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP',
        '',
      ].join('\n'),
    );
    must('slurmctld', ['-f', conf], env);
    must('slurmd', ['-f', conf], env);
    for (let waited = 0; ; waited += 500) {
      const state = run('sinfo', ['--noheader', '--format=%T'], env);
      if (state.status === 0 && state.output.trim() === 'idle') break;
      if (waited > 60_000) throw new Error(`the Slurm node did not become idle in 60 s (sinfo: ${state.output.trim()})\n${logs()}`);
      await sleep(500);
    }
  } catch (error) {
    const message = `${(error as Error).message}\n${logs()}`;
    await stop();
    throw new Error(message);
  }
  return { env, folder, logs, stop };
}
