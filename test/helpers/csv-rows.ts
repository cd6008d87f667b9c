// Test helper: rows of a small hand-made CSV fixture as model-shaped objects (empty → null, `;` lists).
import fs from 'node:fs';
import Papa from 'papaparse';

export function csvRows(file: string, lists: readonly string[] = []): Array<Record<string, any>> {
  const parsed = Papa.parse<Record<string, string>>(fs.readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true });
  return parsed.data.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [k, v === '' ? null : lists.includes(k) ? v.split(';') : v]),
    ),
  );
}
