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
  if (!m) return null;
  const pos = Number(m[1]);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  return { line, column: pos - before.lastIndexOf('\n') };
}

export function readJson(ctx: Pick<FileContext, 'file' | 'path'>): unknown {
  const size = fs.statSync(ctx.file).size;
  if (size > MAX_JSON_BYTES) {
    throw new IngestError({ file: ctx.path, message: `the JSON file is ${size} bytes`, expected: `JSON files under ${MAX_JSON_BYTES} bytes (split the export)` });
  }
  const text = fs.readFileSync(ctx.file, 'utf8').replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text);
  } catch (err) {
    const msg = (err as Error).message;
    const pos = jsonPosition(text, msg);
    throw new IngestError({
      file: ctx.path,
      line: pos?.line,
      message: `not valid JSON: ${msg}${pos ? ` (column ${pos.column})` : ''}`,
      expected: 'a complete JSON document',
    });
  }
}

/** The header (and structure) of the CSV file `ctx.file`, with the config's column renames applied. */
export function csvProbe(ctx: FileContext, delimiter = ctx.rule?.delimiter): CsvProbe {
  const { text, scan } = probeCsv(ctx, delimiter);
  const renames = ctx.rule?.columns ?? {};
  return { kind: 'csv', text, scan, header: scan.header.map((h) => renames[h] ?? h) };
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
  const probe = lower.endsWith('.json') ? { kind: 'json' as const, json: readJson(ctx) } : csvProbe(ctx);
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
