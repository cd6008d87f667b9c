// GitLab deployments → deployments: every status, environment tiers and names, offsets, the project
// from the pipeline's page, and the real DevLake sample (with statuses GitLab does not document).
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { FIXTURES, ingestFiles } from '../helpers/ingest.ts';
import { config } from './jira-helpers.ts';

const HANDMADE = path.join(FIXTURES, 'gitlab', 'handmade', 'deployments.json');
const DEVLAKE = path.join(FIXTURES, 'gitlab', 'devlake');
const COLUMNS = 'id, system_id, environment_id, version, started_at, finished_at, status, status_raw, production, trigger, source_pointer';

const row = (
  id: string, system: string, env: string, version: string, started: string, finished: string | null, status: string, raw: string,
  production: boolean, trigger: string, pointer: string | null,
) => ({ id, system_id: system, environment_id: env, version, started_at: started, finished_at: finished, status, status_raw: raw, production, trigger, source_pointer: pointer });

const HANDMADE_ROWS = [
  // Tier production; the top-level finished_at (newer GitLab) wins over the job's.
  row('gitlab:301', 'fin/ledger', 'production', 'v1.4.0', '2026-03-10 01:02:00', '2026-03-10 01:12:00', 'success', 'success', true, 'erin', '/0'),
  // No tier: "production" by name; +08:00 times.
  row('gitlab:302', 'fin/ledger', 'production', 'v1.4.1', '2026-03-12 09:01:00', '2026-03-12 09:19:00', 'failure', 'failed', true, 'erin', '/1'),
  // The job never started: the deployment's creation is its start.
  row('gitlab:303', 'fin/ledger', 'staging', 'main', '2026-03-12 10:00:00', '2026-03-12 10:05:00', 'cancelled', 'canceled', false, 'erin', '/2'),
  // Skipped: deployed nothing; "pre-production" is not production.
  row('gitlab:304', 'fin/ledger', 'pre-production', 'main', '2026-03-12 11:00:00', null, 'cancelled', 'skipped', false, 'erin', '/3'),
];

describe('GitLab deployments', () => {
  it('reads every finished status and leaves out created, running and blocked ones', async () => {
    const r = await ingestFiles([HANDMADE]);
    expect(r.summary.errors).toEqual([]);
    expect(r.summary.files[0]).toMatchObject({ adapter: 'gitlab-deployments', entities: ['deployment'], records: 7, rows: 4, rejected: 0 });
    expect(await r.query(`SELECT ${COLUMNS} FROM deployment ORDER BY id`)).toEqual(HANDMADE_ROWS);
    expect(r.summary.warnings.map((w) => [w.code, w.count, w.message])).toEqual([
      ['unfinished', 3, '3 deployments have not finished (1 blocked, 1 created, 1 running) and are left out until an export shows the outcome'],
    ]);
  });

  it('follows the config: a values rule maps a status, a project maps to its system', async () => {
    const cfg = config({
      sources: [{ match: 'deployments.json', values: { status: { blocked: 'cancelled' } } }],
      gitlab: { projects: { 42: 'LEDGER' } },
    });
    const r = await ingestFiles([HANDMADE], { config: cfg });
    expect(await r.query(`SELECT id, system_id, status, status_raw, finished_at FROM deployment WHERE id = 'gitlab:307'`)).toEqual([
      { id: 'gitlab:307', system_id: 'LEDGER', status: 'cancelled', status_raw: 'blocked', finished_at: null },
    ]);
    expect(r.summary.warnings.map((w) => w.count)).toEqual([2]);
  });

  describe('the real DevLake sample', () => {
    const REAL_ROWS = (pointer: (i: number) => string | null) => [
      row('gitlab:13426753', 'merico-dev/ee/vdev.co', 'staging', 'master', '2019-03-13 14:17:33.559', '2019-03-13 14:17:47.64', 'success', 'success', false, 'hackwaly', pointer(0)),
      // Failed without running its job: no finish time but the deployment's last update.
      row('gitlab:13432768', 'merico-dev/ee/vdev.co', 'staging', 'master', '2019-03-13 14:55:21.182', '2019-03-13 15:02:23.332', 'failure', 'failed', false, 'rankinzheng', pointer(2)),
      row('gitlab:13436532', 'merico-dev/ee/vdev.co', 'production', 'deploy', '2019-03-13 15:21:07.335', '2019-03-13 15:21:27.825', 'cancelled', 'canceled', true, 'hackwaly', pointer(3)),
    ];

    it('leaves out the statuses GitLab does not document, naming them, and loads the rest', async () => {
      const r = await ingestFiles([path.join(DEVLAKE, 'gitlab_deployments.data.json')]);
      expect(r.summary.errors).toEqual([]);
      expect(r.summary.files[0]).toMatchObject({ records: 8, rows: 3, rejected: 0 });
      expect(await r.query(`SELECT ${COLUMNS} FROM deployment ORDER BY id`)).toEqual(REAL_ROWS((i) => `/${i}`));
      expect(r.summary.warnings.map((w) => w.message)).toEqual([
        '3 deployments have not finished (1 blocked, 1 created, 1 running) and are left out until an export shows the outcome',
        '2 deployment(s) have a status GitLab does not document (1 "completed", 1 "undeployed") and are left out; map them with a "values": {"status": {…}} rule if you know their outcome',
      ]);
    });

    it('reads the raw table the same way, on its lines', async () => {
      const raw = await ingestFiles([path.join(DEVLAKE, '_raw_gitlab_api_deployments.csv')]);
      expect(raw.summary.errors).toEqual([]);
      expect(await raw.query(`SELECT ${COLUMNS}, source_line FROM deployment ORDER BY id`)).toEqual(
        REAL_ROWS(() => null).map((x, i) => ({ ...x, source_line: [2, 4, 5][i] })),
      );
    });
  });
});
