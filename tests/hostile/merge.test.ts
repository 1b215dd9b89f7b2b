/**
 * Hostile shards: merge checks each shard's digest, every count against its passes and the tally's
 * identities, and refuses (exit 1, nothing written) naming the file and the figure, never with a
 * stack trace. What only replay can prove: a forged tally that is consistent in every way merges,
 * and `concert replay` of the merged result then reports the figure that differs.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALLY_COUNTER,
  ConcertInputError,
  OPTION_COUNTER,
  TallyLayout,
  finalizePartial,
  mergePartials,
  partialDigest,
  runPartial,
  type PartialResult,
} from '../../packages/core/src/index.js';
import { TOY, runCli, temporaryDirectory } from '../cli/helpers.js';
import { expectNormalRuns, thrown, toy } from './helpers.js';

const PASSES = '2600'; // 11 blocks
const layout = new TallyLayout(6, 32);

/** A shard file as parsed JSON: its figures can be edited. */
type Shard = Omit<PartialResult, 'tally' | 'blocks'> & { tally: number[]; blocks: { from: number; to: number }[]; shard: { index: number; count: number } };

/** Writes shards 1 and 2 of 2 into a new directory; returns it, the files and the unsharded result. */
async function twoShards(): Promise<{ dir: string; whole: string }> {
  const dir = temporaryDirectory();
  for (const index of [1, 2]) {
    const outcome = await runCli(['run', TOY, '-n', PASSES, '-s', '7', '--shard', `${index}/2`, '--out', `shard-${index}.json`], { cwd: dir });
    expect(outcome.status, outcome.stderr).toBe(0);
  }
  return { dir, whole: (await runCli(['run', TOY, '-n', PASSES, '-s', '7'])).stdout };
}

