// Where a release stands on the as-of date, and why, in words.
import type { Row } from '../model/catalog.ts';
import { daysBetween } from '../metrics/periods.ts';
import type { ReleaseState } from './model-releases.ts';
import { plural } from '../metrics/status.ts';


export function releaseState(r: Row<'release'>, asOf: string): { state: ReleaseState; reason: string } {
  if (r.status === 'cancelled') return { state: 'cancelled', reason: 'cancelled' };
  if (r.actual_release && r.actual_release <= asOf) {
    if (!r.planned_release) return { state: 'released', reason: `released ${r.actual_release} (no planned date recorded)` };
    const slip = daysBetween(r.planned_release, r.actual_release);
    const against = slip === 0 ? 'on its planned date' : slip > 0 ? `${plural(slip, 'day')} after plan (${r.planned_release})` : `${plural(-slip, 'day')} before plan (${r.planned_release})`;
    return { state: 'released', reason: `released ${r.actual_release}, ${against}` };
  }
  if (r.planned_release && r.planned_release < asOf) {
    return { state: 'overdue', reason: `overdue: planned for ${r.planned_release}, ${plural(daysBetween(r.planned_release, asOf), 'day')} ago, not released` };
  }
  const left = r.planned_release ? `planned for ${r.planned_release} (in ${plural(daysBetween(asOf, r.planned_release), 'day')})` : 'no release date planned yet';
  if (r.status === 'in_progress' || (r.planned_start && r.planned_start <= asOf)) {
    return { state: 'in_progress', reason: `in progress${r.planned_start && r.planned_start <= asOf ? ` since ${r.planned_start}` : ''}; ${left}` };
  }
  return { state: 'planned', reason: r.planned_start ? `planned to start ${r.planned_start}; ${left}` : left };
}
