// Stages records that an adapter extracted in JavaScript (from JSON exports) as a DuckDB table of
// text columns, through a newline-delimited JSON file read by DuckDB's own reader.
import fs from 'node:fs';
import path from 'node:path';
import { lit } from '../../db/duckdb.ts';
import type { FileContext } from '../context.ts';

export type RawValue = string | number | boolean | null | undefined | readonly (string | null | undefined)[];

export interface RawRecord {
  /** JSON pointer of the record in its file. */
  pointer: string;
  values: Record<string, RawValue>;
}

/**
 * A value as text DuckDB can read. A lone UTF-16 surrogate (an emoji an API cut in half) is valid JSON,
 * but no UTF-8: DuckDB's reader would refuse the whole file for it. It reads as U+FFFD, as a byte that
 * is not UTF-8 would.
 */
const text = (v: unknown): string => String(v).toWellFormed();

/**
 * Writes `records` to a temp table with one VARCHAR (or VARCHAR[] for `lists`) column per field,
 * plus `_pointer` and `_seq` (the record's order). Returns the table name.
 */
export async function stageRecords(
  ctx: FileContext,
  fields: readonly string[],
  records: Iterable<RawRecord>,
  lists: readonly string[] = [],
): Promise<string> {
  const listSet = new Set(lists);
  const tmp = path.join(ctx.tmpDir, `${ctx.tempName('records')}.ndjson`);
  const fd = fs.openSync(tmp, 'w');
  let seq = 0;
  let longest = 0;
  let chunk: string[] = [];
  const flush = () => {
    if (chunk.length) fs.writeSync(fd, chunk.join(''));
    chunk = [];
  };
  try {
    for (const r of records) {
      const row: Record<string, unknown> = { _pointer: text(r.pointer), _seq: seq++ };
      for (const f of fields) {
        const v = r.values[f];
        if (v === null || v === undefined) row[f] = null;
        else if (listSet.has(f)) row[f] = (Array.isArray(v) ? v : [v]).filter((x) => x !== null && x !== undefined).map(text);
        else row[f] = text(Array.isArray(v) ? v.join(';') : v);
      }
      const line = JSON.stringify(row) + '\n';
      longest = Math.max(longest, line.length);
      chunk.push(line);
      if (chunk.length >= 10000) flush();
    }
    flush();
  } finally {
    fs.closeSync(fd);
  }
  const table = ctx.tempName('json');
  const columns = [`'_pointer': 'VARCHAR'`, `'_seq': 'BIGINT'`, ...fields.map((f) => `${lit(f)}: '${listSet.has(f) ? 'VARCHAR[]' : 'VARCHAR'}'`)];
  // DuckDB reserves buffers of this size per thread: as big as the longest record needs (UTF-16 length ×
  // 3 bounds its UTF-8 bytes), not a fixed size that alone would exhaust its memory limit.
  const maxObject = Math.max(longest * 3 + 1024, 1 << 20);
  if (seq === 0) {
    await ctx.db.run(`CREATE OR REPLACE TEMP TABLE ${table} AS SELECT * FROM (SELECT NULL::VARCHAR AS _pointer, NULL::BIGINT AS _seq, ${fields.map((f) => `NULL::${listSet.has(f) ? 'VARCHAR[]' : 'VARCHAR'} AS "${f}"`).join(', ')}) WHERE false`);
  } else {
    await ctx.db.run(
      `CREATE OR REPLACE TEMP TABLE ${table} AS SELECT * FROM read_json(${lit(tmp)}, format = 'newline_delimited', columns = {${columns.join(', ')}}, maximum_object_size = ${maxObject})`,
    );
  }
  fs.rmSync(tmp, { force: true });
  return table;
}
