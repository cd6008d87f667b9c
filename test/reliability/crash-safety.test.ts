// Crash safety (CONTRACT.md: "a failed or interrupted ingest or build leaves the previous database and
// site as they were"): the real CLI, killed with SIGKILL at points spread over a whole run, leaves the
// previous complete database or site, or the new complete one, nothing in between; no process it
// started outlives it; the next run takes over the dead run's lock, cleans up and succeeds. And a second
// ingest on a database in use is refused, naming the run that holds it, without disturbing that run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openDb } from '../../src/db/duckdb.ts';
import { PROJECT_ROOT } from '../../src/publish/node-child.ts';
import { removalsPending } from '../../src/publish/swap.ts';
import { FIXTURES, tempDir } from '../helpers/ingest.ts';

const SCRIPT = path.join(PROJECT_ROOT, 'scripts/almanac.ts');
const dir = tempDir('almanac-crash-');
// The runs' os.tmpdir(): the work folders killed runs leave there are removed with the test's folder.
const TMP = path.join(dir, 'tmp');

interface Run {
  pid: number;
  code: number | null;
  /** 'SIGKILL' when the kill came before the run ended by itself. */
  signal: NodeJS.Signals | null;
  ms: number;
  output: string;
  /** Processes the run had started when it was killed. */
  children: number[];
}

/** The live processes below `pid`, from /proc. */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // Gone meanwhile.
    }
  }
  const found: number[] = [];
  const stack = [pid];
  while (stack.length) {
    const below = children.get(stack.pop()!) ?? [];
    found.push(...below);
    stack.push(...below);
  }
  return found;
}

/** Whether `pid` still runs (a zombie nobody reaped has stopped). */
function running(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** `almanac <args>` run in the test's folder, on this Node; SIGKILLed after `killAfter` ms if given. */
function almanac(args: string[], killAfter?: number): { pid: number; done: Promise<Run> } {
  const started = performance.now();
  const child = spawn(process.execPath, ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', SCRIPT, ...args], {
    cwd: dir, env: { ...process.env, TMPDIR: TMP }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr.on('data', (b: Buffer) => (output += b.toString()));
  let children: number[] = [];
  const timer = killAfter === undefined ? undefined : setTimeout(() => {
    children = descendants(child.pid!);
    child.kill('SIGKILL');
  }, killAfter);
  const done = new Promise<Run>((resolve, reject) => {
    child.on('error', reject);
    // A killed run is over when its process is: an orphan holding its output open must not hide that.
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const run = () => ({ pid: child.pid!, code, signal, ms: performance.now() - started, output, children });
      if (signal) resolve(run());
      else child.on('close', () => resolve(run()));
    });
  });
  return { pid: child.pid!, done };
}

async function ok(args: string[]): Promise<Run> {
  const run = await almanac(args).done;
  expect(run.code, `almanac ${args.join(' ')}:\n${run.output}`).toBe(0);
  return run;
}

/** Every table's rows, hashed (the run's id and times left out: they differ between two runs of the same exports). */
async function content(file: string): Promise<Record<string, string>> {
  const db = await openDb(file, { readOnly: true });
  try {
    const out: Record<string, string> = {};
    for (const { name } of await db.all<{ name: string }>('SELECT table_name AS name FROM duckdb_tables() ORDER BY 1')) {
      const cols = name === 'ingest_runs' ? '* EXCLUDE (run_id, started_at, finished_at)' : '*';
      const [r] = await db.all<{ n: number; h: string }>(
        `SELECT count(*)::INTEGER AS n, md5(coalesce(string_agg(x::VARCHAR, chr(10) ORDER BY x::VARCHAR), '')) AS h FROM (SELECT ${cols} FROM "${name}") x`,
      );
      out[name] = `${r!.n} rows ${r!.h}`;
    }
    return out;
  } finally {
    db.close();
  }
}

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
/** Files beside `target` named after it (`.lock`, `.next-…`, `.old-…`). */
const besides = (target: string) => fs.readdirSync(path.dirname(target)).filter((n) => n.startsWith(`${path.basename(target)}.`)).sort();
/** `n` kill points, as shares of a run's length, from its start to a little past its end (the next run may be slower). */
const spread = (n: number) => Array.from({ length: n }, (_, i) => (i / (n - 1)) * 1.1);

/** After a kill: every process the run started has stopped (within a few seconds), none left behind to finish its work. */
async function expectNoOrphans(run: Run): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (run.children.some(running) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(run.children.filter(running), `processes of killed pid ${run.pid} still running`).toEqual([]);
}

