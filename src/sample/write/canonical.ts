// The canonical CSV files (CONTRACT.md, "Canonical CSV files"): what an ERM tool, an environment
// booking tool, a test-management tool and spreadsheets hold. Dates YYYY-MM-DD, instants ISO 8601 UTC,
// lists `;`-separated, booleans true/false, empty = unknown; booking and freeze ends are inclusive dates.
import path from 'node:path';
import { isoDate, isoInstant, isoMonth, type Day } from '../time.ts';
import { actualRelease, type Release, type World } from '../world.ts';
import type { Booking } from '../bookings.ts';
import type { CapacityRow, TestCycle } from '../testing.ts';
import type { Cost, Lesson } from '../governance.ts';
import type { Deployment } from '../operations.ts';
import { CsvSink, type Cell } from './sink.ts';

export interface FileReport {
  file: string;
  rows: number;
  bytes: number;
}

function writeCsv(dir: string, file: string, header: readonly string[], rows: Iterable<readonly Cell[]>): FileReport {
  const sink = new CsvSink(path.join(dir, file), header);
  for (const r of rows) sink.row(r);
  return { file, rows: sink.rows, bytes: sink.close() };
}

const date = (d: Day | null | undefined) => (d === null || d === undefined ? null : isoDate(d));
/** Only what had happened by the cut-off (today, or the day the release was cancelled). */
const seen = (d: Day, cutoff: Day) => (d <= cutoff ? isoDate(d) : null);

export interface PlanningRecords {
  bookings: readonly Booking[];
  cycles: readonly TestCycle[];
  capacity: readonly CapacityRow[];
  lessons: readonly Lesson[];
  costs: readonly Cost[];
}

export function writeCanonical(dir: string, world: World, rec: PlanningRecords): FileReport[] {
  const { today } = world.timeline;
  const dated = world.releases.filter((r) => r.dated);
  const cutoff = (r: Release) => Math.min(today, r.cancelled ?? today);
  return [
    writeCsv(dir, 'systems.csv', ['id', 'name', 'portfolio', 'program', 'owner', 'criticality'],
      world.systems.map((s) => [s.id, s.name, s.portfolio, s.program, s.owner, s.criticality])),
    writeCsv(dir, 'projects.csv', ['id', 'name', 'portfolio', 'program', 'owner', 'planned_start', 'planned_end', 'budget'],
      world.projects.map((p) => [p.id, p.name, p.portfolio, p.program, p.lead.name, date(p.start), date(p.end), p.budget])),
    writeCsv(dir, 'environments.csv', ['id', 'name', 'kind', 'production', 'shared', 'capacity', 'owner', 'cost_per_day'],
      world.environments.map((e) => [e.id, e.name, e.kind, e.production, e.shared, e.capacity, e.owner, e.costPerDay])),
    writeCsv(dir, 'releases.csv', ['id', 'name', 'project_id', 'system_ids', 'type', 'status', 'planned_start', 'planned_release', 'actual_release'],
      world.releases.filter((r) => r.project.tracker === 'erm').map((r) => [
        r.id, r.name, r.project.id, r.systems.map((s) => s.id).join(';'), r.type, r.status, date(r.plannedStart), date(r.plannedRelease), date(actualRelease(r)),
      ])),
    // Release management keeps the baseline plan of the Jira projects' releases too: Jira overwrites a
    // version's date when it is released, so slips are measured against this calendar.
    writeCsv(dir, 'releases-baseline.csv', ['id', 'name', 'project_id', 'system_ids', 'type', 'status', 'planned_start', 'planned_release', 'actual_release'],
      dated.filter((r) => r.project.tracker !== 'erm').map((r) => [
        r.id, r.name, r.project.id, r.systems.map((s) => s.id).join(';'), r.type, null, date(r.plannedStart), date(r.plannedRelease), null,
      ])),
    writeCsv(dir, 'release_dependencies.csv', ['release_id', 'depends_on_id'],
      world.releases.flatMap((r) => r.dependsOn.map((u) => [r.id, u.id]))),
    writeCsv(dir, 'release_phases.csv', ['release_id', 'phase', 'planned_start', 'planned_end', 'actual_start', 'actual_end'],
      dated.flatMap((r) => r.phases.map((p) => {
        const started = seen(p.actualStart, cutoff(r));
        return [r.id, p.phase, date(p.plannedStart), date(p.plannedEnd), started, started ? seen(p.actualEnd, cutoff(r)) : null];
      }))),
    writeCsv(dir, 'bookings.csv', ['id', 'environment_id', 'project_id', 'release_id', 'purpose', 'status', 'start', 'end'],
      rec.bookings.map((b) => [b.id, b.env.id, b.project?.id, b.release?.id, b.purpose, b.status, date(b.start), date(b.end)])),
    writeCsv(dir, 'test_cycles.csv', ['release_id', 'name', 'planned_start', 'planned_end', 'planned_cases', 'executed', 'passed', 'failed', 'blocked', 'effort_hours'],
      rec.cycles.map((c) => [c.release.id, c.name, date(c.plannedStart), date(c.plannedEnd), c.plannedCases, c.executed, c.passed, c.failed, c.blocked, c.effortHours])),
    writeCsv(dir, 'capacity.csv', ['team', 'resource', 'period_start', 'period_end', 'available_hours'],
      rec.capacity.map((c) => [c.team, c.resource, date(c.start), date(c.end), c.hours])),
    writeCsv(dir, 'freeze_windows.csv', ['name', 'start', 'end', 'scope'],
      world.freezes.map((f) => [f.name, date(f.start), date(f.end), f.scope.length ? f.scope.join(';') : 'all'])),
    writeCsv(dir, 'lessons.csv', ['id', 'date', 'project_id', 'release_id', 'category', 'title', 'impact', 'action', 'status'],
      rec.lessons.map((l) => [l.id, date(l.date), l.project.id, l.release?.id, l.category, l.title, l.impact, l.action, l.status])),
    writeCsv(dir, 'costs.csv', ['project_id', 'month', 'planned', 'actual'],
      rec.costs.map((c) => [c.project.id, isoMonth(c.month), c.planned, c.actual])),
  ];
}

/** deployments.csv, written as the deployments stream in. */
export class DeploymentsCsv {
  #sink: CsvSink;
  readonly file = 'deployments.csv';

  constructor(dir: string) {
    this.#sink = new CsvSink(path.join(dir, this.file), ['id', 'system_id', 'environment_id', 'release_id', 'version', 'started_at', 'finished_at', 'status', 'production', 'trigger']);
  }

  add(d: Deployment): void {
    this.#sink.row([d.id, d.system.id, d.env, d.release?.id, d.version, isoInstant(d.started), d.finished === null ? null : isoInstant(d.finished), d.status, d.production, d.trigger]);
  }

  close(): FileReport {
    const rows = this.#sink.rows;
    return { file: this.file, rows, bytes: this.#sink.close() };
  }
}
