// Format detection: every adapter rates the file (name, header, JSON shape); the most confident wins.
// A file nobody recognises is an error that names what was found and what was tried.
import fs from 'node:fs';
import { IngestError } from './errors.ts';
import { probeCsv } from './stage/csv.ts';
import type { Adapter, CsvProbe, FileInfo, JsonProbe, Probe } from './adapter.ts';
import type { FileContext } from './context.ts';
import { ADAPTERS } from './sources/index.ts';

/** Extensions read as exports; other files in an input folder (READMEs, PROVENANCE.md) are skipped. */
export const DATA_EXTENSIONS = ['.csv', '.tsv', '.txt', '.json', '.xlsx'];

/** Largest JSON document read whole; bigger JSON exports must be split (or exported as CSV). */
const MAX_JSON_BYTES = 512 << 20;

/**
 * Deepest nesting of a JSON document: no export nests more than a few dozen levels, and the
 * recursive code that reads one (shape descriptions, adapters) would overflow the stack on a
 * document nested 10,000 deep, which JSON.parse itself accepts.
 */
const MAX_JSON_DEPTH = 256;

/** Most columns a CSV header may have (Excel's own limit): a longer header is not an export. */
const MAX_CSV_COLUMNS = 16384;

/** The pointer to the first value nested deeper than MAX_JSON_DEPTH, if any; iterative, so any depth is safe. */
function tooDeep(root: unknown): string | null {
  interface Node { value: object; key: string; parent: Node | null; depth: number }
  const stack: Node[] = root && typeof root === 'object' ? [{ value: root, key: '', parent: null, depth: 0 }] : [];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.depth > MAX_JSON_DEPTH) {
      const keys: string[] = [];
      for (let n: Node | null = node; n?.parent; n = n.parent) keys.push(n.key.replace(/~/g, '~0').replace(/\//g, '~1'));
      return '/' + keys.reverse().join('/');
    }
    for (const [key, value] of Object.entries(node.value)) {
      if (value && typeof value === 'object') stack.push({ value, key, parent: node, depth: node.depth + 1 });
    }
  }
  return null;
}

/** JSON text: UTF-8 (a BOM dropped), or UTF-16 when a byte order mark says so (PowerShell's Out-File). */
function jsonText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

function jsonShape(value: unknown, depth = 0): string {
  if (Array.isArray(value)) return value.length ? `[${jsonShape(value[0], depth + 1)}, …]` : '[]';
  if (value && typeof value === 'object') {
    if (depth > 1) return '{…}';
    const keys = Object.keys(value).slice(0, 8);
    return `{${keys.map((k) => `${k}: ${jsonShape((value as Record<string, unknown>)[k], depth + 1)}`).join(', ')}${Object.keys(value).length > 8 ? ', …' : ''}}`;
  }
  return value === null ? 'null' : typeof value;
}

function jsonPosition(text: string, message: string): { line: number; column: number } | null {
  const m = /position (\d+)/.exec(message);
  // A cut file: V8 names no position, but what is missing is missing where the text stops.
  const pos = m ? Number(m[1]) : /end of JSON input/.test(message) ? text.length : null;
  if (pos === null) return null;
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  return { line, column: pos - before.lastIndexOf('\n') };
}

/** What V8's "Unexpected end of JSON input" means here, in the user's words. */
function endedEarly(text: string, message: string): string {
  if (!/end of JSON input/.test(message)) return '';
  return text.trim() ? ': the file ends before the document does (cut short?)' : ': the file is empty';
}

export function readJson(ctx: Pick<FileContext, 'file' | 'path'>): unknown {
  const size = fs.statSync(ctx.file).size;
  if (size > MAX_JSON_BYTES) {
    throw new IngestError({ file: ctx.path, message: `the JSON file is ${size} bytes`, expected: `JSON files under ${MAX_JSON_BYTES} bytes (split the export)` });
  }
  const text = jsonText(fs.readFileSync(ctx.file));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const msg = (err as Error).message;
    const pos = jsonPosition(text, msg);
    throw new IngestError({
      file: ctx.path,
      line: pos?.line,
      // Newer Node versions already name the line and column in the message.
      message: `not valid JSON: ${msg}${pos && !/column \d/.test(msg) ? ` (column ${pos.column})` : ''}${endedEarly(text, msg)}`,
      expected: 'a complete JSON document',
    });
  }
  const deep = tooDeep(json);
  if (deep !== null) {
    const shown = deep.length > 80 ? `${deep.slice(0, 80)}…` : deep;
    throw new IngestError({ file: ctx.path, pointer: shown, message: `nested more than ${MAX_JSON_DEPTH} levels deep`, expected: `JSON nested at most ${MAX_JSON_DEPTH} levels` });
  }
  return json;
}

