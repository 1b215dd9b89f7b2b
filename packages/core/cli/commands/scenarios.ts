/** `concert scenarios`: list the built-in scenarios, which any command takes by name instead of a file. */
import { expectPositionals, parseChoice, stringOption } from '../args.js';
import type { Command } from '../command.js';
import { EXIT_OK } from '../exitCodes.js';
import { builtInScenarios } from '../scenarios.js';

const FORMATS = ['table', 'json'] as const;

export const scenarios: Command = {
  name: 'scenarios',
  summary: 'list the built-in scenarios (name them instead of a file)',
  options: { format: { type: 'string', short: 'f' } },
  help: `Usage: concert scenarios [--format table|json]

Lists the scenarios that ship with Concert, one line each: the name and the title. Every
command that reads a scenario takes a name instead of a file (\`concert run nato-russia-2025\`);
a file of the same name in the working directory wins.

Options:
  -f, --format F      table (default): name and title, one line each;
                      json: an array of { name, title, description, file }, where file is the
                      scenario's JSON file (copy it to make your own scenario)
  -h, --help          this help

Exit status: 0 listed, 2 bad usage.

Examples:
  concert scenarios
  concert scenarios --format json
`,

  async execute(args, context) {
    expectPositionals(args, 'nothing', 0);
    const formatText = stringOption(args, 'format');
    const format = formatText === undefined ? 'table' : parseChoice('format', formatText, FORMATS);
    const list = builtInScenarios(context);
    if (format === 'json') {
      context.stdout.write(JSON.stringify(list, null, 2) + '\n');
      return EXIT_OK;
    }
    if (list.length === 0) context.stderr.write('concert scenarios: this installation has no built-in scenarios\n');
    const width = Math.max(0, ...list.map((scenario) => scenario.name.length));
    context.stdout.write(list.map((scenario) => `${scenario.name.padEnd(width)}  ${scenario.title}\n`).join(''));
    return EXIT_OK;
  },
};
