// Azure DevOps builds and classic release deployments → deployments: every status and result, running
// runs left out, parameters and tags, 7-digit fractional seconds, the config, and the real DevLake sample.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { FIXTURES, ingestFiles } from '../helpers/ingest.ts';
import { config } from './jira-helpers.ts';

const HANDMADE = path.join(FIXTURES, 'azure', 'handmade');
const DEVLAKE = path.join(FIXTURES, 'azure', 'devlake');
const COLUMNS = 'id, system_id, environment_id, version, started_at, finished_at, status, status_raw, production, trigger, source_pointer';

const row = (
  id: string, system: string, env: string | null, version: string, started: string, finished: string, status: string, raw: string,
  production: boolean, trigger: string, pointer: string | null,
) => ({ id, system_id: system, environment_id: env, version, started_at: started, finished_at: finished, status, status_raw: raw, production, trigger, source_pointer: pointer });

const BUILD = 'azure:Fabrikam-Fiber/build';
const RELEASE = 'azure:Fabrikam-Fiber/release-deployment';

describe('Azure DevOps builds', () => {
  it('reads completed runs, leaves out running ones and the result "none"', async () => {
    const r = await ingestFiles([path.join(HANDMADE, 'builds.json')]);
    expect(r.summary.errors).toEqual([]);
    expect(r.summary.files[0]).toMatchObject({ adapter: 'azure-builds', entities: ['deployment'], records: 8, rows: 4, rejected: 0 });
    expect(await r.query(`SELECT ${COLUMNS} FROM deployment ORDER BY id`)).toEqual([
      // templateParameters name the environment and version; 7-digit fractions keep microseconds.
      row(`${BUILD}/301`, 'payments-deploy', 'Production', '2.4.1', '2026-03-18 21:00:04.123456', '2026-03-18 21:09:59.999999', 'success', 'succeeded', true, 'Jamal Hartnett', '/value/0'),
      // A tag build: the tag is the version. Partially succeeded still deployed.
      row(`${BUILD}/302`, 'payments-deploy', 'Production', 'v2.4.2', '2026-03-19 21:00:00.5', '2026-03-19 21:20:00', 'success', 'partiallySucceeded', true, 'Jamal Hartnett', '/value/1'),
      // Classic `parameters`, a JSON text.
      row(`${BUILD}/303`, 'payments-deploy', 'staging', '2.4.3', '2026-03-19 22:00:00', '2026-03-19 22:03:00', 'failure', 'failed', false, 'Jamal Hartnett', '/value/2'),
      // Cancelled before it started: its queue time is its start; the run number is the version.
      row(`${BUILD}/304`, 'ledger-ci', null, '20260320.1', '2026-03-20 08:00:00', '2026-03-20 08:00:10', 'cancelled', 'canceled', false, 'Jamal Hartnett', '/value/3'),
    ]);
    expect(r.summary.warnings.map((w) => [w.code, w.count, w.message])).toEqual([
      ['unfinished', 3, '3 deployments have not finished (1 cancelling, 1 inProgress, 1 notStarted) and are left out until an export shows the outcome'],
      ['unknown-status', 1, '1 deployment(s) have a status Azure DevOps does not document (1 "none") and are left out; map them with a "values": {"status": {…}} rule if you know their outcome'],
    ]);
  });

  it('follows the config: a pipeline by project and name, a values rule for an outcome', async () => {
    const cfg = config({
      sources: [{ match: 'builds.json', values: { status: { none: 'cancelled' } } }],
      azure: { pipelines: { 'Fabrikam-Fiber/ledger-ci': { system: 'LEDGER', environment: 'prod', production: true }, 'payments-deploy': 'PAY' } },
    });
    const r = await ingestFiles([path.join(HANDMADE, 'builds.json')], { config: cfg });
    expect(await r.query(`SELECT id, system_id, environment_id, production, status FROM deployment WHERE id IN ('${BUILD}/303', '${BUILD}/308') ORDER BY id`)).toEqual([
      { id: `${BUILD}/303`, system_id: 'PAY', environment_id: 'staging', production: false, status: 'failure' },
      { id: `${BUILD}/308`, system_id: 'LEDGER', environment_id: 'prod', production: true, status: 'cancelled' },
    ]);
  });

  describe('the real DevLake sample', () => {
    const REAL_ROWS = (pointer: (i: number) => string | null) => [
      row('azure:Testproject/build/12', 'deploy_to_prod', null, 'azure-job', '2023-02-25 06:22:32.809778', '2023-02-25 06:23:04.006188', 'success', 'succeeded', true, 'JohnDoe', pointer(0)),
      row('azure:Testproject/build/13', 'deploy_to_prod', null, 'azure-job', '2023-02-25 06:22:32.809778', '2023-02-25 06:23:04.006188', 'success', 'succeeded', true, 'JohnDoe', pointer(1)),
      row('azure:Testproject/build/14', 'label_regex_test', null, 'azure-job', '2023-02-25 06:22:32.809778', '2023-02-25 06:23:04.006188', 'success', 'succeeded', false, 'JohnDoe', pointer(2)),
      row('azure:Testproject/build/15', 'label_regex_test_pro', null, 'azure-job', '2023-02-25 06:22:32.809778', '2023-02-25 06:23:04.006188', 'success', 'succeeded', false, 'JohnDoe', pointer(3)),
      row('azure:Testproject/build/18', 'label_regex_test_pro', null, 'azure-job', '2023-02-25 06:22:25.223762', '2023-02-25 06:22:30.223762', 'cancelled', 'canceled', false, 'JohnDoe', pointer(6)),
    ];
    const WARNING = '2 deployments have not finished (1 inProgress, 1 notStarted) and are left out until an export shows the outcome';

    it('reads the builds, leaving out those without a result', async () => {
      const r = await ingestFiles([path.join(DEVLAKE, 'azdo_builds.data.json')]);
      expect(r.summary.errors).toEqual([]);
      expect(r.summary.files[0]).toMatchObject({ records: 7, rows: 5, rejected: 0 });
      expect(await r.query(`SELECT ${COLUMNS} FROM deployment ORDER BY id`)).toEqual(REAL_ROWS((i) => `/${i}`));
      expect(r.summary.warnings.map((w) => w.message)).toEqual([WARNING]);
    });

    it('reads the raw table (unquoted header) the same way, on its lines', async () => {
      const r = await ingestFiles([path.join(DEVLAKE, '_raw_azuredevops_go_api_builds.csv')]);
      expect(r.summary.errors).toEqual([]);
      expect(r.summary.files[0]).toMatchObject({ adapter: 'devlake-raw', records: 7, rows: 5, rejected: 0 });
      expect(await r.query(`SELECT ${COLUMNS}, source, source_line FROM deployment ORDER BY id`)).toEqual(
        REAL_ROWS(() => null).map((x, i) => ({ ...x, source: 'azure-builds', source_line: [2, 3, 4, 5, 8][i] })),
      );
    });
  });
});

