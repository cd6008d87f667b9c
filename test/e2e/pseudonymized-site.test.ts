// The promise of `ingest --pseudonymize people` end to end: the site built from the bundled sample's
// exports shows no person named in them, on any page or in any download.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { ingest } from '../../src/ingest/pipeline.ts';
import { buildSite } from '../../src/publish/build-site.ts';
import { lit, openDb } from '../../src/db/duckdb.ts';
import { tempDir } from '../helpers/ingest.ts';

const EXPORTS = path.resolve(import.meta.dirname, '../../data/exports');
const dir = tempDir('almanac-pseudonymized-site-');
const db = path.join(dir, 'almanac.duckdb');
const out = path.join(dir, 'dist');

/** A few distinct people of each person column of the sample's exports, read straight from the files. */
async function sampleNames(): Promise<string[]> {
  const conn = await openDb(':memory:');
  try {
    const from = (file: string, column: string) => {
      const src = file.endsWith('.json')
        ? `(SELECT unnest(records, recursive := true) FROM read_json(${lit(path.join(EXPORTS, file))}))`
        : `read_csv(${lit(path.join(EXPORTS, file))}, all_varchar = true)`;
      return `(SELECT DISTINCT "${column}" AS name FROM ${src} WHERE "${column}" <> '' ORDER BY 1 LIMIT 5)`;
    };
    const sources = [
      from('jira-cloud-issues.csv', 'Assignee'), from('jira-cloud-issues.csv', 'Reporter'), from('jira-cloud-issues.csv', 'Project lead'),
      from('jira-server-issues.csv', 'Assignee'), from('projects.csv', 'owner'),
      from('change_request.csv', 'assigned_to'), from('incident.json', 'assigned_to'),
    ];
    const rows = await conn.all<{ name: string }>(sources.map((s) => `SELECT name FROM ${s}`).join(' UNION '));
    return rows.map((r) => r.name);
  } finally {
    conn.close();
  }
}

/** Files whose bytes decode as text (the search index's compressed fragments do not). */
function textFiles(root: string): string[] {
  return fs.readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(root, f))
    .filter((f) => fs.statSync(f).isFile() && !fs.readFileSync(f).subarray(0, 4096).includes(0));
}

describe('a site built from pseudonymized exports', () => {
  let names: string[] = [];
  beforeAll(async () => {
    names = await sampleNames();
    const summary = await ingest({ inputs: [EXPORTS], db, quiet: true, pseudonymize: 'people', config: undefined });
    expect(summary.ok, summary.errors.join('\n')).toBe(true);
    await buildSite({ db, out });
  }, 300_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('names nobody from the exports on any page or in any download', () => {
    expect(names.length).toBeGreaterThan(20);
    const files = textFiles(out);
    for (const must of ['index.html', 'data/metrics.csv', 'data/metrics.json']) expect(files).toContain(path.join(out, must));
    const leaks: string[] = [];
    for (const f of files) {
      // Pages escape quotes and ampersands ("Niamh O&#39;Brien"): read them as the browser shows them.
      const text = fs.readFileSync(f, 'utf8').replace(/&#39;|&#x27;|&apos;/g, "'").replace(/&amp;/g, '&').toLowerCase();
      for (const n of names) if (text.includes(n.toLowerCase())) leaks.push(`${path.relative(out, f)}: ${n}`);
    }
    expect(leaks).toEqual([]);
  });

  it('says on the data page that person names are pseudonyms, and in which fields', () => {
    const data = fs.readFileSync(path.join(out, 'data/index.html'), 'utf8');
    expect(data).toMatch(/Person names were replaced by pseudonyms .* in work_item\.assignee, project\.owner, deployment\.trigger\./s);
  });

  it('shows pseudonyms where names were', () => {
    const html = fs.readFileSync(path.join(out, 'index.html'), 'utf8') + textFiles(out).filter((f) => f.includes('projects')).map((f) => fs.readFileSync(f, 'utf8')).join('');
    expect(html).toMatch(/Person [0-9a-f]{6}/);
  });
});
