// Test helper for the parser property tests: runs the real ingest on generated exports and checks that
// it ends in the tool's own terms, and builds the broken exports it is run on (arbitrary bytes, and
// valid fixtures mutated byte by byte, cell by cell, or value by value inside their JSON).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { expect } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import type { Db } from '../../src/db/duckdb.ts';
import { detect } from '../../src/ingest/detect.ts';
import { IngestError } from '../../src/ingest/errors.ts';
import type { IngestSummary } from '../../src/ingest/pipeline.ts';
import { fileContext } from './context.ts';
import { FIXTURES, ingestFiles, tempDir, writeFixture } from './ingest.ts';

/** How the pipeline reports an exception that is not an IngestError (src/ingest/pipeline.ts): a crash in an adapter. */
const CRASH = /: could not be read: /;

/** A file, or a folder of files read together (a deployments list and its statuses), by name. */
export type Files = Record<string, Uint8Array | string>;

/**
 * Ingests `files` the way `almanac ingest` reads a folder, and checks that the run ended in the tool's
 * own terms: success, errors that name the file (from IngestError), or a thrown IngestError; never
 * another exception. Every reject is allowed, so that as many runs as possible reach finalize. Returns
 * the summary (null when the run threw an IngestError).
 */
export async function ingestOwnTerms(files: Files): Promise<IngestSummary | null> {
  const input = writeFixture(Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, Buffer.from(bytes)])));
  const dbDir = tempDir('almanac-fuzz-db-');
  try {
    let summary: IngestSummary;
    try {
      ({ summary } = await ingestFiles([input], { db: path.join(dbDir, 'almanac.duckdb'), maxRejectRatio: 1 }));
    } catch (err) {
      if (err instanceof IngestError) return null;
      throw err;
    }
    expect(summary.errors.filter((e) => CRASH.test(e))).toEqual([]);
    expect(summary.ok).toBe(summary.errors.length === 0);
    for (const e of summary.errors) expect(Object.keys(files).some((name) => e.includes(name)), e).toBe(true);
    return summary;
  } finally {
    fs.rmSync(input, { recursive: true, force: true });
    fs.rmSync(dbDir, { recursive: true, force: true });
  }
}

/** An export to break: its files (a GitHub deployments list is read with its statuses), and the one that gets broken. */
export interface Seed {
  files: Files;
  target: string;
}

export const seedOf = (name: string, bytes: Uint8Array): Seed => ({ files: { [name]: bytes }, target: name });

/**
 * Up to three copies of `seeds` broken by `broken`, each in a folder of its own: one ingest reads them
 * all (which keeps the runs fast), and files broken alike meet in finalize.
 */
export function brokenSeeds(seeds: readonly Seed[], broken: (bytes: Uint8Array) => fc.Arbitrary<Uint8Array>): fc.Arbitrary<Files> {
  const copy = fc.constantFrom(...seeds).chain((s) => broken(Buffer.from(s.files[s.target]!)).map((b) => ({ ...s.files, [s.target]: b })));
  return fc.array(copy, { minLength: 1, maxLength: 3 }).map((copies) =>
    Object.fromEntries(copies.flatMap((files, i) => Object.entries(files).map(([name, bytes]) => [`${i}/${name}`, bytes]))));
}

/** The adapter detection picks for a seed's target file. */
function adapterOf(db: Db, seed: Seed): string {
  const dir = writeFixture({ [seed.target]: Buffer.from(seed.files[seed.target]!) });
  const ctx = fileContext(db, path.join(dir, seed.target));
  try {
    return detect(ctx).adapter.id;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(ctx.tmpDir, { recursive: true, force: true });
  }
}

/** Each seed is detected as the adapter it is listed under: a seed read by another adapter would test that one. */
export function expectSeedsDetected(db: Db, seeds: Record<string, readonly Seed[]>): void {
  for (const [adapter, list] of Object.entries(seeds)) {
    for (const s of list) expect(adapterOf(db, s), s.target).toBe(adapter);
  }
}

/** A fixture's bytes. */
export const fixture = (rel: string): Buffer => fs.readFileSync(path.join(FIXTURES, rel));

/** The first `lines` lines of a fixture (a large real export cut down, so that each run stays fast). */
export const fixtureHead = (rel: string, lines: number): Buffer => Buffer.from(fixture(rel).toString('utf8').split('\n').slice(0, lines).join('\n') + '\n');

/** What breaks parsers: quotes, delimiters, line ends, NUL, BOMs, bytes that are not UTF-8, JSON and XML syntax. */
const NASTY = ['"', '""', ',', ';', '\t', '|', '\n', '\r', '\r\n', '\0', '\\', '\uFEFF', '{', '}', '[', ']', ':', '<', '>', '&', '&#0;', ']]>', '\u2028', '\uFFFD', '=', '-', '+', '@']
  .map((s) => Buffer.from(s, 'utf8'))
  .concat([Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from([0xe2, 0x82]), Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff]), Buffer.from([0xef, 0xbb, 0xbf])]);

type ByteMutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number };

const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.oneof(fc.constantFrom(...NASTY), fc.uint8Array({ minLength: 1, maxLength: 8 })) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
);

function applyBytes(seed: Uint8Array, mutations: readonly ByteMutation[]): Uint8Array {
  let b = Buffer.from(seed);
  for (const m of mutations) {
    const at = m.at % (b.length + 1);
    if (m.kind === 'truncate') b = b.subarray(0, at);
    else if (m.kind === 'flip' && at < b.length) b[at] = m.byte;
    else if (m.kind === 'insert') b = Buffer.concat([b.subarray(0, at), m.bytes, b.subarray(at)]);
    else if (m.kind === 'delete') b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.length)]);
  }
  return b;
}

