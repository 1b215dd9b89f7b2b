/**
 * The ziggurat tables as the engine computes them (Marsaglia and Tsang's `zigset`, 128 layers, with
 * V8's Math.exp, Math.log and Math.sqrt), and the C initialisers that model1.c embeds.
 *
 * model1.c does not compute the tables with the C library: `zigset` is a recursion over 126
 * layers, and the C library's exp and log, which differ from V8's in the last bit for about one
 * argument in ten, accumulate there to differences of up to 15 ulps in the bottom layers. The
 * tables are part of the model, so the C reference embeds the engine's, and the cross-check test
 * asserts they are equal bit for bit.
 *
 * Run as a script to print the initialisers: `pnpm exec tsx tests/reference/zigguratTables.ts`.
 */
import { fileURLToPath } from 'node:url';

/** The three tables of the 128-layer ziggurat. */
export interface ZigguratTables {
  readonly kn: Float64Array;
  readonly wn: Float64Array;
  readonly fn: Float64Array;
}

/** Marsaglia and Tsang's `zigset` for 128 layers, evaluated with this JavaScript engine's Math. */
export function engineZigguratTables(): ZigguratTables {
  const layers = 128;
  const m1 = 2147483648; // 2^31
  const area = 9.91256303526217e-3;
  const kn = new Float64Array(layers);
  const wn = new Float64Array(layers);
  const fn = new Float64Array(layers);
  let dn = 3.442619855899;
  let tn = dn;
  const q = area / Math.exp(-0.5 * dn * dn);
  kn[0] = (dn / q) * m1;
  kn[1] = 0;
  wn[0] = q / m1;
  wn[layers - 1] = dn / m1;
  fn[0] = 1;
  fn[layers - 1] = Math.exp(-0.5 * dn * dn);
  for (let i = layers - 2; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(area / dn + Math.exp(-0.5 * dn * dn)));
    kn[i + 1] = (dn / tn) * m1;
    tn = dn;
    fn[i] = Math.exp(-0.5 * dn * dn);
    wn[i] = dn / m1;
  }
  return { kn, wn, fn };
}

/** The C initialisers of the tables; each number is the shortest decimal that reads back exactly. */
export function zigguratTablesC(tables: ZigguratTables = engineZigguratTables()): string {
  const array = (name: string, values: Float64Array) => {
    const lines: string[] = [];
    for (let k = 0; k < values.length; k += 4)
      lines.push(`    ${Array.from(values.subarray(k, k + 4), (v) => String(v)).join(', ')},`);
    return `static const double ${name}[LAYERS] = {\n${lines.join('\n')}\n};`;
  };
  return [array('kn', tables.kn), array('wn', tables.wn), array('fn', tables.fn)].join('\n');
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) process.stdout.write(`${zigguratTablesC()}\n`);
