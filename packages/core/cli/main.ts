/** `concert`: dispatches to the subcommand named first on the command line and maps failures to exit statuses. */
import { ConcertInputError, ENGINE_VERSION, MODEL_VERSION, MODEL_VERSION_2 } from '../src/index.js';
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
 * Runs the command line `argv` (without `node` and the script) and returns the exit status.
 *
 * @example
 * process.exitCode = await main(['run', 'scenario.json', '--format', 'table'], processContext());
 */
export async function main(argv: readonly string[], context: CliContext): Promise<number> {
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
    context.stderr.write(`concert: unknown command ${JSON.stringify(name)} (commands: ${COMMANDS.map((c) => c.name).join(', ')})\nRun \`concert --help\` for usage.\n`);
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
      context.stderr.write(`concert ${name}: ${error.message}\nRun \`concert ${name} --help\` for usage.\n`);
      return EXIT_USAGE;
    }
    if (error instanceof InputFailure) {
      context.stderr.write(`concert ${name}: ${error.message}\n`);
      return EXIT_INVALID_INPUT;
    }
    if (error instanceof ConcertInputError) {
      context.stderr.write(`concert ${name}: ${describeProblems(error.what, error.problems)}\n`);
      return EXIT_INVALID_INPUT;
    }
    throw error;
  }
}
