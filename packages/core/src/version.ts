/** Versions recorded in every result's manifest. */

/** The engine's version: changes with any change to how results are computed or laid out. */
export const ENGINE_VERSION = '0.1.0';

/**
 * The model's version: changes whenever the same scenario and seed would give different numbers
 * (the model's equations, the order of random draws, the stream derivation, the block size).
 */
export const MODEL_VERSION = '1';
