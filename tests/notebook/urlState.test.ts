import { readFileSync } from 'node:fs';
import { deflateSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../packages/core/src/index.js';
import { initialState, type NotebookState } from '../../packages/notebook/src/notebookState.js';
import { moveAlly, setBargaining } from '../../packages/notebook/src/scenarioEdits.js';
import { decodeState, encodeState, type LinkedState } from '../../packages/notebook/src/urlState.js';
import { TOY } from './fixtures.js';

const editedState: NotebookState = {
  ...initialState(moveAlly(setBargaining(TOY, 'maxRounds', 5), 'A07', 0.81, 0.12), 'toy-32'),
  disabledEvents: ['thaw'],
  run: { passes: 12_345, quickPasses: 3_000, seed: 'workshop-b' },
};
const edited: LinkedState = { state: editedState, shown: 'full' };

async function decoded(hash: string): Promise<LinkedState> {
  const result = await decodeState(hash);
  if (!result.success) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.data;
}

describe('encodeState({ state, shown }) and decodeState(hash)', () => {
  it('decodeState(encodeState(state)) gives back the same state', async () => {
    const hash = await encodeState(edited);
    expect(hash).toMatch(/^v=1&s=[A-Za-z0-9_-]+$/);
    expect(await decoded(hash)).toEqual(edited);
    expect(await decoded(`#${hash}`)).toEqual(edited);
  });

  it('encodeState(decodeState(hash)) gives back the same hash (a link survives re-sharing)', async () => {
    const hash = await encodeState(edited);
    expect(await encodeState(await decoded(hash))).toBe(hash);
  });

  it('round-trips any slider positions, seeds and pass counts exactly', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.oneof(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.string({ minLength: 1, maxLength: 40 })),
        fc.integer({ min: 1, max: 1_000_000_000 }),
        async (firmness, engagement, seed, passes) => {
          const linked: LinkedState = { state: { ...initialState(moveAlly(TOY, 'A12', firmness, engagement), 'toy-32'), run: { passes, quickPasses: 2000, seed } }, shown: 'quick' };
          expect(await decoded(await encodeState(linked))).toEqual(linked);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('refuses a link of another version, naming it', async () => {
    const hash = (await encodeState(edited)).replace('v=1', 'v=7');
    const result = await decodeState(hash);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.problems.map(formatProblem)).toEqual(['link v: must be 1 (the state version this notebook reads), got "7"']);
  });

  it('refuses a cut-short or altered link with a readable problem', async () => {
    const hash = await encodeState(edited);
    for (const broken of [hash.slice(0, hash.length - 40), hash.replace(/s=.{6}/, 's=AAAAAA'), 'v=1&s=<script>']) {
      const result = await decodeState(broken);
      expect(result.success).toBe(false);
      if (!result.success) expect(result.problems.map(formatProblem)).toEqual(['link s: must be a compressed notebook state; the link may be cut short or altered']);
    }
  });

  it('lists every problem of a well-formed link holding an invalid scenario and settings', async () => {
    const bad = {
      state: {
        ...editedState,
        scenario: { ...editedState.scenario, allies: editedState.scenario.allies.map((ally, k) => (k === 12 ? { ...ally, hawkishness: { center: 1.2, uncertainty: 0.5 } } : ally)) },
        run: { passes: 0, quickPasses: 1.5, seed: '' },
      },
      shown: 'later',
    } as unknown as LinkedState;
    const result = await decodeState(await encodeState(bad));
    expect(result.success).toBe(false);
    if (!result.success)
      expect(result.problems.map(formatProblem)).toEqual([
        'scenario.allies[12].hawkishness.center: must be strictly between 0 and 1, got 1.2',
        'run.passes: must be a whole number from 1 to 1000000000, got 0',
        'run.seed: must be a non-empty string (at most 200 characters) or a whole number from 0 to 2^53 - 1, got ""',
        'run.quickPasses: must be a whole number from 1 to 1000000000, got 1.5',
        'run.shown: must be "quick" or "full", got "later"',
      ]);
  });

  it('carries a pinned baseline (its scenario, passes and seed) and gives it back exactly', async () => {
    const pinnedScenario = moveAlly(TOY, 'A03', 0.2, 0.9);
    const linked: LinkedState = { ...edited, baseline: { scenario: pinnedScenario, passes: 4_000, seed: 'before-the-summit' } };
    const hash = await encodeState(linked);
    expect(await decoded(hash)).toEqual(linked);
    expect(await encodeState(await decoded(hash))).toBe(hash);
    // A link with no baseline has no baseline field: the same bytes as a link written before baselines were linked.
    expect('baseline' in (await decoded(await encodeState(edited)))).toBe(false);
  });

  it('a link written before baselines were linked (at ee99bfc) opens the same state, and the same state writes the same JSON', async () => {
    const old = readFileSync('tests/fixtures/link-v1-ee99bfc.txt', 'utf8');
    expect(await decoded(old)).toEqual(edited);
    // The compressed bytes may differ with zlib's version; the JSON inside must not.
    const json = (hash: string) => inflateSync(Buffer.from(new URLSearchParams(hash).get('s')!, 'base64url')).toString('utf8');
    expect(json(await encodeState(edited))).toBe(json(old));
  });

  it('lists the problems of a link whose baseline is invalid, at baseline.<path>', async () => {
    const bad = {
      ...edited,
      baseline: { scenario: { ...TOY, allies: TOY.allies.map((ally, k) => (k === 2 ? { ...ally, salience: 7 } : ally)) }, passes: -3, seed: '' },
    } as unknown as LinkedState;
    const result = await decodeState(await encodeState(bad));
    expect(result.success).toBe(false);
    if (!result.success) {
      const lines = result.problems.map(formatProblem);
      expect(lines.some((line) => line.startsWith('baseline.scenario.allies[2].salience: '))).toBe(true);
      expect(lines).toContain('baseline.passes: must be a whole number from 1 to 1000000000, got -3');
      expect(lines).toContain('baseline.seed: must be a non-empty string (at most 200 characters) or a whole number from 0 to 2^53 - 1, got ""');
    }
    // A hand-made link (the encoder would not write this): the baseline is not an object.
    const payload = { source: editedState.source, scenario: editedState.scenario, disabledEvents: [], run: { ...editedState.run, shown: 'quick' }, baseline: 'pinned' };
    const notAnObject = await decodeState(`v=1&s=${deflateSync(JSON.stringify(payload)).toString('base64url')}`);
    expect(notAnObject.success).toBe(false);
    if (!notAnObject.success) expect(notAnObject.problems.map(formatProblem)).toEqual(['baseline: must be an object with scenario, passes and seed (the pinned run), got "pinned"']);
  });
});
