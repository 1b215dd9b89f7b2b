/**
 * The facts table: a strict reader for examples/data/nato-allies-facts.csv.
 *
 * Every cell is read by an explicit rule, and anything that fits no rule is refused with the
 * row (the line in the file), the ally and the column named. The rules for numeric cells:
 *
 * - a plain decimal (`2.04`, `-1.92`) is that number;
 * - a number followed by a note in parentheses (`1.86 (attribution inferred)`, `3.71 (order
 *   inferred)`, `1.9 (Smer)`) is the number; the note is kept with the value as provenance;
 * - a bound `<0.01` (the source says "below 0.01") is read as half the bound, 0.005, the midpoint
 *   of the only interval the source allows, and flagged as a bound;
 * - a missing marker (`unverified`, `not covered`, `n/a`, `cut off in source`, each possibly
 *   followed by a note in parentheses) is a missing value: never guessed, the derivation states a
 *   fallback for each column.
 */

/** The 32 allies of 2025, by ISO 3166 alpha-3 code, with the country name the facts file uses. */
export const NATO_ALLIES_2025: ReadonlyArray<readonly [iso3: string, country: string]> = [
  ['ALB', 'Albania'], ['BEL', 'Belgium'], ['BGR', 'Bulgaria'], ['CAN', 'Canada'], ['HRV', 'Croatia'],
  ['CZE', 'Czechia'], ['DNK', 'Denmark'], ['EST', 'Estonia'], ['FIN', 'Finland'], ['FRA', 'France'],
  ['DEU', 'Germany'], ['GRC', 'Greece'], ['HUN', 'Hungary'], ['ISL', 'Iceland'], ['ITA', 'Italy'],
  ['LVA', 'Latvia'], ['LTU', 'Lithuania'], ['LUX', 'Luxembourg'], ['MNE', 'Montenegro'],
  ['NLD', 'Netherlands'], ['MKD', 'North Macedonia'], ['NOR', 'Norway'], ['POL', 'Poland'],
  ['PRT', 'Portugal'], ['ROU', 'Romania'], ['SVK', 'Slovakia'], ['SVN', 'Slovenia'], ['ESP', 'Spain'],
  ['SWE', 'Sweden'], ['TUR', 'Türkiye'], ['GBR', 'United Kingdom'], ['USA', 'United States'],
];

/** The columns the facts file must have, in its order. */
export const FACT_COLUMNS = [
  'country',
  'iso3',
  'nato_pct_gdp_2014',
  'nato_pct_gdp_2024e_jun2024',
  'nato_pct_gdp_2024_sgar_2025',
  'def_exp_2024e_usd_bn',
  'population',
  'population_year_source',
  'land_border_russia_or_belarus',
  'kiel_bilat_commit_pct_gdp_to_2024-01-15',
  'kiel_military_aid_pct_gdp_2022-01_to_2025-10',
  'ches2023_gov_kremlin_ties_0to10',
  'ches2023_gov_supportUA',
  'stance_note',
] as const;

/** A numeric fact: a number (with how it was read) or an explicit gap. */
export type Fact =
  | { readonly kind: 'value'; readonly value: number; readonly note?: string; readonly bound?: 'below' }
  | { readonly kind: 'missing'; readonly marker: string };

/** One ally's row of facts, every numeric cell read by the rules above. */
export interface AllyFacts {
  readonly row: number;
  readonly country: string;
  readonly iso3: string;
  readonly defencePctGdp2014: Fact;
  readonly defencePctGdp2024Estimate: Fact;
  readonly defencePctGdp2024Revised: Fact;
  readonly defenceUsdBn2024: Fact;
  readonly population: Fact;
  readonly landBorderWithRussiaOrBelarus: boolean;
  readonly kielBilateralPctGdp: Fact;
  readonly kielMilitaryAidPctGdp: Fact;
  readonly chesKremlinTies: Fact;
  readonly chesSupportUkraine: Fact;
  readonly stanceNote: string;
}

/** A facts file that cannot be read: the message names the row, ally and column. */
export class FactsError extends Error {
  override readonly name = 'FactsError';
}

const MISSING = /^(unverified|not covered|n\/a|cut off in source)(?: \((.+)\))?$/;
const PLAIN = /^-?\d+(?:\.\d+)?$/;
const ANNOTATED = /^(-?\d+(?:\.\d+)?) \(([^()]+)\)$/;
const BELOW = /^<(\d+(?:\.\d+)?)$/;

/**
 * Reads one numeric cell by the documented rules.
 *
 * @example
 * readFact('1.86 (attribution inferred)', 'where'); // => { kind: 'value', value: 1.86, note: 'attribution inferred' }
 * readFact('<0.01', 'where'); // => { kind: 'value', value: 0.005, bound: 'below', note: 'below 0.01' }
 * readFact('not covered', 'where'); // => { kind: 'missing', marker: 'not covered' }
 * @throws {FactsError} when the cell fits no rule; the message starts with `where`.
 */
