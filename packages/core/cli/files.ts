/**
 * Reading input files and writing output without ever destroying anything: inputs are read up to a
 * size budget, and `--out` never replaces one of the command's inputs, a read-only file or a
 * symbolic link, never leaves a half-written file, and keeps the mode of the file it replaces.
 * docs/LIMITS.md, "--out", says what happens in each case.
 */
import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { MAX_SCENARIO_FILE_BYTES } from '../src/index.js';
import type { CliContext } from './context.js';
import { InputFailure, UsageError } from './exitCodes.js';

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;
const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code ?? String(error);

/** Reads at most `maxBytes` bytes of a file (of any kind: a pipe too), or null when it holds more. */
function readAtMost(path: string, maxBytes: number): Buffer | null {
  const fd = openSync(path, 'r');
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (stats.isFile() && stats.size > maxBytes) return null;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(1 << 20, maxBytes + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > maxBytes) return null;
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads and parses a JSON file of at most `maxBytes` bytes (default: the scenario budget). A
 * UTF-8 byte order mark at the start is skipped, as editors on Windows write one. A missing,
 * unreadable, too large or malformed file is an input failure whose problem names the file.
 *
 * @throws {InputFailure} naming the file and what is wrong with it.
 */
export function readJsonFile(file: string, context: CliContext, what = 'input', maxBytes = MAX_SCENARIO_FILE_BYTES): unknown {
  const text = readTextFile(file, context, what, maxBytes);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InputFailure(`cannot read ${what}`, [{ path: file, message: `is not valid JSON (${(error as Error).message})` }], 'file');
  }
}

/**
 * Reads a text file (UTF-8) of at most `maxBytes` bytes, a byte order mark at the start skipped:
 * the one reader of every input file, so each is read up to its budget (`budgets.ts`). A missing,
 * unreadable or too large file is an input failure whose problem names the file.
 *
 * @throws {InputFailure} naming the file and what is wrong with it.
 */
export function readTextFile(file: string, context: CliContext, what: string, maxBytes: number): string {
  const bytes = readBytesFile(file, context, what, maxBytes);
  const text = bytes.toString('utf8');
  return text.startsWith('\ufeff') ? text.slice(1) : text;
}

/**
 * Reads a file's bytes, at most `maxBytes` of them (see {@link readTextFile}).
 *
 * @throws {InputFailure} naming the file when it is missing, unreadable, a directory or too large.
 */
