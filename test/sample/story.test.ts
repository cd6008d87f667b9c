// The sample holds what the metrics must find, and nothing impossible: no observed event after the
// reference time, every reference resolvable, slips and early releases, dependency chains, booking
// conflicts and idle environments, QA overload, failed changes that caused incidents, emergency and
// unauthorized changes, changes in freezes, rising and falling lesson categories, escaped defects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { median } from 'd3-array';
import type { SampleResult } from '../../src/sample/generate.ts';
import { REFERENCE_DATE, TIMELINE } from '../../src/sample/world.ts';
import { dayOfMs, instant, readCsv, readJson, removeSamples, sample, type Table } from './read-sample.ts';

const DAY = 86_400_000;
const EXPORT_AT = TIMELINE.exportAt * 60_000;
const TODAY = Date.parse(`${REFERENCE_DATE}T00:00:00Z`);
const days = (a: string, b: string) => (instant(b) - instant(a)) / DAY;

let s: SampleResult;
let jira: Table[];
let changes: Table;
let incidents: Array<Record<string, string>>;
let versions: Map<string, Array<Record<string, any>>>;
const csv = (file: string) => readCsv(s.out, file);

beforeAll(() => {
  s = sample();
  jira = [csv('jira-cloud-issues.csv'), csv('jira-server-issues.csv')];
  changes = csv('change_request.csv');
  incidents = readJson(s.out, 'incident.json').records;
  versions = new Map(s.files.filter((f) => f.file.endsWith('-versions.json')).map((f) => [f.file.slice(0, -'-versions.json'.length), readJson(s.out, f.file)]));
});
afterAll(removeSamples);

/** Every release id the exports define: ERM releases and `<KEY>:<version>` for Jira versions. */
const releaseIds = () => new Set([...csv('releases.csv').rows.map((r) => r[0]!), ...[...versions].flatMap(([k, vs]) => vs.map((v) => `${k}:${v.name}`))]);

