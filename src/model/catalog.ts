// The entity catalog: for each canonical entity, its table, key, and canonical CSV file (CONTRACT.md).
import { z } from 'zod';
import * as e from './entities.ts';
import { columnInfo, type ColumnInfo } from './fields.ts';

export interface EntityDef<S extends z.ZodObject = z.ZodObject> {
  /** Table name in DuckDB. */
  table: string;
  schema: S;
  /** Fields that identify a record; a record seen twice is kept once. */
  key: readonly string[];
  /** Canonical CSV file name, or null for entities only native adapters produce. */
  csvFile: string | null;
  /** Columns the contract requires in the canonical CSV file. */
  csvRequired: readonly string[];
  label: string;
}

function def<S extends z.ZodObject>(d: EntityDef<S>): EntityDef<S> {
  return d;
}

export const ENTITIES = {
  system: def({ table: 'system', schema: e.system, key: ['id'], csvFile: 'systems.csv', csvRequired: ['id'], label: 'systems' }),
  project: def({ table: 'project', schema: e.project, key: ['id'], csvFile: 'projects.csv', csvRequired: ['id'], label: 'projects' }),
  release: def({
    table: 'release', schema: e.release, key: ['id'], csvFile: 'releases.csv',
    csvRequired: ['id', 'planned_release'], label: 'releases',
  }),
  release_dependency: def({
    table: 'release_dependency', schema: e.releaseDependency, key: ['release_id', 'depends_on_id'],
    csvFile: 'release_dependencies.csv', csvRequired: ['release_id', 'depends_on_id'], label: 'release dependencies',
  }),
  release_phase: def({
    table: 'release_phase', schema: e.releasePhase, key: ['release_id', 'phase'],
    csvFile: 'release_phases.csv', csvRequired: ['release_id', 'phase'], label: 'release phases',
  }),
  work_item: def({
    table: 'work_item', schema: e.workItem, key: ['key'], csvFile: 'work_items.csv',
    csvRequired: ['key', 'created'], label: 'work items',
  }),
  work_item_transition: def({
    table: 'work_item_transition', schema: e.workItemTransition, key: ['key', 'at', 'from_status', 'to_status'],
    csvFile: null, csvRequired: [], label: 'work item transitions',
  }),
  work_item_link: def({
    table: 'work_item_link', schema: e.workItemLink, key: ['key', 'dependent_key'],
    csvFile: null, csvRequired: [], label: 'work item links',
  }),
  change: def({
    table: 'change', schema: e.change, key: ['number'], csvFile: 'changes.csv',
    csvRequired: ['number', 'opened_at'], label: 'changes',
  }),
  incident: def({
    table: 'incident', schema: e.incident, key: ['number'], csvFile: 'incidents.csv',
    csvRequired: ['number', 'opened_at'], label: 'incidents',
  }),
  deployment: def({
    table: 'deployment', schema: e.deployment, key: ['id'], csvFile: 'deployments.csv',
    csvRequired: ['id', 'started_at', 'status'], label: 'deployments',
  }),
  environment: def({
    table: 'environment', schema: e.environment, key: ['id'], csvFile: 'environments.csv',
    csvRequired: ['id'], label: 'environments',
  }),
  booking: def({
    table: 'booking', schema: e.booking, key: ['id'], csvFile: 'bookings.csv',
    csvRequired: ['id', 'environment_id', 'start', 'end'], label: 'bookings',
  }),
  test_cycle: def({
    table: 'test_cycle', schema: e.testCycle, key: ['release_id', 'name'], csvFile: 'test_cycles.csv',
    csvRequired: ['release_id'], label: 'test cycles',
  }),
  capacity: def({
    table: 'capacity', schema: e.capacity, key: ['team', 'resource', 'period_start'], csvFile: 'capacity.csv',
    csvRequired: ['team', 'resource', 'period_start', 'period_end', 'available_hours'], label: 'capacity',
  }),
  freeze_window: def({
    table: 'freeze_window', schema: e.freezeWindow, key: ['name', 'start'], csvFile: 'freeze_windows.csv',
    csvRequired: ['name', 'start', 'end'], label: 'freeze windows',
  }),
  lesson: def({
    table: 'lesson', schema: e.lesson, key: ['id'], csvFile: 'lessons.csv',
    csvRequired: ['id', 'date', 'category'], label: 'lessons',
  }),
  cost: def({
    table: 'cost', schema: e.cost, key: ['project_id', 'month'], csvFile: 'costs.csv',
    csvRequired: ['project_id', 'month'], label: 'costs',
  }),
} as const;

export type EntityName = keyof typeof ENTITIES;
export const ENTITY_NAMES = Object.keys(ENTITIES) as EntityName[];
export type Row<N extends EntityName> = z.infer<(typeof ENTITIES)[N]['schema']>;

/** Provenance kept on every canonical row (DESIGN.md §3). */
export const PROVENANCE_COLUMNS = [
  { name: 'source', sql: 'VARCHAR', description: 'Adapter that read the row.' },
  { name: 'source_file', sql: 'VARCHAR', description: 'Export file, relative to the ingest root.' },
  { name: 'source_line', sql: 'INTEGER', description: 'Line of the record in a CSV file (its first line).' },
  { name: 'source_pointer', sql: 'VARCHAR', description: 'JSON pointer of the record in a JSON file.' },
  { name: 'source_updated', sql: 'TIMESTAMP', description: 'When the source last updated the record; the latest wins.' },
] as const;

export function entityColumns(name: EntityName): ColumnInfo[] {
  const shape = ENTITIES[name].schema.shape as Record<string, z.ZodType>;
  return Object.entries(shape).map(([field, schema]) => columnInfo(field, schema));
}

export function entityByCsvFile(fileName: string): EntityName | null {
  const lower = fileName.toLowerCase();
  return ENTITY_NAMES.find((n) => ENTITIES[n].csvFile === lower) ?? null;
}
