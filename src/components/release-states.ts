// How a release state reads and which CSS class colours it (site.css defines the `state-*` colours
// for both themes), so the calendar, the graph and the legends agree.
import type { ReleaseState } from '../report/model-releases.ts';

export const STATES: readonly ReleaseState[] = ['released', 'in_progress', 'overdue', 'planned', 'cancelled'];

const LABELS: Record<ReleaseState, string> = {
  released: 'Released',
  in_progress: 'In progress',
  overdue: 'Overdue',
  planned: 'Planned',
  cancelled: 'Cancelled',
};

export function stateLabel(state: ReleaseState): string {
  return LABELS[state];
}

export function stateClass(state: ReleaseState): string {
  return `state-${state.replace('_', '-')}`;
}

/** Legend entries for the states that occur in `present`, in the fixed order above. */
export function stateLegend(present: Iterable<ReleaseState>): Array<{ label: string; className: string }> {
  const seen = new Set(present);
  return STATES.filter((s) => seen.has(s)).map((s) => ({ label: LABELS[s], className: stateClass(s) }));
}