describe('Azure DevOps release deployments', () => {
  it('reads every deployment status: the stage is the environment, the release the version', async () => {
    const r = await ingestFiles([path.join(HANDMADE, 'release-deployments.json')]);
    expect(r.summary.errors).toEqual([]);
    expect(r.summary.files[0]).toMatchObject({ adapter: 'azure-release-deployments', records: 7, rows: 5, rejected: 0 });
    expect(await r.query(`SELECT ${COLUMNS} FROM deployment ORDER BY id`)).toEqual([
      row(`${RELEASE}/51`, 'Payments release', 'QA', 'Release-21', '2026-03-16 10:00:05.123456', '2026-03-16 10:04:00', 'success', 'succeeded', false, 'Christie Church', '/value/0'),
      row(`${RELEASE}/52`, 'Payments release', 'Production', 'Release-21', '2026-03-17 21:30:00', '2026-03-17 21:41:12.5', 'success', 'succeeded', true, 'Raisa Pokrovskaya', '/value/1'),
      row(`${RELEASE}/53`, 'Payments release', 'Production', 'Release-22', '2026-03-18 21:00:30', '2026-03-18 21:05:00', 'failure', 'failed', true, 'Christie Church', '/value/2'),
      // The second attempt at the same stage: a deployment of its own.
      row(`${RELEASE}/54`, 'Payments release', 'Production', 'Release-22', '2026-03-18 22:00:30', '2026-03-18 22:15:00', 'success', 'partiallySucceeded', true, 'Christie Church', '/value/3'),
      // Rejected at approval, never started: not deployed, from its queue time; Pre-Production is not production.
      row(`${RELEASE}/55`, 'Payments release', 'Pre-Production', 'Release-23', '2026-03-19 09:00:00', '2026-03-19 12:00:00', 'cancelled', 'notDeployed', false, 'Christie Church', '/value/4'),
    ]);
    expect(r.summary.warnings.map((w) => w.message)).toEqual([
      '1 deployment has not finished (1 inProgress) and is left out until an export shows the outcome',
      '1 deployment(s) have a status Azure DevOps does not document (1 "undefined") and are left out; map them with a "values": {"status": {…}} rule if you know their outcome',
    ]);
  });

  it('takes the system and environment of a stage from the config, before those of its definition', async () => {
    const cfg = config({
      azure: { pipelines: { 'Payments release/QA': { system: 'PAY', environment: 'qa-1' }, 'Payments release': { system: 'PAY', production: false } } },
    });
    const r = await ingestFiles([path.join(HANDMADE, 'release-deployments.json')], { config: cfg });
    expect(await r.query(`SELECT id, system_id, environment_id, production FROM deployment WHERE id IN ('${RELEASE}/51', '${RELEASE}/52') ORDER BY id`)).toEqual([
      { id: `${RELEASE}/51`, system_id: 'PAY', environment_id: 'qa-1', production: false },
      { id: `${RELEASE}/52`, system_id: 'PAY', environment_id: 'Production', production: false },
    ]);
  });
});
