// Deployments get the release whose tag or name is their version, within their system (after system
// names are resolved); ambiguous versions and deployments that name their release stay as they are.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES, ingestFiles, writeFixture } from '../helpers/ingest.ts';

const GITHUB = path.join(FIXTURES, 'github', 'handmade');

describe('linking deployments to releases', () => {
  it('links by tag or name within the same system, once per deployment', async () => {
    const dir = writeFixture({
      'systems.csv': 'id,name\nSYS-PAY,payments\nSYS-LED,ledger\n',
      'github-releases.json': fs.readFileSync(path.join(GITHUB, 'releases.json')),
      'github-deployments.json': fs.readFileSync(path.join(GITHUB, 'deployments.json')),
      'releases.csv': [
        'id,name,system_ids,planned_release',
        'PAY:5.0,5.0,SYS-PAY,2026-04-01',
        'LED:5.0,5.0,SYS-LED,2026-04-01',
        'PAY:blue-a,blue,SYS-PAY,2026-04-01',
        'PAY:blue-b,blue,SYS-PAY,2026-04-01',
      ].join('\n'),
      'deployments.csv': [
        'id,system_id,version,release_id,started_at,status',
        'by-name,payments,5.0,,2026-03-20T10:00:00Z,success',
        'ambiguous,SYS-PAY,blue,,2026-03-20T10:00:00Z,success',
        'named,SYS-PAY,v2.4.0,PAY:5.0,2026-03-20T10:00:00Z,success',
        'no-system,,v2.4.0,,2026-03-20T10:00:00Z,success',
        'other-system,SYS-LED,v2.4.0,,2026-03-20T10:00:00Z,success',
        'ledger-tag,ledger,1.0,,2026-03-20T10:00:00Z,success',
      ].join('\n'),
    });
    const r = await ingestFiles([dir]);
    expect(r.summary.errors).toEqual([]);
    expect(await r.query('SELECT id, system_id, version, release_id FROM deployment ORDER BY id')).toEqual([
      { id: 'ambiguous', system_id: 'SYS-PAY', version: 'blue', release_id: null },
      { id: 'by-name', system_id: 'SYS-PAY', version: '5.0', release_id: 'PAY:5.0' },
      { id: 'github:101', system_id: 'SYS-PAY', version: 'v2.4.0', release_id: 'acme/payments@v2.4.0' },
      { id: 'github:102', system_id: 'SYS-PAY', version: 'main', release_id: null },
      { id: 'github:103', system_id: 'SYS-PAY', version: 'v2.4.1', release_id: 'acme/payments@v2.4.1' },
      { id: 'github:104', system_id: 'SYS-PAY', version: 'v2.4.1', release_id: 'acme/payments@v2.4.1' },
      { id: 'github:109', system_id: 'SYS-PAY', version: '0909cc', release_id: null },
      { id: 'ledger-tag', system_id: 'SYS-LED', version: '1.0', release_id: 'acme/ledger@1.0' },
      { id: 'named', system_id: 'SYS-PAY', version: 'v2.4.0', release_id: 'PAY:5.0' },
      { id: 'no-system', system_id: null, version: 'v2.4.0', release_id: null },
      { id: 'other-system', system_id: 'SYS-LED', version: 'v2.4.0', release_id: null },
    ]);
    expect(r.summary.warnings.filter((w) => w.code === 'ambiguous-release').map((w) => [w.count, w.message])).toEqual([
      [1, 'deployment: 1 deployment(s) name a version that several releases of their system carry (e.g. ambiguous); they are left without a release'],
    ]);
  });
});
