/** `concert`: dispatches to the subcommand named first on the command line and maps failures to exit statuses. */
import { ConcertInputError, ENGINE_VERSION, MODEL_VERSION, MODEL_VERSION_2, escapeControlCharacters, hasControlCharacters } from '../src/index.js';
import { parseCommandLine } from './args.js';
import { COMMANDS } from './commands/index.js';
import type { CliContext } from './context.js';
import { EXIT_INVALID_INPUT, EXIT_OK, EXIT_USAGE, InputFailure, UsageError, describeProblems } from './exitCodes.js';

/** The text of `concert --help`. */
export function overallHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return `Usage: concert <command> [options]

Concert simulates how an alliance reaches consensus (Monte Carlo over uncertain ally stances).

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n')}

Run \`concert <command> --help\` for a command's options and examples.

Exit status: 0 success, 1 invalid input (every problem listed on stderr), 2 bad usage.
Results go to stdout, errors and progress to stderr.

Examples:
  concert run nato-russia-2025 --format table
  concert run scenario.json --passes 1e6 --seed 42 --workers auto --out result.json
  concert replay result.json
`;
}

/**
 * The one sentence printed for an error no check foresaw (a bug): never a stack trace. Set
 * `CONCERT_DEBUG=1` to print the stack trace as well.
 *
 * @example
 * unexpectedErrorText('run', new TypeError('x is undefined'));
 * // => 'concert run: unexpected error (TypeError: x is undefined). This is a bug in concert: please report it ...'
 */
export function unexpectedErrorText(command: string | undefined, error: unknown): string {
  const what = escapeControlCharacters(error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error));
  return `concert${command === undefined ? '' : ` ${escapeControlCharacters(command)}`}: unexpected error (${what}). This is a bug in concert: please report it with the command line you ran (CONCERT_DEBUG=1 shows where it happened).\n`;
}

/** Writes an error message to stderr with its control characters escaped (line breaks kept). */
function report(context: CliContext, text: string): void {
  context.stderr.write(escapeControlCharacters(text, '\n'));
}

/**
 * The context with its stderr guarded: wherever a message quotes a command-line argument that
 * holds a control character (a file named with a line break, say), the argument is shown
 * escaped, so that it cannot forge a line of the message. (Messages keep their own line breaks;
 * every other control character is escaped by {@link report} anyway.) Stdout carries results,
 * which quote arguments in their own format (JSON, CSV), and is left as it is.
 */
function guardArguments(context: CliContext, argv: readonly string[]): CliContext {
  const risky = [...new Set(argv.filter((argument) => argument !== '' && hasControlCharacters(argument)))].sort((a, b) => b.length - a.length);
  if (risky.length === 0) return context;
  const guard = (text: string) => risky.reduce((guarded, argument) => guarded.split(argument).join(escapeControlCharacters(argument)), text);
  const { stderr } = context;
  return {
    ...context,
    stderr: {
      write: (text: string) => stderr.write(guard(text)),
      ...(stderr.isTTY === undefined ? {} : { isTTY: stderr.isTTY }),
      ...(stderr.columns === undefined ? {} : { columns: stderr.columns }),
    },
  };
}

/**
 * Runs the command line `argv` (without `node` and the script) and returns the exit status.
 * Every failure is reported on stderr as sentences, never as a stack trace: bad usage with exit
 * status 2, invalid input with 1, and an error no check foresaw (a bug) with 1 and a request to
 * report it.
 *
 * @example
 * process.exitCode = await main(['run', 'scenario.json', '--format', 'table'], processContext());
 */
export async function main(argv: readonly string[], processContext: CliContext): Promise<number> {
  const context = guardArguments(processContext, argv);
  const [name, ...rest] = argv;
  if (name === undefined) {
    context.stderr.write(overallHelp());
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    context.stdout.write(overallHelp());
    return EXIT_OK;
  }
  if (name === '--version' || name === '-V') {
    context.stdout.write(`concert: engine ${ENGINE_VERSION}, model ${MODEL_VERSION} (and ${MODEL_VERSION_2} for scenarios that use its fields)\n`);
    return EXIT_OK;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (command === undefined) {
    report(context, `concert: unknown command ${JSON.stringify(name)} (commands: ${COMMANDS.map((c) => c.name).join(', ')})\nRun \`concert --help\` for usage.\n`);
    return EXIT_USAGE;
  }
  try {
    const args = parseCommandLine(rest, command.options);
    if (args.values['help'] === true) {
      context.stdout.write(command.help);
      return EXIT_OK;
    }
    return await command.execute(args, context);
  } catch (error) {
    if (error instanceof UsageError) {
      report(context, `concert ${name}: ${error.message}\nRun \`concert ${name} --help\` for usage.\n`);
      return EXIT_USAGE;
    }
    if (error instanceof InputFailure) {
      report(context, `concert ${name}: ${error.message}\n`);
      return EXIT_INVALID_INPUT;
    }
    if (error instanceof ConcertInputError) {
      report(context, `concert ${name}: ${describeProblems(error.what, error.problems)}\n`);
      return EXIT_INVALID_INPUT;
    }
    report(context, unexpectedErrorText(name, error));
    if (debugging()) report(context, `${error instanceof Error ? error.stack : String(error)}\n`);
    return EXIT_INVALID_INPUT;
  }
}

/** Whether `CONCERT_DEBUG=1` asks for the stack traces of unexpected errors. */
function debugging(): boolean {
  return process.env['CONCERT_DEBUG'] === '1';
}