const read = (dir: string, file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Shard;
/** Writes an edited shard; with `digest`, its digest is recomputed, as a careful forger would. */
function write(dir: string, file: string, shard: Shard, { digest = false } = {}): void {
  writeFileSync(join(dir, file), JSON.stringify(digest ? { ...shard, digest: partialDigest(shard) } : shard));
}

/** Merges the two shards into result.json and expects a refusal; returns stderr. */
async function refusedMerge(dir: string): Promise<string> {
  const merged = await runCli(['merge', 'shard-1.json', 'shard-2.json', '--out', 'result.json'], { cwd: dir });
  expect(merged.status, merged.stderr).toBe(1);
  expect(merged.stdout).toBe('');
  expect(merged.stderr).not.toMatch(/RangeError|\n\s+at /);
  expect(existsSync(join(dir, 'result.json'))).toBe(false);
  return merged.stderr;
}

describe('merge verifies what it reads', () => {
  it('refuses a shard whose count was edited (the digest no longer matches), naming the file', async () => {
    const { dir } = await twoShards();
    const shard = read(dir, 'shard-2.json');
    shard.tally[layout.option(2, OPTION_COUNTER.consensus)]! += 5;
    write(dir, 'shard-2.json', shard);
    expect(await refusedMerge(dir)).toContain(
      'shard-2.json: digest: must be the SHA-256 of the manifest, blocks and tally: they were edited or corrupted after the shard wrote them',
    );
  });

  it('refuses an edit made with the digest recomputed when it breaks an identity, naming the figure', async () => {
    const { dir } = await twoShards();
    const shard = read(dir, 'shard-2.json');
    const consensus = shard.tally[layout.option(2, OPTION_COUNTER.consensus)]!;
    // The case: viability 99.2% next to a risk of 17.5%.
    shard.tally[layout.option(2, OPTION_COUNTER.viable)] = consensus + 10;
    write(dir, 'shard-2.json', shard, { digest: true });
    const stderr = await refusedMerge(dir);
    expect(stderr).toContain(`shard-2.json: tally.dual-track.viability: must be at most its passes with consensus (${consensus.toLocaleString('en-US')}), got ${consensus + 10}`);
  });

  it('refuses a count above the pass total with a sentence, not a RangeError', async () => {
    const { dir } = await twoShards();
    const shard = read(dir, 'shard-1.json');
    shard.tally[layout.option(0, OPTION_COUNTER.risk)] = 1_000_000;
    shard.tally[layout.ally(0, 3, ALLY_COUNTER.initialObjection)] = 999_999;
    write(dir, 'shard-1.json', shard, { digest: true });
    const stderr = await refusedMerge(dir);
    expect(stderr).toContain('shard-1.json: tally.engage.risk: must be at most the passes of these blocks (1,250), got 1000000');
    expect(stderr).toContain('shard-1.json: tally.engage.allies.A04.initialObjectionRate: must be at most the passes of these blocks (1,250), got 999999');
  });

  it('refuses a sum out of its bounds (the issue\'s dilution of -199.8) and a histogram that does not add up', async () => {
    const { dir } = await twoShards();
    const shard = read(dir, 'shard-2.json');
    shard.tally[layout.option(3, OPTION_COUNTER.firmness)] = 2 ** 40;
    shard.tally[layout.option(3, layout.signalHistogram) + 500]! += 3;
    write(dir, 'shard-2.json', shard, { digest: true });
    const stderr = await refusedMerge(dir);
    expect(stderr).toMatch(/shard-2\.json: tally\.suspend\.adoptedFirmness\.mean: must be a fixed-point sum of at most [\d,]+ values in \[0, 1\]/);
    expect(stderr).toContain('shard-2.json: tally.suspend.signal.histogram: must add up to the passes of these blocks (1,350), got 1353');
  });

  it('refuses forged block ranges: the convergence trace no longer fits the blocks', async () => {
    const { dir } = await twoShards();
    const shard = read(dir, 'shard-2.json');
    shard.blocks = [{ from: 5, to: 6 }];
    write(dir, 'shard-2.json', shard, { digest: true });
    const stderr = await refusedMerge(dir);
    expect(stderr).toContain('shard-2.json: tally.convergence.passes: must hold the passes of these blocks in each segment (segment 6: 0), got 250');
    // One forged range breaks most figures; the first ten are listed, the rest counted.
    expect(stderr).toMatch(/shard-2\.json: \.\.\.: and [\d,]+ more problems, not listed/);
  });

  it('refuses a manifest claiming 1e15 passes or another block size, before looking at its blocks', async () => {
    const { dir } = await twoShards();
    const shard = read(dir, 'shard-2.json');
    write(dir, 'shard-2.json', { ...shard, manifest: { ...shard.manifest, passes: 1e15, blockSize: 1 } }, { digest: true });
    const stderr = await refusedMerge(dir);
    expect(stderr).toContain('shard-2.json: manifest.blockSize: must be 250, the block size of this engine, got 1');
    expect(stderr).toContain('shard-2.json: manifest.passes: must be a whole number from 1 to 1,000,000,000, got 1000000000000000');
  });

  it('refuses a version 1 shard (no digest) with "re-run the shard"', async () => {
    const { dir } = await twoShards();
    const { digest: _digest, ...shard } = read(dir, 'shard-1.json');
    writeFileSync(join(dir, 'shard-1.json'), JSON.stringify({ ...shard, formatVersion: 1 }));
    const stderr = await refusedMerge(dir);
    expect(stderr).toContain('shard-1.json: formatVersion: must be 2: this partial result was written by an earlier concert and carries no digest to check its figures by; re-run the shard with this version');
  });

  it('a forgery consistent in every way merges; replay of the merged result reports the figure that differs', async () => {
    const { dir } = await twoShards();
    const shard = read(dir, 'shard-1.json');
    shard.tally[layout.ally(2, 4, ALLY_COUNTER.initialObjection)]! += 1;
    write(dir, 'shard-1.json', shard, { digest: true });
    const merged = await runCli(['merge', 'shard-1.json', 'shard-2.json', '--out', 'result.json'], { cwd: dir });
    expect(merged.status, merged.stderr).toBe(0);
    const replayed = await runCli(['replay', 'result.json', '--quiet'], { cwd: dir });
    expect(replayed.status).toBe(1);
    expect(replayed.stdout).toMatch(/DIFFERS +dual-track\.allies/);
    expect(replayed.stdout).toContain('replay: 1 of');
  });

  it('mergePartials and finalizePartial refuse the same edits in the library, naming parts[i] and the figure', () => {
    const first = runPartial(toy(), { passes: 2600, seed: 7, from: 0, to: 5 });
    const second = runPartial(toy(), { passes: 2600, seed: 7, from: 5, to: 11 });
    const tally = [...second.tally];
    tally[layout.option(1, OPTION_COUNTER.firstRound)] = tally[layout.option(1, OPTION_COUNTER.consensus)]! + 1;
    const forged = { ...second, tally, digest: partialDigest({ ...second, tally }) };
    const error = thrown(() => mergePartials([first, forged])) as ConcertInputError;
    expect(error).toBeInstanceOf(ConcertInputError);
    expect(error.kind).toBe('partial');
    expect(error.problems.map((p) => p.path)).toContain('parts[1].tally.today.firstRoundConsensus');
    expect(thrown(() => finalizePartial({ ...mergePartials([first, second]), tally: tally.map((n) => n * 3) }))).toBeInstanceOf(ConcertInputError);
    expect(JSON.stringify(finalizePartial(mergePartials([first, second])))).toBe(JSON.stringify(finalizePartial(mergePartials([second, first]))));
    expectNormalRuns([0]);
  });

  it('any single edited count, digest recomputed, is refused or merges to figures that keep every identity (property)', () => {
    const first = runPartial(toy(), { passes: 1000, seed: 3, from: 0, to: 2 });
    const second = runPartial(toy(), { passes: 1000, seed: 3, from: 2, to: 4 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: layout.size - 1 }), fc.integer({ min: -3, max: 5000 }), (entry, change) => {
        const tally = [...second.tally];
        tally[entry] = Math.max(0, tally[entry]! + change);
        const edited = { ...second, tally, digest: partialDigest({ ...second, tally }) };
        let merged: PartialResult;
        try {
          merged = mergePartials([first, edited]);
        } catch (error) {
          expect(error).toBeInstanceOf(ConcertInputError);
          return;
        }
        const result = finalizePartial(merged);
        for (const option of result.options) {
          expect(option.viability.estimate).toBeLessThanOrEqual(option.consensus.estimate);
          expect(option.firstRoundConsensus.estimate).toBeLessThanOrEqual(option.consensus.estimate);
          expect(option.viability.estimate).toBeLessThanOrEqual(1 - option.risk.estimate + 1e-12);
          for (const value of [option.dilution, option.meanRounds, option.signal.mean, option.adoptedFirmness.mean])
            if (value !== null) expect(Number.isFinite(value)).toBe(true);
          if (option.dilution !== null) expect(Math.abs(option.dilution)).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 200, seed: 5 },
    );
  });
});

describe('merge --out never destroys a shard', () => {
  it('merge a b --out a is refused before anything is read or written', async () => {
    const { dir } = await twoShards();
    const before = readFileSync(join(dir, 'shard-1.json'), 'utf8');
    const outcome = await runCli(['merge', 'shard-1.json', 'shard-2.json', '--out', 'shard-1.json'], { cwd: dir });
    expect(outcome.status).toBe(2);
    expect(outcome.stderr).toContain('--out "shard-1.json" is also an input of this command; writing there would destroy it (choose another output file)');
    expect(readFileSync(join(dir, 'shard-1.json'), 'utf8')).toBe(before);
  });
});

describe('analysis shards (experiment, tornado) carry a digest too', () => {
  /** Writes two shards of an analysis with `command` (its arguments before --shard) into a new directory. */
  async function analysisShards(args: readonly string[]): Promise<{ dir: string; whole: string }> {
    const dir = temporaryDirectory();
    for (const index of [1, 2]) {
      const outcome = await runCli([...args, '--shard', `${index}/2`, '--out', `part-${index}.json`, '--quiet'], { cwd: dir });
      expect(outcome.status, outcome.stderr).toBe(0);
    }
    return { dir, whole: (await runCli([...args, '--quiet'], { cwd: dir })).stdout };
  }
  const experiment = (dir: string) => {
    writeFileSync(
      join(dir, 'design.json'),
      JSON.stringify({ scenario: TOY, fields: [{ path: 'events.escalation.probability', name: 'escalation', lower: 0, upper: 0.5 }], sampling: { method: 'full-factorial', levels: 3 }, passes: 500, seed: 3 }),
    );
    return ['experiment', 'design.json'];
  };

  for (const [name, args, numbers] of [
    ['an experiment', 'experiment', 'counts'],
    ['a tornado', ['sensitivity', 'tornado', TOY, '--passes', '500', '--seed', '3'], 'tally'],
  ] as const) {
    it(`${name}: merges to the unsharded bytes; an edited count within range, or a version 1 shard, is refused naming the file`, async () => {
      const dir0 = temporaryDirectory();
      const commandArgs = args === 'experiment' ? experiment(dir0) : args;
      const { dir, whole } = await analysisShards(commandArgs.map((arg) => (arg === 'design.json' ? join(dir0, 'design.json') : arg)));
      const merged = await runCli(['merge', 'part-1.json', 'part-2.json'], { cwd: dir });
      expect(merged.status, merged.stderr).toBe(0);
      expect(merged.stdout).toBe(whole);

      const original = readFileSync(join(dir, 'part-2.json'), 'utf8');
      const part = JSON.parse(original) as Record<string, unknown> & { digest: string };
      const figures = part[numbers] as number[];
      const at = figures.findIndex((value) => value > 0);
      figures[at] = figures[at]! - 1; // still a whole number within its passes: only the digest can tell
      writeFileSync(join(dir, 'part-2.json'), JSON.stringify(part));
      const edited = await runCli(['merge', 'part-1.json', 'part-2.json', '--out', 'result.json'], { cwd: dir });
      expect(edited.status).toBe(1);
      expect(edited.stderr).toContain('part-2.json: digest: must be the SHA-256 of the rest of the shard: its figures, ranges or settings were edited or corrupted after the shard wrote them');
      expect(edited.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(join(dir, 'result.json'))).toBe(false);

      const { digest: _digest, ...old } = JSON.parse(original) as Record<string, unknown>;
      writeFileSync(join(dir, 'part-2.json'), JSON.stringify({ ...old, formatVersion: 1 }));
      const older = await runCli(['merge', 'part-1.json', 'part-2.json'], { cwd: dir });
      expect(older.status).toBe(1);
      expect(older.stderr).toContain('part-2.json: formatVersion: must be 2: this shard was written by an earlier concert and carries no digest');
      expectNormalRuns([0]);
    });
  }
});
