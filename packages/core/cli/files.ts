/** Reading input files and writing output without ever leaving a half-written file. */
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { CliContext } from './context.js';
import { InputFailure } from './exitCodes.js';

/**
 * Reads and parses a JSON file; a missing, unreadable or malformed file is an input failure whose
 * problem names the file.
 *
 * @throws {InputFailure} naming the file and what is wrong with it.
 */
export function readJsonFile(file: string, context: CliContext, what = 'input'): unknown {
  let text: string;
  try {
    text = readFileSync(resolve(context.cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot be read (${code ?? String(error)})`;
    throw new InputFailure(`cannot read ${what}`, [{ path: file, message: reason }], 'file');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InputFailure(`cannot read ${what}`, [{ path: file, message: `is not valid JSON (${(error as Error).message})` }], 'file');
  }
}

/**
 * Writes `text` (or bytes) to `file` atomically: into a temporary file in the same directory, then renamed
 * over the target, so a reader never sees a half-written file and a failure leaves nothing behind.
 * A target that exists and is not a regular file (`/dev/null`, a named pipe) is written directly:
 * renaming over it would replace the device or pipe.
 *
 * @throws {InputFailure} when the file cannot be written.
 */
export function writeFileAtomically(file: string, text: string | Uint8Array, context: CliContext): void {
  const target = resolve(context.cwd, file);
  const existing = statSync(target, { throwIfNoEntry: false });
  if (existing !== undefined && !existing.isFile() && !existing.isDirectory()) {
    try {
      writeFileSync(target, text);
      return;
    } catch (error) {
      throw new InputFailure('cannot write the output', [{ path: file, message: `cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)})` }], 'output');
    }
  }
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new InputFailure('cannot write the output', [{ path: file, message: `cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)})` }], 'output');
  }
}

/** Sends a command's output to `--out FILE` (atomically) when given, else to stdout. */
export function emit(text: string, out: string | undefined, context: CliContext): void {
  if (out === undefined) context.stdout.write(text);
  else writeFileAtomically(out, text, context);
}
