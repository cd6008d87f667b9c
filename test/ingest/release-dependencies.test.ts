// Release dependencies derived from Jira issue links: the fixture's links from the CSV and from the REST
// page, next to a stated dependency; the rules on a small database (provenance of the first link by
// key, link counts, contradictions); and the links of the bundled sample.
import { afterAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { lit, type Db } from '../../src/db/duckdb.ts';
import { deriveReleaseDependencies } from '../../src/ingest/derive/release-dependencies.ts';
import type { Warning } from '../../src/ingest/context.ts';
import { memoryDb } from '../helpers/context.ts';
import { ingestFiles } from '../helpers/ingest.ts';
import { JIRA } from './jira-helpers.ts';
import { readCsv, removeSamples, sample } from '../sample/read-sample.ts';
import { DEFAULT_SEED } from '../../src/sample/generate.ts';

const LINKS = path.join(JIRA, 'links');
const stated = path.join(LINKS, 'release_dependencies.csv');
const query = `SELECT release_id, depends_on_id, source, regexp_extract(source_file, '[^/]+$') AS file, source_line, source_pointer
  FROM release_dependency ORDER BY release_id, depends_on_id`;

describe('release dependencies from the Jira link fixtures', () => {
  // PAY-1 (PAY:3.1.0) blocks MOB-7 (MOB:6.4.0): stated already. PAY-3 (PAY:3.1.1 and PAY:3.2.0) blocks
  // CARD-4 (CARD:2.0.0) and MOB-8 (MOB:6.5.0): two pairs each. MOB-9 (MOB:6.4.0) blocks MOB-8. PAY-1 →
  // PAY-2 stays in PAY:3.1.0; PAY-6 has no fix version; PAY-5 is not in the export.
  const derived = (file: string, line: number | null, pointer: string | null) => ({ source: 'jira-issue-links', file, source_line: line, source_pointer: pointer });
  const statedRow = { release_id: 'MOB:6.4.0', depends_on_id: 'PAY:3.1.0', source: 'canonical-csv', file: 'release_dependencies.csv', source_line: 2, source_pointer: null };
  const message = '5 release dependencies derived from 3 Jira issue links between items of different releases '
    + '(e.g. CARD:2.0.0 on PAY:3.1.1, 1 link; CARD:2.0.0 on PAY:3.2.0, 1 link; MOB:6.5.0 on MOB:6.4.0, 1 link); 1 link confirms 1 stated one';

  it('adds the pairs of the CSV links that the plan does not state, with the line of the link', async () => {
    const r = await ingestFiles([path.join(LINKS, 'issues.csv'), stated]);
    expect(r.summary.errors).toEqual([]);
    expect(await r.query(query)).toEqual([
      { release_id: 'CARD:2.0.0', depends_on_id: 'PAY:3.1.1', ...derived('issues.csv', 5, null) },
      { release_id: 'CARD:2.0.0', depends_on_id: 'PAY:3.2.0', ...derived('issues.csv', 5, null) },
      statedRow,
      { release_id: 'MOB:6.5.0', depends_on_id: 'MOB:6.4.0', ...derived('issues.csv', 2, null) },
      { release_id: 'MOB:6.5.0', depends_on_id: 'PAY:3.1.1', ...derived('issues.csv', 3, null) },
      { release_id: 'MOB:6.5.0', depends_on_id: 'PAY:3.2.0', ...derived('issues.csv', 3, null) },
    ]);
    expect(r.summary.warnings).toEqual([{ path: '', code: 'derived-dependencies', message, count: 5 }]);
  });

  it('adds the same pairs from the REST links, with the pointer of the link', async () => {
    const r = await ingestFiles([path.join(LINKS, 'search.json'), stated]);
    expect(r.summary.errors).toEqual([]);
    expect(await r.query(query)).toEqual([
      { release_id: 'CARD:2.0.0', depends_on_id: 'PAY:3.1.1', ...derived('search.json', null, '/issues/3/fields/issuelinks/0') },
      { release_id: 'CARD:2.0.0', depends_on_id: 'PAY:3.2.0', ...derived('search.json', null, '/issues/3/fields/issuelinks/0') },
      statedRow,
      { release_id: 'MOB:6.5.0', depends_on_id: 'MOB:6.4.0', ...derived('search.json', null, '/issues/0/fields/issuelinks/1') },
      { release_id: 'MOB:6.5.0', depends_on_id: 'PAY:3.1.1', ...derived('search.json', null, '/issues/1/fields/issuelinks/0') },
      { release_id: 'MOB:6.5.0', depends_on_id: 'PAY:3.2.0', ...derived('search.json', null, '/issues/1/fields/issuelinks/0') },
    ]);
    expect(r.summary.warnings).toEqual([{ path: '', code: 'derived-dependencies', message, count: 5 }]);
  });
});

describe('deriveReleaseDependencies', () => {
  async function derive(items: Record<string, string[]>, links: Array<[string, string, number]>, statedPairs: Array<[string, string]> = []) {
    const db: Db = await memoryDb();
    for (const [key, releases] of Object.entries(items)) {
      await db.run(`INSERT INTO work_item ("key", created, release_ids) VALUES (${lit(key)}, TIMESTAMP '2026-01-01', ${releases.length ? `[${releases.map(lit).join(', ')}]` : 'NULL'})`);
    }
    for (const [pre, dep, line] of links) {
      await db.run(`INSERT INTO work_item_link ("key", dependent_key, link_type, source, source_file, source_line) VALUES (${lit(pre)}, ${lit(dep)}, 'Blocks', 'jira-csv', 'x.csv', ${line})`);
    }
    for (const [r, on] of statedPairs) await db.run(`INSERT INTO release_dependency (release_id, depends_on_id, source) VALUES (${lit(r)}, ${lit(on)}, 'canonical-csv')`);
    const warnings: Warning[] = [];
    await deriveReleaseDependencies(db, warnings);
    const rows = await db.all(`SELECT release_id, depends_on_id, source, source_line FROM release_dependency ORDER BY ALL`);
    db.close();
    return { rows, warnings: warnings.map((w) => [w.code, w.message, w.count]) };
  }

  it('counts every link of a pair and keeps the provenance of the first by key', async () => {
    const r = await derive({ 'B-2': ['B:1'], 'A-9': ['A:1'], 'A-10': ['A:1'], 'C-1': ['B:1', 'C:1'] }, [['B-2', 'A-9', 7], ['C-1', 'A-10', 3], ['B-2', 'A-10', 5]]);
    expect(r.rows).toEqual([
      { release_id: 'A:1', depends_on_id: 'B:1', source: 'jira-issue-links', source_line: 5 },
      { release_id: 'A:1', depends_on_id: 'C:1', source: 'jira-issue-links', source_line: 3 },
    ]);
    expect(r.warnings).toEqual([
      ['derived-dependencies', '2 release dependencies derived from 3 Jira issue links between items of different releases (e.g. A:1 on B:1, 3 links; A:1 on C:1, 1 link)', 2],
    ]);
  });

  it('derives nothing, and says nothing, from links inside one release or from items without releases', async () => {
    const r = await derive({ 'A-1': ['A:1'], 'A-2': ['A:1'], 'A-3': [] }, [['A-1', 'A-2', 2], ['A-3', 'A-1', 3], ['A-1', 'Z-1', 4]]);
    expect(r).toEqual({ rows: [], warnings: [] });
  });

  it('leaves out pairs whose opposite is stated or implied, and reports them', async () => {
    const r = await derive(
      { 'A-1': ['A:1'], 'B-1': ['B:1'], 'C-1': ['C:1'], 'D-1': ['D:1'] },
      [['A-1', 'B-1', 2], ['C-1', 'D-1', 3], ['D-1', 'C-1', 4]],
      [['A:1', 'B:1']],
    );
    expect(r.rows).toEqual([{ release_id: 'A:1', depends_on_id: 'B:1', source: 'canonical-csv', source_line: null }]);
    expect(r.warnings).toEqual([
      [
        'contradicting-links',
        '3 release dependencies implied by Jira issue links not derived, as the opposite dependency is stated or implied too (B:1 on A:1, 1 link; C:1 on D:1, 1 link; D:1 on C:1, 1 link): check those links and fix versions',
        3,
      ],
    ]);
  });
});

describe('the sample\'s issue links', () => {
  afterAll(removeSamples);

  it('lists each link on both issues, confirms stated dependencies and adds others, without contradictions', async () => {
    // A lighter world than "small": the same organisation and plan, fewer items per release.
    const s = sample(DEFAULT_SEED, { regions: 1, intensity: 0.3 });
    const r = await ingestFiles([s.out]);
    const cells = (file: string, name: string) => {
      const t = readCsv(s.out, file);
      return t.rows.reduce((n, row) => n + t.all(row, name).length, 0);
    };
    let blocks = 0;
    for (const file of ['jira-cloud-issues.csv', 'jira-server-issues.csv']) {
      expect(cells(file, 'Outward issue link (Blocks)'), file).toBe(cells(file, 'Inward issue link (Blocks)'));
      blocks += cells(file, 'Outward issue link (Blocks)');
    }
    expect(await r.query(`SELECT count(*)::INTEGER AS n FROM work_item_link`)).toEqual([{ n: blocks }]);
    const codes = r.summary.warnings.map((w) => w.code);
    expect(codes).not.toContain('contradicting-links');
    expect(codes).not.toContain('dependency-cycle');
    const derived = r.summary.warnings.find((w) => w.code === 'derived-dependencies')!;
    expect(derived.message).toMatch(/^\d+ release dependencies derived from \d+ Jira issue links .*; \d+ links confirm \d+ stated ones$/);
    const [row] = await r.query<{ derived: number; late: number }>(`SELECT count(*)::INTEGER AS derived,
      (count(*) FILTER (WHERE u.planned_release > r.planned_start + 7))::INTEGER AS late
      FROM release_dependency d JOIN release r ON r.id = d.release_id JOIN release u ON u.id = d.depends_on_id
      WHERE d.source = 'jira-issue-links'`);
    expect(row!.derived).toBe(derived.count);
    expect(row!.derived).toBeGreaterThanOrEqual(5);
    // What the links add waits for releases planned to ship before it starts, as the plan's own do.
    expect(row!.late).toBe(0);
  });
});
