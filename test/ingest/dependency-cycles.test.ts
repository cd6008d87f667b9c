// A dependency cycle is a data error: ingest reports it with the releases on it, the report model
// lists it, and nothing loops.
import { describe, expect, it } from 'vitest';
import { ingestFiles, writeFixture } from '../helpers/ingest.ts';
import { openDb } from '../../src/db/duckdb.ts';
import { buildModel } from '../../src/report/build-model.ts';

describe('dependency cycles', () => {
  it('are reported by ingest and listed in the report model', async () => {
    const dir = writeFixture({
      'releases.csv': 'id,planned_start,planned_release\nA,2026-01-01,2026-02-01\nB,2026-02-02,2026-03-01\nC,2026-03-02,2026-04-01\nD,2026-04-02,2026-05-01\n',
      'release_dependencies.csv': 'release_id,depends_on_id\nB,A\nC,B\nA,C\nD,C\n',
    });
    const r = await ingestFiles([dir], { asOf: '2026-01-15' });
    expect(r.summary.ok).toBe(true);
    const cycle = r.summary.warnings.find((w) => w.code === 'dependency-cycle');
    expect(cycle?.message).toMatch(/dependency cycle between releases A → B → C → A/);
    expect(cycle?.path).toMatch(/release_dependencies\.csv$/);
    const db = await openDb(r.db, { readOnly: true });
    const model = await buildModel(db).finally(() => db.close());
    expect(model.dependencies.cycles.map((c) => c.map((x) => x.id))).toEqual([['A', 'B', 'C']]);
    expect(model.metrics.find((m) => m.metric === 'dependencies.downstream_count' && m.scope_id === 'A')?.value).toBe(3);
  });
});
