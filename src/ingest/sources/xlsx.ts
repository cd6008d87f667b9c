// Excel workbooks (.xlsx): each sheet is a table (its first row the header) that goes through the same
// detection and adapters as a CSV export — ServiceNow's "Export → Excel", a Jira export saved from
// Excel, canonical files kept in a spreadsheet. The sheet is written as a temporary UTF-8 CSV whose
// rows keep their spreadsheet row numbers as lines.
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/node';
import { ENTITIES } from '../../model/catalog.ts';
import { quoteIdent as q } from '../../db/schema.ts';
import { lit } from '../../db/duckdb.ts';
import { IngestError } from '../errors.ts';
import { csvProbe, pickAdapter } from '../detect.ts';
import type { Adapter, LoadResult } from '../adapter.ts';
import type { FileContext } from '../context.ts';
import type { MapResult } from '../map/mapper.ts';
import { pointer } from './json-values.ts';
import { sheetTable, type SheetTable, type XlsxCell } from './xlsx-cells.ts';

/** Largest workbook read: it is unpacked in memory. */
const MAX_XLSX_BYTES = 256 << 20;

/** OLE2 compound files: a legacy .xls, or an .xlsx that Office encrypted with a password. */
const OLE_SIGNATURE = Buffer.from('d0cf11e0a1b11ae1', 'hex');
const ENCRYPTED_STREAM = Buffer.from('EncryptedPackage', 'utf16le');

function unreadable(ctx: FileContext, message: string, expected = 'an Excel workbook (.xlsx) saved by Excel or another spreadsheet program'): IngestError {
  return new IngestError({ file: ctx.path, message, expected });
}

async function readSheets(ctx: FileContext): Promise<Array<{ sheet: string; data: XlsxCell[][] }>> {
  const size = fs.statSync(ctx.file).size;
  if (size > MAX_XLSX_BYTES) throw unreadable(ctx, `the workbook is ${size} bytes`, `workbooks under ${MAX_XLSX_BYTES} bytes (export as CSV instead)`);
  const bytes = fs.readFileSync(ctx.file);
  if (bytes.subarray(0, OLE_SIGNATURE.length).equals(OLE_SIGNATURE)) {
    throw bytes.includes(ENCRYPTED_STREAM)
      ? unreadable(ctx, 'the workbook is encrypted (protected with a password to open)', 'a workbook saved without a password')
      : unreadable(ctx, 'this is a legacy Excel 97–2003 workbook (.xls) with an .xlsx name', 'a workbook saved as Excel Workbook (.xlsx), or as CSV');
  }
  let sheets: Awaited<ReturnType<typeof readXlsxFile<{ number: string }>>>;
  try {
    // Numbers come as their stored text, so that they are written as Excel shows them (xlsx-cells.ts).
    sheets = await readXlsxFile<{ number: string }>(bytes, { parseNumber: (text) => ({ number: text }) });
  } catch (err) {
    throw unreadable(ctx, `not a readable .xlsx workbook: ${(err as Error).message.split('\n')[0]}`);
  }
  // A damaged sheet part can come back without rows instead of failing (found by the property tests).
  const damaged = sheets.find((s) => !Array.isArray(s.data));
  if (damaged) throw unreadable(ctx, `the sheet ${JSON.stringify(damaged.sheet)} is unreadable: a part of the workbook is missing or damaged`);
  return sheets.map((s) => ({ sheet: s.sheet, data: s.data as unknown as XlsxCell[][] }));
}

/** `lines[k]` is the spreadsheet row of CSV row k, which the scan would put on line k + 2. */
function lineJumps(lines: readonly number[]): Array<[number, number]> {
  const jumps: Array<[number, number]> = [];
  let offset = 0;
  lines.forEach((line, k) => {
    if (line - k - 2 !== offset) {
      offset = line - k - 2;
      jumps.push([k, offset]);
    }
  });
  return jumps;
}

