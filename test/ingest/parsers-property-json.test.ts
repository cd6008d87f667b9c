// Property tests for the JSON exports (Jira, ServiceNow, GitHub, GitLab, Jenkins, Azure DevOps, the API
// responses inside DevLake's raw tables) and Excel workbooks: arbitrary bytes, broken copies of real
// exports, and valid documents whose values are of the wrong type, odd or hostile must end in the tool's
// own terms (test/helpers/fuzz.ts), never in another exception. CSV: parsers-property.test.ts.
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { memoryDb } from '../helpers/context.ts';
import { ingestFiles, tempDir, writeFixture } from '../helpers/ingest.ts';
import {
  anyBytes, brokenSeeds, fixture, hostileText, ingestOwnTerms, mutatedBytes, mutatedJson, seedOf, expectSeedsDetected, unzip, zip, type Seed,
} from '../helpers/fuzz.ts';

const db = await memoryDb();
afterAll(() => db.close());

/** Few runs of one ingest each, unshrunk (see parsers-property.test.ts); FUZZ_RUNS=500 searches longer. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 15);
/** Generous: the machine may be busy with other tests. */
const TIMEOUT = 240_000;
const run = { numRuns: RUNS, endOnFailure: true, plugins: [fc.timeout(20_000)] };

const one = (name: string, rel: string): Seed => seedOf(name, fixture(rel));
const REST = 'github/handmade/rest-folder';
const restFolder = (target: string): Seed => ({
  files: Object.fromEntries(fs.readdirSync(path.join(import.meta.dirname, '../fixtures', REST)).map((f) => [f, fixture(`${REST}/${f}`)])),
  target,
});
/** A long list cut to its first items: each run stays fast, and the shape is the export's. */
const firstItems = (name: string, rel: string, n: number): Seed => seedOf(name, Buffer.from(JSON.stringify((JSON.parse(fixture(rel).toString('utf8')) as unknown[]).slice(0, n))));

const SEEDS: Record<string, Seed[]> = {
  'jira-json-search': [one('search-v3.json', 'jira/handmade/search-v3.json'), one('search.json', 'jira/links/search.json')],
  'jira-json-versions': [one('PAY-versions.json', 'jira/handmade/PAY-versions.json'), one('project.json', 'jira/apache-json/project.json')],
  'jira-json-projects': [firstItems('all_projects.json', 'jira/apache-json/all_projects.json', 6)],
  'servicenow-json': [one('change_request.json', 'servicenow/change_request.json'), one('incident.json', 'servicenow/incident-table-api.json')],
  'github-releases': [one('releases.json', 'github/handmade/releases.json')],
  'github-deployments': [
    one('deployments.json', 'github/handmade/deployments.json'), one('deployments.data.json', 'github/devlake-graphql/github_graphql_deployments.data.json'),
    restFolder('deployments.json'),
  ],
  'github-deployment-statuses': [restFolder('deployment-201-statuses.json'), restFolder('deployment-202-statuses.json')],
  'gitlab-releases': [one('releases.json', 'gitlab/handmade/releases.json')],
  'gitlab-deployments': [one('deployments.json', 'gitlab/handmade/deployments.json'), firstItems('gitlab_deployments.data.json', 'gitlab/devlake/gitlab_deployments.data.json', 6)],
  'jenkins-builds': [one('builds.json', 'jenkins/handmade/builds.json'), one('deploy-prod.json', 'jenkins/handmade/deploy-prod.json'), one('jenkins_builds.data.json', 'jenkins/devlake/jenkins_builds.data.json')],
  'azure-builds': [one('builds.json', 'azure/handmade/builds.json')],
  'azure-release-deployments': [one('release-deployments.json', 'azure/handmade/release-deployments.json')],
};

const byteOrValue = (bytes: Uint8Array) => fc.oneof(mutatedBytes(bytes), mutatedJson(bytes), mutatedJson(bytes));