/** `seed` truncated, with bytes flipped, deleted, or inserted (quotes, delimiters, NULs, broken UTF-8…). */
export const mutatedBytes = (seed: Uint8Array): fc.Arbitrary<Uint8Array> =>
  fc.array(byteMutation, { minLength: 1, maxLength: 5 }).map((ms) => applyBytes(seed, ms));

/** Arbitrary bytes, sometimes behind a byte order mark (which switches the decoder). */
export const anyBytes: fc.Arbitrary<Uint8Array> = fc
  .tuple(fc.constantFrom([], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]), fc.uint8Array({ maxLength: 2048 }))
  .map(([bom, bytes]) => Uint8Array.from([...bom, ...bytes]));

/**
 * Text written by hostile or careless users: markup, formula starters, quotes and delimiters, line ends,
 * unicode (combining marks, right-to-left, emoji, the line separator), and plain arbitrary strings.
 */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '=HYPERLINK("http://x","y")', '+1+2', '-2+3', '@SUM(A1)',
    'a,b;c|d\te', 'say "hi"', '""', "O'Brien", 'line 1\nline 2', '  padded  ', 'ünïcödé ✓ 🚀', 'עברית', 'e\u0301', 'x\u2028y', '\\N', 'NULL',
    '1e309', 'NaN', '-0', '2026-02-30', '29/Feb/23 10:00', '0x10', '١٢٣',
  ),
  fc.string({ maxLength: 24, unit: 'grapheme' }),
  fc.string({ maxLength: 12, unit: fc.constantFrom('"', ',', ';', '\n', '\r', ' ', 'a', '=', '<', '&', '\t') }),
);

/** A CSV fixture with some of its cells (the header's included) replaced by hostile text, written back as valid CSV. */
export function mutatedCells(seed: Uint8Array): fc.Arbitrary<Uint8Array> {
  const rows = Papa.parse<string[]>(Buffer.from(seed).toString('utf8'), { skipEmptyLines: true }).data;
  return fc.array(fc.tuple(fc.nat(), fc.nat(), hostileText), { minLength: 1, maxLength: 8 }).map((edits) => {
    const copy = rows.map((r) => [...r]);
    for (const [r, c, text] of edits) {
      const row = copy[r % copy.length]!;
      row[c % row.length] = text;
    }
    return Buffer.from(`${Papa.unparse(copy, { newline: '\n' })}\n`);
  });
}

type JsonPath = Array<string | number>;

function jsonPaths(value: unknown, at: JsonPath = [], out: JsonPath[] = []): JsonPath[] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => jsonPaths(v, [...at, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) jsonPaths(v, [...at, k], out);
  return out;
}

/** Values that tend to break readers of JSON exports: wrong types, impossible dates, huge and odd numbers. */
const oddJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  hostileText,
  fc.constantFrom(null, true, false, 0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.1, -0.5, 1e-320, '', [], {}, [null], { id: null }, '2026-02-30T10:00:00Z',
    '9999-12-31T23:59:59Z', '1970-01-01T00:00:00Z', '2026-03-01T10:00:00+25:00', '1700000000000', 'not a date',
    // Lone surrogates: valid JSON (escaped), but no UTF-8 text.
    '\ud800', 'a\udfffb'),
);

type JsonMutation = { kind: 'replace' | 'delete' | 'duplicate'; at: number; value: unknown };

function applyJson(doc: unknown, mutations: readonly JsonMutation[]): unknown {
  let root = structuredClone(doc);
  for (const m of mutations) {
    const paths = jsonPaths(root);
    const target = paths[m.at % paths.length]!;
    if (target.length === 0) {
      if (m.kind === 'replace') root = m.value;
      continue;
    }
    type Node = Record<string | number, unknown>;
    const parent = target.slice(0, -1).reduce<unknown>((v, k) => (v as Node)[k], root) as Node | unknown[];
    const key = target[target.length - 1]!;
    if (m.kind === 'replace') (parent as Node)[key] = structuredClone(m.value);
    else if (Array.isArray(parent)) parent.splice(Number(key), m.kind === 'delete' ? 1 : 0, ...(m.kind === 'duplicate' ? [structuredClone(parent[Number(key)])] : []));
    else if (m.kind === 'delete') delete parent[key];
  }
  return root;
}

/** A JSON fixture with values replaced (by other types, odd values, hostile text), deleted or repeated: still valid JSON. */
export function mutatedJson(seed: Uint8Array): fc.Arbitrary<Uint8Array> {
  const doc: unknown = JSON.parse(Buffer.from(seed).toString('utf8').replace(/^\uFEFF/, ''));
  const mutation = fc.record({ kind: fc.constantFrom('replace' as const, 'delete' as const, 'duplicate' as const), at: fc.nat(), value: oddJson });
  return fc.array(mutation, { minLength: 1, maxLength: 6 }).map((ms) => Buffer.from(JSON.stringify(applyJson(doc, ms))));
}

/** The entries of a zip archive (an .xlsx workbook), inflated. Enough of the format for the fixtures. */
export function unzip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const entries = new Map<string, Buffer>();
  let p = zip.readUInt32LE(end + 16);
  for (let i = zip.readUInt16LE(end + 10); i > 0; i--) {
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const local = zip.readUInt32LE(p + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    entries.set(zip.toString('utf8', p + 46, p + 46 + nameLength), method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data));
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return entries;
}

/** A zip archive of `entries`, deflated, as spreadsheet programs write workbooks. */
export function zip(entries: ReadonlyMap<string, Uint8Array>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const packed = zlib.deflateRawSync(data);
    const n = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, packed);
    centrals.push(central, n);
    offset += local.length + n.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.size, 8);
  end.writeUInt16LE(entries.size, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
