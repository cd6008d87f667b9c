// Field builders for the canonical model. Each builder returns a zod schema and registers how the
// field is stored, so the DuckDB DDL and the SQL validation are derived from the schemas themselves.
import { z } from 'zod';

export type FieldKind = 'id' | 'text' | 'enum' | 'date' | 'instant' | 'int' | 'num' | 'bool' | 'list';

export interface ColumnMeta {
  kind: FieldKind;
  /** Closed set of values, for `enum` fields. */
  values?: readonly string[];
  /** Keep the tool's original value beside the enum, in a `<field>_raw` column. */
  raw?: boolean;
}

export const columns = z.registry<ColumnMeta>();

const SQL_TYPES: Record<FieldKind, string> = {
  id: 'VARCHAR',
  text: 'VARCHAR',
  enum: 'VARCHAR',
  date: 'DATE',
  instant: 'TIMESTAMP',
  int: 'BIGINT',
  num: 'DOUBLE',
  bool: 'BOOLEAN',
  list: 'VARCHAR[]',
};

export function sqlType(kind: FieldKind): string {
  return SQL_TYPES[kind];
}

function reg<T extends z.ZodType>(schema: T, meta: ColumnMeta, description: string): T {
  const described = schema.describe(description) as T;
  columns.add(described, meta);
  return described;
}

// Values read back from DuckDB: dates and instants arrive as ISO strings.
const isoDate = () => z.iso.date();
const isoInstant = () => z.string().regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?$/);

export const f = {
  id: (d: string) => reg(z.string().min(1), { kind: 'id' }, d),
  text: (d: string) => reg(z.string(), { kind: 'text' }, d),
  enum: <const V extends readonly [string, ...string[]]>(values: V, d: string, opts: { raw?: boolean } = {}) =>
    reg(z.enum(values), { kind: 'enum', values, raw: opts.raw ?? false }, d),
  date: (d: string) => reg(isoDate(), { kind: 'date' }, d),
  instant: (d: string) => reg(isoInstant(), { kind: 'instant' }, d),
  int: (d: string) => reg(z.number().int(), { kind: 'int' }, d),
  num: (d: string) => reg(z.number(), { kind: 'num' }, d), // zod 4 numbers are finite
  bool: (d: string) => reg(z.boolean(), { kind: 'bool' }, d),
  list: (d: string) => reg(z.array(z.string()), { kind: 'list' }, d),
};

/** An optional field: unknown values are `null`. The column metadata stays on the inner schema. */
export function opt<T extends z.ZodType>(schema: T) {
  return schema.nullable();
}

export interface ColumnInfo extends ColumnMeta {
  name: string;
  required: boolean;
  description: string;
}

/** Reads a field schema (possibly wrapped in `nullable`) back into its column description. */
export function columnInfo(name: string, schema: z.ZodType): ColumnInfo {
  let inner: z.ZodType = schema;
  let required = true;
  if (inner instanceof z.ZodNullable) {
    required = false;
    inner = inner.unwrap() as z.ZodType;
  }
  const meta = columns.get(inner);
  if (!meta) throw new Error(`field ${name} was not built with the model's field builders`);
  return { name, required, description: inner.description ?? '', ...meta };
}
