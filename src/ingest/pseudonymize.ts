// `almanac ingest --pseudonymize people`: every person field (src/model/personal-fields.ts) gets a
// stable pseudonym, in the database itself, so that the site, metrics.csv, snapshots and the Parquet
// export only ever see pseudonyms. The pseudonym is an HMAC of the normalised name keyed by a secret
// salt: the same person maps to the same pseudonym in every file and run (trends still work), and
// nobody without the salt can recompute it from a list of candidate names.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { listValue } from '@duckdb/node-api';
import { quoteIdent } from '../db/schema.ts';
import type { Db } from '../db/duckdb.ts';
import { ENTITIES } from '../model/catalog.ts';
import { PERSONAL_FIELDS } from '../model/personal-fields.ts';

export const PSEUDONYMIZE_KINDS = ['people'] as const;
export type PseudonymizeKind = (typeof PSEUDONYMIZE_KINDS)[number];

/** The salt file beside the database: `data/almanac.duckdb` → `data/almanac.salt`. */
export function saltFile(db: string): string {
  const parsed = path.parse(path.resolve(db));
  return path.join(parsed.dir, `${parsed.name}.salt`);
}

/** The configured salt, else the one stored beside the database, created on first use. */
export function resolveSalt(configured: string | undefined, db: string): string {
  if (configured) return configured;
  const file = saltFile(db);
  try {
    // 'wx': never overwrite an existing salt, which would change every pseudonym.
    fs.writeFileSync(file, `${crypto.randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const salt = fs.readFileSync(file, 'utf8').trim();
  if (!salt) throw new Error(`${file} is empty: delete it to make a new salt (every pseudonym changes), or restore it`);
  return salt;
}

/** One spelling per person: "  Jane   DOE <jane@x.com>" and "jane doe" are the same person. */
export function normaliseName(name: string): string {
  const withoutEmail = name.replace(/<[^<>]*>\s*$/, '').trim();
  // A value that is only an email stays that email (stripping it would merge everyone into "").
  return (withoutEmail || name).normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}

function digest(salt: string, normalised: string): string {
  return crypto.createHmac('sha256', salt).update(normalised, 'utf8').digest('hex');
}

/**
 * Raw value → pseudonym (`Person 3f9a1c`). Six hex digits are readable; when two different people
 * share them in this run, both get more digits until they differ, so different people never merge.
 */
export function pseudonyms(values: Iterable<string>, salt: string): Map<string, string> {
  const byPerson = new Map<string, string>();
  for (const v of values) {
    const n = normaliseName(v);
    if (n && !byPerson.has(n)) byPerson.set(n, digest(salt, n));
  }
  const length = new Map<string, number>([...byPerson.keys()].map((n) => [n, 6]));
  for (;;) {
    const seen = new Map<string, string[]>();
    for (const [n, h] of byPerson) {
      const p = h.slice(0, length.get(n));
      seen.set(p, [...(seen.get(p) ?? []), n]);
    }
    const clashes = [...seen.values()].filter((ns) => ns.length > 1).flat();
    if (!clashes.length) break;
    for (const n of clashes) length.set(n, length.get(n)! + 2);
  }
  const out = new Map<string, string>();
  for (const v of values) {
    const n = normaliseName(v);
    if (n) out.set(v, `Person ${byPerson.get(n)!.slice(0, length.get(n))}`);
  }
  return out;
}

/**
 * Rewrites the person fields of every table (and rejected values equal to a name) through a mapping
 * table: one UPDATE per field, computed from the distinct names (a few thousand at most), never a
 * loop over rows. A value with nothing but blanks becomes NULL.
 */
export async function pseudonymizePeople(db: Db, salt: string): Promise<number> {
  const targets = PERSONAL_FIELDS.map((p) => ({ table: quoteIdent(ENTITIES[p.entity].table), column: quoteIdent(p.field), ...p }));
  const distinct = new Set<string>();
  for (const t of targets) {
    const rows = await db.all<{ v: string }>(`SELECT DISTINCT ${t.column} AS v FROM ${t.table} WHERE ${t.column} IS NOT NULL`);
    for (const r of rows) distinct.add(r.v);
  }
  if (!distinct.size) return 0;
  const map = pseudonyms(distinct, salt);
  const raw = [...distinct];
  // DuckDB cannot bind an empty list, and NULL items are fine: blank names map to NULL.
  await db.run(`CREATE TEMP TABLE person_pseudonym AS SELECT unnest(?::VARCHAR[]) AS raw, unnest(?::VARCHAR[]) AS pseudonym`, [
    listValue(raw),
    listValue(raw.map((v) => map.get(v) ?? null)),
  ]);
  for (const t of targets) {
    await db.run(`UPDATE ${t.table} SET ${t.column} = m.pseudonym FROM person_pseudonym m WHERE ${t.table}.${t.column} = m.raw`);
  }
  // A rejected value is stored as the export wrote it, under the export's column name: any rejected
  // value that is a known person's name is hidden, whatever its column.
  await db.run('UPDATE rejects SET value = m.pseudonym FROM person_pseudonym m WHERE rejects.value = m.raw');
  await db.run('DROP TABLE person_pseudonym');
  return new Set(map.values()).size;
}
