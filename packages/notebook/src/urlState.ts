/**
 * The URL hash: the whole notebook state, versioned, compressed and base64url-encoded, so a link
 * reproduces exactly what its author saw, the pinned baseline included. Format:
 * `#v=1&s=<base64url(deflate(JSON))>`.
 *
 * A link that is cut short, altered or of another version gives a list of problems, never a
 * half-read state.
 */
import { formatPath, parseScenario, runSettingsProblems, type ParseResult, type Problem, type Scenario, type Seed } from '@concert/core';
import { STATE_VERSION, type NotebookState, type RunKind, type RunSettingsState } from './notebookState.js';

/**
 * A pinned baseline as a link carries it: the scenario the pinned run ran and its passes and
 * seed. The run is deterministic, so re-running these gives the very result that was pinned.
 */
export interface LinkedBaseline {
  readonly scenario: Scenario;
  readonly passes: number;
  readonly seed: Seed;
}

/** What the link carries (the state without its version, which is in `v=`, the kind of run shown, and the baseline if one is pinned). */
interface StatePayload {
  readonly source: string;
  readonly scenario: unknown;
  readonly disabledEvents: readonly string[];
  readonly run: RunSettingsState & { readonly shown: RunKind };
  readonly baseline?: LinkedBaseline;
}

/** What a link opens: the state, which of its runs to repeat (the one its author saw), and the baseline its author had pinned. */
export interface LinkedState {
  readonly state: NotebookState;
  readonly shown: RunKind;
  /** Absent when no baseline was pinned (a link of that kind is the same bytes as before baselines were linked). */
  readonly baseline?: LinkedBaseline;
}

async function transform(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const piped = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(piped).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let k = 0; k < bytes.length; k += 0x8000) binary += String.fromCharCode(...bytes.subarray(k, k + 0x8000));
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  const bytes = new Uint8Array(binary.length);
  for (let k = 0; k < binary.length; k++) bytes[k] = binary.charCodeAt(k);
  return bytes;
}

/**
 * Encodes a state and the kind of run shown as a URL hash (without the leading `#`).
 *
 * @example
 * location.hash = await encodeState({ state, shown: 'full' }); // => '#v=1&s=eJy...'
 */
export async function encodeState({ state, shown, baseline }: LinkedState): Promise<string> {
  const payload: StatePayload = {
    source: state.source,
    scenario: state.scenario,
    disabledEvents: state.disabledEvents,
    run: { ...state.run, shown },
    ...(baseline === undefined ? {} : { baseline: { scenario: baseline.scenario, passes: baseline.passes, seed: baseline.seed } }),
  };
  const compressed = await transform(new TextEncoder().encode(JSON.stringify(payload)), new CompressionStream('deflate'));
  return `v=${STATE_VERSION}&s=${toBase64Url(compressed)}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Decodes a URL hash (with or without the leading `#`) into a state and the kind of run shown,
 * or lists every problem with it. Scenario problems are reported at `scenario.<path>`, as the
 * core's formatProblem writes them.
 */
export async function decodeState(hash: string): Promise<ParseResult<LinkedState>> {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const version = params.get('v');
  const data = params.get('s');
  const fail = (...problems: Problem[]) => ({ success: false as const, problems });
  if (version !== String(STATE_VERSION))
    return fail({ path: 'link v', message: `must be ${STATE_VERSION} (the state version this notebook reads)`, ...(version === null ? {} : { value: version }) });
  if (data === null || data === '') return fail({ path: 'link s', message: 'is required (the compressed notebook state)' });
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder().decode(await transform(fromBase64Url(data), new DecompressionStream('deflate'))));
  } catch {
    return fail({ path: 'link s', message: 'must be a compressed notebook state; the link may be cut short or altered' });
  }
  if (!isRecord(payload)) return fail({ path: 'link s', message: 'must hold an object with source, scenario, disabledEvents and run', value: payload });

  const problems: Problem[] = [];
  if (typeof payload.source !== 'string') problems.push({ path: 'source', message: 'must be a string', value: payload.source });
  const parsed = parseScenario(payload.scenario);
  if (!parsed.success) problems.push(...under('scenario', parsed.problems));
  const disabled = payload.disabledEvents;
  if (!Array.isArray(disabled) || !disabled.every((id) => typeof id === 'string'))
    problems.push({ path: 'disabledEvents', message: 'must be a list of event ids', value: disabled });
  const run = isRecord(payload.run) ? payload.run : {};
  if (!isRecord(payload.run)) problems.push({ path: 'run', message: 'must be an object with passes, quickPasses, seed and shown', value: payload.run });
  else {
    problems.push(...under('run', runSettingsProblems(run)));
    for (const problem of runSettingsProblems({ passes: run.quickPasses, seed: run.seed }))
      if (problem.path === 'passes') problems.push({ ...problem, path: 'run.quickPasses' });
    if (run.shown !== 'quick' && run.shown !== 'full') problems.push({ path: formatPath(['run', 'shown']), message: 'must be "quick" or "full"', value: run.shown });
  }
  const baseline = 'baseline' in payload ? linkedBaseline(payload.baseline, problems) : undefined;
  if (problems.length > 0 || !parsed.success) return fail(...problems);
  return {
    success: true,
    data: {
      state: {
        version: STATE_VERSION,
        source: payload.source as string,
        scenario: parsed.data,
        disabledEvents: disabled as string[],
        run: { passes: run.passes as number, quickPasses: run.quickPasses as number, seed: run.seed as string | number },
      },
      shown: run.shown as RunKind,
      ...(baseline === undefined ? {} : { baseline }),
    },
  };
}

/** Reads a link's baseline, adding its problems (at `baseline.<path>`) to `problems`; undefined when it has any. */
function linkedBaseline(value: unknown, problems: Problem[]): LinkedBaseline | undefined {
  if (!isRecord(value)) {
    problems.push({ path: 'baseline', message: 'must be an object with scenario, passes and seed (the pinned run)', value });
    return undefined;
  }
  const parsed = parseScenario(value.scenario);
  const settings = runSettingsProblems({ passes: value.passes, seed: value.seed });
  if (!parsed.success) problems.push(...under('baseline.scenario', parsed.problems));
  problems.push(...under('baseline', settings));
  if (!parsed.success || settings.length > 0) return undefined;
  return { scenario: parsed.data, passes: value.passes as number, seed: value.seed as Seed };
}

/** Problems of a part of the link, at `<prefix>.<path>` (at `prefix` for the part itself). */
function under(prefix: string, problems: readonly Problem[]): Problem[] {
  return problems.map((problem) => ({ ...problem, path: problem.path === '' ? prefix : `${prefix}.${problem.path}` }));
}
