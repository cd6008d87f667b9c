// Jenkins builds → deployments: every result, running builds, epoch milliseconds, job paths from urls,
// views, encoded names and `»` display names, multibranch branches, parameters, the config, and the
// real DevLake sample (JSON and raw table).
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { FIXTURES, ingestFiles, writeFixture } from '../helpers/ingest.ts';
import { config } from './jira-helpers.ts';

const HANDMADE = path.join(FIXTURES, 'jenkins', 'handmade');
const DEVLAKE = path.join(FIXTURES, 'jenkins', 'devlake');
const COLUMNS = 'id, system_id, environment_id, version, started_at, finished_at, status, status_raw, production, trigger, source_pointer';

const row = (
  id: string, system: string, env: string | null, version: string | null, started: string, finished: string, status: string, raw: string,
  production: boolean, trigger: string, pointer: string | null,
) => ({ id, system_id: system, environment_id: env, version, started_at: started, finished_at: finished, status, status_raw: raw, production, trigger, source_pointer: pointer });

const JOB = 'jenkins:payments/deploy-prod';

describe('Jenkins builds', () => {
  it('reads a job\'s builds: every result, parameters, and the job from the build url', async () => {
    const r = await ingestFiles([path.join(HANDMADE, 'deploy-prod.json')]);
    expect(r.summary.errors).toEqual([]);
    expect(r.summary.files[0]).toMatchObject({ adapter: 'jenkins-builds', entities: ['deployment'], records: 8, rows: 6, rejected: 0 });
    expect(await r.query(`SELECT ${COLUMNS} FROM deployment ORDER BY id`)).toEqual([
      // No parameters: the git revision is the version; production from the job's name.
      row(`${JOB}#37`, 'deploy-prod', null, '0f886c74949c3ee7e489188911c7dc0c1d547418', '2026-03-14 21:00:00', '2026-03-14 21:02:00.25', 'success', 'SUCCESS', true, 'Started by timer', '/builds/6'),
      row(`${JOB}#38`, 'deploy-prod', null, null, '2026-03-15 21:00:00', '2026-03-15 21:00:00', 'cancelled', 'NOT_BUILT', true, 'Started by timer', '/builds/5'),
      // The ENVIRONMENT parameter says where, and decides production ("pre-prod" is not).
      row(`${JOB}#39`, 'deploy-prod', 'pre-prod', '2.3.8', '2026-03-16 21:00:00', '2026-03-16 21:00:30', 'cancelled', 'ABORTED', false, 'Sam', '/builds/4'),
      // UNSTABLE deployed (its tests failed after); TAG names the version.
      row(`${JOB}#40`, 'deploy-prod', 'prod-eu', 'v2.3.9', '2026-03-17 21:00:00', '2026-03-17 21:10:00', 'success', 'UNSTABLE', true, 'Sam', '/builds/3'),
      row(`${JOB}#41`, 'deploy-prod', 'production', '2.4.0', '2026-03-18 21:00:00', '2026-03-18 21:01:35.5', 'failure', 'FAILURE', true, 'Erin', '/builds/2'),
      // VERSION wins over the git revision.
      row(`${JOB}#42`, 'deploy-prod', 'production', '2.4.1', '2026-03-19 21:00:00', '2026-03-19 21:12:34', 'success', 'SUCCESS', true, 'Erin', '/builds/1'),
    ]);
    // #43 has no result yet; #44 has one, set by a step, but is still building.
    expect(r.summary.warnings.map((w) => [w.code, w.count, w.message])).toEqual([
      ['unfinished', 2, '2 deployments have not finished (2 building) and are left out until an export shows the outcome'],
    ]);
  });

  it('reads a bare array: a view and an encoded name in the url, a multibranch branch by its display name', async () => {
    const r = await ingestFiles([path.join(HANDMADE, 'builds.json')]);
    expect(r.summary.errors).toEqual([]);
    expect(await r.query(`SELECT ${COLUMNS} FROM deployment ORDER BY id`)).toEqual([
      // A branch of the multibranch pipeline "shop": the system is the pipeline, not the branch.
      row('jenkins:acme/shop/release/2.4#3', 'shop', null, 'c83ae02076382670e286ac2474b7a7327fc28cde', '2026-03-11 09:30:00', '2026-03-11 09:30:30.415', 'success', 'SUCCESS', false, 'Push event to branch release/2.4', '/1'),
      row('jenkins:ledger/deploy staging#7', 'deploy staging', null, 'LEDGER-7', '2026-03-10 08:00:00', '2026-03-10 08:01:01', 'success', 'SUCCESS', false, 'Kim', '/0'),
    ]);
  });

  it('follows the config: a job by path or by name, a pipeline for its branches, and a values rule', async () => {
    const cfg = config({
      timeZone: 'Europe/Paris',
      sources: [{ match: 'deploy-prod.json', values: { status: { NOT_BUILT: 'failure' } } }],
      jenkins: {
        jobs: {
          'Payments/Deploy-Prod': { system: 'PAY', environment: 'prod-blue' },
          'deploy staging': { system: 'LEDGER', environment: 'staging', production: false },
          'acme/shop': 'SHOP',
        },
      },
    });
    const r = await ingestFiles([HANDMADE], { config: cfg });
    expect(r.summary.errors).toEqual([]);
    expect(await r.query(`SELECT id, system_id, environment_id, status, production, started_at FROM deployment WHERE id IN ('${JOB}#38', '${JOB}#39', 'jenkins:ledger/deploy staging#7', 'jenkins:acme/shop/release/2.4#3') ORDER BY id`)).toEqual([
      // Epoch milliseconds are instants: the time zone does not move them.
      { id: 'jenkins:acme/shop/release/2.4#3', system_id: 'SHOP', environment_id: null, status: 'success', production: false, started_at: '2026-03-11 09:30:00' },
      { id: 'jenkins:ledger/deploy staging#7', system_id: 'LEDGER', environment_id: 'staging', status: 'success', production: false, started_at: '2026-03-10 08:00:00' },
      { id: `${JOB}#38`, system_id: 'PAY', environment_id: 'prod-blue', status: 'failure', production: true, started_at: '2026-03-15 21:00:00' },
      // The config's environment wins over the ENVIRONMENT parameter.
      { id: `${JOB}#39`, system_id: 'PAY', environment_id: 'prod-blue', status: 'cancelled', production: true, started_at: '2026-03-16 21:00:00' },
    ]);
  });

  it('rejects a build without a result or with a timestamp that is no number, naming the pointer', async () => {
    const builds = [
      { number: 1, timestamp: 1773914400000, duration: 1000, fullDisplayName: 'deploy #1', building: false },
      { number: 2, timestamp: 'yesterday', duration: 1000, result: 'SUCCESS', fullDisplayName: 'deploy #2' },
      { number: 3, timestamp: 1773914400000, duration: 1000, result: 'SUCCESS' },
    ];
    const r = await ingestFiles([writeFixture({ 'builds.json': JSON.stringify({ builds }) })], { maxRejectRatio: 1 });
    expect(r.summary.errors).toEqual([]);
    expect(r.summary.rejects.map((x) => [x.pointer, x.field, x.value, x.expected])).toEqual([
      ['/builds/0', 'result', null, 'a value (the field is required)'],
      ['/builds/1', 'timestamp (epoch milliseconds)', 'yesterday', expect.stringMatching(/^an ISO 8601 date or time/)],
      // Neither a url nor a display name: no job, so no id.
      ['/builds/2', 'url (else fullDisplayName) and number', null, 'a value (the field is required)'],
    ]);
  });

  describe('the real DevLake sample', () => {
    const REAL = 'jenkins:Test-jenkins-dir/test-jenkins-sub-dir/test-sub-sub-dir/devlake';

    it('reads nested folders from `»` display names, leaves out running builds and the undocumented NOT_BUILD', async () => {
      const r = await ingestFiles([path.join(DEVLAKE, 'jenkins_builds.data.json')]);
      expect(r.summary.errors).toEqual([]);
      expect(r.summary.files[0]).toMatchObject({ records: 14, rows: 10, rejected: 0 });
      expect(await r.query(`SELECT id, system_id, version, started_at, finished_at, status, status_raw, production, trigger FROM deployment WHERE id LIKE '%#1_' OR id LIKE '%#1000_' OR id LIKE 'jenkins:pipeline%' ORDER BY id`)).toEqual([
        { id: `${REAL}#10003`, system_id: 'devlake', version: null, started_at: '2022-04-15 10:06:17.939', finished_at: '2022-04-15 10:06:17.943', status: 'cancelled', status_raw: 'ABORTED', production: false, trigger: 'abc' },
        { id: `${REAL}#10005`, system_id: 'devlake', version: null, started_at: '2022-04-15 10:06:17.939', finished_at: '2022-04-15 10:06:17.943', status: 'success', status_raw: 'UNSTABLE', production: false, trigger: 'abc' },
        { id: `${REAL}#11`, system_id: 'devlake', version: 'ceeffdfdd06bce232f9adb3a656265bad13a8473', started_at: '2022-04-15 10:10:16.514', finished_at: '2022-04-15 10:10:31.334', status: 'success', status_raw: 'SUCCESS', production: false, trigger: 'abc' },
        { id: `${REAL}#17`, system_id: 'devlake', version: null, started_at: '2022-04-15 10:05:53.775', finished_at: '2022-04-15 10:05:53.832', status: 'success', status_raw: 'SUCCESS', production: false, trigger: 'abc' },
        { id: 'jenkins:pipeline-test2#1', system_id: 'pipeline-test2', version: null, started_at: '2022-09-08 15:40:13.681', finished_at: '2022-09-08 15:40:18.245', status: 'success', status_raw: 'SUCCESS', production: false, trigger: 'abc' },
      ]);
      expect(r.summary.warnings.map((w) => w.message)).toEqual([
        '3 deployments have not finished (3 building) and are left out until an export shows the outcome',
        '1 deployment(s) have a status Jenkins does not document (1 "NOT_BUILD") and are left out; map them with a "values": {"status": {…}} rule if you know their outcome',
      ]);
    });

    it('reads a multibranch pipeline: the system is the pipeline, each branch a job', async () => {
      const r = await ingestFiles([path.join(DEVLAKE, 'jenkins_builds_multibranch.data.json')]);
      expect(r.summary.errors).toEqual([]);
      expect(r.summary.files[0]).toMatchObject({ records: 15, rows: 15, rejected: 0 });
      expect(await r.query(`SELECT system_id, count(*)::INTEGER AS n, string_agg(DISTINCT status, ',' ORDER BY status) AS statuses FROM deployment GROUP BY 1`)).toEqual([
        { system_id: 'devlake-jenkins', n: 15, statuses: 'cancelled,failure,success' },
      ]);
      expect(await r.query(`SELECT ${COLUMNS} FROM deployment WHERE id = 'jenkins:my-org/devlake-jenkins/PR-2#1'`)).toEqual([
        row('jenkins:my-org/devlake-jenkins/PR-2#1', 'devlake-jenkins', null, 'aba54481a73573c0587f26fbd4c9788eb2bf2398', '2024-03-24 10:51:51.931', '2024-03-24 10:51:59.321', 'cancelled', 'ABORTED', false, 'Pull request #2 opened', '/5'),
      ]);
    });

    it('reads the raw table the same way, each build on its line', async () => {
      const raw = await ingestFiles([path.join(DEVLAKE, '_raw_jenkins_api_builds.csv')]);
      const json = await ingestFiles([path.join(DEVLAKE, 'jenkins_builds.data.json')]);
      expect(raw.summary.files[0]).toMatchObject({ adapter: 'devlake-raw', records: 14, rows: 10, rejected: 0 });
      const values = 'SELECT * EXCLUDE (source_file, source_line, source_pointer) FROM deployment ORDER BY id';
      expect(await raw.query(values)).toEqual(await json.query(values));
      expect(await raw.query(`SELECT source, source_line, source_pointer FROM deployment WHERE id = 'jenkins:pipeline-test2#1'`)).toEqual([
        { source: 'jenkins-builds', source_line: 10, source_pointer: null },
      ]);
    });
  });
});
