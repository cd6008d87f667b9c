// The DuckDB tables are generated from the zod model; this checks the live tables against the model,
// and that every field is described.
import { describe, expect, it } from 'vitest';
import { ENTITIES, ENTITY_NAMES, entityColumns } from '../../src/model/catalog.ts';
import { tableColumns } from '../../src/db/schema.ts';
import { memoryDb } from '../helpers/context.ts';

describe('canonical model', () => {
  it('describes every field of every entity', () => {
    for (const n of ENTITY_NAMES) {
      for (const c of entityColumns(n)) expect(c.description, `${n}.${c.name}`).not.toBe('');
    }
  });

  it('has DuckDB tables with exactly the model’s columns and types', async () => {
    const db = await memoryDb();
    for (const n of ENTITY_NAMES) {
      const live = await db.all<{ column_name: string; column_type: string }>(`DESCRIBE "${ENTITIES[n].table}"`);
      expect(live.map((c) => [c.column_name, c.column_type]), n).toEqual(tableColumns(n).map((c) => [c.name, c.sql]));
    }
    db.close();
  });

  it('accepts every column of the contract’s canonical CSV files', () => {
    const contract: Record<string, string> = {
      'systems.csv': 'id, name, portfolio, program, owner, criticality',
      'projects.csv': 'id, name, portfolio, program, owner, planned_start, planned_end, budget',
      'releases.csv': 'id, name, project_id, system_ids, type, status, planned_start, planned_release, actual_release',
      'release_dependencies.csv': 'release_id, depends_on_id',
      'release_phases.csv': 'release_id, phase, planned_start, planned_end, actual_start, actual_end',
      'work_items.csv': 'key, project_id, type, status, status_category, priority, release_ids, team, assignee, created, resolved, story_points, labels, found_in',
      'changes.csv': 'number, type, state, risk, system_id, release_id, assignment_group, planned_start, planned_end, actual_start, actual_end, opened_at, closed_at, close_code, unauthorized',
      'incidents.csv': 'number, priority, system_id, opened_at, resolved_at, caused_by_change, caused_by_deployment',
      'deployments.csv': 'id, system_id, environment_id, release_id, version, started_at, finished_at, status, production',
      'environments.csv': 'id, name, kind, production, shared, capacity, owner, cost_per_day',
      'bookings.csv': 'id, environment_id, project_id, release_id, purpose, status, start, end',
      'test_cycles.csv': 'release_id, name, planned_start, planned_end, planned_cases, executed, passed, failed, blocked, effort_hours',
      'capacity.csv': 'team, resource, period_start, period_end, available_hours',
      'freeze_windows.csv': 'name, start, end, scope',
      'lessons.csv': 'id, date, project_id, release_id, category, title, impact, action, status',
      'costs.csv': 'project_id, month, planned, actual',
    };
    for (const [file, cols] of Object.entries(contract)) {
      const n = ENTITY_NAMES.find((e) => ENTITIES[e].csvFile === file);
      expect(n, file).toBeDefined();
      const names = entityColumns(n!).map((c) => c.name);
      for (const c of cols.split(', ')) expect(names, `${file}: ${c}`).toContain(c);
    }
  });

  it('requires every column the contract requires in a canonical CSV file', () => {
    for (const n of ENTITY_NAMES) {
      const names = entityColumns(n).map((c) => c.name);
      for (const r of ENTITIES[n].csvRequired) expect(names, `${n}.${r}`).toContain(r);
    }
  });
});
