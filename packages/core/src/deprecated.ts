/**
 * Deprecated API, kept so that code written against Concert 0.1 keeps working. Each entry says
 * what replaced it; they will be removed in a future major version (see CHANGELOG.md).
 */
import type { BargainingObserver } from './model/protocols/protocol.js';
import type { RandomStream } from './random/random.js';
import { evaluateOption, type EngineState } from './run/engine.js';

/**
 * A stream that passes another stream's numbers through and keeps those of the current pass.
 *
 * @deprecated A world now keeps its pass's numbers (`world.draws`), and `worldFromDraws` judges a
 * moved model on them; no recording stream is needed.
 */
export class RecordingStream implements RandomStream {
  /** The numbers drawn since the last {@link startPass}, in order. */
  readonly draws: Float64Array;
  /** How many numbers have been drawn since the last {@link startPass}. */
  count = 0;
  private source: RandomStream;

  constructor(source: RandomStream, capacity: number) {
    this.source = source;
    this.draws = new Float64Array(capacity);
  }

  /** Switches to another source stream (the next block's). */
  setSource(source: RandomStream): void {
    this.source = source;
  }

  /** Forgets the previous pass's numbers. */
  startPass(): void {
    this.count = 0;
  }

  uniform(): number {
    const value = this.source.uniform();
    this.draws[this.count++] = value;
    return value;
  }

  normal(): number {
    const value = this.source.normal();
    this.draws[this.count++] = value;
    return value;
  }
}

/**
 * A stream that gives back the numbers a {@link RecordingStream} kept, in the same order.
 *
 * @deprecated See {@link RecordingStream}: use `world.draws` and `worldFromDraws`.
 */
export class ReplayStream implements RandomStream {
  private position = 0;

  constructor(private readonly draws: Float64Array) {}

  /** Starts again from the pass's first number. */
  rewind(): void {
    this.position = 0;
  }

  uniform(): number {
    return this.draws[this.position++]!;
  }

  normal(): number {
    return this.draws[this.position++]!;
  }
}

/**
 * Plays out `option` in the state's current world and writes the text of each round `r` to
 * `trace[offset + 2r]` (firmness) and `[offset + 2r + 1]` (engagement). Returns the number of
 * rounds played, that is the number of texts written.
 *
 * @deprecated Pass a `BargainingObserver` to `evaluateOption` (or to the protocol's `play`): it
 * sees every round's text and objectors.
 */
export function traceBargaining(state: EngineState, option: number, trace: Float64Array, offset: number): number {
  let texts = 0;
  const observer: BargainingObserver = {
    round(round, bargain) {
      trace[offset + 2 * round] = bargain.firmness;
      trace[offset + 2 * round + 1] = bargain.engagement;
      texts = round + 1;
    },
  };
  evaluateOption(state, option, null, observer);
  return texts;
}
