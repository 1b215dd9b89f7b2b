/**
 * A modeler's quick start: build a small scenario in code, run it, print what it says.
 *
 *   pnpm tsx examples/quick-start.ts
 *
 * In your own project, import from '@concert/core' instead of the relative path.
 */
import { fileURLToPath } from 'node:url';
import { formatProblem, parseScenario, simulate, type ScenarioInput } from '../packages/core/src/index.js';

/** Five allies, one engaging pair in a bloc, a possible escalation, three texts on the table. */
export const quickStartScenario: ScenarioInput = {
  schemaVersion: 1,
  id: 'quick-start',
  title: 'Five allies and three texts',
  statusQuo: { firmness: 0.55, engagement: 0.15, visibility: 0.3 },
  allies: [
    { id: 'EE', name: 'Estonia', hawkishness: { center: 0.85, uncertainty: 0.4 }, engagementPreference: { center: 0.1, uncertainty: 0.4 }, salience: { center: 0.9, uncertainty: 0.3 }, influence: 0.4, solidarityCost: 0.06, bloc: 'east' },
    { id: 'PL', name: 'Poland', hawkishness: { center: 0.8, uncertainty: 0.4 }, engagementPreference: { center: 0.15, uncertainty: 0.4 }, salience: { center: 0.85, uncertainty: 0.3 }, influence: 1.2, solidarityCost: 0.06, bloc: 'east' },
    { id: 'DE', name: 'Germany', hawkishness: { center: 0.6, uncertainty: 0.4 }, engagementPreference: { center: 0.35, uncertainty: 0.4 }, salience: { center: 0.6, uncertainty: 0.3 }, influence: 1.5, solidarityCost: 0.1 },
    { id: 'HU', name: 'Hungary', hawkishness: { center: 0.25, uncertainty: 0.4 }, engagementPreference: { center: 0.8, uncertainty: 0.4 }, salience: { center: 0.7, uncertainty: 0.3 }, influence: 0.9, solidarityCost: 0.08, bloc: 'engagers' },
    { id: 'SK', name: 'Slovakia', hawkishness: { center: 0.3, uncertainty: 0.4 }, engagementPreference: { center: 0.7, uncertainty: 0.4 }, salience: { center: 0.6, uncertainty: 0.3 }, influence: 0.5, solidarityCost: 0.08, bloc: 'engagers' },
  ],
  blocs: [
    { id: 'east', correlation: 0.6 },
    { id: 'engagers', correlation: 0.6 },
  ],
  events: [{ id: 'escalation', name: 'Incident on the eastern flank', probability: 0.15, shifts: [{ allies: '*', parameter: 'hawkishness', by: 0.8 }] }],
  options: [
    { id: 'today', name: "Today's course", firmness: 0.55, engagement: 0.15, visibility: 0.3 },
    { id: 'dual-track', name: 'Dual track', firmness: 0.65, engagement: 0.45, visibility: 0.6 },
    { id: 'contain', name: 'Containment', firmness: 0.9, engagement: 0.05, visibility: 0.9 },
  ],
  bargaining: { maxRounds: 3, step: 0.5, maxDrift: 0.15 },
  signal: { exponent: 2, threshold: { center: 0.45, uncertainty: 0.6 } },
};

const percent = (x: number) => `${(100 * x).toFixed(1)}%`;

/** Runs the quick-start scenario and returns the lines it prints. */
export function quickStart(passes = 20_000, seed: string | number = 42): string[] {
  const parsed = parseScenario(quickStartScenario);
  if (!parsed.success) return parsed.problems.map(formatProblem);
  const result = simulate(parsed.data, { passes, seed });
  const lines = [`${result.scenario.title}: ${passes} passes, seed ${seed}, scenario ${result.manifest.scenarioHash.slice(0, 12)}`];
  for (const option of result.options) {
    const { consensus, risk } = option;
    const topBlocker = [...option.allies].sort((a, b) => b.blockerRate.estimate - a.blockerRate.estimate)[0]!;
    const blocker = topBlocker.blockerRate.estimate > 0 ? `${topBlocker.id} (${percent(topBlocker.blockerRate.estimate)})` : 'none';
    lines.push(
      `${option.name.padEnd(15)} consensus ${percent(consensus.estimate)} [${percent(consensus.lower)}, ${percent(consensus.upper)}]` +
        `  risk ${percent(risk.estimate)}  top blocker ${blocker}`,
    );
  }
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(quickStart().join('\n'));