/** In a workbook of several sheets, each row and reject of this sheet names it as its pointer. */
async function tagSheet(ctx: FileContext, results: readonly MapResult[], sheet: string): Promise<void> {
  const at = lit(pointer(sheet));
  for (const table of new Set(results.map((r) => `stg_${ENTITIES[r.entity].table}`))) {
    await ctx.db.run(`UPDATE ${q(table)} SET source_pointer = ${at} WHERE source_file = ${lit(ctx.path)} AND source_pointer IS NULL`);
  }
  await ctx.db.run(`UPDATE rejects SET pointer = ${at} WHERE path = ${lit(ctx.path)} AND pointer IS NULL`);
}

interface Sheet {
  name: string;
  table: SheetTable;
}

/**
 * Reads one sheet through the adapter its columns call for. In a workbook of several sheets, errors and
 * warnings name the sheet, and a sheet no adapter recognises is returned as unread.
 */
async function loadSheet(ctx: FileContext, { name, table }: Sheet, several: boolean): Promise<LoadResult | { unread: IngestError }> {
  const file = path.join(ctx.tmpDir, `${ctx.tempName('sheet')}.csv`);
  fs.writeFileSync(file, `${Papa.unparse([table.header, ...table.rows], { newline: '\n' })}\n`);
  const named = (text: string) => (several ? `sheet ${JSON.stringify(name)}: ${text}` : text);
  const located = (err: unknown) => (several && err instanceof IngestError ? new IngestError({ ...err.location, message: named(err.location.message ?? 'cannot be read') }) : err);
  const sheetCtx: FileContext = { ...ctx, file, warn: (code, message, count) => ctx.warn(code, named(message), count) };
  try {
    const probe = csvProbe(sheetCtx, ',');
    probe.scan.lineJumps = lineJumps(table.lines);
    let adapter: Adapter;
    try {
      adapter = pickAdapter(sheetCtx, probe);
    } catch (err) {
      if (several && err instanceof IngestError) return { unread: located(err) as IngestError };
      throw err;
    }
    const result = await adapter.load({ ...sheetCtx, adapter: adapter.id }, probe);
    if (several) await tagSheet(ctx, result.results, name);
    return result;
  } catch (err) {
    throw located(err);
  } finally {
    fs.rmSync(file, { force: true });
  }
}

export const xlsxWorkbook: Adapter = {
  id: 'xlsx',
  title: 'Excel workbook (.xlsx): each sheet read as a CSV export by the adapter of its columns',
  kind: 'xlsx',
  signature: 'a file named *.xlsx',
  detect(_file, probe) {
    return probe.kind === 'xlsx' ? 1 : 0;
  },
  async load(ctx) {
    const sheets = (await readSheets(ctx)).flatMap(({ sheet, data }) => {
      const table = sheetTable(data);
      return table ? [{ name: sheet, table }] : [];
    });
    if (sheets.length === 0) {
      ctx.warn('empty', 'the workbook holds no data');
      return { records: 0, results: [] };
    }
    let records = 0;
    const results: MapResult[] = [];
    const unread: Array<{ sheet: Sheet; error: IngestError }> = [];
    for (const sheet of sheets) {
      const loaded = await loadSheet(ctx, sheet, sheets.length > 1);
      if ('unread' in loaded) {
        unread.push({ sheet, error: loaded.unread });
        continue;
      }
      records += loaded.records;
      results.push(...loaded.results);
    }
    // A sheet beside the data (notes, a pivot) is left out and named; a workbook of such sheets alone is an error.
    if (unread.length === sheets.length) throw unread[0]!.error;
    for (const { sheet } of unread) {
      const columns = sheet.table.header.slice(0, 10).join(', ');
      ctx.warn('unread-sheet', `sheet ${JSON.stringify(sheet.name)} (columns: ${columns}${sheet.table.header.length > 10 ? ', …' : ''}) is no export format this tool reads: it is left out`);
    }
    return { records, results };
  },
};
