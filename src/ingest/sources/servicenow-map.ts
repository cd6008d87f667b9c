// One mapping for every ServiceNow export, CSV or JSON: once the adapter has staged the file's values
// as text (one column per known field), this decides the table, finds the date format, and maps the
// values onto `change` or `incident` through `applyMapping`.
import { lit } from '../../db/duckdb.ts';
import { IngestError } from '../errors.ts';
import { applyMapping, type FieldSource, type MapResult } from '../map/mapper.ts';
import type { ParseOptions } from '../map/convert.ts';
import { fileDateFormats } from '../map/file-dates.ts';
import type { FileContext } from '../context.ts';
import {
  CHANGE_STATES, CLOSE_CODES, IMPACTS, INCIDENT_STATES, PRIORITY_LABELS, RISKS, SN_DATE_FIELDS, fieldOf, tableFromFields, tableFromNumbers, type ResolvedColumns, type SnTable,
} from './servicenow-fields.ts';

export interface SnColumn {
  /** The raw value: a VARCHAR SQL expression over the staged relation. */
  sql: string;
  /** The column or key as the file spells it, for errors. */
  column: string;
}

export interface SnSource {
  from: string;
  /** `from` without line numbers, where that is cheaper to scan (StagedCsv.values); default `from`. */
  values?: string;
  line?: string;
  pointer?: string;
  seq: string;
  /** Known field (or the configured release field) → where its values are. */
  columns: ReadonlyMap<string, SnColumn>;
}

/** `?` and empty cells mean unknown. */
export const unknownAsNull = (sql: string) => `nullif(nullif(trim(${sql}), '?'), '')`;

/** A choice value's label: a bare code through `codes`, else "2 - Medium" → "Medium", else as is. */
export function choiceLabelSql(x: string, codes: Readonly<Record<string, string>>): string {
  const stripped = `regexp_replace(${x}, '^[0-9]+\\s*-\\s*', '')`;
  const whens = Object.entries(codes).map(([k, v]) => `WHEN ${lit(k.toLowerCase())} THEN ${lit(v)}`);
  return whens.length ? `CASE lower(${x}) ${whens.join(' ')} ELSE ${stripped} END` : stripped;
}

/** Incident priority as a number: "1 - Critical", "1" and "Critical" all read 1; NULL when unknown. */
export function prioritySql(x: string): string {
  const label = `lower(regexp_replace(${x}, '^[0-9]+\\s*-\\s*', ''))`;
  const whens = Object.entries(PRIORITY_LABELS).map(([k, v]) => `WHEN ${lit(k)} THEN ${lit(v)}`).join(' ');
  return `CASE WHEN regexp_matches(${x}, '^[0-9]+(\\s*-.*)?$') THEN regexp_extract(${x}, '^[0-9]+') ELSE CASE ${label} ${whens} END END`;
}

const SHOWN = 12;

/** Unknown and repeated columns are reported, not read. */
export function warnColumns(ctx: FileContext, cols: ResolvedColumns, what: string): void {
  const list = (names: string[]) => `${names.slice(0, SHOWN).join(', ')}${names.length > SHOWN ? `, and ${names.length - SHOWN} more` : ''}`;
  if (cols.unknown.length) ctx.warn('unknown-columns', `unknown ${what} kept out: ${list(cols.unknown)}`, cols.unknown.length);
  if (cols.duplicates.length) ctx.warn('duplicate-column', `${what} naming a field an earlier one already names; the first is read: ${list(cols.duplicates)}`, cols.duplicates.length);
}

/** The table the columns say, else the one most record numbers say; an error when neither does. */
async function decideTable(ctx: FileContext, src: SnSource): Promise<SnTable> {
  const byFields = tableFromFields(src.columns);
  if (byFields) return byFields;
  const num = unknownAsNull(src.columns.get('number')!.sql);
  const [row] = await ctx.db.all<{ chg: number; inc: number }>(
    `SELECT (count(*) FILTER (WHERE upper(${num}) LIKE 'CHG%'))::INTEGER AS chg, (count(*) FILTER (WHERE upper(${num}) LIKE 'INC%'))::INTEGER AS inc FROM ${src.values ?? src.from}`,
  );
  const byNumbers = tableFromNumbers(row?.chg ?? 0, row?.inc ?? 0);
  if (byNumbers) return byNumbers;
  throw new IngestError({
    file: ctx.path,
    field: src.columns.get('number')!.column,
    message: `cannot tell a change_request export from an incident export: found ${[...src.columns.values()].map((c) => c.column).join(', ')}`,
    expected: 'incident fields (caller_id, incident_state, urgency, caused_by, resolved_at…), change fields (start_date, risk, type, cab_required…), or numbers starting CHG or INC',
  });
}

/** How the file writes dates, from the config or detected (shared with every adapter). */
async function dateParse(ctx: FileContext, src: SnSource): Promise<ParseOptions> {
  const cols = SN_DATE_FIELDS.flatMap((f) => (src.columns.has(f) ? [{ name: src.columns.get(f)!.column, sql: unknownAsNull(src.columns.get(f)!.sql) }] : []));
  return { ...(await fileDateFormats(ctx, src.values ?? src.from, cols)), timeZone: ctx.rule?.timeZone ?? ctx.config.timeZone };
}

