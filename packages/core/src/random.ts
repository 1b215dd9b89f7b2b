/**
 * Seeded random streams. This is the only module that turns a seed into random numbers.
 *
 * Passes are processed in fixed blocks; block `j` of a run with seed `s` draws from its own stream,
 * derived from `(s, j)` alone. So a run gives the same numbers however its blocks are split over
 * workers, shards or machines, and in whatever order they run.
 */
import seedrandom from 'seedrandom';

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
 * about 40 ns for the default ARC4) and standard normals by Marsaglia's polar method, which needs
 * only `log` and `sqrt`.
 */
class AleaStream implements RandomStream {
  private readonly next: () => number;
  private spare = 0;
  private hasSpare = false;

  constructor(key: string) {
    this.next = seedrandom.alea(key);
  }

  uniform(): number {
    return this.next();
  }

  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const scale = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * scale;
    this.hasSpare = true;
    return u * scale;
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
