/**
 * What the core needs from the program that runs it (a browser tab, a Web Worker, Node): only
 * what every JavaScript host has. The core's compiler settings load no DOM and no Node types, so
 * anything else it touched would not compile.
 */

/** An abort signal as the core reads it: a standard `AbortSignal` fits. */
export interface AbortSignalLike {
  /** Whether the work should stop. */
  readonly aborted: boolean;
  /** Why; thrown when the work stops. */
  readonly reason?: unknown;
}

/** The error thrown on abort when the signal gives no reason: an `Error` named `AbortError`. */
export function abortError(message: string): Error {
  const error = new Error(message);
  error.name = 'AbortError';
  return error;
}

const host = globalThis as unknown as { setTimeout(callback: () => void, milliseconds: number): unknown };

/** Gives the host's event loop a turn (a zero-delay timer), so a page or worker stays responsive. */
export function yieldToHost(): Promise<void> {
  return new Promise((resolve) => {
    host.setTimeout(resolve, 0);
  });
}