// Inputs: the bundled sample without its two big Jira files (25 files, about 10,000 rows), and the same
// with one of them added (different rows: the new content is told from the previous one).
const A = path.join(dir, 'a');
const B = path.join(dir, 'b');
const goodA = path.join(dir, 'good-a', 'almanac.duckdb');
const goodB = path.join(dir, 'good-b', 'almanac.duckdb');
let contentA: Record<string, string> = {};
let contentB: Record<string, string> = {};
let ingestMs = 0;
/** How much longer the ingest of B takes than that of A. */
let ratioBA = 1;

beforeAll(async () => {
  const sample = path.join(PROJECT_ROOT, 'data/exports');
  fs.mkdirSync(TMP);
  for (const d of [A, B]) fs.mkdirSync(d);
  for (const f of fs.readdirSync(sample).filter((f) => /\.(csv|json)$/.test(f) && !/^jira-.*-issues\.csv$/.test(f))) {
    for (const d of [A, B]) fs.copyFileSync(path.join(sample, f), path.join(d, f));
  }
  fs.copyFileSync(path.join(sample, 'jira-server-issues.csv'), path.join(B, 'jira-server-issues.csv'));
  const aMs = (await ok(['ingest', 'a', '--db', path.relative(dir, goodA)])).ms;
  // The run every kill interrupts, uninterrupted: how long it takes, and what it writes.
  ingestMs = (await ok(['ingest', 'b', '--db', path.relative(dir, goodB)])).ms;
  ratioBA = ingestMs / aMs;
  [contentA, contentB] = await Promise.all([content(goodA), content(goodB)]);
  expect(contentB).not.toEqual(contentA);
}, 300_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('crash safety: SIGKILL at any point', () => {
  it('of an ingest leaves the previous database or the new one, and the next ingest succeeds', { timeout: 600_000 }, async () => {
    const db = path.join(dir, 'ingest', 'almanac.duckdb');
    fs.mkdirSync(path.dirname(db));
    fs.copyFileSync(goodA, db);
    const outcomes: string[] = [];
    // A run's length varies with the machine's load: the last uninterrupted one (of A) is the measure.
    let runMs = ingestMs;
    for (const share of spread(10)) {
      const at = Math.round(share * runMs);
      const before = sha256(db);
      const run = await almanac(['ingest', 'b', '--db', 'ingest/almanac.duckdb'], at).done;
      const left = besides(db);
      expect(fs.existsSync(db), `killed at ${at} ms: no database`).toBe(true);
      // Exactly the previous file, byte for byte, or exactly what an uninterrupted run writes.
      const previous = sha256(db) === before;
      if (!previous) expect(await content(db), `killed at ${at} ms: neither the previous nor the new database`).toEqual(contentB);
      else expect(await content(db)).toEqual(contentA);
      await expectNoOrphans(run);
      outcomes.push(`${at} ms: ${run.signal ? 'killed' : `ended (${run.code})`}, ${previous ? 'previous' : 'new'} database${left.length ? `, left ${left.join(' ')}` : ''}`);

      const next = await ok(['ingest', 'a', '--db', 'ingest/almanac.duckdb']);
      runMs = next.ms * ratioBA;
      expect(next.output).toContain('ingest/almanac.duckdb replaced');
      expect(besides(db), 'lock and half-written databases of the killed run removed').toEqual([]);
      expect(await content(db)).toEqual(contentA);
    }
    console.info(`ingest: ${Math.round(ingestMs)} ms uninterrupted at first, ${Math.round(runMs)} ms at last; SIGKILL at:\n  ${outcomes.join('\n  ')}`);
    // Most kills came mid-run: the test saw the interrupted state (a dead run's lock taken over), not only finished runs.
    expect(outcomes.filter((o) => o.includes('killed, previous')).length).toBeGreaterThanOrEqual(5);
    expect(outcomes.some((o) => o.includes('almanac.duckdb.lock'))).toBe(true);
  });

  it('of a build leaves the previous site or the new one, and the next build succeeds', { timeout: 600_000 }, async () => {
    // A small real site (36 pages: four projects, their releases, statuses) and the same with one more
    // release; each database in its own folder, with its own snapshots: built twice, a site is the same.
    const status = path.join(FIXTURES, 'metrics/status');
    for (const name of ['site-a', 'site-b']) {
      fs.cpSync(status, path.join(dir, name, 'exports'), { recursive: true });
    }
    fs.appendFileSync(path.join(dir, 'site-b/exports/releases.csv'), 'R8,Delta 0,PD,sys-d,minor,released,2026-01-10,2026-02-15,2026-02-20\n');
    for (const name of ['site-a', 'site-b']) await ok(['ingest', `${name}/exports`, '--db', `${name}/almanac.duckdb`]);
    const out = path.join(dir, 'site');
    const PAGES = ['index.html', 'releases/index.html', 'projects/pa/index.html', 'data/index.html', 'data/metrics.csv', 'pagefind/pagefind-entry.json'];
    const site = (root: string) => ({
      pages: fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).length,
      files: Object.fromEntries(PAGES.map((p) => [p, fs.existsSync(path.join(root, p)) ? sha256(path.join(root, p)) : null])),
    });
    let buildMs = Math.max(
      (await ok(['build', '--db', 'site-b/almanac.duckdb', '--out', 'site-new'])).ms,
      (await ok(['build', '--db', 'site-a/almanac.duckdb', '--out', 'site'])).ms,
    );
    const siteB = site(path.join(dir, 'site-new'));
    const siteA = site(out);
    expect(siteA.pages).toBeGreaterThan(30);
    expect(Object.values(siteA.files)).not.toContain(null);
    expect(siteB.pages).toBe(siteA.pages + 1);
    expect(siteB.files['index.html']).not.toBe(siteA.files['index.html']);

    const outcomes: string[] = [];
    const firstMs = buildMs;
    for (const share of spread(6)) {
      const at = Math.round(share * buildMs);
      const run = await almanac(['build', '--db', 'site-b/almanac.duckdb', '--out', 'site'], at).done;
      const left = besides(out);
      // The only moment without the site folder lies between the two renames of the swap; the next
      // build puts the previous one back from `site.old-<pid>`.
      const shown = fs.existsSync(out) ? out : path.join(dir, left.find((n) => n.startsWith('site.old-')) ?? 'site');
      expect(fs.existsSync(shown), `killed at ${at} ms: no site`).toBe(true);
      const now = site(shown);
      const previous = JSON.stringify(now) === JSON.stringify(siteA);
      if (!previous) expect(now, `killed at ${at} ms: neither the previous nor the new site`).toEqual(siteB);
      await expectNoOrphans(run);
      outcomes.push(`${at} ms: ${run.signal ? 'killed' : `ended (${run.code})`}, ${previous ? 'previous' : 'new'} site${shown === out ? '' : ` (in ${path.basename(shown)})`}${left.length ? `, left ${left.join(' ')}` : ''}`);

      buildMs = (await ok(['build', '--db', 'site-a/almanac.duckdb', '--out', 'site'])).ms;
      // The replaced site is removed by a process of its own (swap.ts), after the build has ended.
      for (const until = Date.now() + 15_000; removalsPending(out).length > 0 && Date.now() < until;) await new Promise((r) => setTimeout(r, 100));
      expect(besides(out), 'lock and work folders of the killed build removed').toEqual([]);
      // The Astro step renders a site that lies outside the project in the project's .astro/ first.
      expect(fs.readdirSync(path.join(PROJECT_ROOT, '.astro')).filter((n) => n.startsWith(`build-${run.pid}-`)), 'the killed build\'s pages removed').toEqual([]);
      expect(site(out)).toEqual(siteA);
    }
    console.info(`build: ${Math.round(firstMs)} ms uninterrupted at first, ${Math.round(buildMs)} ms at last; SIGKILL at:\n  ${outcomes.join('\n  ')}`);
    expect(outcomes.filter((o) => o.includes('killed, previous')).length).toBeGreaterThanOrEqual(2);
    expect(outcomes.some((o) => o.includes('site.lock'))).toBe(true);
  });
});

describe('two ingests on one database', () => {
  it('refuses the second, naming the first, which finishes with a correct database', { timeout: 300_000 }, async () => {
    const db = path.join(dir, 'concurrent', 'almanac.duckdb');
    fs.mkdirSync(path.dirname(db));
    const first = almanac(['ingest', 'b', '--db', 'concurrent/almanac.duckdb']);
    const deadline = Date.now() + 60_000;
    while (!fs.existsSync(`${db}.lock`) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const second = await almanac(['ingest', 'a', '--db', 'concurrent/almanac.duckdb']).done;
    expect(second.code).toBe(1);
    expect(second.output).toMatch(
      new RegExp(`^almanac ingest: concurrent/almanac\\.duckdb is in use by another ingest run \\(pid ${first.pid}, since \\d{4}-.*\\); wait for it to finish, or remove concurrent/almanac\\.duckdb\\.lock if no such process runs`),
    );
    const run = await first.done;
    expect(run.code, run.output).toBe(0);
    expect(await content(db)).toEqual(contentB);
    expect(besides(db)).toEqual([]);
  });
});
