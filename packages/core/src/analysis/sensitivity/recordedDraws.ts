/**
 * Recording and replaying the random numbers of one pass, so that a moved model can be sampled
 * on exactly the numbers the base model drew (common random numbers) without a second stream.
 *
 * `sampleWorld` draws a fixed sequence per pass, whatever the parameter values: one uniform per
 * event, three normals per bloc, three normals per ally (fixed parameters included) and one
 * normal for the threshold. So the k-th recorded number always means the same thing.
 */
import type { CompiledModel } from '../../model/compiledModel.js';
import type { RandomStream } from '../../random/random.js';

/** How many numbers `sampleWorld` draws per pass for a model. */
export function drawsPerPass(model: CompiledModel): number {
  return model.eventCount + 3 * model.blocCount + 3 * model.allyCount + 1;
}

/** Index, among a pass's draws, of the uniform that decides whether event `event` occurs. */
export function eventDrawIndex(event: number): number {
  return event;
}

/** Index, among a pass's draws, of the own normal of ally `ally`'s stance parameter `parameter`. */
export function stanceDrawIndex(model: CompiledModel, ally: number, parameter: number): number {
  return model.eventCount + 3 * model.blocCount + 3 * ally + parameter;
}

/** A stream that passes another stream's numbers through and keeps those of the current pass. */
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

/** A stream that gives back the numbers a {@link RecordingStream} kept, in the same order. */
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
