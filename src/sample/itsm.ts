// Change requests and incidents with their whole lifecycle (every state and when it was reached), so
// that an export taken at any moment can show exactly what the tool showed then: the current export at
// the reference time, and an older export taken mid-history.
import type { Rng } from './random.ts';
import type { Minute } from './time.ts';
import type { Release, System } from './world.ts';

export type ChangeType = 'Standard' | 'Normal' | 'Emergency';
export type ChangeState = 'New' | 'Assess' | 'Authorize' | 'Scheduled' | 'Implement' | 'Review' | 'Closed' | 'Canceled';
export type CloseCode = 'Successful' | 'Successful with issues' | 'Unsuccessful';

export interface Change {
  number: string;
  type: ChangeType;
  shortDescription: string;
  system: System;
  release: Release | null;
  group: string;
  assignee: string;
  risk: 'High' | 'Moderate' | 'Low';
  impact: '1 - High' | '2 - Medium' | '3 - Low';
  category: string;
  cab: boolean;
  unauthorized: boolean;
  opened: Minute;
  plannedStart: Minute;
  plannedEnd: Minute;
  workStart: Minute | null;
  workEnd: Minute | null;
  closeCode: CloseCode | null;
  closeNotes: string;
  /** Every state the change went through, in time order; the last one reached by a moment is its state then. */
  milestones: Array<{ at: Minute; state: ChangeState }>;
}

export interface Incident {
  number: string;
  shortDescription: string;
  system: System;
  group: string;
  assignee: string;
  /** 1 (critical) … 4 (low). */
  priority: 1 | 2 | 3 | 4;
  category: string;
  opened: Minute;
  resolved: Minute;
  closed: Minute;
  causedBy: Change | null;
  closeCode: string;
}

export interface ChangeInput {
  type: ChangeType;
  shortDescription: string;
  system: System;
  release: Release | null;
  group: string;
  assignee: string;
  category: string;
  opened: Minute;
  plannedStart: Minute;
  plannedEnd: Minute;
  /** What happened in the window; null when it has not happened (yet). */
  work: { start: Minute; end: Minute; outcome: CloseCode } | null;
  /** Cancelled at this moment instead of being implemented. */
  cancelledAt?: Minute;
  unauthorized?: boolean;
  closeNotes: string;
}

function riskFor(rng: Rng, type: ChangeType, system: System): Change['risk'] {
  if (type === 'Emergency') return 'High';
  if (type === 'Standard') return 'Low';
  return system.criticality === 'Tier 1' ? rng.weighted([['High', 4], ['Moderate', 6]]) : rng.weighted([['Moderate', 6], ['Low', 4]]);
}

const IMPACT: Record<string, Change['impact']> = { 'Tier 1': '1 - High', 'Tier 2': '2 - Medium', 'Tier 3': '3 - Low' };

export function makeChange(rng: Rng, c: ChangeInput): Change {
  const risk = riskFor(rng, c.type, c.system);
  const unauthorized = c.unauthorized ?? false;
  const milestones: Change['milestones'] = [{ at: c.opened, state: 'New' }];
  const limit = Math.min(c.work?.start ?? c.plannedStart, c.cancelledAt ?? Infinity) - 5;
  let t = c.opened;
  const step = (state: ChangeState, after: number) => {
    t = Math.max(t + 1, Math.min(t + after, limit));
    milestones.push({ at: t, state });
  };
  if (!unauthorized) {
    if (c.type === 'Normal') {
      step('Assess', rng.int(120, 1560));
      step('Authorize', rng.int(1440, 4320));
      step('Scheduled', rng.int(1440, 5760));
    } else if (c.type === 'Standard') {
      step('Scheduled', rng.int(5, 60));
    } else {
      step('Authorize', rng.int(10, 40));
      step('Scheduled', rng.int(5, 20));
    }
  }
  let closeCode: CloseCode | null = null;
  if (c.cancelledAt !== undefined) {
    milestones.push({ at: Math.max(t + 1, c.cancelledAt), state: 'Canceled' });
  } else if (c.work) {
    milestones.push({ at: Math.max(t + 1, c.work.start), state: 'Implement' });
    milestones.push({ at: c.work.end, state: 'Review' });
    const review = c.type === 'Standard' ? rng.int(60, 1440) : rng.int(120, 4320);
    milestones.push({ at: c.work.end + review, state: 'Closed' });
    closeCode = c.work.outcome;
  }
  return {
    number: '', type: c.type, shortDescription: c.shortDescription, system: c.system, release: c.release, group: c.group,
    assignee: c.assignee, risk, impact: IMPACT[c.system.criticality] ?? '2 - Medium', category: c.category,
    cab: c.type === 'Normal' && risk !== 'Low' && !unauthorized, unauthorized, opened: c.opened,
    plannedStart: c.plannedStart, plannedEnd: c.plannedEnd, workStart: c.work?.start ?? null, workEnd: c.work?.end ?? null,
    closeCode, closeNotes: c.closeNotes, milestones,
  };
}

/** The change as its tool showed it at `at` (which must not precede its opening). */
export function changeAt(c: Change, at: Minute) {
  const reached = c.milestones.filter((m) => m.at <= at);
  const state = reached[reached.length - 1]!.state;
  const closed = state === 'Closed' || state === 'Canceled' ? reached[reached.length - 1]!.at : null;
  const approved = reached.some((m) => m.state === 'Scheduled');
  const approval = c.unauthorized || state === 'New' || state === 'Assess' ? 'Not Yet Requested'
    : approved ? 'Approved' : state === 'Canceled' ? 'Rejected' : 'Requested';
  return {
    state,
    approval,
    workStart: c.workStart !== null && c.workStart <= at ? c.workStart : null,
    workEnd: c.workEnd !== null && c.workEnd <= at ? c.workEnd : null,
    closed,
    closeCode: state === 'Closed' ? c.closeCode : null,
    closeNotes: closed !== null ? c.closeNotes : '',
    updated: reached[reached.length - 1]!.at,
  };
}

export const INCIDENT_PRIORITY = ['', '1 - Critical', '2 - High', '3 - Moderate', '4 - Low'] as const;

/** The incident's state at `at`: its record is exported once, at the reference time. */
export function incidentAt(i: Incident, at: Minute) {
  const resolved = i.resolved <= at ? i.resolved : null;
  const closed = i.closed <= at ? i.closed : null;
  const state = closed !== null ? 'Closed' : resolved !== null ? 'Resolved' : at - i.opened < 20 ? 'New' : 'In Progress';
  return { state, resolved, closed, updated: closed ?? resolved ?? i.opened };
}
