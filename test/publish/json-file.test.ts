// writeJsonFile writes, piece by piece, the bytes JSON.stringify would: for any JSON-like value, any
// indentation and any depth it splits to, and for what JSON.stringify treats specially; an object
// written member by member (openJsonObject) is the same text.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { openJsonObject, writeJsonFile } from '../../src/publish/json-file.ts';
import { tempDir } from '../helpers/ingest.ts';

const file = path.join(tempDir(), 'value.json');
const written = (value: unknown, indent: number, split: number) => {
  writeJsonFile(file, value, { indent, split });
  return fs.readFileSync(file, 'utf8');
};

it('writes what JSON.stringify writes, for any value, indentation and split depth', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 4 }), (value, indent, split) => {
      expect(written(value, indent, split)).toBe(JSON.stringify(value, null, indent));
    }),
    { numRuns: 300 },
  );
});

it('keeps JSON.stringify rules for dates, toJSON, undefined, functions and text with line breaks', () => {
  const value = {
    when: new Date(Date.UTC(2026, 9, 15)),
    custom: { toJSON: () => 'custom' },
    skipped: undefined,
    fn: () => 1,
    list: [undefined, () => 1, 'two\nlines', { a: undefined, b: [] }, {}],
    nested: { deeper: { deepest: [1, { x: 'y' }] } },
  };
  for (const indent of [0, 1, 2]) for (const split of [1, 3, 6]) expect(written(value, indent, split)).toBe(JSON.stringify(value, null, indent));
});

it('writes a value larger than one write in several pieces, the same bytes', () => {
  const rows = Array.from({ length: 30_000 }, (_, i) => ({ metric: 'm', scope_id: `id-${i}`, value: i / 7, detail: i % 3 ? null : 'a "quoted" detail' }));
  expect(written(rows, 1, 1)).toBe(JSON.stringify(rows, null, 1));
});

it('in ASCII, escapes every other character and reads back as the same value', () => {
  fc.assert(
    fc.property(fc.jsonValue({ stringUnit: 'binary' }), fc.integer({ min: 0, max: 4 }), (value, split) => {
      writeJsonFile(file, value, { split, ascii: true });
      const bytes = fs.readFileSync(file);
      expect(bytes.every((b) => b < 0x80)).toBe(true);
      expect(JSON.parse(bytes.toString())).toEqual(JSON.parse(JSON.stringify(value)));
    }),
    { numRuns: 300 },
  );
  writeJsonFile(file, { 'clé': 'a – b \\ é 😀' }, { ascii: true });
  expect(fs.readFileSync(file, 'utf8')).toBe('{"cl\\u00e9":"a \\u2013 b \\\\ \\u00e9 \\ud83d\\ude00"}');
});

it('writes an object member by member as JSON.stringify writes the object, and removes an abandoned one', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string(), fc.jsonValue({ stringUnit: 'binary' })), fc.integer({ min: 0, max: 4 }), fc.boolean(), (value, split, ascii) => {
      const out = openJsonObject(file, { split, ascii });
      for (const [key, member] of Object.entries(value)) out.member(key, member);
      out.member('left out', undefined);
      out.close();
      const text = fs.readFileSync(file, 'utf8');
      if (ascii) expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      else expect(text).toBe(JSON.stringify(value));
    }),
    { numRuns: 200 },
  );
  const out = openJsonObject(file);
  out.member('half', [1, 2]);
  out.abandon();
  expect(fs.existsSync(file)).toBe(false);
});
