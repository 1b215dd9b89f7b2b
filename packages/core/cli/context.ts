/**
 * The command line's view of the outside world: where output goes, whether stderr is a terminal,
 * and the working directory. Commands write only through it, so tests can run them in-process.
 */

/** Something text can be written to (a process stream, or a buffer in tests). */
export interface TextSink {
  write(text: string): unknown;
}

/** Where a command reads and writes. */
export interface CliContext {
  /** Results go here. */
  readonly stdout: TextSink;
  /** Errors, warnings and progress go here. */
  readonly stderr: TextSink & { readonly isTTY?: boolean; readonly columns?: number };
  /** Directory relative file names are resolved against. */
  readonly cwd: string;
}

/** The context of the running process. */
export function processContext(): CliContext {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };
}
