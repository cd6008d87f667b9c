// A GitHub deployment's outcome from its statuses. GitHub keeps a deployment's state only as a list
// of statuses (queued → in_progress → success | failure | error, later inactive when a newer
// deployment replaces it); exports list them newest first, or in any order: they are read by time.

export interface GhStatus {
  /** Lower-case state: error, failure, inactive, in_progress, queued, pending, success, waiting (GraphQL). */
  state: string;
  /** When the status was set (ISO 8601). */
  at: string | undefined;
}

export type Outcome =
  /** `state` is the tool's state that decides the outcome; `finishedAt` the time of the final status, when known. */
  | { kind: 'done'; state: string; startedAt: string | undefined; finishedAt: string | undefined }
  | { kind: 'unfinished'; state: string }
  /** No status was exported, and nothing else says how it ended. */
  | { kind: 'unknown' };

const UNFINISHED = new Set(['queued', 'pending', 'waiting', 'in_progress']);
const FINAL = new Set(['success', 'failure', 'error']);

/** Statuses set in the same second follow the lifecycle: queued, then in_progress, then the result, then inactive. */
function rank(state: string): number {
  if (state === 'in_progress') return 1;
  if (UNFINISHED.has(state)) return 0;
  return state === 'inactive' ? 3 : 2;
}

function time(at: string | undefined): number {
  const t = at === undefined ? Number.NaN : Date.parse(at);
  // An unreadable time sorts last: it then becomes the finish time, which the mapper rejects with the value.
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

/**
 * The outcome of a deployment:
 * - the latest status queued, pending, waiting or in_progress: not finished;
 * - the latest success, failure or error: that, finished at its time;
 * - the latest inactive (superseded by a newer deployment): the result before it; GitHub only marks
 *   successful deployments inactive, so an inactive deployment without an earlier result succeeded,
 *   at a time not exported;
 * - no status: `state` (GraphQL's deployment state) when given, else unknown.
 * It started at its first in_progress status (else the caller uses the deployment's creation time).
 * `mapped` says which states the config maps itself: those count as results whatever they are.
 */
export function deploymentOutcome(statuses: readonly GhStatus[], state: string | undefined, mapped: (s: string) => boolean): Outcome {
  const sorted = statuses
    .map((s, i) => ({ ...s, t: time(s.at), i }))
    .sort((a, b) => (a.t === b.t ? 0 : a.t < b.t ? -1 : 1) || rank(a.state) - rank(b.state) || a.i - b.i);
  const latest = sorted.at(-1);
  const startedAt = sorted.find((s) => s.state === 'in_progress')?.at;
  const unfinished = (s: string) => UNFINISHED.has(s) && !mapped(s);
  if (!latest) {
    if (state === undefined) return { kind: 'unknown' };
    return unfinished(state) ? { kind: 'unfinished', state } : { kind: 'done', state, startedAt, finishedAt: undefined };
  }
  if (unfinished(latest.state)) return { kind: 'unfinished', state: latest.state };
  if (latest.state === 'inactive' && !mapped('inactive')) {
    const result = sorted.findLast((s) => FINAL.has(s.state));
    return result
      ? { kind: 'done', state: result.state, startedAt, finishedAt: result.at }
      : { kind: 'done', state: 'inactive', startedAt, finishedAt: undefined };
  }
  return { kind: 'done', state: latest.state, startedAt, finishedAt: FINAL.has(latest.state) || mapped(latest.state) ? latest.at : undefined };
}
