// A site built, through the real ingest and build, from exports whose every text field carries markup
// or script meant to run in the reader's browser (names, summaries, notes, owners, teams, phases, some
// ids, a column name, a file name, a rejected value), opened page by page in Chromium: nothing runs,
// nothing becomes an element, the CSP is never violated, and every payload reads as the text it is — in
// the pages, the SVG titles, the search results and the CSV downloads (formulas neutralised there).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ENTITIES, ENTITY_NAMES, entityColumns, type EntityName } from '../../src/model/catalog.ts';
import { ingest } from '../../src/ingest/pipeline.ts';
import { buildSite } from '../../src/publish/build-site.ts';
import { tempDir, writeFixture } from '../helpers/ingest.ts';
import { launchBrowser, openPage } from './browser.ts';
import { serveFolder, type StaticServer } from './serve.ts';

/** Each sets `window.__pwned` if the browser ever takes it for markup, script, a URL or a template. */
const PAYLOADS = [
  '<script>window.__pwned=1</script>',
  '"><img src=x onerror="window.__pwned=1">',
  'javascript:window.__pwned=1',
  '<svg onload="window.__pwned=1">',
  '<![CDATA[<script>window.__pwned=1</script>]]>',
  '[x](javascript:window.__pwned=1)',
  "{{constructor.constructor('window.__pwned=1')()}}",
  '</title></svg><img src=x onerror="window.__pwned=1">',
  '</script><script>window.__pwned=1</script>',
  "'><iframe srcdoc='<script>parent.__pwned=1</script>'></iframe>",
  '=HYPERLINK("javascript:window.__pwned=1","x")',
  '+window.__pwned=1',
  '-window.__pwned',
  '@SUM(window.__pwned)',
  '<a href="javascript:window.__pwned=1">link</a>',
  '<style>*{color:red}</style><math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=1">',
];