describe('sample content', () => {
  it('observes nothing after the reference time, and its newest event is on the reference date', () => {
    const observed: number[] = [];
    const see = (v: string | undefined) => {
      if (v) observed.push(instant(v));
    };
    for (const t of jira) {
      for (const row of t.rows) {
        for (const h of ['Created', 'Updated', 'Resolved']) see(t.get(row, h));
        for (const c of t.all(row, 'Comment')) see(c.split(';')[0]);
        expect(t.get(row, 'Resolved') !== '').toBe(t.get(row, 'Status') === 'Done');
      }
    }
    for (const row of changes.rows) for (const h of ['opened_at', 'closed_at', 'work_start', 'work_end', 'sys_updated_on']) see(changes.get(row, h));
    for (const r of incidents) for (const h of ['opened_at', 'resolved_at', 'closed_at', 'sys_updated_on']) see(r[h]);
    const dep = csv('deployments.csv');
    for (const row of dep.rows) for (const h of ['started_at', 'finished_at']) see(dep.get(row, h));
    const rel = csv('releases.csv');
    for (const row of rel.rows) {
      see(rel.get(row, 'actual_release'));
      expect(rel.get(row, 'actual_release') !== '').toBe(rel.get(row, 'status') === 'released');
    }
    for (const vs of versions.values()) for (const v of vs) if (v.released) see(v.releaseDate);
    const phases = csv('release_phases.csv');
    for (const row of phases.rows) for (const h of ['actual_start', 'actual_end']) see(phases.get(row, h));
    const lessons = csv('lessons.csv');
    for (const row of lessons.rows) see(lessons.get(row, 'date'));
    expect(observed.length).toBeGreaterThan(30_000);
    const newest = Math.max(...observed);
    expect(newest).toBeLessThanOrEqual(EXPORT_AT);
    expect(dayOfMs(newest)).toBe(REFERENCE_DATE);
    for (const row of csv('costs.csv').rows) if (row[3]) expect(row[1]! < REFERENCE_DATE.slice(0, 7)).toBe(true);
    // Plans reach months past today.
    expect(rel.rows.some((r) => instant(rel.get(r, 'planned_release')) > TODAY + 120 * DAY)).toBe(true);
  });

  it('refers only to things the exports define', () => {
    const ids = releaseIds();
    for (const t of jira) {
      const parents = new Set(t.rows.map((r) => t.get(r, 'Issue key')));
      for (const row of t.rows) {
        const key = t.get(row, 'Project key');
        const names = new Set(versions.get(key)!.map((v) => v.name));
        for (const h of ['Fix versions', 'Fix Version/s', 'Affects versions', 'Affects Version/s']) {
          if (t.header.includes(h)) for (const v of t.all(row, h)) expect(names.has(v), `${t.get(row, 'Issue key')} ${h} ${v}`).toBe(true);
        }
        for (const h of ['Parent key', 'Custom field (Epic Link)']) if (t.header.includes(h) && t.get(row, h)) expect(parents.has(t.get(row, h))).toBe(true);
      }
    }
    const systems = csv('systems.csv');
    const systemIds = new Set(systems.rows.map((r) => r[0]));
    const systemNames = new Set(systems.rows.map((r) => r[1]));
    const envs = new Set(csv('environments.csv').rows.map((r) => r[0]));
    for (const row of changes.rows) {
      expect(systemNames.has(changes.get(row, 'cmdb_ci'))).toBe(true);
      if (changes.get(row, 'u_release')) expect(ids.has(changes.get(row, 'u_release'))).toBe(true);
    }
    for (const r of incidents) expect(systemNames.has(r.cmdb_ci)).toBe(true);
    const dep = csv('deployments.csv');
    for (const row of dep.rows) {
      expect(systemIds.has(dep.get(row, 'system_id'))).toBe(true);
      expect(envs.has(dep.get(row, 'environment_id'))).toBe(true);
      if (dep.get(row, 'release_id')) expect(ids.has(dep.get(row, 'release_id'))).toBe(true);
    }
    for (const [file, column] of [['release_phases.csv', 'release_id'], ['test_cycles.csv', 'release_id'], ['release_dependencies.csv', 'release_id'], ['release_dependencies.csv', 'depends_on_id'], ['bookings.csv', 'release_id'], ['lessons.csv', 'release_id']] as const) {
      const t = csv(file);
      for (const row of t.rows) if (t.get(row, column)) expect(ids.has(t.get(row, column)), `${file} ${t.get(row, column)}`).toBe(true);
    }
    for (const row of csv('bookings.csv').rows) expect(envs.has(row[1])).toBe(true);
    const outcome = new Map(changes.rows.map((r) => [changes.get(r, 'number'), changes.get(r, 'close_code')]));
    const caused = incidents.filter((i) => i.caused_by);
    expect(caused.length).toBeGreaterThan(20);
    for (const i of caused) expect(['Unsuccessful', 'Successful with issues']).toContain(outcome.get(i.caused_by!));
  });

  it('has releases early, on time, late by weeks, cancelled and under way, with a chronically late project', () => {
    const rel = csv('releases.csv');
    const slips = rel.rows.filter((r) => rel.get(r, 'actual_release')).map((r) => ({ project: rel.get(r, 'project_id'), slip: days(rel.get(r, 'planned_release'), rel.get(r, 'actual_release')) }));
    expect(slips.filter((x) => x.slip >= 14).length).toBeGreaterThanOrEqual(3);
    expect(slips.some((x) => x.slip < 0)).toBe(true);
    expect(slips.some((x) => x.slip === 0)).toBe(true);
    const late = median(slips.filter((x) => x.project === 'CBM').map((x) => x.slip))!;
    expect(late).toBeGreaterThanOrEqual(7);
    expect(late).toBeGreaterThan(3 * median(slips.filter((x) => x.project !== 'CBM').map((x) => x.slip))!);
    const all = [...versions.values()].flat();
    expect(all.filter((v) => v.archived && !v.released).length + rel.rows.filter((r) => rel.get(r, 'status') === 'cancelled').length).toBeGreaterThanOrEqual(2);
    // Versions under way still have work to do.
    const open = new Set([...versions].flatMap(([k, vs]) => vs.filter((v) => !v.released && !v.archived && v.startDate && instant(v.startDate) <= TODAY).map((v) => `${k}:${v.name}`)));
    const remaining = jira.flatMap((t) => t.rows.filter((r) => t.get(r, 'Status') !== 'Done' && [...t.all(r, 'Fix versions'), ...t.all(r, 'Fix Version/s')].some((v) => open.has(`${t.get(r, 'Project key')}:${v}`))));
    expect(open.size).toBeGreaterThanOrEqual(2);
    expect(remaining.length).toBeGreaterThan(20);
  });

  it('chains dependencies across projects, some with almost no slack', () => {
    const deps = csv('release_dependencies.csv').rows;
    const upstream = new Map<string, string[]>();
    for (const [r, u] of deps) upstream.set(r!, [...(upstream.get(r!) ?? []), u!]);
    const erm = new Map(csv('releases.csv').rows.map((r) => [r[0]!, r[2]!]));
    const project = (id: string) => erm.get(id) ?? id.split(':')[0]!;
    const chains = deps.flatMap(([r, u]) => (upstream.get(u!) ?? []).map((w) => [r!, u!, w]));
    expect(chains.some((c) => new Set(c.map(project)).size === 3)).toBe(true);
    const start = new Map<string, string>();
    const planned = new Map<string, string>();
    for (const row of csv('releases.csv').rows) {
      start.set(row[0]!, row[6]!);
      planned.set(row[0]!, row[7]!);
    }
    for (const [k, vs] of versions) for (const v of vs) if (v.startDate) {
      start.set(`${k}:${v.name}`, v.startDate);
      planned.set(`${k}:${v.name}`, v.releaseDate);
    }
    const slack = deps.filter(([r, u]) => start.get(r!) && planned.get(u!)).map(([r, u]) => days(planned.get(u!)!, start.get(r!)!));
    expect(slack.some((d) => d <= 3)).toBe(true);
    expect(slack.some((d) => d >= 10)).toBe(true);
  });

  it('double-books a few environments and leaves others idle for months', () => {
    const b = csv('bookings.csv');
    const capacity = new Map(csv('environments.csv').rows.map((r) => [r[0]!, Number(r[5])]));
    const load = new Map<string, Map<number, number>>();
    const lastSeen = new Map<string, number[]>();
    for (const row of b.rows) {
      const [start, end] = [instant(b.get(row, 'start')), instant(b.get(row, 'end'))];
      expect(end).toBeGreaterThanOrEqual(start);
      const env = b.get(row, 'environment_id');
      lastSeen.set(env, [...(lastSeen.get(env) ?? []), start, end]);
      if (b.get(row, 'status') !== 'approved') continue;
      const m = load.get(env) ?? new Map<number, number>();
      load.set(env, m);
      for (let d = start; d <= end; d += DAY) m.set(d, (m.get(d) ?? 0) + 1);
    }
    const conflicted = [...load].filter(([env, m]) => [...m.values()].some((n) => n > capacity.get(env)!)).map(([env]) => env);
    expect(conflicted.length).toBeGreaterThanOrEqual(2);
    expect(conflicted.length).toBeLessThanOrEqual(6);
    expect(conflicted).toEqual(expect.arrayContaining(['SIT-02', 'UAT-01', 'PERF-01']));
    // Idle: a bookable environment without any booking for at least half a year of the history.
    const idle = [...lastSeen].filter(([, ds]) => {
      const sorted = [...ds, TODAY].filter((d) => d <= TODAY).sort((x, y) => x - y);
      return sorted.some((d, i) => i > 0 && d - sorted[i - 1]! >= 180 * DAY);
    });
    expect(idle.length).toBeGreaterThanOrEqual(2);
  });

  it('overloads QA in some weeks, not most', () => {
    const week = (ms: number) => ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY;
    const demand = new Map<number, number>();
    const cycles = csv('test_cycles.csv');
    for (const row of cycles.rows) {
      const [a, b] = [instant(cycles.get(row, 'planned_start')), instant(cycles.get(row, 'planned_end'))];
      const perDay = Number(cycles.get(row, 'effort_hours')) / ((b - a) / DAY + 1);
      for (let d = a; d <= b; d += DAY) demand.set(week(d), (demand.get(week(d)) ?? 0) + perDay);
    }
    const supply = new Map<number, number>();
    const cap = csv('capacity.csv');
    for (const row of cap.rows) if (cap.get(row, 'resource') === 'qa') supply.set(instant(cap.get(row, 'period_start')), (supply.get(instant(cap.get(row, 'period_start'))) ?? 0) + Number(cap.get(row, 'available_hours')));
    const over = [...supply].filter(([w, h]) => (demand.get(w) ?? 0) > h);
    expect(over.length).toBeGreaterThanOrEqual(3);
    expect(over.length).toBeLessThan(supply.size / 4);
  });

  it('has failed, emergency, unauthorized and frozen changes, and an older export the current one supersedes', () => {
    const rows = changes.rows;
    const n = (f: (r: string[]) => boolean) => rows.filter(f).length;
    expect(n((r) => changes.get(r, 'close_code') === 'Unsuccessful')).toBeGreaterThanOrEqual(20);
    expect(n((r) => changes.get(r, 'type') === 'Emergency')).toBeGreaterThanOrEqual(5);
    expect(n((r) => changes.get(r, 'unauthorized') === 'true')).toBeGreaterThanOrEqual(5);
    expect(n((r) => !['Closed', 'Canceled'].includes(changes.get(r, 'state')))).toBeGreaterThanOrEqual(3);
    const systems = new Map(csv('systems.csv').rows.map((r) => [r[1]!, r[0]!]));
    const freezes = csv('freeze_windows.csv').rows.map((r) => ({ start: instant(r[1]!), end: instant(r[2]!) + DAY, scope: r[3] === 'all' ? null : r[3]!.split(';') }));
    const frozen = rows.filter((r) => {
      if (changes.get(r, 'state') === 'Canceled' || changes.get(r, 'type') === 'Emergency') return false;
      const [a, b] = [instant(changes.get(r, 'start_date')), instant(changes.get(r, 'end_date'))];
      return freezes.some((f) => a < f.end && b > f.start && (!f.scope || f.scope.includes(systems.get(changes.get(r, 'cmdb_ci'))!)));
    });
    expect(frozen.length).toBeGreaterThanOrEqual(3);
    const old = csv('change_request-2025-06-30.csv');
    const current = new Map(rows.map((r) => [changes.get(r, 'number'), r]));
    const superseded = old.rows.filter((r) => changes.get(current.get(old.get(r, 'number'))!, 'sys_updated_on') > old.get(r, 'sys_updated_on'));
    expect(superseded.length).toBeGreaterThanOrEqual(5);
    expect(superseded.some((r) => old.get(r, 'state') !== changes.get(current.get(old.get(r, 'number'))!, 'state'))).toBe(true);
  });

  it('has lesson categories rising and falling quarter over quarter', () => {
    const perQuarter = (category: string) => {
      const counts = new Array<number>(8).fill(0);
      for (const row of csv('lessons.csv').rows) {
        if (row[4] !== category) continue;
        const [y, m] = row[1]!.split('-').map(Number) as [number, number];
        const q = (y - 2024) * 4 + Math.floor((m - 1) / 3) - 3;
        if (q >= 0 && q < 8) counts[q]!++;
      }
      return counts;
    };
    const rising = perQuarter('environment availability');
    const falling = perQuarter('requirements clarity');
    for (let q = 1; q < 8; q++) {
      expect(rising[q]).toBeGreaterThanOrEqual(rising[q - 1]!);
      expect(falling[q]).toBeLessThanOrEqual(falling[q - 1]!);
    }
    expect(rising[7]).toBeGreaterThan(rising[0]! * 3);
  });

  it('has defects found in test and escaped to production, and open and done work', () => {
    const count = (f: (t: Table, r: string[]) => boolean) => jira.reduce((n, t) => n + t.rows.filter((r) => f(t, r)).length, 0);
    expect(count((t, r) => t.get(r, 'Custom field (Found In)') === 'Production')).toBeGreaterThanOrEqual(50);
    expect(count((t, r) => t.get(r, 'Custom field (Found In)') === 'Test')).toBeGreaterThanOrEqual(500);
    for (const status of ['To Do', 'In Progress', 'In Review', 'Done']) expect(count((t, r) => t.get(r, 'Status') === status), status).toBeGreaterThan(0);
    expect(count(() => true)).toBeGreaterThan(8_000);
  });
});
