/**
 * Unanimity (model 1): a text is adopted unless some ally objects; any ally can block. Who objects
 * is the silence-breaking test of `objection.ts`.
 */
import { ALLY_ROLE, type CompiledModel } from '../compiledModel.js';
import type { World } from '../world.js';
import type { DecisionRule, Judgment } from './decisionRule.js';
import { listObjectors, objectsToText } from './objection.js';

/**
 * The unanimity rule: every ally that breaks silence on the text objects, and one objector is
 * enough to block it.
 *
 * @example
 * const adopted = unanimity.judge(model, world, 0.6, 0.4, judgment);
 * adopted === (judgment.objectors === 0); // => true
 */
export const unanimity: DecisionRule = {
  name: 'unanimity',
  judge(model: CompiledModel, world: World, firmness: number, engagement: number, judgment: Judgment): boolean {
    judgment.objectors = listObjectors(model, world, firmness, engagement, judgment.objectorList);
    return judgment.objectors === 0;
  },
};

/**
 * Unanimity among members, with roles (model 2, `decisionRule: { rule: 'unanimity', ... }`): every
 * member and every co-legislator must accept; an ally listed as `nonBlocking` may object but
 * cannot block, and is not listed among the objectors.
 *
 * @example
 * const adopted = unanimityOfMembers.judge(model, world, 0.6, 0.4, judgment);
 * adopted === (judgment.objectors === 0); // => true
 */
export const unanimityOfMembers: DecisionRule = {
  name: 'unanimity',
  judge(model: CompiledModel, world: World, firmness: number, engagement: number, judgment: Judgment): boolean {
    const { hawkishness, engagementPreference, objectionRadiusSquared } = world;
    const { weightFirmness, weightEngagement, allyRole } = model;
    const list = judgment.objectorList;
    let objectors = 0;
    for (let a = 0; a < model.allyCount; a++)
      if (
        allyRole[a] !== ALLY_ROLE.nonBlocking &&
        objectsToText(weightFirmness, weightEngagement, firmness, engagement, hawkishness[a]!, engagementPreference[a]!, objectionRadiusSquared[a]!)
      )
        list[objectors++] = a;
    judgment.objectors = objectors;
    return objectors === 0;
  },
};