/** The exports: a small portfolio touching every page (as in test/fixtures/metrics/status, with operations and quality added). */
const BASE: Partial<Record<EntityName, string>> = {
  system: `id,name,portfolio,program,owner,criticality
sys-a,Broker,Retail,Channels,Ops Team,tier 1
sys-b,Beta web,Retail,Channels,Web Team,tier 2
sys-c,Gamma core,Corporate,Markets,Core Team,tier 1`,
  project: `id,name,portfolio,program,owner,planned_start,planned_end,budget
PA,Alpha,Retail,Channels,Ann,2025-01-01,2026-12-31,1000
PB,Beta,Retail,Channels,Bob,2025-01-01,2026-03-15,500
PC,Gamma,Corporate,Markets,Cid,2025-01-01,2026-12-31,800`,
  release: `id,name,project_id,system_ids,type,status,planned_start,planned_release,actual_release
R1,Alpha 1,PA,sys-a,minor,in_progress,2026-02-01,2026-03-20,
R2,Alpha 2,PA,sys-a,minor,planned,2026-03-25,2026-04-10,
R3,Alpha 3,PA,sys-a,minor,released,2026-01-05,2026-02-01,2026-02-10
R4,Beta 1,PB,sys-b,minor,planned,2026-04-20,2026-05-05,
R5,Gamma 1,PC,sys-c,major,released,2026-01-10,2026-02-20,2026-02-25
R6,Gamma 2,PC,sys-c,major,in_progress,2026-02-15,2026-04-30,`,
  release_dependency: `release_id,depends_on_id
R2,R1
R1,R3
R6,R5`,
  release_phase: `release_id,phase,planned_start,planned_end,actual_start,actual_end
R3,test,2026-01-10,2026-01-25,2026-01-10,2026-02-03
R6,build,2026-02-15,2026-03-10,2026-02-15,2026-03-15
R6,test,2026-03-11,2026-04-20,2026-03-16,`,
  work_item: `key,project_id,type,status,status_category,priority,release_ids,team,assignee,created,resolved,story_points,found_in
K1,PA,story,Done,done,Medium,R3,T1,Ann,2025-11-01T09:00:00Z,2025-11-20T10:00:00Z,3,
K2,PA,story,Done,done,Medium,R1,T1,Ann,2026-01-01T09:00:00Z,2026-02-20T11:00:00Z,5,
K3,PA,task,Done,done,Medium,R1,T1,Bob,2026-01-05T09:00:00Z,2026-02-10T10:00:00Z,2,
K4,PC,story,Done,done,Medium,R6,T3,Cid,2026-01-02T09:00:00Z,2026-01-15T10:00:00Z,2,
K5,PC,story,In Progress,in_progress,High,R6,T3,Cid,2026-02-01T09:00:00Z,,3,
BUG1,PA,bug,To Do,todo,Highest,R2,T1,Ann,2026-03-20T09:00:00Z,,,test
BUG2,PA,bug,Done,done,High,R3,T1,Bob,2026-02-12T09:00:00Z,2026-02-14T09:00:00Z,,production
S1,PA,story,To Do,todo,Medium,R2,T1,,2026-03-01T09:00:00Z,,5,
S2,PA,story,Blocked,in_progress,High,R2,T1,Bob,2026-03-01T09:00:00Z,,3,`,
  change: `number,short_description,type,state,risk,system_id,release_id,assignment_group,planned_start,planned_end,opened_at,closed_at,close_code,close_notes,unauthorized
CHG1,Gamma deploy,normal,closed,High,sys-c,R6,Ops,2026-03-24T20:00:00Z,2026-03-24T22:00:00Z,2026-03-20T09:00:00Z,2026-03-25T08:00:00Z,unsuccessful,Rolled back,false
CHG2,Gamma schema,normal,closed,Low,sys-c,R6,DBA,2026-03-24T21:00:00Z,2026-03-24T23:00:00Z,2026-02-15T09:00:00Z,2026-03-25T08:00:00Z,successful,Done,false
CHG3,Broker upgrade,emergency,closed,High,sys-a,R1,Ops,2026-03-31T20:00:00Z,2026-04-01T02:00:00Z,2026-03-05T09:00:00Z,2026-04-01T08:00:00Z,successful_with_issues,Slow,true
CHG4,Beta patch,normal,scheduled,Moderate,sys-b,R4,Web,2026-04-02T10:00:00Z,2026-04-02T12:00:00Z,2026-03-28T09:00:00Z,,,,false
CHG5,Alpha go-live,normal,closed,Low,sys-a,R3,Ops,2026-02-10T10:00:00Z,2026-02-10T12:00:00Z,2026-02-01T09:00:00Z,2026-02-10T13:00:00Z,successful,Live,false`,
  incident: `number,short_description,priority,state,system_id,assignment_group,opened_at,resolved_at,caused_by_change,caused_by_deployment
INC1,Gamma down,1,Resolved,sys-c,Ops,2026-03-25T09:00:00Z,2026-03-25T12:00:00Z,CHG1,
INC2,Broker slow,2,Resolved,sys-a,Ops,2026-02-11T09:00:00Z,2026-02-11T15:00:00Z,,D3`,
  deployment: `id,system_id,environment_id,release_id,version,started_at,finished_at,status,production,trigger
D1,sys-c,PRD,R5,5.0,2026-02-25T10:00:00Z,2026-02-25T10:30:00Z,success,true,pipeline
D2,sys-c,PRD,R6,6.0,2026-03-24T20:00:00Z,2026-03-24T21:00:00Z,rolled_back,true,pipeline
D3,sys-a,PRD,R3,3.0,2026-02-10T10:00:00Z,2026-02-10T11:00:00Z,success,true,Ann
D4,sys-a,E1,R1,1.0-rc,2026-03-02T10:00:00Z,2026-03-02T10:20:00Z,failure,false,Bob`,
  environment: `id,name,kind,production,shared,capacity,owner,cost_per_day
E1,SIT Shared,sit,false,false,1,Env Team,100
E2,UAT,uat,false,true,2,Env Team,80
PRD,Production,prod,true,false,1,Ops Team,500`,
  booking: `id,environment_id,project_id,release_id,purpose,status,start,end
BK1,E1,PB,R4,SIT,approved,2026-04-20,2026-04-23
BK2,E1,PC,R6,SIT,approved,2026-04-21,2026-04-25
BK3,E1,PA,R3,SIT,approved,2026-01-12,2026-01-14
BK4,E2,PA,R1,UAT,requested,2026-03-10,2026-03-20`,
  test_cycle: `release_id,name,planned_start,planned_end,planned_cases,executed,passed,failed,blocked,effort_hours
R1,SIT,2026-03-02,2026-03-13,100,80,70,10,5,70
R6,UAT,2026-03-16,2026-04-10,50,20,18,2,0,50`,
  capacity: `team,resource,period_start,period_end,available_hours
T1,dev,2026-03-02,2026-03-29,400
T3,dev,2026-03-02,2026-03-29,300
QA A,qa,2026-03-02,2026-04-12,200`,
  freeze_window: `name,start,end,scope
Quarter close,2026-04-01,2026-04-03,all
Beta freeze,2026-05-04,2026-05-06,sys-b`,
  lesson: `id,date,project_id,release_id,category,title,impact,action,status
LR1,2026-03-25,PA,R1,release coordination,Go/no-go without ops,High,Invite ops,open
LR2,2026-02-26,PC,R5,testing,Late test data,Medium,Book data early,done`,
  cost: `project_id,month,planned,actual
PA,2026-01,200,180
PA,2026-02,200,210
PC,2026-03,100,140`,
};

