/**
 * The answer first: from a result, which option is most likely to be adopted, which is most
 * viable (adopted without crossing Russia's tolerance), which is riskiest, and who blocks, each
 * with its 95% interval, and whether the run can tell the leader from the runner-up.
 */
import type { Estimate, SimulationResult } from '@concert/core';
import { allyLabel, optionLabel } from './charts/chartData.js';

/** An option's figure for one question. */
export interface Leader {
  readonly id: string;
  readonly name: string;
  readonly value: Estimate;
  /** The runner-up when its interval overlaps the leader's (the run cannot tell them apart), else null. */
  readonly tiedWith: { readonly name: string; readonly value: Estimate } | null;
}

/** An ally that blocks an option, with its blocker rate. */
export interface Blocker {
  readonly id: string;
  readonly name: string;
  readonly rate: Estimate;
}

/** The headline facts of a result. */
export interface HeadlineFacts {
  readonly likeliest: Leader;
  readonly viable: Leader;
  readonly riskiest: Leader;
  /** The option the blockers are listed for (the most viable one) and its blockers, largest first. */
  readonly blockersOf: { readonly id: string; readonly name: string };
  readonly blockers: readonly Blocker[];
  /** The most frequent blocks over all options (at most one per ally and one per option), largest first. */
  readonly mostBlocking: readonly (Blocker & { readonly option: string })[];
}

/** Blocker rates below this share of passes are not listed as blocking. */
export const BLOCKER_FLOOR = 0.005;

function leader(result: SimulationResult, measure: (option: SimulationResult['options'][number]) => Estimate): Leader {
  const ranked = [...result.options].sort((a, b) => measure(b).estimate - measure(a).estimate);
  const first = ranked[0]!;
  const second = ranked[1];
  const tied = second !== undefined && measure(second).upper >= measure(first).lower;
  return {
    id: first.id,
    name: optionLabel(first),
    value: measure(first),
    tiedWith: tied ? { name: optionLabel(second), value: measure(second) } : null,
  };
}

/**
 * The headline facts of a result: the leader of consensus, viability and risk, and the allies
 * that block the most viable option in at least 0.5% of passes (at most `topBlockers`).
 *
 * @example
 * headlineFacts(result).likeliest.name; // => 'Dual track' (for example)
 */
export function headlineFacts(result: SimulationResult, topBlockers = 3): HeadlineFacts {
  const viable = leader(result, (option) => option.viability);
  const option = result.options.find((o) => o.id === viable.id)!;
  const names = new Map(result.scenario.allies.map((ally) => [ally.id, allyLabel(ally)]));
  const blockers = [...option.allies]
    .filter((ally) => ally.blockerRate.estimate >= BLOCKER_FLOOR)
    .sort((a, b) => b.blockerRate.estimate - a.blockerRate.estimate)
    .slice(0, topBlockers)
    .map((ally) => ({ id: ally.id, name: names.get(ally.id) ?? ally.id, rate: ally.blockerRate }));
  const seenAllies = new Set<string>();
  const seenOptions = new Set<string>();
  const mostBlocking = result.options
    .flatMap((o) => o.allies.map((ally) => ({ id: ally.id, name: names.get(ally.id) ?? ally.id, rate: ally.blockerRate, option: optionLabel(o), optionId: o.id })))
    .filter((pair) => pair.rate.estimate >= BLOCKER_FLOOR)
    .sort((a, b) => b.rate.estimate - a.rate.estimate)
    .filter((pair) => {
      if (seenAllies.has(pair.id) || seenOptions.has(pair.optionId)) return false;
      seenAllies.add(pair.id);
      seenOptions.add(pair.optionId);
      return true;
    })
    .slice(0, topBlockers)
    .map(({ optionId: _optionId, ...pair }) => pair);
  return {
    likeliest: leader(result, (o) => o.consensus),
    viable,
    riskiest: leader(result, (o) => o.risk),
    blockersOf: { id: option.id, name: viable.name },
    blockers,
    mostBlocking,
  };
}
