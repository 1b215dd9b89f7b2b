/** `concert schema`: the scenario format as JSON Schema, generated from the zod schema. */
import { z } from 'zod';
import { ENGINE_VERSION, ExperimentDesignSchema, SCENARIO_SCHEMA_VERSION, ScenarioSchema } from '../../src/index.js';
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

/**
 * The experiment design format as a JSON Schema (draft 2020-12) object, generated from the zod
 * schema. Whether each field exists in the scenario and each value lies in its domain are checked
 * by \`concert experiment\` (\`--dry-run\` checks without running).
 */
export function designJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(ExperimentDesignSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: 'https://concert.invalid/schema/experiment-design-v1.json',
    title: 'Concert experiment design',
    description: `An experiment design for \`concert experiment\` (generated from the zod schema of @concert/core ${ENGINE_VERSION}). Field paths, their domains and sample sizes are checked by \`concert experiment\` (--dry-run to check without running), not by this schema. See docs/EXPERIMENTS.md.`,
    ...rest,
  };
}

export const schema: Command = {
  name: 'schema',
  summary: 'print the scenario format (or the experiment design format) as JSON Schema',
  options: { out: { type: 'string', short: 'o' }, design: { type: 'boolean' } },
  help: `Usage: concert schema [--design] [--out FILE]

Prints the scenario format as JSON Schema (draft 2020-12), generated from the same zod schema
that validates scenarios, for editors (completion, inline errors) and for other languages.
Rules across fields (unique ids, bloc and ally references) are checked by \`concert validate\`.

Options:
      --design        the experiment design format (\`concert experiment\`) instead
  -o, --out FILE      write to FILE instead of stdout
  -h, --help          this help

Exit status: 0 printed, 1 the output file cannot be written, 2 bad usage.

Examples:
  concert schema > scenario.schema.json
  concert schema --design > design.schema.json
  # VS Code, settings.json: "json.schemas": [{ "fileMatch": ["scenarios/*.json"],
  #                                            "url": "./scenario.schema.json" }]
`,

  async execute(args, context) {
    expectPositionals(args, 'nothing', 0);
    const generated = args.values['design'] === true ? designJsonSchema() : scenarioJsonSchema();
    emit(JSON.stringify(generated, null, 2) + '\n', stringOption(args, 'out'), context);
    return EXIT_OK;
  },
};
