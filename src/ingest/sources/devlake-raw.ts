// Apache DevLake raw tables (`_raw_<plugin>_api_<what>`, exported as CSV `id,params,data,url,input,
// created_at`): each row holds one API response in `data`. The payloads are unwrapped into the JSON
// array they came from and read by the adapter of that API's format; each record's provenance is then
// put back on its CSV line, with the pointer inside that line's payload.
import { quoteIdent as q } from '../../db/schema.ts';
import { lit } from '../../db/duckdb.ts';
import { ENTITIES } from '../../model/catalog.ts';
import { IngestError } from '../errors.ts';
import { chooseAdapter } from '../detect.ts';
import { col, stageCsv } from '../stage/csv.ts';
import type { Adapter, CsvProbe, JsonProbe } from '../adapter.ts';
import type { FileContext } from '../context.ts';
import type { MapResult } from '../map/mapper.ts';

const HEADER = ['id', 'params', 'data', 'url', 'input', 'created_at'];

const isRawHeader = (header: readonly string[]) => header.length === HEADER.length && header.every((h, i) => h.trim().toLowerCase() === HEADER[i]);

interface Payloads {
  json: unknown[];
  /** CSV line of each payload. */
  lines: number[];
}

/** Parses each row's `data`; a row that holds no JSON is a reject naming its line. */
async function readPayloads(ctx: FileContext, relation: string, dataColumn: string): Promise<Payloads> {
  const rows = await ctx.db.all<{ line: number; data: string | null }>(`SELECT _line AS line, ${dataColumn} AS data FROM ${relation} ORDER BY _row`);
  const out: Payloads = { json: [], lines: [] };
  for (const row of rows) {
    try {
      if (row.data === null || row.data.trim() === '') throw new Error('the cell is empty');
      out.json.push(JSON.parse(row.data));
      out.lines.push(row.line);
    } catch (err) {
      await ctx.db.run('INSERT INTO rejects VALUES (?, ?, NULL, NULL, ?, ?, ?)', [
        ctx.path, row.line, 'data', (row.data ?? '').slice(0, 200), `one API response as JSON (${(err as Error).message})`,
      ]);
    }
  }
  return out;
}

/** Pointers of the unwrapped array (`/<row>/…`) → the row's CSV line and the pointer inside its payload. */
async function relocate(ctx: FileContext, results: readonly MapResult[], lines: readonly number[]): Promise<void> {
  const map = ctx.tempName('lines');
  await ctx.db.run(`CREATE OR REPLACE TEMP TABLE ${map} (k INTEGER, line INTEGER)`);
  const appender = await ctx.db.conn.createAppender(map, 'main', 'temp');
  for (const [k, line] of lines.entries()) {
    appender.appendInteger(k);
    appender.appendInteger(line);
    appender.endRow();
  }
  appender.closeSync();
  const index = (p: string) => `TRY_CAST(regexp_extract(${p}, '^/([0-9]+)', 1) AS INTEGER)`;
  const rest = (p: string) => `nullif(regexp_replace(${p}, '^/[0-9]+', ''), '')`;
  for (const table of new Set(results.map((r) => `stg_${ENTITIES[r.entity].table}`))) {
    await ctx.db.run(
      `UPDATE ${q(table)} SET source_line = m.line, source_pointer = ${rest('source_pointer')}
       FROM ${map} m WHERE source_file = ${lit(ctx.path)} AND m.k = ${index('source_pointer')}`,
    );
  }
  await ctx.db.run(
    `UPDATE rejects SET line = m.line, pointer = ${rest('pointer')}
     FROM ${map} m WHERE path = ${lit(ctx.path)} AND rejects.line IS NULL AND m.k = ${index('pointer')}`,
  );
}

/** An error the payload's adapter raised at `/<row>/…`, moved to the row's line. */
function relocated(ctx: FileContext, err: IngestError, lines: readonly number[]): IngestError {
  const { file, pointer } = err.location;
  const m = /^\/(\d+)(.*)$/.exec(pointer ?? '');
  const line = m ? lines[Number(m[1])] : undefined;
  if (file !== ctx.path || line === undefined) return err;
  return new IngestError({ ...err.location, line, pointer: m![2] || undefined });
}

export const devlakeRaw: Adapter = {
  id: 'devlake-raw',
  title: 'Apache DevLake raw table (one API response per row, read by the adapter of its API)',
  kind: 'csv',
  signature: `the header ${HEADER.join(',')}`,
  detect(_file, probe) {
    return probe.kind === 'csv' && isRawHeader(probe.header) ? 0.95 : 0;
  },
  async load(ctx, probe) {
    const staged = await stageCsv(ctx, probe as CsvProbe);
    const payloads = await readPayloads(ctx, staged.relation, col(HEADER.indexOf('data')));
    if (payloads.json.length === 0) {
      if (staged.records === 0) ctx.warn('empty', 'the table holds no rows');
      return { records: staged.records, results: [] };
    }
    const json: JsonProbe = { kind: 'json', json: payloads.json };
    const name = ctx.path.split('/').pop()!.toLowerCase();
    const inner = chooseAdapter(ctx.path, { name, path: ctx.path }, json, 'the API responses in its data column');
    // The rows are the payload adapter's: duplicates of the same records in its own exports are then one tool's copies.
    const innerCtx: FileContext = { ...ctx, adapter: inner.id };
    let results: MapResult[];
    try {
      results = (await inner.load(innerCtx, json)).results;
    } catch (err) {
      throw err instanceof IngestError ? relocated(ctx, err, payloads.lines) : err;
    }
    await relocate(ctx, results, payloads.lines);
    return { records: staged.records, results };
  },
};
