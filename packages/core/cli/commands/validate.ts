/** `concert validate`: check scenario files exactly as `concert run` would, and list every problem. */
import { ConcertInputError, escapeControlCharacters, prepareRun } from '../../src/index.js';
import { expectPositionals } from '../args.js';
import type { Command } from '../command.js';
import { EXIT_INVALID_INPUT, EXIT_OK, InputFailure, describeProblems } from '../exitCodes.js';
import { DEFAULT_PASSES, DEFAULT_SEED } from '../runSettings.js';
import { readScenarioArgument } from '../scenarios.js';

export const validate: Command = {
  name: 'validate',
  summary: 'check scenario files as `run` would and list every problem',
  options: {},
  help: `Usage: concert validate <scenario.json | built-in name>...

Checks each scenario as \`concert run\` does before its first pass: the scenario format (see
\`concert schema\`), the references between its parts (bloc and ally ids), and the compiled
model, including the signal formula (parsed, its symbols checked, and evaluated at the corners
of its inputs). A file that passes here is one \`concert run\` accepts. Prints one line per valid
file on stdout, and every problem of every invalid file on stderr, each with its path, what was
expected and the value found:

  allies[12].hawkishness.center: must be strictly between 0 and 1, got 1.2

Exit status: 0 all valid, 1 a file is missing, not JSON or invalid, 2 bad usage.

Examples:
  concert validate nato-russia-2025
  concert validate my-scenarios/*.json
`,

  async execute(args, context) {
    const files = expectPositionals(args, 'the scenario file (concert validate <scenario.json>)', 1, true);
    let status = EXIT_OK;
    for (const file of files) {
      try {
        // The same preparation as `concert run`: validation, then the compiled model (signal formula included).
        const { id, allies, options, events, blocs } = prepareRun(readScenarioArgument(file, context), { passes: DEFAULT_PASSES, seed: DEFAULT_SEED }).scenario;
        context.stdout.write(`${escapeControlCharacters(file)}: valid scenario "${escapeControlCharacters(id)}" (${allies.length} allies, ${options.length} options, ${blocs.length} blocs, ${events.length} events)\n`);
      } catch (error) {
        if (error instanceof ConcertInputError) context.stderr.write(`concert validate: ${describeProblems(`invalid scenario ${file}`, error.problems)}\n`);
        else if (error instanceof InputFailure) context.stderr.write(`concert validate: ${error.message}\n`);
        else throw error;
        status = EXIT_INVALID_INPUT;
      }
    }
    return status;
  },
};
