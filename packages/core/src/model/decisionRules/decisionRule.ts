/**
 * What a decision rule is: given a text, who objects to it and whether the objectors can stop it.
 * One rule per file in this folder; a compiled model holds the rule of its scenario, chosen once
 * per run, so the hot loop always calls the same rule.
 */
import type { CompiledModel } from '../compiledModel.js';
import type { World } from '../world.js';

/** The objectors to one text, as a rule found them. Reused from text to text. */
export interface Judgment {
  /** How many allies object. */
  objectors: number;
  /** Their indices in ascending order, in `objectorList[0 .. objectors)` (the entries after are scratch). */
  readonly objectorList: Int32Array;
}

/** Allocates a judgment for a model's allies. */
export function createJudgment(model: CompiledModel): Judgment {
  return { objectors: 0, objectorList: new Int32Array(model.allyCount) };
}

/** A decision rule: how the alliance decides whether a text is adopted. */
export interface DecisionRule {
  /** Its name in scenarios and results, e.g. `unanimity`. */
  readonly name: string;
  /**
   * Judges the text `(firmness, engagement)` in the pass's world: lists the objectors in
   * `judgment` and returns whether the text is adopted despite them.
   */
  judge(model: CompiledModel, world: World, firmness: number, engagement: number, judgment: Judgment): boolean;
}
