// GitHub deployments → deployments: the outcome of each status history (in any order), REST with its
// statuses inside or in files beside it, and the real GraphQL shape DevLake stores.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES, ingestFiles, writeFixture } from '../helpers/ingest.ts';
import { deploymentOutcome, type GhStatus } from '../../src/ingest/sources/github-deployment-outcome.ts';
import { config } from './jira-helpers.ts';

const HANDMADE = path.join(FIXTURES, 'github', 'handmade');
const GRAPHQL = path.join(FIXTURES, 'github', 'devlake-graphql');
const COLUMNS = 'id, system_id, environment_id, version, started_at, finished_at, status, status_raw, production, trigger, source_pointer';

const row = (
  id: string, system: string, env: string, version: string, started: string, finished: string | null, status: string, raw: string,
  production: boolean, trigger: string | null, pointer: string | null,
) => ({ id, system_id: system, environment_id: env, version, started_at: started, finished_at: finished, status, status_raw: raw, production, trigger, source_pointer: pointer });

describe('GitHub REST deployments', () => {
  it('reads the outcome of each deployment from its statuses, and leaves out those not finished', async () => {
    const r = await ingestFiles([path.join(HANDMADE, 'deployments.json')]);
    expect(r.summary.errors).toEqual([]);
    expect(r.summary.files[0]).toMatchObject({ adapter: 'github-deployments', entities: ['deployment'], records: 9, rows: 5, rejected: 0 });
    expect(await r.query(`SELECT ${COLUMNS} FROM deployment ORDER BY id`)).toEqual([
      row('github:101', 'payments', 'production', 'v2.4.0', '2026-03-02 09:01:00', '2026-03-02 09:05:00', 'success', 'success', true, 'alice', '/0'),
      // Listed out of order: read by time.
      row('github:102', 'payments', 'staging', 'main', '2026-03-02 10:01:00', '2026-03-02 10:07:00', 'failure', 'failure', false, 'bob', '/1'),
      // +08:00 times; no production flag: "prod-eu" is production by name.
      row('github:103', 'payments', 'prod-eu', 'v2.4.1', '2026-03-03 10:02:00', '2026-03-03 10:10:00', 'failure', 'error', true, 'bob', '/2'),
      // Inactive after success: replaced by a newer deployment, still a success; "preprod" is not production.
      row('github:104', 'payments', 'preprod', 'v2.4.1', '2026-03-04 12:20:00', '2026-03-04 12:30:00', 'success', 'success', false, 'carol', '/3'),
      // No ref: the commit is the version; in_progress and success in the same second.
      row('github:109', 'payments', 'production', '0909cc', '2026-03-07 08:00:00', '2026-03-07 08:00:00', 'success', 'success', true, 'alice', '/8'),
    ]);
    const warnings = r.summary.warnings.map((w) => [w.code, w.count, w.message]);
    expect(warnings).toContainEqual(['unfinished', 2, '2 deployments have not finished (1 in_progress, 1 queued) and are left out until an export shows the outcome']);
    expect(warnings).toContainEqual([
      'no-statuses', 2,
      '2 deployments have no statuses, so no outcome, and are left out: export /deployments/{id}/statuses with them, as "statuses" in each deployment or as deployment-<id>-statuses.json beside this file',
    ]);
  });

  it('reads statuses from deployment-<id>-statuses.json beside the listing, and says which statuses no deployment uses', async () => {
    const r = await ingestFiles([path.join(HANDMADE, 'rest-folder')]);
    expect(r.summary.errors).toEqual([]);
    expect(r.summary.files.map((f) => [path.basename(f.path), f.adapter, f.records, f.rows])).toEqual([
      ['deployment-201-statuses.json', 'github-deployment-statuses', 2, 0],
      ['deployment-202-statuses.json', 'github-deployment-statuses', 1, 0],
      ['deployment-299-statuses.json', 'github-deployment-statuses', 1, 0],
      ['deployments.json', 'github-deployments', 2, 2],
    ]);
    expect(await r.query(`SELECT ${COLUMNS} FROM deployment ORDER BY id`)).toEqual([
      row('github:201', 'ledger', 'production', '1.0', '2026-02-02 10:05:00', '2026-02-02 10:20:00', 'success', 'success', true, 'carol', '/0'),
      // No in_progress status: it started when it was created.
      row('github:202', 'ledger', 'uat', 'main', '2026-02-03 10:00:00', '2026-02-03 10:20:00', 'failure', 'failure', false, 'dave', '/1'),
    ]);
    expect(r.summary.warnings.map((w) => [path.basename(w.path), w.code, w.message])).toEqual([
      ['deployment-299-statuses.json', 'unused', 'the statuses of deployment 299 are not used: no deployments file in this folder lists deployment 299'],
    ]);
  });

  it('says how to name a statuses file it cannot pair, and refuses the statuses of several deployments in one file', async () => {
    const folder = path.join(HANDMADE, 'rest-folder');
    const statuses = JSON.parse(fs.readFileSync(path.join(folder, 'deployment-201-statuses.json'), 'utf8')) as Array<Record<string, unknown>>;
    const other = JSON.parse(fs.readFileSync(path.join(folder, 'deployment-202-statuses.json'), 'utf8')) as unknown[];
    const r = await ingestFiles([writeFixture({ 'statuses-201.json': JSON.stringify(statuses), 'deployment-201-statuses.json': JSON.stringify([...statuses, ...other]) })]);
    expect(r.summary.ok).toBe(false);
    expect(r.summary.errors).toEqual([
      expect.stringMatching(/deployment-201-statuses\.json at \/2\/deployment_url: field "deployment_url" value "https:\/\/api\.github\.com\/repos\/acme\/ledger\/deployments\/202": statuses of several deployments in one file \(expected the statuses of deployment 201 only/),
      expect.stringMatching(/statuses-201\.json: these are the statuses of deployment 201, and the deployments adapter finds them by name \(expected the file named deployment-201-statuses\.json, beside the deployments file\)$/),
    ]);
  });

  it('names a statuses file that is not a list of statuses', async () => {
    const listing = fs.readFileSync(path.join(HANDMADE, 'rest-folder', 'deployments.json'), 'utf8');
    const r = await ingestFiles([writeFixture({ 'deployments.json': listing, 'deployment-201-statuses.json': '{"message": "Not Found"}' })]);
    // Read on its own, the file is not recognised; read with its deployment, it is named as the culprit.
    expect(r.summary.errors).toEqual([
      expect.stringMatching(/deployment-201-statuses\.json: format not recognised; found JSON shape: \{message: string\}/),
      expect.stringMatching(/deployment-201-statuses\.json: the statuses of a deployment must be the array \/deployments\/\{id\}\/statuses returns \(expected a JSON array of statuses \[\{state, created_at\}\]\)$/),
    ]);
  });

  it('rejects a status time that is not a time, with the deployment\'s pointer', async () => {
    const [first] = JSON.parse(fs.readFileSync(path.join(HANDMADE, 'deployments.json'), 'utf8')) as Array<Record<string, unknown>>;
    const bad = { ...first, statuses: [{ state: 'success', created_at: 'soon' }, { state: 'in_progress', created_at: '2026-03-02T09:01:00Z' }] };
    const r = await ingestFiles([writeFixture({ 'deployments.json': JSON.stringify([bad]) })], { maxRejectRatio: 1 });
    expect(r.summary.rejects.map((x) => [x.pointer, x.field, x.value])).toEqual([['/0', 'time of the final status (success, failure or error)', 'soon']]);
  });
});

describe('GitHub GraphQL deployments (real, as DevLake stores them)', () => {
  const expected = (pointer: (i: number) => string | null, system = 'OpenBIC') => [
    // Only the latest status (INACTIVE) is kept of older deployments: a success, finished at a time not exported.
    row('github:1670973641', system, 'github-pages', 'gh-pages', '2024-07-24 00:18:51', null, 'success', 'inactive', false, null, pointer(2)),
    row('github:1693412381', system, 'github-pages', 'gh-pages', '2024-08-02 00:17:55', null, 'success', 'inactive', false, null, pointer(3)),
    row('github:1696032217', system, 'github-pages', 'gh-pages', '2024-08-03 00:17:32', null, 'success', 'inactive', false, null, pointer(4)),
    row('github:1701084484', system, 'github-pages', 'gh-pages', '2024-08-06 00:18:05', null, 'success', 'inactive', false, null, pointer(5)),
    row('github:1707033729', system, 'github-pages', 'gh-pages', '2024-08-08 00:17:56', '2024-08-08 00:18:12', 'success', 'success', false, null, pointer(6)),
    row('github:3839563910', system, 'github-pages', 'gh-pages', '2026-02-14 00:32:20', '2026-02-14 00:32:36', 'success', 'success', false, null, pointer(1)),
    row('github:3881429895', system, 'github-pages', 'gh-pages', '2026-02-20 00:30:40', '2026-02-20 00:30:59', 'success', 'success', false, null, pointer(0)),
  ];

  it('reads the PascalCase nodes of the extraction', async () => {
    const r = await ingestFiles([path.join(GRAPHQL, 'github_graphql_deployments.data.json')]);
    expect(r.summary.errors).toEqual([]);
    expect(r.summary.files[0]).toMatchObject({ adapter: 'github-deployments', records: 7, rows: 7, rejected: 0 });
    expect(await r.query(`SELECT ${COLUMNS} FROM deployment ORDER BY id`)).toEqual(expected((i) => `/${i}`));
  });

  it('reads the raw table (one node per row), each deployment on its line; with the extraction, each is kept once', async () => {
    const raw = await ingestFiles([path.join(GRAPHQL, '_raw_github_graphql_deployment.csv')]);
    expect(raw.summary.files[0]).toMatchObject({ adapter: 'devlake-raw', entities: ['deployment'], records: 7, rows: 7, rejected: 0 });
    expect(await raw.query(`SELECT ${COLUMNS}, source_line FROM deployment ORDER BY id`)).toEqual(
      expected(() => null).map((x, i) => ({ ...x, source_line: [4, 5, 6, 7, 8, 3, 2][i] })),
    );
    const both = await ingestFiles([GRAPHQL], { config: config({ github: { repositories: { 'facebook/openbic': 'BIC' } } }) });
    expect(both.summary.errors).toEqual([]);
    expect(await both.query(`SELECT ${COLUMNS} FROM deployment ORDER BY id`)).toEqual(expected((i) => `/${i}`, 'BIC'));
    expect(both.summary.warnings.map((w) => [path.basename(w.path), w.code, w.count])).toEqual([['github_graphql_deployments.data.json', 'duplicates', 7]]);
  });

  it('reads a GraphQL response as gh api graphql returns it', async () => {
    const nodes = JSON.parse(fs.readFileSync(path.join(GRAPHQL, 'github_graphql_deployments.data.json'), 'utf8')) as unknown[];
    const response = { data: { repository: { deployments: { nodes: nodes.slice(0, 1) } } } };
    const r = await ingestFiles([writeFixture({ 'deployments.json': JSON.stringify(response) })]);
    expect(await r.query('SELECT id, source_pointer FROM deployment')).toEqual([{ id: 'github:3881429895', source_pointer: '/data/repository/deployments/nodes/0' }]);
  });
});

describe('the outcome of a status history', () => {
  const none = () => false;
  const s = (state: string, minute: number): GhStatus => ({ state, at: `2026-03-01T10:${String(minute).padStart(2, '0')}:00Z` });

  it('is the latest result, the result before inactive, or not yet known', () => {
    expect(deploymentOutcome([s('queued', 0), s('in_progress', 1), s('error', 5)], undefined, none))
      .toEqual({ kind: 'done', state: 'error', startedAt: s('', 1).at, finishedAt: s('', 5).at });
    expect(deploymentOutcome([s('failure', 5), s('inactive', 9)], undefined, none)).toEqual({ kind: 'done', state: 'failure', startedAt: undefined, finishedAt: s('', 5).at });
    expect(deploymentOutcome([s('inactive', 9)], undefined, none)).toEqual({ kind: 'done', state: 'inactive', startedAt: undefined, finishedAt: undefined });
    // Redeployed: a new in_progress after a success means it is running again.
    expect(deploymentOutcome([s('success', 2), s('in_progress', 3)], undefined, none)).toEqual({ kind: 'unfinished', state: 'in_progress' });
    expect(deploymentOutcome([s('pending', 2)], undefined, none)).toEqual({ kind: 'unfinished', state: 'pending' });
    expect(deploymentOutcome([], 'waiting', none)).toEqual({ kind: 'unfinished', state: 'waiting' });
    expect(deploymentOutcome([], 'active', none)).toEqual({ kind: 'done', state: 'active', startedAt: undefined, finishedAt: undefined });
    expect(deploymentOutcome([], undefined, none)).toEqual({ kind: 'unknown' });
    // A state the config maps itself is a result.
    expect(deploymentOutcome([s('in_progress', 2)], undefined, (x) => x === 'in_progress'))
      .toEqual({ kind: 'done', state: 'in_progress', startedAt: s('', 2).at, finishedAt: s('', 2).at });
  });

  it('does not depend on the order the statuses are listed in', () => {
    const states = fc.constantFrom('queued', 'pending', 'in_progress', 'success', 'failure', 'error', 'inactive');
    const history = fc.uniqueArray(fc.record({ state: states, minute: fc.integer({ min: 0, max: 59 }) }), { selector: (x) => x.minute, maxLength: 8 });
    fc.assert(
      fc.property(history, fc.infiniteStream(fc.nat()), (h, seeds) => {
        const list = h.map((x) => s(x.state, x.minute));
        const shuffled = list.map((x) => ({ x, k: seeds.next().value })).sort((a, b) => a.k - b.k).map((y) => y.x);
        expect(deploymentOutcome(shuffled, undefined, none)).toEqual(deploymentOutcome(list, undefined, none));
      }),
    );
  });
});
