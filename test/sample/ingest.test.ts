// The bundled sample is what `npm run build` ingests first: every file must be recognised and read
// without a single reject, and the reference date must come out as the sample's "today".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENCE_DATE } from '../../src/sample/world.ts';
import type { SampleResult } from '../../src/sample/generate.ts';
import { ingestFiles, type Ingested } from '../helpers/ingest.ts';
import { removeSamples, sample } from './read-sample.ts';

let s: SampleResult;
let db: Ingested;
beforeAll(async () => {
  s = sample();
  db = await ingestFiles([s.out]);
});
afterAll(removeSamples);

describe('ingesting the sample', () => {
  it('reads every file, rejects nothing, and dates the data on the reference date', () => {
    expect(db.summary.errors).toEqual([]);
    expect(db.summary.rejects).toEqual([]);
    expect(db.summary.ok).toBe(true);
    expect(db.summary.asOf).toBe(REFERENCE_DATE);
    const read = new Map(db.summary.files.map((f) => [f.path.split('/').pop()!, f]));
    for (const f of s.files.filter((x) => x.file !== 'README.md')) {
      expect(read.get(f.file)?.rejected, f.file).toBe(0);
      expect(read.get(f.file)?.records, f.file).toBe(f.rows);
    }
    expect(db.summary.warnings.filter((w) => w.code === 'unknown-reference' || w.code === 'unknown-columns' || w.code === 'unmapped-value')).toEqual([]);
  });

  it('joins the sources: fix versions to versions, changes and incidents to systems and to each other', async () => {
    const [row] = await db.query<Record<string, number>>(`SELECT
      (SELECT count(*) FROM work_item w, unnest(w.release_ids) AS u(id) WHERE id NOT IN (SELECT id FROM release))::INTEGER AS unknown_fix_versions,
      (SELECT count(*) FROM change WHERE system_id NOT IN (SELECT id FROM system))::INTEGER AS unresolved_change_systems,
      (SELECT count(*) FROM incident WHERE system_id NOT IN (SELECT id FROM system))::INTEGER AS unresolved_incident_systems,
      (SELECT count(*) FROM incident WHERE caused_by_change IS NOT NULL AND caused_by_change NOT IN (SELECT number FROM change))::INTEGER AS unknown_causes,
      (SELECT count(*) FROM incident WHERE caused_by_change IS NOT NULL)::INTEGER AS caused,
      (SELECT count(*) FROM release)::INTEGER AS releases`);
    expect(row).toMatchObject({ unknown_fix_versions: 0, unresolved_change_systems: 0, unresolved_incident_systems: 0, unknown_causes: 0 });
    expect(row!.caused).toBeGreaterThan(20);
    expect(row!.releases).toBeGreaterThanOrEqual(140);
  });
});
