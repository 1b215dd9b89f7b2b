/**
 * The EU Council's members and voting rules by date, for reading DEU III: which member states
 * decided an issue, and with which weights and thresholds a qualified majority was reached. The
 * date of an issue is its final act (`finact`), else the proposal's introduction (`intro`).
 *
 * Public sources (the treaty articles that set each rule):
 * - to 31 Dec 1994, EU-12: Art. 148(2) EEC, 54 of 76 votes;
 * - 1 Jan 1995 to 30 Apr 2004, EU-15: Art. 205(2) TEC (Amsterdam), 62 of 87 votes;
 * - 1 May to 31 Oct 2004, EU-25: Act of Accession 2003, Art. 26, 88 of 124 votes;
 * - 1 Nov 2004 to 31 Dec 2006, EU-25: Act of Accession 2003, Art. 12 (the Nice weights), 232 of
 *   321 votes cast by a majority of the members (13); the optional check that the majority holds
 *   62% of the population, made only at a member's request, is not applied;
 * - 1 Jan 2007 to 30 Jun 2013, EU-27 (Bulgaria 10, Romania 14 votes): 255 of 345 votes, 14 members;
 * - 1 Jul 2013 to 31 Oct 2014, EU-28 (Croatia 7 votes): 260 of 352 votes, 15 members;
 * - from 1 Nov 2014: Art. 16(4) TEU and Art. 238(3) TFEU, the double majority: at least 55% of the
 *   members, comprising at least 15, representing at least 65% of the population; a blocking
 *   minority needs at least four members. The option to ask for a Nice-weight vote until 31 Mar
 *   2017 (Protocol 36) is not applied. Populations: Eurostat, 1 January 2017, in thousands
 *   ({@link POPULATION_2017}), for every date (the Council's own yearly figures differ by under 2%).
 *   From 1 Feb 2020 the United Kingdom is no longer a member.
 * - Unanimity (`Unan`): every member state must accept (an abstention does not block, Art. 238(4)
 *   TFEU; a member with no position on record is taken to accept).
 */
import type { IssueRule } from './dataset.js';

/** A calendar date. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** The member-state actor ids of DEU III, in the data set's column order. */
export const DEU_MEMBER_STATES = [
  'at', 'be', 'bu', 'cr', 'cy', 'cz', 'dk', 'ee', 'fi', 'fr', 'de', 'el', 'hu', 'ie', 'it', 'lv', 'lt', 'lu', 'mt', 'nl',
  'pl', 'pt', 'ro', 'si', 'sk', 'es', 'se', 'uk',
] as const;

const EU12 = ['be', 'dk', 'fr', 'de', 'el', 'ie', 'it', 'lu', 'nl', 'pt', 'es', 'uk'];
const ENLARGEMENT_1995 = ['at', 'fi', 'se'];
const ENLARGEMENT_2004 = ['cy', 'cz', 'ee', 'hu', 'lv', 'lt', 'mt', 'pl', 'sk', 'si'];

/** Votes in the Council to 30 Apr 2004 (EU-12, then EU-15 with Austria, Finland, Sweden). */
export const VOTES_1995: Readonly<Record<string, number>> = {
  de: 10, fr: 10, it: 10, uk: 10, es: 8, be: 5, el: 5, nl: 5, pt: 5, at: 4, se: 4, dk: 3, ie: 3, fi: 3, lu: 2,
};
/** Votes from 1 May to 31 Oct 2004 (Act of Accession 2003, Art. 26). */
export const VOTES_MAY_2004: Readonly<Record<string, number>> = {
  ...VOTES_1995, pl: 8, cz: 5, hu: 5, sk: 3, lt: 3, lv: 3, si: 3, ee: 3, cy: 2, mt: 2,
};
/** Votes from 1 Nov 2004 to 31 Oct 2014 (the Nice weights; Bulgaria, Romania from 2007, Croatia from Jul 2013). */
export const VOTES_NICE: Readonly<Record<string, number>> = {
  de: 29, fr: 29, it: 29, uk: 29, es: 27, pl: 27, ro: 14, nl: 13, be: 12, cz: 12, el: 12, hu: 12, pt: 12, at: 10, bu: 10,
  se: 10, dk: 7, ie: 7, lt: 7, sk: 7, fi: 7, cr: 7, cy: 4, ee: 4, lv: 4, lu: 4, si: 4, mt: 3,
};
/** Population on 1 January 2017, thousands (Eurostat), for the double majority. */
export const POPULATION_2017: Readonly<Record<string, number>> = {
  de: 82521.7, fr: 66989.1, uk: 65808.6, it: 60589.4, es: 46528.0, pl: 37973.0, ro: 19644.4, nl: 17081.5, be: 11351.7,
  el: 10768.2, cz: 10578.8, pt: 10309.6, se: 9995.2, hu: 9797.6, at: 8772.9, bu: 7102.0, dk: 5748.8, fi: 5503.3, sk: 5435.3,
  ie: 4784.4, cr: 4154.2, lt: 2847.9, si: 2066.0, lv: 1950.1, ee: 1315.6, cy: 854.8, lu: 590.7, mt: 460.3,
};