/** The header (and structure) of the CSV file `ctx.file`, with the config's column renames applied. */
export function csvProbe(ctx: FileContext, delimiter = ctx.rule?.delimiter): CsvProbe {
  const { text, scan } = probeCsv(ctx, delimiter);
  // Said here, before any adapter reads the header: "missing column; found: (nothing)" would hide
  // that the file is empty, and a header of a million cells would be copied into every message.
  if (scan.header.length <= 1 && !scan.header[0]) {
    throw new IngestError({ file: ctx.path, line: 1, message: 'the file is empty (no header line)', expected: 'a header line naming the columns, then one record per line' });
  }
  if (scan.header.length > MAX_CSV_COLUMNS) {
    throw new IngestError({ file: ctx.path, line: 1, message: `the header has ${scan.header.length} columns`, expected: `at most ${MAX_CSV_COLUMNS} columns (is the delimiter right?)` });
  }
  // Own keys only: a header cell named "constructor" or "valueOf" is no rename of the object's prototype.
  const renames = ctx.rule?.columns ?? {};
  return { kind: 'csv', text, scan, header: scan.header.map((h) => (Object.hasOwn(renames, h) ? renames[h]! : h)) };
}

/** The adapter the config's rule forces on the file, if any. */
function forcedAdapter(ctx: FileContext): Adapter | null {
  const forced = ctx.rule?.adapter;
  if (!forced) return null;
  const adapter = ADAPTERS.find((a) => a.id === forced || (forced.startsWith('canonical:') && a.id === 'canonical-csv'));
  if (!adapter) {
    throw new IngestError({ file: ctx.path, message: `the config forces adapter ${JSON.stringify(forced)}, which does not exist`, expected: `one of ${ADAPTERS.map((a) => a.id).join(', ')}, or canonical:<entity>` });
  }
  return adapter;
}

const fileInfo = (ctx: FileContext): FileInfo => ({ name: ctx.path.split('/').pop()!.toLowerCase(), path: ctx.path });

/** The adapter of a probed table: the one the config forces, else the most confident. */
export function pickAdapter(ctx: FileContext, probe: CsvProbe | JsonProbe, subject?: string): Adapter {
  return forcedAdapter(ctx) ?? chooseAdapter(ctx.path, fileInfo(ctx), probe, subject);
}

/** Files detect() probes as CSV text: every export that is not a workbook or JSON. */
export const probedAsCsv = (file: string): boolean => !/\.(xlsx|json)$/i.test(file);

/**
 * Probes the file (reads its header or parses its JSON) and picks the adapter. A workbook's sheets are
 * probed one by one when it loads; a forced adapter then applies to each sheet.
 */
export function detect(ctx: FileContext): { adapter: Adapter; probe: Probe } {
  const lower = ctx.file.toLowerCase();
  if (lower.endsWith('.xlsx')) {
    const probe: Probe = { kind: 'xlsx' };
    return { adapter: chooseAdapter(ctx.path, fileInfo(ctx), probe), probe };
  }
  const probe = probedAsCsv(lower) ? csvProbe(ctx) : { kind: 'json' as const, json: readJson(ctx) };
  return { adapter: pickAdapter(ctx, probe), probe };
}

function describeProbe(probe: Probe): string {
  if (probe.kind === 'csv') return `columns: ${probe.header.slice(0, 30).join(', ')}${probe.header.length > 30 ? ', …' : ''}`;
  return probe.kind === 'json' ? `JSON shape: ${jsonShape(probe.json)}` : 'an Excel workbook';
}

/**
 * The adapter most confident that it reads `probe`; none is an error naming what was found and what
 * was tried. `subject` says what was probed when it is not the file itself (a wrapped payload).
 */
export function chooseAdapter(file: string, info: FileInfo, probe: Probe, subject?: string): Adapter {
  let best: Adapter | null = null;
  let bestScore = 0;
  for (const a of ADAPTERS) {
    if (a.kind !== probe.kind) continue;
    const s = a.detect(info, probe);
    if (s > bestScore) {
      best = a;
      bestScore = s;
    }
  }
  if (!best) {
    const found = describeProbe(probe);
    const tried = ADAPTERS.filter((a) => a.kind === probe.kind).map((a) => `${a.title} (${a.signature})`).join('; ');
    throw new IngestError({ file, message: `${subject ? `${subject}: ` : ''}format not recognised; found ${found}; tried: ${tried}`, expected: 'an export of a supported tool, or a canonical CSV file (name an adapter in the config to force one)' });
  }
  return best;
}