/** Ids that become hostile everywhere they are used (no `;`: they also sit in lists). */
const HOSTILE_IDS: Record<string, string> = {
  R6: 'R6 <svg onload="window.__pwned=1">',
  PC: 'PC"><img src=x onerror="window.__pwned=1">',
  'sys-c': 'sys-c<script>window.__pwned=1</script>',
  E1: "E1'><iframe srcdoc='<script>parent.__pwned=1</script>'></iframe>",
  CHG1: 'CHG1</title><script>window.__pwned=1</script>',
};

/** Id-like fields that are names to the reader: each gets a payload, the same wherever the name recurs. */
const NAMED: ReadonlyArray<[EntityName, string]> = [
  ['test_cycle', 'name'], ['capacity', 'team'], ['release_phase', 'phase'], ['lesson', 'category'], ['freeze_window', 'name'],
];
/** Lists of free text (the other lists hold ids). */
const TEXT_LISTS = ['labels', 'components', 'sprints'];

/** The exports with a payload in every text field; a value that recurs (a team, a group) gets the same one, so names still join. */
function hostileExports(): Record<string, string> {
  const payloads = new Map<string, string>();
  const payload = (value: string) => {
    if (!payloads.has(value)) payloads.set(value, `${PAYLOADS[payloads.size % PAYLOADS.length]} (${value})`);
    return payloads.get(value)!;
  };
  const hostileId = (v: string) => v.split(';').map((x) => HOSTILE_IDS[x] ?? x).join(';');
  const tables = new Map<EntityName, Array<Record<string, string>>>();
  for (const entity of ENTITY_NAMES) {
    const csv = BASE[entity];
    if (csv === undefined) continue;
    const named = new Set(NAMED.filter(([e]) => e === entity).map(([, f]) => f));
    tables.set(entity, Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data.map((row, i) => Object.fromEntries(
      entityColumns(entity).map((c) => {
        const v = row[c.name] ?? '';
        if (c.kind === 'text' || named.has(c.name)) return [c.name, payload(v || `${entity} ${c.name} ${i + 1}`)];
        if (c.kind === 'list' && TEXT_LISTS.includes(c.name)) return [c.name, [1, 2].map((k) => payload(`${c.name} ${i + 1}.${k}`)).join(';')];
        return [c.name, c.kind === 'id' || c.kind === 'list' ? hostileId(v) : v];
      }),
    )));
  }
  // A column the Data page names in a warning, and a value it shows as rejected.
  const changes = tables.get('change')!;
  const rejected = { ...changes[0]!, number: 'CHG9', opened_at: PAYLOADS[1]! };
  tables.set('change', [...changes, rejected].map((row) => ({ ...row, [PAYLOADS[3]!]: 'ignored' })));
  const files = Object.fromEntries([...tables].map(([entity, rows]) => [ENTITIES[entity].csvFile!, `${Papa.unparse(rows, { newline: '\n' })}\n`]));
  // A file name the Data page lists.
  files['release_dependencies-<img src=x onerror=window.__pwned=1>.csv'] = files['release_dependencies.csv']!;
  delete files['release_dependencies.csv'];
  return files;
}

