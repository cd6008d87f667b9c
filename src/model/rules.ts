// Rules across fields and files that every source of an entity must satisfy; a row that breaks one is
// rejected with its file, line and field, like a value that cannot be read.
import type { EntityName } from './catalog.ts';

/** `after` must not come before `before` (or must come strictly after, when `strict`). */
export interface OrderRule {
  entity: EntityName;
  before: string;
  after: string;
  strict: boolean;
  expected: string;
}

export const ORDER_RULES: readonly OrderRule[] = [
  { entity: 'booking', before: 'start', after: 'end', strict: true, expected: 'an end after the start' },
  { entity: 'freeze_window', before: 'start', after: 'end', strict: true, expected: 'an end after the start' },
  { entity: 'release_phase', before: 'planned_start', after: 'planned_end', strict: false, expected: 'a planned end on or after the planned start' },
  { entity: 'release_phase', before: 'actual_start', after: 'actual_end', strict: false, expected: 'an actual end on or after the actual start' },
  { entity: 'test_cycle', before: 'planned_start', after: 'planned_end', strict: false, expected: 'a planned end on or after the planned start' },
  { entity: 'capacity', before: 'period_start', after: 'period_end', strict: false, expected: 'a period end on or after its start' },
  // A negative duration (Jenkins' duration < 0, a finish before the start) would make lead times and
  // time to restore negative: reject the row, naming both times.
  { entity: 'deployment', before: 'started_at', after: 'finished_at', strict: false, expected: 'a finish at or after the start' },
];

/** `field` must name a record of `target` that some export holds. */
export interface ReferenceRule {
  entity: EntityName;
  field: string;
  target: EntityName;
  expected: string;
}

export const REFERENCE_RULES: readonly ReferenceRule[] = [
  { entity: 'booking', field: 'environment_id', target: 'environment', expected: 'the id of an environment in environments.csv (or another environments export)' },
];
