/**
 * A data set of real negotiations, as the backtest sees it: issues on a 0-100 scale, each with its
 * actors (position, salience, weight, role), its decision rule and status quo, and, apart from the
 * issue, the observed outcome.
 *
 * The outcome is kept out of {@link Issue} on purpose: a forecast is made from an `Issue` alone, so
 * no code path that forecasts can read the outcome. It sits beside the issue in
 * {@link ObservedIssue} and is read only to score.
 */

/** Lowest and highest value of a data set's scale (positions, saliences, status quo, outcome). */
export const SCALE_MIN = 0;
export const SCALE_MAX = 100;

/**
 * What an actor may do in the decision:
 * - `member`: votes under the issue's rule (a member state in the EU Council);
 * - `proposer`: bargains, cannot block; its position is the proposal on the table (the Commission);
 * - `coLegislator`: its agreement is required too (the European Parliament under co-decision);
 * - `nonVoting`: bargains, cannot block (the Parliament under consultation, an observer).
 */
export type ActorRole = 'member' | 'proposer' | 'coLegislator' | 'nonVoting';

/** The roles, in the order tables list them. */
export const ACTOR_ROLES: readonly ActorRole[] = ['member', 'proposer', 'coLegislator', 'nonVoting'];

/** One actor in one issue. */
export interface IssueActor {
  /** The actor's id, e.g. `de`, `com`. */
  readonly id: string;
  /**
   * Its position on the 0-100 scale, or `null` when none is on record: a member without a
   * recorded position takes no part in bargaining and accepts any text (it still counts in the
   * rule's totals).
   */
  readonly position: number | null;
  /** How much the issue matters to it, 0-100 (0: no stake). */
  readonly salience: number;
  /** Its capability weight (in DEU III: the relative economic weight), greater than 0. */
  readonly weight: number;
  readonly role: ActorRole;
}

/**
 * One condition of a qualified majority: the members who accept a text must together reach
 * `atLeast` (an absolute number), and `share` of the total over all members (either or both).
 * `weights` gives each member's weight by actor id (every member must be listed); without it each
 * member counts 1.
 */
export interface Quota {
  readonly weights?: Readonly<Record<string, number>>;
  readonly share?: number;
  readonly atLeast?: number;
}

/** How an issue is decided among the members (co-legislators must accept in any case). */
export type IssueRule =
  | { readonly kind: 'unanimity' }
  | {
      readonly kind: 'qualifiedMajority';
      /** Every quota must be met by the members who accept. */
      readonly quotas: readonly Quota[];
      /** When given, a text opposed by fewer than this many members passes anyway (a blocking minority needs this many). */
      readonly blockingMinority?: number;
    };

/** What a forecast may know about an issue: everything but its outcome. */
export interface Issue {
  /** The data set's issue id, e.g. `d00032i1`. */
  readonly id: string;
  /** The proposal it belongs to (folds and bootstrap resamples are drawn by proposal). */
  readonly proposal: string;
  /** The procedure as the data set names it, e.g. `COD`, `CNS` (a subset of the scores). */
  readonly procedure: string;
  /** The rule's kind as a subset of the scores: `unanimity` or `qualifiedMajority`. */
  readonly votingRule: 'unanimity' | 'qualifiedMajority';
  readonly rule: IssueRule;
  /** The rule in words, e.g. `Nice 255 of 345 votes and 14 members`. */
  readonly ruleLabel: string;
  /** The status quo (the outcome if nothing is adopted) on the 0-100 scale, or `null` when not recorded. */
  readonly statusQuo: number | null;
  /** The actors, in the data set's column or row order. */
  readonly actors: readonly IssueActor[];
}

/** An issue and, apart from it, its observed outcome. */
export interface ObservedIssue {
  readonly issue: Issue;
  /** The observed outcome on the 0-100 scale, or `null` when unknown (not scored). */
  readonly observed: number | null;
  /** The row of the file the issue was read from (the first of its rows in the tidy format). */
  readonly row: number;
}

/** A data set read from a file. */
export interface Dataset {
  /** The file's name, as errors and reports name it. */
  readonly source: string;
  /** Which layout it was read from. */
  readonly format: 'deu3' | 'tidy';
  readonly issues: readonly ObservedIssue[];
}

/** The issues of a data set that have an observed outcome (the ones scored). */
export function scoredIssues(dataset: Dataset): (ObservedIssue & { readonly observed: number })[] {
  return dataset.issues.filter((entry): entry is ObservedIssue & { observed: number } => entry.observed !== null);
}
