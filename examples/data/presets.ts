/**
 * Presets: variants of the default scenario for workshops, each one documented change to it
 * (argued in docs/SCENARIO.md). They are derived from the default in code, so a change of the
 * facts or of the derivation carries over to every preset.
 */
import type { ScenarioInput } from '../../packages/core/src/index.js';

type Events = NonNullable<ScenarioInput['events']>;

function withEvent(scenario: ScenarioInput, eventId: string, change: (event: Events[number]) => Events[number]): Events {
  const events = scenario.events ?? [];
  if (!events.some((e) => e.id === eventId)) throw new Error(`presets: the default scenario has no event ${JSON.stringify(eventId)}`);
  return events.map((e) => (e.id === eventId ? change(e) : e));
}

/**
 * The presets, in a stable order: each a complete scenario derived from the default.
 *
 * @example
 * presetScenarios(defaultScenario).map((s) => s.id);
 * // => ['us-disengagement', 'escalation-before-summit', 'engagers-coordinate']
 * @throws {Error} if the default lacks the event or bloc a preset changes.
 */
export function presetScenarios(base: ScenarioInput): ScenarioInput[] {
  const note = (text: string) => `${text} Otherwise identical to nato-russia-2025 (see docs/SCENARIO.md, "Presets").`;
  const blocs = base.blocs ?? [];
  if (!blocs.some((b) => b.id === 'engagers')) throw new Error('presets: the default scenario has no bloc "engagers"');
  return [
    {
      ...base,
      id: 'us-disengagement',
      title: 'Preset: US disengagement (the US shifts toward a deal with Russia and presses for it, for certain)',
      description: note(
        'The US policy shift happens in every pass (probability 1 instead of 0.3), and the United States presses its own line on the text (salience raised by 0.8 on the logit scale).',
      ),
      events: withEvent(base, 'us-policy-shift', (e) => ({
        ...e,
        probability: 1,
        shifts: [...e.shifts, { allies: ['USA'], parameter: 'salience', by: 0.8 }],
      })),
    },
    {
      ...base,
      id: 'escalation-before-summit',
      title: 'Preset: escalation on the eastern flank before the summit (for certain)',
      description: note('The eastern-flank incident happens in every pass (probability 1 instead of 0.2).'),
      events: withEvent(base, 'eastern-flank-incident', (e) => ({ ...e, probability: 1 })),
    },
    {
      ...base,
      id: 'engagers-coordinate',
      title: 'Preset: the engagers coordinate (Hungary, Slovakia and Türkiye act together)',
      description: note(
        'The engagers bloc moves together much more tightly (correlation 0.9 instead of 0.4), and the text matters more to its members (salience raised by 0.7 on the logit scale, in every pass).',
      ),
      blocs: blocs.map((b) => (b.id === 'engagers' ? { ...b, correlation: 0.9 } : b)),
      events: [
        ...(base.events ?? []),
        {
          id: 'engagers-coordinate',
          name: 'The engagers coordinate their position',
          description: 'Hungary, Slovakia and Türkiye agree a common line before the summit.',
          probability: 1,
          shifts: [{ allies: ['bloc:engagers'], parameter: 'salience', by: 0.7 }],
        },
      ],
    },
  ];
}
