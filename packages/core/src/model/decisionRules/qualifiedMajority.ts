/**
 * Qualified majority (model 2): a text is adopted when no co-legislator objects and the members
 * who do not object meet every quota of the rule (weighted votes, a number of members, a share of
 * the population...), or when fewer members object than a blocking minority needs. Allies that
 * cannot block may object without effect. The rule's weights and thresholds come from the scenario
 * (`decisionRule`), laid out by `compileModel`; who objects is the test of `objection.ts`.
 */
import { ALLY_ROLE, type CompiledModel } from '../compiledModel.js';
import type { World } from '../world.js';
import type { DecisionRule, Judgment } from './decisionRule.js';
import { objectsToText } from './objection.js';

/**
 * Whether the members who do not object meet every quota, given the objectors in `judgment` (a
 * list of members and co-legislators): for each quota `q`, `total_q - sum of the objecting members'
 * weights >= need_q`.
 *
 * @example
 * meetsQuotas(model, judgment); // => true when the members accepting the text reach every quota
 */
export function meetsQuotas(model: CompiledModel, judgment: Judgment): boolean {
  const { quotaCount, quotaWeight, quotaTotal, quotaNeed, allyCount } = model;
  const list = judgment.objectorList;
  for (let q = 0; q < quotaCount; q++) {
    let accepting = quotaTotal[q]!;
    for (let k = 0; k < judgment.objectors; k++) accepting -= quotaWeight[q * allyCount + list[k]!]!;
    if (accepting < quotaNeed[q]!) return false;
  }
  return true;
}

/**
 * The qualified-majority rule. Lists as objectors the members and co-legislators who break
 * silence (allies that cannot block are left out); adopts the text when no co-legislator objects
 * and either fewer than `blockingMinority` members object or the accepting members meet every quota.
 *
 * @example
 * const adopted = qualifiedMajority.judge(model, world, 0.6, 0.5, judgment);
 */
export const qualifiedMajority: DecisionRule = {
  name: 'qualifiedMajority',
  judge(model: CompiledModel, world: World, firmness: number, engagement: number, judgment: Judgment): boolean {
    const { hawkishness, engagementPreference, objectionRadiusSquared } = world;
    const { weightFirmness, weightEngagement, allyRole } = model;
    const list = judgment.objectorList;
    let objectors = 0;
    let objectingMembers = 0;
    let coLegislatorObjects = false;
    for (let a = 0; a < model.allyCount; a++) {
      const role = allyRole[a]!;
      if (role === ALLY_ROLE.nonBlocking) continue;
      if (!objectsToText(weightFirmness, weightEngagement, firmness, engagement, hawkishness[a]!, engagementPreference[a]!, objectionRadiusSquared[a]!))
        continue;
      list[objectors++] = a;
      if (role === ALLY_ROLE.coLegislator) coLegislatorObjects = true;
      else objectingMembers++;
    }
    judgment.objectors = objectors;
    if (coLegislatorObjects) return false;
    if (objectingMembers === 0) return true;
    if (model.blockingMinority > 0 && objectingMembers < model.blockingMinority) return true;
    return meetsQuotas(model, judgment);
  },
};
