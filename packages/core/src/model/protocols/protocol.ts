/**
 * What a bargaining protocol is: how a proposed text is played out, round by round, until it is
 * adopted or fails. One protocol per file in this folder; a compiled model holds the protocol of
 * its scenario, chosen once per run, so the hot loop always calls the same protocol.
 */
import type { CompiledModel } from '../compiledModel.js';
import type { DecisionRule, Judgment } from '../decisionRules/decisionRule.js';
import type { World } from '../world.js';

/** How a round ended: the text was adopted, amended for another round, or finally failed. */
export const VERDICT = { adopted: 0, amended: 1, failed: 2 } as const;
export type Verdict = (typeof VERDICT)[keyof typeof VERDICT];

/**
 * Watches a bargaining round by round (the engine's tally of objections, an analysis's trace of
 * the texts visited). Called once per round, after the round's text is judged: the text is
 * `bargain.firmness` and `bargain.engagement`, its objectors are in `judgment`; both are only
 * valid during the call. (The text is passed in the bargain rather than as two numbers, so the
 * call allocates nothing in the hot loop.)
 */
export interface BargainingObserver {
  round(round: number, bargain: Bargain, judgment: Judgment, verdict: Verdict): void;
}

/** What a bargaining ends with. */
export interface Bargain {
  /** Whether a text was adopted. */
  consensus: boolean;
  /** The round at which it was adopted, or the number of rounds played when it failed. */
  rounds: number;
  /** The text on the table: during a round the one being judged; at the end the adopted one, or the one that failed. */
  firmness: number;
  engagement: number;
}

/** A bargaining protocol. */
export interface Protocol {
  /** Its name in scenarios and results, e.g. `chair`. */
  readonly name: string;
  /**
   * How many uniforms it draws per pass, after the world's own draws (the same number whatever its
   * parameters, so the draw order never depends on a value): `world.protocolUniform` holds the first.
   */
  readonly uniformsPerPass: number;
  /**
   * Plays out option `option` in the pass's world under `rule`, writing how it ended to `bargain`
   * and reporting each round to `observer` (when not null). `judgment` is working memory.
   */
  play(
    model: CompiledModel,
    world: World,
    rule: DecisionRule,
    option: number,
    judgment: Judgment,
    bargain: Bargain,
    observer: BargainingObserver | null,
  ): void;
}

/** Allocates a bargain. */
export function createBargain(): Bargain {
  return { consensus: false, rounds: 0, firmness: 0, engagement: 0 };
}
