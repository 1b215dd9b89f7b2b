/** `concert validate`: check scenario files and list every problem. */
import { parseScenario } from '../../src/index.js';
import { expectPositionals } from '../args.js';
import type { Command } from '../command.js';
import { EXIT_INVALID_INPUT, EXIT_OK, InputFailure, describeProblems } from '../exitCodes.js';
import { readScenarioArgument } from '../scenarios.js';

export const validate: Command = {
  name: 'validate',
  summary: 'check scenario files and list every problem',
  options: {},
  help: `Usage: concert validate <scenario.json>...

Checks each scenario against the scenario format (see \`concert schema\`) and the references
between its parts (bloc and ally ids). Prints one line per valid file on stdout, and every
problem of every invalid file on stderr, each with its path, what was expected and the value found:

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
        const parsed = parseScenario(readScenarioArgument(file, context));
        if (parsed.success) {
          const { id, allies, options, events, blocs } = parsed.data;
          context.stdout.write(`${file}: valid scenario "${id}" (${allies.length} allies, ${options.length} options, ${blocs.length} blocs, ${events.length} events)\n`);
        } else {
          context.stderr.write(`concert validate: ${describeProblems(`invalid scenario ${file}`, parsed.problems)}\n`);
          status = EXIT_INVALID_INPUT;
        }
      } catch (error) {
        if (!(error instanceof InputFailure)) throw error;
        context.stderr.write(`concert validate: ${error.message}\n`);
        status = EXIT_INVALID_INPUT;
      }
    }
    return status;
  },
};
