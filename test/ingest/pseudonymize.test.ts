// `ingest --pseudonymize people`: no name survives in the database, one person keeps one pseudonym
// across files, spellings and runs, and only the salt makes it reproducible.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES, ingestFiles, tempDir, writeFixture, type Ingested } from '../helpers/ingest.ts';
import { normaliseName, pseudonyms, saltFile } from '../../src/ingest/pseudonymize.ts';
import { openDb } from '../../src/db/duckdb.ts';
import { dataQuality } from '../../src/report/data-quality.ts';

// Ann Lee and Bob Roy are assignees in the Jira fixture; the other files spell them otherwise.
const JIRA = fs.readFileSync(path.join(FIXTURES, 'jira/handmade/server-dc.csv'));
const FILES = {
  'server-dc.csv': JIRA,
  'projects.csv': 'id,name,owner\nPAY,Payments,"  ANN   lee <ann.lee@example.com>"\n',
  'deployments.csv': 'id,started_at,status,trigger\nD1,2020-11-20T18:00:00Z,success,Bob  Roy\nD2,2020-11-21T18:00:00Z,success,Cara Diaz\n',
  'work_items-extra.csv': 'key,created,assignee\nOPS-1,2020-11-02,Dee Moss <dee@example.com>\n',
};
const NAMES = ['Ann Lee', 'ann.lee@example.com', 'Bob Roy', 'Bob  Roy', 'Cara Diaz', 'Dee Moss', 'dee@example.com'];

function withSalt(salt: string): string {
  const file = path.join(tempDir(), 'almanac.config.json');
  fs.writeFileSync(file, JSON.stringify({ privacy: { salt } }));
  return file;
}

async function people(r: Ingested): Promise<Record<string, string | null>> {
  const [row] = await r.query<Record<string, string | null>>(
    `SELECT (SELECT assignee FROM work_item WHERE key = 'PAY-1') AS ann_jira, (SELECT owner FROM project WHERE id = 'PAY') AS ann_project,
            (SELECT assignee FROM work_item WHERE key = 'PAY-2') AS bob_jira, (SELECT trigger FROM deployment WHERE id = 'D1') AS bob_deploy,
            (SELECT trigger FROM deployment WHERE id = 'D2') AS cara, (SELECT assignee FROM work_item WHERE key = 'OPS-1') AS dee`,
  );
  return row!;
}

/** Every column of every table, read as text, that contains `name` (case-insensitive). */
async function occurrences(db: string, name: string): Promise<string[]> {
  const conn = await openDb(db, { readOnly: true });
  try {
    const cols = await conn.all<{ t: string; c: string }>(`SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = 'main'`);
    const found: string[] = [];
    for (const { t, c } of cols) {
      const [{ n }] = (await conn.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM "${t}" WHERE "${c}"::VARCHAR ILIKE ?`, [`%${name}%`])) as [{ n: number }];
      if (n) found.push(`${t}.${c}`);
    }
    return found;
  } finally {
    conn.close();
  }
}

describe('ingest --pseudonymize people', () => {
  it('leaves no original name in any column of any table', async () => {
    const r = await ingestFiles([writeFixture(FILES)], { pseudonymize: 'people', config: withSalt('a salt of sixteen+ chars') });
    expect(r.summary.ok, r.summary.errors.join('\n')).toBe(true);
    for (const name of NAMES) expect(await occurrences(r.db, name), name).toEqual([]);
    const p = await people(r);
    for (const v of Object.values(p)) expect(v).toMatch(/^Person [0-9a-f]{6,}$/);
    const [run] = await r.query<{ pseudonymized: string }>('SELECT pseudonymized FROM ingest_runs');
    expect(run!.pseudonymized).toBe('people');
  });

  it('gives one person one pseudonym across files and spellings, different people different ones', async () => {
    const p = await people(await ingestFiles([writeFixture(FILES)], { pseudonymize: 'people', config: withSalt('a salt of sixteen+ chars') }));
    expect(p.ann_project).toBe(p.ann_jira); // "  ANN   lee <ann.lee@example.com>" in projects.csv, "Ann Lee" in Jira
    expect(p.bob_deploy).toBe(p.bob_jira); // "Bob  Roy" in deployments.csv, "Bob Roy" in Jira
    expect(new Set([p.ann_jira, p.bob_jira, p.cara, p.dee]).size).toBe(4);
  });

  it('is deterministic for a salt and different for another', async () => {
    const dir = writeFixture(FILES);
    const a1 = await people(await ingestFiles([dir], { pseudonymize: 'people', config: withSalt('first salt, sixteen+') }));
    const a2 = await people(await ingestFiles([dir], { pseudonymize: 'people', config: withSalt('first salt, sixteen+') }));
    const b = await people(await ingestFiles([dir], { pseudonymize: 'people', config: withSalt('second salt, sixteen+') }));
    expect(a2).toEqual(a1);
    expect(b.ann_jira).not.toBe(a1.ann_jira);
    expect(b.bob_jira).not.toBe(a1.bob_jira);
  });

  it('without a configured salt, makes one beside the database and keeps it', async () => {
    const db = path.join(tempDir(), 'almanac.duckdb');
    const dir = writeFixture(FILES);
    const first = await people(await ingestFiles([dir], { db, pseudonymize: 'people' }));
    expect(saltFile(db)).toBe(path.join(path.dirname(db), 'almanac.salt'));
    const salt = fs.readFileSync(saltFile(db), 'utf8');
    expect(salt.trim()).toMatch(/^[0-9a-f]{64}$/);
    const again = await people(await ingestFiles([dir], { db, pseudonymize: 'people' }));
    expect(fs.readFileSync(saltFile(db), 'utf8')).toBe(salt);
    expect(again).toEqual(first);
  });

  it('keeps names without the flag', async () => {
    const p = await people(await ingestFiles([writeFixture(FILES)]));
    expect(p.ann_jira).toBe('Ann Lee');
  });

  it('is told by the data page\'s model, with the fields, and only with the flag', async () => {
    const said = async (r: Ingested) => {
      const db = await openDb(r.db, { readOnly: true });
      try {
        return (await dataQuality(db)).run?.pseudonymized;
      } finally {
        db.close();
      }
    };
    const dir = writeFixture(FILES);
    expect(await said(await ingestFiles([dir], { pseudonymize: 'people', config: withSalt('a salt of sixteen+ chars') })))
      .toEqual(['work_item.assignee', 'project.owner', 'deployment.trigger']);
    expect(await said(await ingestFiles([dir]))).toBeNull();
  });
});

describe('pseudonyms', () => {
  it('normalises case, blanks and a trailing <email>', () => {
    expect(normaliseName('  Jane\u00a0  DOE <jane@x.com> ')).toBe('jane doe');
    expect(normaliseName('<jane@x.com>')).toBe('<jane@x.com>');
  });

  it('lengthens clashing pseudonyms so that different people never share one', () => {
    // 20,000 people over 24 bits: a dozen six-digit clashes are expected.
    const names = Array.from({ length: 20_000 }, (_, i) => `Person number ${i}`);
    const map = pseudonyms(names, 'salt');
    expect(new Set(map.values()).size).toBe(names.length);
    expect([...map.values()].some((p) => p.length > 'Person 123456'.length)).toBe(true);
  });
});
