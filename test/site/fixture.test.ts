// The hand-made report model the pages are developed and tested on must be a ReportModel.
import { describe, expect, it } from 'vitest';
import fixture from '../fixtures/report/model.json' with { type: 'json' };
import type { ScopeKind, MetricRow } from '../../src/metrics/types.ts';
import type { ReportModel } from '../../src/report/model.ts';
import { SITE_NAV } from '../../src/report/nav.ts';

// A JSON import types every string as `string`, so string unions are widened here for the compile-time
// check and their values are checked at run time below.
type Widened<T> = T extends string ? string : T extends Array<infer U> ? Array<Widened<U>> : T extends object ? { [K in keyof T]: Widened<T[K]> } : T;
const shaped: Widened<ReportModel> = fixture;

// Records keyed by the unions: the compiler insists every member is listed, and nothing else.
const SCOPE_KINDS: Record<ScopeKind, true> = { all: true, portfolio: true, program: true, project: true, release: true, system: true, environment: true, team: true, category: true };
const UNITS: Record<MetricRow['unit'], true> = { ratio: true, days: true, hours: true, count: true, date: true, per_week: true, status: true, amount: true };

describe('report model fixture', () => {
  it('has metric rows whose scope kinds and units exist', () => {
    expect(shaped.metrics.length).toBeGreaterThan(0);
    for (const row of shaped.metrics) {
      expect(Object.hasOwn(SCOPE_KINDS, row.scope_kind), row.scope_kind).toBe(true);
      expect(Object.hasOwn(UNITS, row.unit), row.unit).toBe(true);
    }
  });

  it('is realistic: two years of months, a dozen projects, nulls, warnings, rejects and hostile text', () => {
    const model = shaped as ReportModel;
    const months = model.overview.releasesByMonth;
    expect(months.length).toBe(24);
    for (const m of months) {
      expect(m.onTime + m.late, m.month).toBe(m.released);
      expect(m.onTimeRate, m.month).toBe(m.released === 0 ? null : Math.round((m.onTime / m.released) * 10000) / 10000);
    }
    const projects = model.overview.projects;
    expect(projects.length).toBe(12);
    expect(projects.reduce((n, p) => n + p.released, 0)).toBe(months.reduce((n, m) => n + m.released, 0));
    expect(projects.some((p) => p.onTimeRate === null && p.portfolio === null && p.nextRelease !== null)).toBe(true);
    expect(projects.some((p) => p.nextRelease === null)).toBe(true);
    expect(projects.some((p) => p.name.includes('<script>'))).toBe(true);
    const dq = model.dataQuality;
    expect(dq.run?.files).toBe(dq.files.length);
    expect(dq.run?.rowsRejected).toBe(dq.rejectCount);
    expect(dq.rejects.length).toBeLessThan(dq.rejectCount);
    expect(dq.rejects.some((r) => r.value?.includes('onerror='))).toBe(true);
    expect(dq.rejects.some((r) => r.line === null && r.pointer !== null)).toBe(true);
    expect(dq.warnings.length).toBeGreaterThan(0);
    expect(model.nav).toEqual(SITE_NAV);
  });

  it('has releases with a page each, and a dependency graph with a chain, a diamond and a cycle', () => {
    const { releases, dependencies } = shaped as ReportModel;
    const ids = releases.rows.map((r) => r.id);
    expect(releases.details.map((d) => d.id)).toEqual(ids);
    expect(new Set(releases.rows.map((r) => r.slug)).size).toBe(ids.length);
    expect(releases.rows.some((r) => r.name.includes('<script>') && r.systemIds.some((s) => s.includes('onerror')))).toBe(true);
    const nodes = new Set(dependencies.nodes.map((n) => n.id));
    for (const e of dependencies.edges) expect(nodes.has(e.from) && nodes.has(e.to), `${e.from} → ${e.to}`).toBe(true);
    const edge = (from: string, to: string) => dependencies.edges.some((e) => e.from === from && e.to === to);
    // chain PAY → CRM → LND (with a skip edge), diamond IAM → MOB|EVL → DWH, cycle TRD ⇄ RSK
    expect(edge('PAY-R15', 'CRM-R14') && edge('CRM-R14', 'LND-R17') && edge('PAY-R15', 'LND-R17')).toBe(true);
    expect(['IAM-R10>MOB-R15', 'IAM-R10>EVL-R13', 'MOB-R15>DWH-R1', 'EVL-R13>DWH-R1'].every((p) => edge(...(p.split('>') as [string, string])))).toBe(true);
    expect(dependencies.cycles.map((c) => c.map((r) => r.id))).toEqual([['RSK-R4', 'TRD-R13']]);
    for (const i of dependencies.impact) expect(releases.rows.find((r) => r.id === i.release.id)?.downstream, i.release.id).toBe(i.downstream.length);
  });

  it('has environments with a page each, a conflict, an idle one, unbooked demand, and hostile text', () => {
    const { environments: env, releases } = shaped as ReportModel;
    const ids = env.environments.map((e) => e.id);
    expect(env.details.map((d) => d.id)).toEqual(ids);
    expect(new Set(env.environments.map((e) => e.slug)).size).toBe(ids.length);
    // Every environment a release page books has a page to link to.
    for (const b of releases.details.flatMap((d) => d.bookings)) expect(ids, b.environmentId).toContain(b.environmentId);
    expect(env.environments.some((e) => e.name.includes('<script>') && e.id.includes('onerror'))).toBe(true);
    expect(env.conflicts.length).toBeGreaterThan(0);
    for (const c of env.conflicts) expect(c.peak, c.environment.id).toBeGreaterThan(c.capacity);
    expect(env.idle.some((i) => i.idleDays === 84 && i.idleCost !== null)).toBe(true);
    expect(env.demand.weeks).toHaveLength(12);
    expect(env.demand.weeks.some((w) => w.byKind.some((k) => k.demand > k.capacity))).toBe(true);
    expect(env.demand.unbookedPhases.length).toBeGreaterThan(0);
    for (const r of env.utilization.rows) expect(r.values, r.environment.id).toHaveLength(env.utilization.weeks.length);
  });

  it('has a quality section with overload weeks, teams, progress and defects', () => {
    const { quality: q } = shaped as ReportModel;
    expect(q.weeks.some((w) => w.overload > 0 && w.capacity > 0)).toBe(true);
    expect(q.weeks.some((w) => w.overload > 0 && w.capacity === 0)).toBe(true);
    for (const w of q.weeks) expect(w.overload, w.week).toBe(Math.max(0, Math.round((w.demand - w.capacity) * 100) / 100));
    for (const t of q.capacityByTeam) expect(t.hours).toHaveLength(q.weeks.length);
    expect(q.capacityByTeam.some((t) => t.team.includes('<i>'))).toBe(true);
    expect(q.testProgress.some((p) => p.plannedCases === 0)).toBe(true);
    expect(q.defects.at(-1)?.week).toBe('2026-W14');
    expect(q.byRelease.some((r) => r.escaped > 0) && q.bySystem.length > 0).toBe(true);
  });
});