export function readFact(cell: string, where: string): Fact {
  const text = cell.trim();
  const missing = MISSING.exec(text);
  if (missing) return { kind: 'missing', marker: text };
  if (PLAIN.test(text)) return { kind: 'value', value: Number(text) };
  const annotated = ANNOTATED.exec(text);
  if (annotated) return { kind: 'value', value: Number(annotated[1]), note: annotated[2]! };
  const below = BELOW.exec(text);
  if (below) return { kind: 'value', value: Number(below[1]) / 2, bound: 'below', note: `below ${below[1]}` };
  throw new FactsError(
    `${where}: expected a number (e.g. 2.04), a number with a note ("1.9 (Smer)"), a bound ("<0.01") or a missing marker (unverified, not covered, n/a, cut off in source), got ${JSON.stringify(cell)}`,
  );
}

/** Splits CSV text into rows of cells (RFC 4180: quoted cells may hold commas and doubled quotes). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell), rows.push(row), (row = []), (cell = '');
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) row.push(cell), rows.push(row);
  return rows;
}

function readBorder(cell: string, where: string): boolean {
  if (/^Yes \((RU|BY|RU\+BY)\)$/.test(cell)) return true;
  if (/^No(?: \([^()]+\))?$/.test(cell)) return false;
  throw new FactsError(`${where}: expected "Yes (RU)", "Yes (BY)", "Yes (RU+BY)" or "No" (optionally with a note), got ${JSON.stringify(cell)}`);
}

/**
 * Reads the facts file strictly: the exact header, one row per ally of {@link NATO_ALLIES_2025},
 * each numeric cell by {@link readFact}.
 *
 * @example
 * parseFacts(readFileSync('examples/data/nato-allies-facts.csv', 'utf8')).length; // => 32
 * @throws {FactsError} on a wrong header, a row with the wrong number of cells, an unknown,
 *   duplicated or missing ally, a country that does not match its code, or a malformed cell; the
 *   message names the row (line in the file), the ally and the column.
 */
export function parseFacts(csvText: string): AllyFacts[] {
  const rows = csvRows(csvText.replace(/^\uFEFF/, ''));
  const header = rows[0] ?? [];
  if (header.join(',') !== FACT_COLUMNS.join(','))
    throw new FactsError(`facts header (row 1): expected the columns ${FACT_COLUMNS.join(',')}, got ${header.join(',')}`);
  const known = new Map(NATO_ALLIES_2025.map(([iso3, country]) => [iso3, country]));
  const seen = new Map<string, number>();
  const allies: AllyFacts[] = [];
  rows.slice(1).forEach((cells, index) => {
    const row = index + 2;
    if (cells.length === 1 && cells[0]!.trim() === '') return; // a blank line
    if (cells.length !== FACT_COLUMNS.length)
      throw new FactsError(`facts row ${row}: expected ${FACT_COLUMNS.length} cells, got ${cells.length}`);
    const cell = (column: (typeof FACT_COLUMNS)[number]) => cells[FACT_COLUMNS.indexOf(column)]!.trim();
    const iso3 = cell('iso3');
    const country = cell('country');
    const expectedCountry = known.get(iso3);
    if (expectedCountry === undefined)
      throw new FactsError(`facts row ${row}, column iso3: expected the code of one of the 32 allies (${[...known.keys()].join(', ')}), got ${JSON.stringify(iso3)}`);
    if (country !== expectedCountry)
      throw new FactsError(`facts row ${row}, column country: expected ${JSON.stringify(expectedCountry)} for ${iso3}, got ${JSON.stringify(country)}`);
    const first = seen.get(iso3);
    if (first !== undefined) throw new FactsError(`facts row ${row} (${country}): duplicated ally, already given in row ${first}`);
    seen.set(iso3, row);
    const where = (column: string) => `facts row ${row} (${country}), column ${column}`;
    const fact = (column: (typeof FACT_COLUMNS)[number]) => readFact(cell(column), where(column));
    allies.push({
      row,
      country,
      iso3,
      defencePctGdp2014: fact('nato_pct_gdp_2014'),
      defencePctGdp2024Estimate: fact('nato_pct_gdp_2024e_jun2024'),
      defencePctGdp2024Revised: fact('nato_pct_gdp_2024_sgar_2025'),
      defenceUsdBn2024: fact('def_exp_2024e_usd_bn'),
      population: fact('population'),
      landBorderWithRussiaOrBelarus: readBorder(cell('land_border_russia_or_belarus'), where('land_border_russia_or_belarus')),
      kielBilateralPctGdp: fact('kiel_bilat_commit_pct_gdp_to_2024-01-15'),
      kielMilitaryAidPctGdp: fact('kiel_military_aid_pct_gdp_2022-01_to_2025-10'),
      chesKremlinTies: fact('ches2023_gov_kremlin_ties_0to10'),
      chesSupportUkraine: fact('ches2023_gov_supportUA'),
      stanceNote: cell('stance_note'),
    });
  });
  const absent = NATO_ALLIES_2025.filter(([iso3]) => !seen.has(iso3));
  if (absent.length > 0)
    throw new FactsError(`facts file: missing ${absent.length === 1 ? 'ally' : 'allies'} ${absent.map(([iso3, c]) => `${c} (${iso3})`).join(', ')}; every one of the 32 allies needs a row`);
  return allies;
}

/** The value of a fact, or undefined when it is an explicit gap. */
export const valueOf = (fact: Fact): number | undefined => (fact.kind === 'value' ? fact.value : undefined);
