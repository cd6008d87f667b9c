// SQL that turns a raw text value into a canonical value, per field kind. A conversion yields NULL
// when the value cannot be read; the mapper turns that into a reject naming the field and the value.
import type { FieldKind } from '../../model/fields.ts';
import { lit } from '../../db/duckdb.ts';
import { describeFormat } from './formats.ts';

export interface ParseOptions {
  /** strptime formats tried in order (dates and instants). Default: ISO 8601. */
  formats?: readonly string[];
  /** The one of `formats` that errors show as expected (default the first): see `Detected.usual`. */
  usual?: string;
  /** Time zone of instants written without an offset. */
  timeZone?: string;
  /** For exclusive ends: a value without a time of day is an inclusive day, stored as the next day's start. */
  inclusiveDayEnd?: boolean;
  /** Enum: lower-cased tool value → canonical value (canonical values always map to themselves). */
  map?: Readonly<Record<string, string>>;
  /** Enum: what an unknown value does — reject the row, or store NULL and report it as a warning. */
  unknown?: 'reject' | 'null';
  /** List given as one text cell: its separator. */
  split?: string;
}

export interface Conversion {
  /** SQL expression reading the raw value `x` (trimmed, never empty). */
  sql: (x: string) => string;
  /** What the field expects, for error messages. */
  expected: string;
}

const hasOffset = (x: string) => `regexp_matches(${x}, '([Zz]|[+-][0-9]{2}(:?[0-9]{2})?)$')`;
const dateOnly = (x: string) => `regexp_matches(${x}, '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$')`;

/** A local time in `tz` as the UTC instant; in UTC the two timezone() calls (a third of a parse's cost) are the identity. */
const toUtc = (tz: string, local: string) => (tz === 'UTC' ? local : `timezone('UTC', timezone(${lit(tz)}, ${local}))`);

function isoInstant(tz: string, inclusiveDayEnd: boolean): (x: string) => string {
  return (x) => {
    const local = toUtc(tz, `TRY_CAST(${x} AS TIMESTAMP)`);
    const withOffset = `timezone('UTC', TRY_CAST(${x} AS TIMESTAMPTZ))`;
    const value = `CASE WHEN NOT regexp_matches(${x}, '^[0-9]{4}-') THEN NULL WHEN ${hasOffset(x)} THEN ${withOffset} ELSE ${local} END`;
    return inclusiveDayEnd ? `CASE WHEN ${dateOnly(x)} THEN ${local} + INTERVAL 1 DAY ELSE ${value} END` : value;
  };
}

function formatted(formats: readonly string[], tz: string, inclusiveDayEnd: boolean): (x: string) => string {
  const list = `[${formats.map(lit).join(', ')}]`;
  // A format without a time of day reads an inclusive end day.
  const dayOnly = formats.every((fm) => !/%[HIMSp]/.test(fm));
  const offsets = formats.some((fm) => fm.includes('%z'));
  return (x) => {
    const parsed = `TRY_STRPTIME(${x}, ${list})`;
    // With an offset the parse is an instant already: the round trip only turns its type back to a UTC timestamp.
    const local = offsets ? `timezone('UTC', timezone(${lit(tz)}, ${parsed}))` : toUtc(tz, parsed);
    return inclusiveDayEnd && dayOnly ? `${local} + INTERVAL 1 DAY` : local;
  };
}

/** Enum values match case-insensitively, with spaces and hyphens read as underscores. */
export function enumKey(value: string): string {
  return value.trim().toLowerCase().replace(/[\s-]+/g, '_');
}
const enumKeySql = (x: string) => `regexp_replace(lower(${x}), '[\\s-]+', '_', 'g')`;

const TRUE_WORDS = ['true', 'yes', 'y', 't', '1'];
const FALSE_WORDS = ['false', 'no', 'n', 'f', '0'];

export function conversion(kind: FieldKind, opts: ParseOptions, values?: readonly string[]): Conversion {
  const tz = opts.timeZone ?? 'UTC';
  switch (kind) {
    case 'id':
    case 'text':
      return { sql: (x) => x, expected: 'text' };
    case 'int':
      return {
        sql: (x) => `CASE WHEN TRY_CAST(${x} AS DOUBLE) = round(TRY_CAST(${x} AS DOUBLE)) THEN TRY_CAST(TRY_CAST(${x} AS DOUBLE) AS BIGINT) END`,
        expected: 'a whole number',
      };
    case 'num':
      return {
        sql: (x) => `CASE WHEN isfinite(TRY_CAST(${x} AS DOUBLE)) THEN TRY_CAST(${x} AS DOUBLE) END`,
        expected: 'a finite number like 12.5',
      };
    case 'bool':
      return {
        sql: (x) => `CASE WHEN lower(${x}) IN (${TRUE_WORDS.map(lit).join(', ')}) THEN true WHEN lower(${x}) IN (${FALSE_WORDS.map(lit).join(', ')}) THEN false END`,
        expected: 'true or false',
      };
    case 'date': {
      if (!opts.formats?.length) {
        // strptime's %Y also reads a two-digit year ('26' as the year 26): insist on four digits.
        return {
          sql: (x) => `CASE WHEN regexp_matches(${x}, '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$') THEN TRY_CAST(TRY_STRPTIME(${x}, '%Y-%m-%d') AS DATE) END`,
          expected: 'a date YYYY-MM-DD',
        };
      }
      const list = `[${opts.formats.map(lit).join(', ')}]`;
      return { sql: (x) => `TRY_CAST(TRY_STRPTIME(${x}, ${list}) AS DATE)`, expected: `a date like ${describeFormat(opts.usual ?? opts.formats[0]!)}` };
    }
    case 'instant':
      if (!opts.formats?.length) {
        return {
          sql: isoInstant(tz, opts.inclusiveDayEnd ?? false),
          expected: 'an ISO 8601 date or time like 2026-03-01 or 2026-03-01T10:00:00Z',
        };
      }
      return {
        sql: formatted(opts.formats, tz, opts.inclusiveDayEnd ?? false),
        expected: `a date and time like ${describeFormat(opts.usual ?? opts.formats[0]!)}`,
      };
    case 'enum': {
      const pairs = new Map<string, string>();
      for (const v of values ?? []) pairs.set(enumKey(v), v);
      for (const [from, to] of Object.entries(opts.map ?? {})) pairs.set(enumKey(from), to);
      const whens = [...pairs].map(([from, to]) => `WHEN ${lit(from)} THEN ${lit(to)}`).join(' ');
      return {
        sql: (x) => (pairs.size ? `CASE ${enumKeySql(x)} ${whens} END` : 'NULL'),
        expected: `one of ${(values ?? []).join(', ')}`,
      };
    }
    case 'list':
      return { sql: (x) => x, expected: 'a list' };
  }
}
