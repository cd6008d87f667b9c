// ServiceNow change_request and incident JSON: the classic JSON export `{"records": […]}` and the
// Table API `{"result": […]}` (or one record, `{"result": {…}}`), with plain values or reference
// objects `{link, value}` / `{display_value, value}`.
import { quoteIdent } from '../../db/schema.ts';
import { IngestError } from '../errors.ts';
import { stageRecords, type RawRecord } from '../stage/records.ts';
import type { Adapter, JsonProbe } from '../adapter.ts';
import { looksLikeServiceNow, resolveColumns } from './servicenow-fields.ts';
import { mapServiceNow, warnColumns, type SnColumn } from './servicenow-map.ts';

interface Located {
  pointer: string;
  value: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The records of a ServiceNow JSON document, each with its pointer; null for any other shape. */
export function snRecords(json: unknown): Located[] | null {
  if (!isObject(json)) return null;
  for (const key of ['records', 'result']) {
    const v = json[key];
    if (Array.isArray(v)) return v.map((value, i) => ({ pointer: `/${key}/${i}`, value }));
    if (key === 'result' && isObject(v)) return [{ pointer: '/result', value: v }];
  }
  return null;
}

/** A field's value as text: a reference object gives its display value, else its value. */
export function snText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isObject(v) && ('display_value' in v || 'value' in v)) {
    const shown = snText(v.display_value);
    return shown !== null && shown.trim() !== '' ? shown : snText(v.value);
  }
  // Anything else is kept whole, so a typed field rejects it visibly instead of losing it.
  return JSON.stringify(v);
}

function keysOf(records: readonly Located[]): string[] {
  const keys = new Set<string>();
  for (const r of records) if (isObject(r.value)) for (const k of Object.keys(r.value)) keys.add(k);
  return [...keys];
}

export const servicenowJson: Adapter = {
  id: 'servicenow-json',
  title: 'ServiceNow change_request / incident JSON ({"records"} export or Table API {"result"})',
  kind: 'json',
  signature: '{"records": […]} or {"result": […]} whose records have number and ServiceNow fields (short_description, cmdb_ci, opened_at, sys_updated_on…)',
  detect(_file, probe) {
    if (probe.kind !== 'json') return 0;
    const records = snRecords(probe.json);
    if (!records) return 0;
    // An empty Table API answer is still one (a period without changes), when it holds nothing else.
    if (records.length === 0) return Object.keys(probe.json as object).length === 1 ? 0.3 : 0;
    return looksLikeServiceNow(keysOf(records.slice(0, 100))) ? 0.95 : 0;
  },
  async load(ctx, probe) {
    const records = snRecords((probe as JsonProbe).json) ?? [];
    if (records.length === 0) {
      ctx.warn('empty', 'the export holds no records');
      return { records: 0, results: [] };
    }
    const keys = keysOf(records);
    const releaseField = ctx.config.servicenow.releaseField;
    const renames = ctx.rule?.columns ?? {};
    // Own keys only: a field named "constructor" or "valueOf" is no rename of the object's prototype.
    const cols = resolveColumns(keys.map((k) => (Object.hasOwn(renames, k) ? renames[k]! : k)), releaseField ? [releaseField] : []);
    if (!cols.fields.has('number')) {
      throw new IngestError({ file: ctx.path, field: 'number', message: `no record has a number field; found: ${keys.join(', ')}`, expected: 'ServiceNow records with a number' });
    }
    warnColumns(ctx, cols, 'fields');
    const fields = [...cols.fields.keys()];
    const raw = function* (): Generator<RawRecord> {
      for (const r of records) {
        const values: RawRecord['values'] = {};
        if (isObject(r.value)) for (const [field, i] of cols.fields) values[field] = snText(r.value[keys[i]!]);
        yield { pointer: r.pointer, values };
      }
    };
    const table = await stageRecords(ctx, fields, raw());
    const columns = new Map<string, SnColumn>([...cols.fields].map(([field, i]) => [field, { sql: quoteIdent(field), column: keys[i]! }]));
    const result = await mapServiceNow(ctx, { from: table, pointer: '_pointer', seq: '_seq', columns });
    return { records: records.length, results: [result] };
  },
};