describe('JSON exports, broken in every way, end in the tool\'s own terms', () => {
  it('every seed is read, by the adapter it stands for', () => expectSeedsDetected(db, SEEDS));

  for (const [adapter, seeds] of Object.entries(SEEDS)) {
    it(`${adapter}: truncated, flipped, or valid JSON with values of the wrong type, odd or hostile`, async () => {
      await fc.assert(fc.asyncProperty(brokenSeeds(seeds, byteOrValue), async (f) => void (await ingestOwnTerms(f))), run);
    }, TIMEOUT);
  }

  it('devlake-raw: the API responses in the data column broken the same ways', async () => {
    const seeds = ['devlake/_raw_azuredevops_go_api_builds.csv', 'jenkins/devlake/_raw_jenkins_api_builds.csv', 'gitlab/devlake/_raw_gitlab_api_deployments.csv']
      .map((rel) => seedOf(path.basename(rel), fixture(rel)));
    // One row's response replaced by a broken copy of itself.
    const brokenData = (bytes: Uint8Array) => {
      const rows = Papa.parse<string[]>(Buffer.from(bytes).toString('utf8'), { skipEmptyLines: true }).data;
      const data = rows[0]!.indexOf('data');
      return fc.nat({ max: rows.length - 2 }).chain((i) => byteOrValue(Buffer.from(rows[i + 1]![data]!)).map((json) => {
        const copy = rows.map((r) => [...r]);
        copy[i + 1]![data] = Buffer.from(json).toString('utf8');
        return Buffer.from(`${Papa.unparse(copy, { newline: '\n' })}\n`);
      }));
    };
    await fc.assert(fc.asyncProperty(brokenSeeds(seeds, brokenData), async (f) => void (await ingestOwnTerms(f))), run);
  }, TIMEOUT);

  it('reads half an emoji (a lone surrogate, valid JSON but no UTF-8) as U+FFFD, and keys named like Object\'s properties as names', async () => {
    const dir = tempDir();
    try {
      const releases = JSON.parse(fixture('github/handmade/releases.json').toString('utf8')) as Array<{ name: string }>;
      releases[0]!.name = `${releases[0]!.name} \ud83d`;
      const changes = JSON.parse(fixture('servicenow/change_request.json').toString('utf8')) as { records: object[] };
      changes.records = changes.records.map((c) => ({ ...c, constructor: 'x', valueOf: 'y' }));
      const input = writeFixture({ 'releases.json': JSON.stringify(releases), 'change_request.json': JSON.stringify(changes) });
      const r = await ingestFiles([input], { db: path.join(dir, 'almanac.duckdb'), maxRejectRatio: 1 });
      expect(r.summary.errors).toEqual([]);
      expect((await r.query<{ name: string }>('SELECT name FROM release')).map((x) => x.name)).toContain(`${releases[0]!.name.slice(0, -1)}\ufffd`);
      expect(r.summary.warnings.map((w) => w.message).join('\n')).toMatch(/constructor, valueOf/);
      fs.rmSync(input, { recursive: true, force: true });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('any JSON document, or arbitrary bytes, under the names adapters look for', async () => {
    const name = fc.constantFrom('releases.json', 'deployments.json', 'PAY-versions.json', 'deployment-7-statuses.json', 'change_request.json', 'builds.json');
    const doc = fc.oneof(fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null')), anyBytes);
    await fc.assert(fc.asyncProperty(name, doc, async (n, bytes) => void (await ingestOwnTerms({ [n]: bytes }))), run);
  }, TIMEOUT);
});

const XLSX = ['systems.xlsx', 'release-workbook.xlsx', 'jira-saved-from-excel.xlsx', 'servicenow-change_request.xlsx'];

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A workbook with one of its parts (sheet, shared strings, styles, workbook, content types) broken byte by byte. */
const brokenPart = (bytes: Uint8Array): fc.Arbitrary<Uint8Array> => {
  const parts = unzip(Buffer.from(bytes));
  return fc.constantFrom(...parts.keys()).chain((name) => mutatedBytes(parts.get(name)!).map((b) => zip(new Map([...parts, [name, b]]))));
};

/** A workbook whose cell texts and numbers are replaced by hostile text, odd numbers and date serials: still valid XML. */
const hostileCells = (bytes: Uint8Array): fc.Arbitrary<Uint8Array> => {
  const parts = unzip(Buffer.from(bytes));
  const value = fc.oneof(hostileText, fc.constantFrom('1e309', '-1', '0', '2958466', '60', '45000.5', '-0', 'NaN', '1E+300', '99999999999999999999'));
  return fc.array(fc.tuple(fc.nat(), value), { minLength: 1, maxLength: 8 }).map((edits) => {
    const out = new Map(parts);
    for (const [name, xml] of parts) {
      if (!/^xl\/(worksheets\/.*|sharedStrings)\.xml$/.test(name)) continue;
      let k = 0;
      const cells = xml.toString('utf8').match(/<([tv])(\s[^>]*)?>[^<]*<\/\1>/g)?.length ?? 0;
      const picked = new Map(edits.map(([at, v]) => [at % Math.max(cells, 1), v]));
      out.set(name, Buffer.from(xml.toString('utf8').replace(/<([tv])(\s[^>]*)?>[^<]*<\/\1>/g, (m, tag: string, attrs: string | undefined) => {
        const v = picked.get(k++);
        return v === undefined ? m : `<${tag}${attrs ?? ''}>${xmlEscape(v)}</${tag}>`;
      })));
    }
    return zip(out);
  });
};

describe('Excel workbooks, broken in every way, end in the tool\'s own terms', () => {
  const seeds = XLSX.map((name) => seedOf(name, fixture(`xlsx/${name}`)));

  it('the zip rewritten by the test reads as the original', async () => {
    const dir = tempDir();
    try {
      const [a, b] = await Promise.all(['original', 'rezipped'].map((kind, i) => {
        const bytes = fixture('xlsx/release-workbook.xlsx');
        return ingestFiles([writeFixture({ 'release-workbook.xlsx': i ? zip(unzip(bytes)) : bytes })], { db: path.join(dir, `${kind}.duckdb`), maxRejectRatio: 1 });
      }));
      // The same sheets and rows: only the zip's own bytes differ.
      expect(b!.summary.files[0]).toMatchObject({ ...a!.summary.files[0], path: expect.any(String), bytes: expect.any(Number) });
      expect(a!.summary.files[0]!.rows).toBeGreaterThan(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('zip bytes broken, a part of the workbook broken, or hostile cell values', async () => {
    const files = brokenSeeds(seeds, (bytes) => fc.oneof(mutatedBytes(bytes), brokenPart(bytes), hostileCells(bytes)));
    await fc.assert(fc.asyncProperty(files, async (f) => void (await ingestOwnTerms(f))), { ...run, numRuns: 2 * RUNS });
  }, TIMEOUT);

  it('arbitrary bytes named .xlsx, behind a zip signature or not', async () => {
    const bytes = fc.oneof(anyBytes, anyBytes.map((b) => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...b])));
    await fc.assert(fc.asyncProperty(bytes, async (b) => void (await ingestOwnTerms({ 'releases.xlsx': b }))), run);
  }, TIMEOUT);

  it('expands no XML entity: neither an entity bomb nor a file of the machine', async () => {
    const parts = unzip(fixture('xlsx/systems.xlsx'));
    const strings = parts.get('xl/sharedStrings.xml')!.toString('utf8');
    const lol = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
    const dir = tempDir();
    try {
      for (const [i, dtd] of [`<!DOCTYPE sst [<!ENTITY l0 "lol">${lol}]>`, '<!DOCTYPE sst [<!ENTITY l9 SYSTEM "file:///etc/passwd">]>'].entries()) {
        // The system named "Payments" is named by the entity instead.
        const xml = strings.replace('<?xml version="1.0"?>', `<?xml version="1.0"?>${dtd}`).replace('<t>Payments</t>', '<t>&l9;</t>');
        const started = Date.now();
        const input = writeFixture({ 'systems.xlsx': zip(new Map([...parts, ['xl/sharedStrings.xml', Buffer.from(xml)]])) });
        const r = await ingestFiles([input], { db: path.join(dir, `${i}.duckdb`), maxRejectRatio: 1 });
        expect(Date.now() - started).toBeLessThan(20_000);
        expect(r.summary.errors.filter((e) => /could not be read: /.test(e))).toEqual([]);
        if (r.summary.ok) {
          const names = (await r.query<{ name: string | null }>('SELECT name FROM system')).map((s) => s.name ?? '');
          expect(names.filter((n) => n.length > 100 || n.includes('root:'))).toEqual([]);
        }
        fs.rmSync(input, { recursive: true, force: true });
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