export function readBytesFile(file: string, context: CliContext, what: string, maxBytes: number): Buffer {
  const fail = (message: string) => new InputFailure(`cannot read ${what}`, [{ path: file, message }], 'file');
  if (file === '') throw fail('is an empty file name');
  let bytes: Buffer | null;
  try {
    bytes = readAtMost(resolve(context.cwd, file), maxBytes);
  } catch (error) {
    const code = errorCode(error);
    throw fail(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot be read (${code})`);
  }
  if (bytes === null) throw fail(`is larger than ${megabytes(maxBytes)}, the most ${what} may be`);
  return bytes;
}

/** Where `--out` writes, once checked. */
export interface OutputTarget {
  /** The file written: the path given, or the file a symbolic link there points to. */
  readonly path: string;
  /** The file being replaced, if there is one. */
  readonly existing: Stats | undefined;
}

/** The file an input name stands for (symbolic links followed), or undefined when it does not exist. */
function identity(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Checks where `--out FILE` would write and returns the target. Refused (nothing is run or
 * written): an empty name; a directory; a name in a directory that does not exist; a read-only
 * file; a symbolic link that points nowhere or to a directory; and any of the command's `inputs`,
 * however spelled (another path, a symbolic link or a hard link to it: files are compared by
 * device and inode). A symbolic link to a file is written through: the file it points to is
 * replaced and the link kept. A device or named pipe (`/dev/null`, `/dev/stdout`) is written to
 * directly.
 *
 * @throws {UsageError} for an empty name or an input given as the output.
 * @throws {InputFailure} for a target that cannot or must not be replaced.
 */
export function outputTarget(file: string, context: CliContext, inputs: readonly string[] = []): OutputTarget {
  if (file === '') throw new UsageError('--out needs a file name, got an empty string');
  const refuse = (message: string) => new InputFailure('cannot write the output', [{ path: file, message }], 'output');
  const given = resolve(context.cwd, file);
  let link: Stats | undefined;
  try {
    link = lstatSync(given);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw refuse(`cannot be examined (${errorCode(error)})`);
  }
  let path = given;
  let existing = link;
  if (link?.isSymbolicLink()) {
    existing = identity(given);
    if (existing === undefined) throw refuse('is a symbolic link to a file that does not exist; concert writes through a link only to an existing file (give the target path instead)');
    path = realpathSync(given);
  }
  if (existing?.isDirectory()) throw refuse('is a directory; give a file name');
  if (existing === undefined) {
    const directory = identity(dirname(path));
    if (directory === undefined || !directory.isDirectory()) throw refuse(`cannot be created: the directory ${dirname(file) === '.' ? dirname(path) : dirname(file)} does not exist`);
  } else if (existing.isFile()) {
    let writable = (existing.mode & 0o222) !== 0;
    try {
      accessSync(path, constants.W_OK);
    } catch {
      writable = false;
    }
    if (!writable) throw refuse('is read-only; concert does not replace a read-only file (make it writable, or choose another name)');
  }
  if (existing !== undefined)
    for (const input of inputs) {
      const same = identity(resolve(context.cwd, input));
      if (same !== undefined && same.dev === existing.dev && same.ino === existing.ino)
        throw new UsageError(
          `--out ${JSON.stringify(file)} is ${input === file ? 'also an input' : `the same file as the input ${JSON.stringify(input)}`} of this command; writing there would destroy it (choose another output file)`,
        );
    }
  return { path, existing };
}

/**
 * Writes `text` (or bytes) to `file` atomically: into a temporary file in the same directory, given the mode
 * of the file it replaces, then renamed over the target, so a reader never sees a half-written
 * file and a failure leaves nothing behind. The target is checked first ({@link outputTarget}). A
 * target that is a device or named pipe is written directly: renaming over it would replace it.
 *
 * @throws {UsageError} or {InputFailure} when the file must not or cannot be written.
 */
export function writeFileAtomically(file: string, text: string | Uint8Array, context: CliContext, inputs: readonly string[] = []): void {
  const { path, existing } = outputTarget(file, context, inputs);
  const failure = (error: unknown) => new InputFailure('cannot write the output', [{ path: file, message: `cannot be written (${errorCode(error)})` }], 'output');
  if (existing !== undefined && !existing.isFile()) {
    try {
      writeFileSync(path, text);
      return;
    } catch (error) {
      throw failure(error);
    }
  }
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    // A file replaced keeps its mode; the temporary file is private until it has that mode.
    if (existing === undefined) writeFileSync(temporary, text, { flag: 'wx' });
    else {
      writeFileSync(temporary, text, { flag: 'wx', mode: 0o600 });
      chmodSync(temporary, existing.mode & 0o7777);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw failure(error);
  }
}

/** Writes a command's output: to `--out FILE` (atomically, by {@link writeFileAtomically}) or to stdout. */
export type OutputWriter = (output: string | Uint8Array) => void;

/**
 * The writer of a command's output, `--out FILE` checked now ({@link outputTarget}), before the
 * command reads its inputs or runs a pass, so that an hour's run is not lost to a bad `--out`.
 * Every command writes through one: none can replace one of its `inputs`, a read-only file or
 * what a dangling link names, or leave half a file.
 *
 * @throws {UsageError} or {InputFailure} when FILE must not or cannot be written.
 * @example
 * const write = outputWriter(stringOption(args, 'out'), context, [file]);
 * write(text); // after the run
 */
export function outputWriter(out: string | undefined, context: CliContext, inputs: readonly string[]): OutputWriter {
  if (out !== undefined) outputTarget(out, context, inputs);
  return (output) => {
    if (out !== undefined) writeFileAtomically(out, output, context, inputs);
    else if (typeof output === 'string') context.stdout.write(output);
    else throw new UsageError('this output is a binary file: give --out FILE');
  };
}

/** Sends a command's output to `--out FILE` (atomically, never over one of `inputs`) when given, else to stdout. */
export function emit(text: string, out: string | undefined, context: CliContext, inputs: readonly string[] = []): void {
  if (out === undefined) context.stdout.write(text);
  else writeFileAtomically(out, text, context, inputs);
}
