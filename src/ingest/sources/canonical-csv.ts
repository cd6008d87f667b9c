// The canonical CSV files of the contract (systems.csv, releases.csv, bookings.csv…): one per entity,
// for every tool without a native adapter.
import { ENTITIES, ENTITY_NAMES, entityColumns, type EntityName } from '../../model/catalog.ts';
import { IngestError } from '../errors.ts';
import { applyMapping, type FieldSource } from '../map/mapper.ts';
import type { ParseOptions } from '../map/convert.ts';
import { stageCsv, col } from '../stage/csv.ts';
import { fileDateFormats } from '../map/file-dates.ts';
import type { Adapter, CsvProbe, FileInfo } from '../adapter.ts';
import type { FileContext } from '../context.ts';

const CSV_ENTITIES = ENTITY_NAMES.filter((n) => ENTITIES[n].csvFile);

/** `releases.csv`, `releases-2026.csv`, `releases_q1.csv` (or `releases.xlsx`, saved from Excel) name the releases file. */
function entityFromName(name: string): EntityName | null {
  for (const n of CSV_ENTITIES) {
    const stem = ENTITIES[n].csvFile!.replace(/\.csv$/, '');
    if (new RegExp(`^${stem}([-_. ][^/]*)?\\.(csv|tsv|txt|xlsx)$`).test(name)) return n;
  }
  return null;
}

/** The entity whose fields best cover the header, when the name does not say. */
function entityFromHeader(header: readonly string[]): EntityName | null {
  let best: EntityName | null = null;
  let bestScore = 0;
  for (const n of CSV_ENTITIES) {
    const fields = new Set(entityColumns(n).map((c) => c.name));
    const known = header.filter((h) => fields.has(h)).length;
    const hasRequired = ENTITIES[n].csvRequired.every((r) => header.includes(r));
    const score = hasRequired ? known / header.length : 0;
    if (score > bestScore) {
      best = n;
      bestScore = score;
    }
  }
  return bestScore >= 0.8 ? best : null;
}

export function canonicalEntity(file: FileInfo, header: readonly string[], forced?: string): EntityName | null {
  if (forced) {
    const stem = forced.replace(/^canonical:/, '');
    return CSV_ENTITIES.find((n) => n === stem || ENTITIES[n].csvFile === `${stem}.csv`) ?? null;
  }
  return entityFromName(file.name) ?? entityFromHeader(header);
}

/** Fields whose format the contract fixes, whatever the file's other dates look like. */
const FIXED_FORMATS: Record<string, string[]> = { 'cost.month': ['%Y-%m', '%Y-%m-%d'] };

function parseFor(entity: EntityName, field: string, ctx: FileContext, dates: Pick<ParseOptions, 'formats' | 'usual'>): ParseOptions {
  const rule = ctx.rule;
  const opts: ParseOptions = { timeZone: rule?.timeZone ?? ctx.config.timeZone, unknown: 'reject', split: ';', ...dates };
  const values = rule?.values?.[field];
  if (values) opts.map = values;
  if ((entity === 'booking' || entity === 'freeze_window') && field === 'end') opts.inclusiveDayEnd = true;
  const fixed = FIXED_FORMATS[`${entity}.${field}`];
  if (fixed) {
    opts.formats = fixed;
    delete opts.usual;
  }
  return opts;
}

export const canonicalCsv: Adapter = {
  id: 'canonical-csv',
  title: 'canonical CSV file (CONTRACT.md)',
  kind: 'csv',
  signature: `a file named after its entity (${CSV_ENTITIES.map((n) => ENTITIES[n].csvFile).join(', ')}) or whose header is the entity's columns`,
  detect(file, probe) {
    if (probe.kind !== 'csv') return 0;
    if (entityFromName(file.name)) return 0.9;
    return entityFromHeader(probe.header) ? 0.6 : 0;
  },
  async load(ctx, probe) {
    const p = probe as CsvProbe;
    const entity = canonicalEntity({ name: ctx.path.split('/').pop()!.toLowerCase(), path: ctx.path }, p.header, ctx.rule?.adapter);
    if (!entity) throw new IngestError({ file: ctx.path, message: 'cannot tell which canonical entity this file holds', expected: canonicalCsv.signature });
    const def = ENTITIES[entity];
    const missing = def.csvRequired.filter((r) => !p.header.includes(r));
    if (missing.length) {
      throw new IngestError({
        file: ctx.path,
        line: 1,
        field: missing.join(', '),
        message: `missing required column${missing.length > 1 ? 's' : ''}; found: ${p.header.slice(0, 30).join(', ')}${p.header.length > 30 ? ', …' : ''}`,
        expected: `the columns of ${def.csvFile}: ${entityColumns(entity).map((c) => c.name).join(', ')}`,
      });
    }
    const staged = await stageCsv(ctx, p);
    // The contract says ISO dates, but a file saved from Excel often holds locale dates (3/1/2026):
    // read them with the detected format and say so, rather than reject every row.
    const dated = new Set(
      entityColumns(entity).filter((c) => (c.kind === 'date' || c.kind === 'instant') && !FIXED_FORMATS[`${entity}.${c.name}`]).map((c) => c.name),
    );
    const dateCols = p.header.flatMap((h, i) => (dated.has(h) ? [{ name: h, sql: col(i) }] : []));
    const dateFormats = await fileDateFormats(ctx, staged.values, dateCols, { expectIso: true });
    const fields: Record<string, FieldSource> = {};
    const known = new Set(entityColumns(entity).map((c) => c.name));
    const unknown: string[] = [];
    p.header.forEach((h, i) => {
      if (!known.has(h)) unknown.push(h || `column ${i + 1}`);
      else if (fields[h]) ctx.warn('duplicate-column', `column ${JSON.stringify(h)} appears twice; the first one is read`);
      else fields[h] = { sql: col(i), column: h, parse: parseFor(entity, h, ctx, dateFormats) };
    });
    if (unknown.length) ctx.warn('unknown-columns', `unknown column(s) kept out: ${unknown.join(', ')}`);
    const result = await applyMapping(ctx, {
      entity,
      from: staged.relation,
      fields,
      line: '_line',
      seq: '_row',
      required: def.csvRequired,
    });
    return { records: staged.records, results: [result] };
  },
};
