/** `concert schema`: the scenario format as JSON Schema, generated from the zod schema. */
import { z } from 'zod';
import { ENGINE_VERSION, SCENARIO_SCHEMA_VERSION, ScenarioSchema } from '../../src/index.js';
import { expectPositionals, stringOption } from '../args.js';
import type { Command } from '../command.js';
import { EXIT_OK } from '../exitCodes.js';
import { emit } from '../files.js';

/**
 * The scenario format as a JSON Schema (draft 2020-12) object: what a scenario file may contain,
 * with defaults. Rules across fields (unique ids, known bloc and ally references) are beyond
 * JSON Schema; `concert validate` checks those.
 *
 * @example
 * scenarioJsonSchema().properties.allies.type; // => 'array'
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(ScenarioSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: `https://concert.invalid/schema/scenario-v${SCENARIO_SCHEMA_VERSION}.json`,
    title: `Concert scenario, format version ${SCENARIO_SCHEMA_VERSION}`,
    description: `A Concert scenario (generated from the zod schema of @concert/core ${ENGINE_VERSION}). Unique ids and references between allies, blocs and events are checked by \`concert validate\`, not by this schema.`,
    ...rest,
  };
}

export const schema: Command = {
  name: 'schema',
  summary: 'print the scenario format as JSON Schema',
  options: { out: { type: 'string', short: 'o' } },
  help: `Usage: concert schema [--out FILE]

Prints the scenario format as JSON Schema (draft 2020-12), generated from the same zod schema
that validates scenarios, for editors (completion, inline errors) and for other languages.
Rules across fields (unique ids, bloc and ally references) are checked by \`concert validate\`.

Options:
  -o, --out FILE      write to FILE instead of stdout
  -h, --help          this help

Exit status: 0 printed, 1 the output file cannot be written, 2 bad usage.

Examples:
  concert schema > scenario.schema.json
  # VS Code, settings.json: "json.schemas": [{ "fileMatch": ["scenarios/*.json"],
  #                                            "url": "./scenario.schema.json" }]
`,

  async execute(args, context) {
    expectPositionals(args, 'nothing', 0);
    emit(JSON.stringify(scenarioJsonSchema(), null, 2) + '\n', stringOption(args, 'out'), context);
    return EXIT_OK;
  },
};
