/**
 * Seeded random streams. This is the only module that turns a seed into random numbers.
 *
 * Passes are processed in fixed blocks; block `j` of a run with seed `s` draws from its own stream,
 * derived from `(s, j)` alone. So a run gives the same numbers however its blocks are split over
 * workers, shards or machines, and in whatever order they run.
 */
import seedrandom from 'seedrandom';
import { TAIL_START, fn, kn, wn } from './ziggurat.js';


/** A run's seed: a string, or a non-negative whole number. */
export type Seed = string | number;

/** A source of random numbers for one block of passes. */
export interface RandomStream {
  /** A uniform number in [0, 1). */
  uniform(): number;
  /** A standard normal number (mean 0, standard deviation 1). */
  normal(): number;
}

/**
 * The key from which block `blockIndex` of a run with `seed` is seeded. Part of the model version:
 * changing it changes every result.
 *
 * @example
 * streamKey(42, 7); // => 'concert/1/42/7'
 */
export function streamKey(seed: Seed, blockIndex: number): string {
  return `concert/1/${String(seed)}/${blockIndex}`;
}

/**
 * A stream that draws uniforms from seedrandom's Alea generator (about 8 ns a number, against
 * about 40 ns for the default ARC4) and standard normals by Marsaglia and Tsang's ziggurat
 * (measured here: about 12 ns a normal, against 25 ns for Marsaglia's polar method, 38 ns for
 * inverting the distribution function with Wichura's AS 241, and 20-27 ns for stdlib's improved
 * ziggurat called through its own wrapper). A pass draws about 200 normals, so this matters.
 *
 * seedrandom seeds the generator; its three-line recurrence is then stepped here, on fields of
 * this object, so the hot loop makes no extra call per number. The numbers are seedrandom's own
 * (a test checks them against `seedrandom.alea`).
 */
class AleaStream implements RandomStream {
  // Initialised with doubles so that V8 keeps them unboxed (a field that starts undefined would
  // allocate a heap number on every step).
  private c = 0.5;
  private s0 = 0.5;
  private s1 = 0.5;
  private s2 = 0.5;

  constructor(key: string) {
    const state = seedrandom.alea(key, { state: true }).state() as unknown as { c: number; s0: number; s1: number; s2: number };
    this.c = state.c;
    this.s0 = state.s0;
    this.s1 = state.s1;
    this.s2 = state.s2;
  }

  uniform(): number {
    // Alea (Baagoe), exactly as seedrandom/lib/alea.js steps it.
    const t = 2091639 * this.s0 + this.c * 2.3283064365386963e-10; // 2^-32
    this.s0 = this.s1;
    this.s1 = this.s2;
    this.c = t | 0;
    this.s2 = t - this.c;
    return this.s2;
  }

  /**
   * Writes `normal()` to `out[from .. to)`, in order: the same numbers as that many calls. The
   * ziggurat's fast case (about 98.8% of draws) runs on local copies of the generator's state; the
   * rare slow case hands the state back to {@link normalSlow} and takes it up again after.
   */
  fillNormals(out: Float64Array, from: number, to: number): void {
    let { c, s0, s1, s2 } = this;
    for (let k = from; k < to; k++) {
      const t = 2091639 * s0 + c * 2.3283064365386963e-10; // 2^-32
      s0 = s1;
      s1 = s2;
      c = t | 0;
      s2 = t - c;
      let hz = (s2 * 4294967296) | 0;
      const layer = hz & 127;
      hz &= ~127;
      if (Math.abs(hz) < kn[layer]!) {
        out[k] = hz * wn[layer]!;
        continue;
      }
      this.c = c;
      this.s0 = s0;
      this.s1 = s1;
      this.s2 = s2;
      out[k] = this.normalSlow(hz, layer);
      ({ c, s0, s1, s2 } = this);
    }
    this.c = c;
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
  }

  /** A signed 32-bit integer: all 32 bits of one Alea step. */
  private int32(): number {
    return (this.uniform() * 4294967296) | 0;
  }

  normal(): number {
    // Ziggurat: one 32-bit draw; its low 7 bits pick the layer and the other 25 bits (sign and
    // magnitude, low bits cleared) the point, so layer and point never share bits. About 98.8%
    // of draws are accepted at once, with no call to exp or log.
    let hz = this.int32();
    let layer = hz & 127;
    hz &= ~127;
    if (Math.abs(hz) < kn[layer]!) return hz * wn[layer]!;
    return this.normalSlow(hz, layer);
  }

  /** The rare cases of the ziggurat: the base layer's tail, and the wedges beside the layers. */
  private normalSlow(hz: number, layer: number): number {
    for (;;) {
      const x = hz * wn[layer]!;
      if (layer === 0) {
        let tail: number;
        let y: number;
        do {
          tail = -Math.log(1 - this.uniform()) / TAIL_START;
          y = -Math.log(1 - this.uniform());
        } while (y + y < tail * tail);
        return hz > 0 ? TAIL_START + tail : -TAIL_START - tail;
      }
      if (fn[layer]! + this.uniform() * (fn[layer - 1]! - fn[layer]!) < Math.exp(-0.5 * x * x)) return x;
      hz = this.int32();
      layer = hz & 127;
      hz &= ~127;
      if (Math.abs(hz) < kn[layer]!) return hz * wn[layer]!;
    }
  }
}

/**
 * The random stream of one block of one run.
 *
 * @example
 * const stream = blockStream(42, 0);
 * stream.uniform(); // the same number on every machine, every time
 */
export function blockStream(seed: Seed, blockIndex: number): RandomStream {
  return new AleaStream(streamKey(seed, blockIndex));
}

/**
 * Writes `out[from .. to)` with `stream.uniform()`, in order. (A pass draws few uniforms, so unlike
 * {@link fillNormals} this needs no loop of its own.)
 */
export function fillUniforms(stream: RandomStream, out: Float64Array, from: number, to: number): void {
  for (let k = from; k < to; k++) out[k] = stream.uniform();
}

/** Writes `out[from .. to)` with `stream.normal()`, in order; for a block stream, without a call per number. */
export function fillNormals(stream: RandomStream, out: Float64Array, from: number, to: number): void {
  if (stream instanceof AleaStream) stream.fillNormals(out, from, to);
  else for (let k = from; k < to; k++) out[k] = stream.normal();
}