const dayNumber = (date: CalendarDate) => date.year * 10000 + date.month * 100 + date.day;

/** The member states of the EU on a date, in {@link DEU_MEMBER_STATES} order. */
export function membersOn(date: CalendarDate): string[] {
  const day = dayNumber(date);
  const members = new Set(EU12);
  if (day >= 19950101) for (const m of ENLARGEMENT_1995) members.add(m);
  if (day >= 20040501) for (const m of ENLARGEMENT_2004) members.add(m);
  if (day >= 20070101) for (const m of ['bu', 'ro']) members.add(m);
  if (day >= 20130701) members.add('cr');
  if (day >= 20200201) members.delete('uk');
  return DEU_MEMBER_STATES.filter((m) => members.has(m));
}

/** The first day of each period with its own members or voting rule, for a date with none recorded. */
export const RULE_PERIOD_STARTS: readonly CalendarDate[] = [
  { year: 1995, month: 1, day: 1 },
  { year: 2004, month: 5, day: 1 },
  { year: 2004, month: 11, day: 1 },
  { year: 2007, month: 1, day: 1 },
  { year: 2013, month: 7, day: 1 },
  { year: 2014, month: 11, day: 1 },
  { year: 2020, month: 2, day: 1 },
];

const pick = (table: Readonly<Record<string, number>>, members: readonly string[]) =>
  Object.fromEntries(members.map((m) => [m, table[m]!]));
const total = (weights: Record<string, number>) => Object.values(weights).reduce((sum, w) => sum + w, 0);

/**
 * The Council's members and rule on a date, for an issue decided by unanimity or by qualified
 * majority.
 *
 * @example
 * councilRule({ year: 2008, month: 3, day: 1 }, 'qualifiedMajority').label; // => 'Nice: 255 of 345 votes, 14 of 27 members'
 */
export function councilRule(
  date: CalendarDate,
  voting: 'unanimity' | 'qualifiedMajority',
): { members: string[]; rule: IssueRule; label: string } {
  const members = membersOn(date);
  const n = members.length;
  if (voting === 'unanimity') return { members, rule: { kind: 'unanimity' }, label: `unanimity of ${n}` };
  const day = dayNumber(date);
  const votes = (table: Readonly<Record<string, number>>, threshold: number, minMembers: number, name: string) => {
    const weights = pick(table, members);
    const quotas = minMembers > 0 ? [{ weights, atLeast: threshold }, { atLeast: minMembers }] : [{ weights, atLeast: threshold }];
    const memberText = minMembers > 0 ? `, ${minMembers} of ${n} members` : '';
    return { members, rule: { kind: 'qualifiedMajority' as const, quotas }, label: `${name}: ${threshold} of ${total(weights)} votes${memberText}` };
  };
  if (day < 19950101) return votes(VOTES_1995, 54, 0, 'EU-12');
  if (day < 20040501) return votes(VOTES_1995, 62, 0, 'EU-15');
  if (day < 20041101) return votes(VOTES_MAY_2004, 88, 0, 'EU-25 (May-Oct 2004)');
  if (day < 20141101) {
    const threshold = n === 25 ? 232 : n === 27 ? 255 : 260;
    return votes(VOTES_NICE, threshold, Math.floor(n / 2) + 1, 'Nice');
  }
  const population = pick(POPULATION_2017, members);
  return {
    members,
    rule: {
      kind: 'qualifiedMajority',
      quotas: [{ share: 0.55, atLeast: 15 }, { weights: population, share: 0.65 }],
      blockingMinority: 4,
    },
    label: `double majority of ${n}: 55% of members (at least 15), 65% of population; blocking minority 4`,
  };
}
