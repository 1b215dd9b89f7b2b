/**
 * Tidy tables as Arrow IPC files (Feather version 2: `pd.read_feather`, R's
 * `arrow::read_feather` and Polars' `pl.read_ipc` read them), written with the apache-arrow
 * package. Whole-number columns are Int32, real numbers Float64, text Utf8, every column nullable;
 * the schema's metadata carries the experiment's design and manifest (key `concert`, JSON), so a
 * file says how it was made and `concert replay` can check it.
 */
import { Float64, Int32, RecordBatch, Schema, Table, Utf8, tableFromIPC, tableToIPC, vectorFromArray, type DataType } from 'apache-arrow';
import type { ColumnType, ExperimentColumn, ExperimentRow } from '../../src/index.js';

/** The first bytes of an Arrow IPC file. */
export const ARROW_MAGIC = 'ARROW1';

/** The schema metadata key holding the provenance JSON. */
export const ARROW_METADATA_KEY = 'concert';

const arrowType = (type: ColumnType): DataType => (type === 'int' ? new Int32() : type === 'float' ? new Float64() : new Utf8());

/**
 * A tidy table as the bytes of an Arrow IPC file, with `metadata` (any JSON value) stored in the
 * schema under the key `concert`. The same columns and rows give the same bytes.
 *
 * @example
 * const bytes = tidyArrow(result.columns, result.rows, { design: result.design, manifest: result.manifest });
 */
export function tidyArrow(columns: readonly ExperimentColumn[], rows: readonly ExperimentRow[], metadata: unknown): Uint8Array {
  const vectors = Object.fromEntries(
    columns.map((column) => [column.name, vectorFromArray(rows.map((row) => row[column.name] ?? null), arrowType(column.type))]),
  );
  const table = new Table(vectors);
  const schema = new Schema(table.schema.fields, new Map([[ARROW_METADATA_KEY, JSON.stringify(metadata)]]));
  return tableToIPC(new Table(schema, table.batches.map((batch) => new RecordBatch(schema, batch.data))), 'file');
}

/** Whether bytes start like an Arrow IPC file. */
export function isArrowFile(bytes: Uint8Array): boolean {
  return bytes.length >= 6 && String.fromCharCode(...bytes.subarray(0, 6)) === ARROW_MAGIC;
}

/**
 * Reads an Arrow IPC file back: its column names and types, its rows (as plain values) and the
 * metadata stored under `concert` (parsed JSON, or undefined).
 *
 * @throws {Error} when the bytes are not an Arrow IPC file.
 */
export function readTidyArrow(bytes: Uint8Array): { columns: { name: string; type: string }[]; rows: Record<string, unknown>[]; metadata: unknown } {
  const table = tableFromIPC(bytes);
  const text = table.schema.metadata.get(ARROW_METADATA_KEY);
  return {
    columns: table.schema.fields.map((field) => ({ name: field.name, type: String(field.type) })),
    rows: table.toArray().map((row) => ({ ...(row.toJSON() as Record<string, unknown>) })),
    metadata: text === undefined ? undefined : (JSON.parse(text) as unknown),
  };
}