const dir = tempDir('almanac-hostile-site-');
const db = path.join(dir, 'almanac.duckdb');
const out = path.join(dir, 'dist');
let input = '';
/** Console messages of any level that name the CSP (openPage records errors and warnings only). */
const cspMessages: string[] = [];
let server: StaticServer;
let browser: Browser;
let context: BrowserContext;

/** Every file of the built site whose name ends with `ext`, relative to its root. */
const siteFiles = (ext: string) => fs.readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith(ext)).sort();

/** Opens a page of the site, recording console errors, failed requests and the rest (browser.ts). */
const open = (page: string) => openPage(context, `${server.url}${page}`, server.url);

describe('a site built from exports with a payload in every text field', () => {
  beforeAll(async () => {
    input = writeFixture(hostileExports());
    const summary = await ingest({ inputs: [input], db, quiet: true, maxRejectRatio: 1 });
    expect(summary.errors).toEqual([]);
    // The Data page has a rejected value and an unknown column to show.
    expect(summary.rejects.map((r) => r.value)).toContain(PAYLOADS[1]);
    expect(summary.warnings.map((w) => w.message).join('\n')).toContain(PAYLOADS[3]);
    // A build as of an earlier day first: the "what changed" page then lists releases and projects by name.
    await buildSite({ db, out, asOf: '2026-03-01' });
    await buildSite({ db, out });
    server = await serveFolder(out);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) cspMessages.push(`${msg.page()?.url()}: ${msg.text()}`);
    });
    // Before any script of the page runs: the CSP's own report of what it blocked.
    await context.addInitScript(() => {
      const w = window as unknown as { __violations: string[] };
      w.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample}`));
    });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
    if (input) fs.rmSync(input, { recursive: true, force: true });
  });

  /** What a page shows and holds that it must not, after it loaded and the reader used it. */
  async function inspect(page: Page): Promise<{ wrong: string[]; text: string; titles: string[] }> {
    return page.evaluate(() => {
      const wrong: string[] = [];
      const w = window as unknown as { __pwned?: unknown; __violations: string[] };
      if (w.__pwned !== undefined) wrong.push('window.__pwned is set');
      wrong.push(...w.__violations.map((v) => `CSP violation: ${v}`));
      for (const el of document.querySelectorAll('*')) {
        for (const a of el.attributes) {
          if (/^on/i.test(a.name)) wrong.push(`<${el.localName} ${a.name}>`);
          if (/^\s*javascript:/i.test(a.value)) wrong.push(`<${el.localName} ${a.name}="${a.value}">`);
        }
      }
      for (const el of document.querySelectorAll('iframe, img[src="x"], math, mglyph, style')) wrong.push(`injected <${el.localName}>`);
      for (const s of document.querySelectorAll('script')) {
        if (!s.src && s.type !== 'application/json') wrong.push(`inline script: ${s.textContent?.slice(0, 80)}`);
      }
      // An SVG title is text only: the tooltip a reader hovers.
      const titles = [...document.querySelectorAll('svg title')].map((t) => {
        if (t.children.length > 0) wrong.push(`<title> with elements: ${t.innerHTML.slice(0, 80)}`);
        return t.textContent ?? '';
      });
      return { wrong, text: document.body.textContent ?? '', titles };
    });
  }

  /** Uses the page as a reader would: hovers marks with a title, sorts and filters tables, tries the what-if. */
  async function use(page: Page): Promise<void> {
    const marks = page.locator('svg :is(rect, circle, path, line, text, g):has(> title)');
    for (let i = 0, n = Math.min(await marks.count(), 8); i < n; i++) await marks.nth(i).hover({ force: true, timeout: 2_000 }).catch(() => undefined);
    // Tables in a closed disclosure are left alone: a reader cannot reach them either.
    const sorts = page.locator('th button').filter({ visible: true });
    if ((await sorts.count()) > 0) await sorts.first().click();
    for (const filter of await page.locator('input[type="search"]:not(#site-search-q)').filter({ visible: true }).all()) await filter.fill('pwned');
    const whatIf = page.locator('#what-if-release');
    if ((await whatIf.count()) > 0) {
      for (const option of await whatIf.locator('option').all()) {
        await whatIf.selectOption(await option.getAttribute('value') ?? '');
        await page.locator('#what-if-days').fill('30');
      }
    }
  }

  it('runs nothing and injects nothing on any page, within the CSP, and shows every payload as text', async () => {
    const pages = siteFiles('.html').map((f) => f.replace(/index\.html$/, ''));
    expect(pages.length).toBeGreaterThan(30);
    const failures: string[] = [];
    const shown = new Set<string>();
    let titled = 0;
    for (const p of pages) {
      const { page, problems } = await open(p);
      await page.waitForLoadState('load');
      await use(page);
      const { wrong, text, titles } = await inspect(page);
      failures.push(...[...problems, ...wrong].map((x) => `${p || '/'}: ${x}`));
      const here = PAYLOADS.filter((x) => text.includes(x));
      for (const x of here) shown.add(x);
      // The search page shows nothing before a search, the list of monthly pages only months.
      if (here.length === 0 && p !== 'search/' && p !== 'monthly/') failures.push(`${p || '/'}: no payload shown`);
      titled += titles.filter((t) => t.includes('window.__pwned')).length;
      await page.close();
    }
    console.info(`hostile-site: ${pages.length} pages opened, ${titled} SVG titles holding a payload as text`);
    expect(failures).toEqual([]);
    expect(cspMessages).toEqual([]);
    expect(PAYLOADS.filter((x) => !shown.has(x))).toEqual([]);
    // Charts name hostile releases, systems and teams in their marks' titles, as text.
    expect(titled).toBeGreaterThan(0);
  }, 300_000);

  it('finds payloads with search and lists them as text', async () => {
    const { page, problems } = await open('search/');
    await page.locator('#search-q').fill('pwned');
    await page.locator('#search-status').filter({ hasText: 'for “pwned”' }).waitFor();
    const results = page.locator('#search-results li');
    expect(await results.count()).toBeGreaterThan(0);
    await page.locator('#search-more').click({ timeout: 1_000 }).catch(() => undefined);
    const { wrong } = await inspect(page);
    expect(wrong).toEqual([]);
    const listed = (await results.allTextContents()).join('\n');
    expect(PAYLOADS.filter((x) => listed.includes(x)).length).toBeGreaterThan(0);
    await expect(page.locator('#search-results').locator('script, img, svg, iframe, a[href^="javascript"]').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    expect(cspMessages).toEqual([]);
    await page.close();
  });

  it('writes the payloads into the CSV downloads as text, with every formula neutralised', () => {
    const files = siteFiles('.csv');
    expect(files.length).toBeGreaterThan(20);
    const cells = files.flatMap((f) => {
      const text = fs.readFileSync(path.join(out, f), 'utf8').replace(/^\uFEFF/, '');
      return Papa.parse<string[]>(text, { skipEmptyLines: true }).data.flat().map((cell) => ({ f, cell }));
    });
    // No cell a spreadsheet would run; numbers (a number column's raw value) may be negative.
    expect(cells.filter(({ cell }) => /^[=+\-@\t\r]/.test(cell) && !Number.isFinite(Number(cell)))).toEqual([]);
    console.info(`hostile-site: ${files.length} CSV files, ${cells.length} cells`);
    const all = cells.map((c) => c.cell).join('\n');
    for (const payload of PAYLOADS) expect(all, payload).toContain(/^[=+\-@]/.test(payload) ? `'${payload}` : payload);
  });
});
