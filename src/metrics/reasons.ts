// Reasons mined from what went wrong (docs/metrics.md#mined-reasons): unsuccessful changes' close notes
// mapped to categories by a documented keyword table, and slipped releases' reasons from their phases
// that overran, their bookings in conflict, their upstream releases that slipped and the lessons linked
// to them. Pure: facts in, categorised reasons out.
import { plural } from './status.ts';

export interface Reason {
  category: string;
  text: string;
}

/** Tried in order; the first row whose pattern matches the close notes gives the category. */
export const CLOSE_NOTE_TABLE: ReadonlyArray<{ category: string; keywords: string; pattern: RegExp }> = [
  {
    category: 'environment availability', keywords: 'environment, env, infrastructure, outage, could not reach/connect, unreachable, broker, network, connectivity',
    pattern: /\benv(ironment)?s?\b|infrastructure|outage|could not (reach|connect)|unreachable|\bbroker\b|network|connectivity/i,
  },
  { category: 'testing', keywords: 'test, smoke, regression, defect, bug', pattern: /\btest|smoke|regression|defect|\bbugs?\b/i },
  { category: 'data and migration', keywords: 'database, migration, schema, data, table', pattern: /database|migration|schema|\bdata\b|\btables?\b/i },
  { category: 'performance', keywords: 'performance, slow, latency, timeout, error rate, load', pattern: /performance|\bslow|latency|time ?outs?\b|error rates?|\bload\b/i },
  { category: 'third-party dependency', keywords: 'vendor, supplier, third party, external, provider', pattern: /vendor|supplier|third[- ]party|external|provider/i },
  { category: 'schedule and coordination', keywords: 'window, overran, freeze, conflict, collision, late', pattern: /window|overr?an\b|freeze|conflict|collision|\blate\b/i },
  {
    category: 'deployment failure', keywords: 'roll back, rolled back, back out, backed out, revert, restored, failed',
    pattern: /roll(ed)?[- ]?back|back(ed)?[- ]?out|revert|restored|fail/i,
  },
];
/** Close notes no row matches, or none at all. */
export const UNMATCHED = 'other';

/** The category of an unsuccessful change's close notes, and the words that decided it. */
export function closeNoteReason(notes: string | null): Reason {
  for (const row of CLOSE_NOTE_TABLE) {
    const m = notes ? row.pattern.exec(notes) : null;
    if (m) return { category: row.category, text: `close notes say "${m[0]}"` };
  }
  return { category: UNMATCHED, text: notes ? 'close notes match no keyword' : 'no close notes' };
}

/** The category of a phase that overran, by its name. */
export function phaseCategory(phase: string): string {
  if (/test|sit|uat|perf|regression|qa/i.test(phase)) return 'testing';
  if (/build|dev|design|code/i.test(phase)) return 'development';
  if (/cutover|deploy|release|go-?live|hypercare|rollout/i.test(phase)) return 'deployment';
  return 'schedule and coordination';
}

export interface SlipFacts {
  /** Phases whose actual end is after the planned end. */
  phases: ReadonlyArray<{ phase: string; plannedEnd: string; actualEnd: string; days: number }>;
  /** Its bookings that are part of an environment conflict. */
  conflicts: ReadonlyArray<{ booking: string; environment: string; first: string; last: string }>;
  /** Upstream releases that shipped after plan, or are open and overdue or forecast late. */
  upstream: ReadonlyArray<{ name: string; days: number }>;
  lessons: ReadonlyArray<{ id: string; category: string; title: string | null }>;
  /** Its unsuccessful changes, each with its close-note reason. */
  changes: ReadonlyArray<{ number: string; reason: Reason }>;
}

/** A slipped release's reasons, one per fact, in the order above. */
export function slipReasons(f: SlipFacts): Reason[] {
  return [
    ...f.phases.map((p) => ({ category: phaseCategory(p.phase), text: `phase ${p.phase} ended ${plural(p.days, 'day')} after plan (${p.actualEnd}, plan ${p.plannedEnd})` })),
    ...f.conflicts.map((c) => ({ category: 'environment availability', text: `booking ${c.booking} on ${c.environment} in a conflict ${c.first === c.last ? c.first : `${c.first}–${c.last}`}` })),
    ...f.upstream.map((u) => ({ category: 'release dependency', text: `upstream ${u.name} slipped ${plural(u.days, 'day')}` })),
    ...f.lessons.map((l) => ({ category: l.category, text: `lesson ${l.id}${l.title ? `: ${l.title}` : ''}` })),
    ...f.changes.map((c) => ({ category: c.reason.category, text: `change ${c.number} unsuccessful (${c.reason.text})` })),
  ];
}