/** Values of `value` (over the raw `field`) that read as NULL though the field had one: one warning each. */
async function warnUnmapped(ctx: FileContext, src: SnSource, field: string, value: (x: string) => string, what: string): Promise<void> {
  const c = src.columns.get(field);
  if (!c) return;
  const x = unknownAsNull(c.sql);
  const rows = await ctx.db.all<{ v: string; n: number }>(
    `SELECT ${x} AS v, count(*)::INTEGER AS n FROM ${src.values ?? src.from} WHERE ${x} IS NOT NULL AND (${value(x)}) IS NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20`,
  );
  for (const r of rows) ctx.warn('unmapped-value', `${c.column}: value ${JSON.stringify(r.v)} is not a known ${what} (kept as unknown)`, r.n);
}

export async function mapServiceNow(ctx: FileContext, src: SnSource): Promise<MapResult> {
  const table = await decideTable(ctx, src);
  const instant = await dateParse(ctx, src);
  const userValues = (field: string) => ctx.rule?.values?.[field] ?? {};

  const pick = (...names: string[]) => names.map((n) => src.columns.get(n)).find((c) => c !== undefined);
  const fields: Record<string, FieldSource> = {};
  const set = (field: string, from: SnColumn | undefined, parse: ParseOptions = {}, value?: (x: string) => string) => {
    if (from) fields[field] = value ? { sql: value(unknownAsNull(from.sql)), column: from.column, parse } : { sql: unknownAsNull(from.sql), column: from.column, parse, trimmed: true };
  };
  const choice = (codes: Readonly<Record<string, string>>, field: string) => (x: string) => choiceLabelSql(x, { ...codes, ...userValues(field) });
  const enumOf = (field: string, defaults: Readonly<Record<string, string>> = {}): ParseOptions => ({ map: { ...defaults, ...userValues(field) }, unknown: 'null' });

  const opened = pick('opened_at', 'sys_created_on', 'sys_created_at');
  if (!opened) {
    throw new IngestError({
      file: ctx.path,
      field: 'opened_at',
      message: `no column says when the ${table} was opened`,
      expected: 'a column opened_at (label "Opened") or sys_created_on ("Created")',
    });
  }
  set('number', pick('number'));
  set('short_description', pick('short_description'));
  set('system_id', pick('cmdb_ci'));
  set('assignment_group', pick('assignment_group'));
  set('opened_at', opened, instant);
  set('closed_at', pick('closed_at'), instant);
  if (table === 'change') {
    const releaseField = ctx.config.servicenow.releaseField;
    const release = releaseField ? src.columns.get(fieldOf(releaseField) ?? releaseField) : pick('u_release', 'release');
    if (releaseField && !release) ctx.warn('missing-column', `the configured servicenow.releaseField ${JSON.stringify(releaseField)} is not in this file; changes get no release`);
    set('type', pick('type'), enumOf('type'));
    set('state', pick('state'), enumOf('state', CHANGE_STATES));
    set('risk', pick('risk'), {}, choice(RISKS, 'risk'));
    set('impact', pick('impact'), {}, choice(IMPACTS, 'impact'));
    set('release_id', release);
    set('planned_start', pick('start_date'), instant);
    set('planned_end', pick('end_date'), instant);
    set('actual_start', pick('work_start'), instant);
    set('actual_end', pick('work_end'), instant);
    // `approval_set` is when the approval was decided, either way: a rejected change was never approved.
    const approval = pick('approval');
    const rejected = approval ? `lower(${unknownAsNull(approval.sql)}) IN ('rejected', 'cancelled', 'canceled')` : 'false';
    set('approved_at', pick('approval_set'), instant, (x) => `CASE WHEN ${rejected} THEN NULL ELSE ${x} END`);
    set('close_code', pick('close_code'), enumOf('close_code', CLOSE_CODES));
    set('close_notes', pick('close_notes'));
    set('unauthorized', pick('unauthorized'));
  } else {
    set('priority', pick('priority'), {}, prioritySql);
    set('priority_raw', pick('priority'));
    set('state', pick('state', 'incident_state'), {}, choice(INCIDENT_STATES, 'state'));
    set('resolved_at', pick('resolved_at'), instant);
    // `rfc` is the change raised to fix the incident, not its cause: only `caused_by` links them.
    set('caused_by_change', pick('caused_by'));
    await warnUnmapped(ctx, src, 'priority', prioritySql, 'priority (1 - Critical … 5 - Planning)');
  }
  const updated = pick('sys_updated_on', 'sys_updated_at');
  return applyMapping(ctx, {
    entity: table,
    from: src.from,
    fields,
    updated: updated ? { sql: unknownAsNull(updated.sql), column: updated.column, parse: instant, trimmed: true } : undefined,
    line: src.line,
    pointer: src.pointer,
    seq: src.seq,
    required: ['number', 'opened_at'],
  });
}
