// "What changed since the previous build" (docs/metrics.md#what-changed): each build saves the status of
// every release and project as `<dir>/<as-of>.json` and compares with the newest snapshot of an EARLIER
// as-of date. Never "the last build": the same exports must give the same site, however often and
// wherever it is built. The default folder is `snapshots/status/` beside the database.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { daysBetween } from '../metrics/periods.ts';
import type { DateMove, PortfolioModel, SnapshotEntry, StatusChange, StatusChanges } from './model-portfolio.ts';
import { readSnapshotFile, writeSnapshotFile } from './snapshot-file.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
// `planned` and `forecast` (releases only) came later: snapshots written before them still read.
const entry = z.object({
  name: z.string(), status: z.enum(['green', 'amber', 'red']).nullable(), state: z.string(), reason: z.string(),
  planned: date.nullable().optional(), forecastP85: date.nullable().optional(),
}).strict();
/**
 * Entries by release or project id. Ids come from the exports, and one may be `__proto__`, which
 * zod's records drop and a plain object takes for its prototype: each entry is checked on its own and
 * the object rebuilt with own properties (lookups go through `entryOf`).
 */
const byId = z.custom<object>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'expected an object').transform((v, ctx) => {
  const pairs: Array<[string, SnapshotEntry]> = [];
  for (const [id, value] of Object.entries(v)) {
    const parsed = entry.safeParse(value);
    if (parsed.success) pairs.push([id, parsed.data]);
    else for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: [id, ...issue.path] } as Parameters<typeof ctx.addIssue>[0]);
  }
  return Object.fromEntries(pairs) as Record<string, SnapshotEntry>;
});
const snapshotSchema = z.object({ asOf: date, releases: byId, projects: byId }).strict();

/** The entry of `id`, own properties only: an id `constructor` is not Object's. */
const entryOf = (entries: Record<string, SnapshotEntry>, id: string): SnapshotEntry | null => (Object.hasOwn(entries, id) ? entries[id]! : null);

export type StatusSnapshot = z.infer<typeof snapshotSchema>;

const FILE = /^(\d{4}-\d{2}-\d{2})\.json$/;

/** The folder snapshots go to when no option names one: `snapshots/status/` beside the database file. */
export const defaultStatusDir = (dbFile: string): string => path.join(path.dirname(path.resolve(dbFile)), 'snapshots', 'status');

export function statusSnapshot(model: PortfolioModel, asOf: string): StatusSnapshot {
  // Built from pairs: assigning would make a release `__proto__` the object's prototype.
  const releases = Object.fromEntries([...model.releases].sort((a, b) => (a.release.id < b.release.id ? -1 : 1)).map((r) => [r.release.id, {
    name: r.release.name, status: r.status?.status ?? null, state: r.state, reason: r.status?.reason ?? r.stateReason, planned: r.plannedRelease, forecastP85: r.forecastP85,
  }]));
  const projects = Object.fromEntries([...model.projects].sort((a, b) => (a.project.id < b.project.id ? -1 : 1)).map((p) => [p.project.id, {
    name: p.project.name, status: p.status.status, state: 'project', reason: p.status.reason,
  }]));
  return { asOf, releases, projects };
}

/** The as-of dates of the snapshots in `dir`, oldest first (none without the folder). */
export function snapshotDates(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).map((f) => FILE.exec(f)?.[1]).filter((d): d is string => d !== undefined).sort();
}

/** The newest snapshot in `dir` whose as-of date is earlier than `asOf`; null when there is none (or no folder). */
export function previousSnapshot(dir: string, asOf: string): StatusSnapshot | null {
  const newest = snapshotDates(dir).filter((d) => d < asOf).pop();
  return newest ? readStatusSnapshot(dir, newest) : null;
}

/** The snapshot of `dir` as of `date`, checked: a damaged one fails the build, naming the file. */
export function readStatusSnapshot(dir: string, date: string): StatusSnapshot {
  return readSnapshotFile(path.join(dir, `${date}.json`), snapshotSchema, 'a status snapshot');
}

/** Saves the snapshot as `<dir>/<as-of>.json` (written beside, then renamed over: never half-written). */
export function writeStatusSnapshot(dir: string, snapshot: StatusSnapshot): string {
  return writeSnapshotFile(path.join(dir, `${snapshot.asOf}.json`), snapshot);
}

const RANK = { red: 0, amber: 1, green: 2 } as const;
const rank = (e: SnapshotEntry | null) => (e?.status ? RANK[e.status] : 3);

/** Releases and projects whose status differs between the two snapshots (unrated ones: whose state does), added and removed ones included. */
export function statusChanges(previous: StatusSnapshot | null, current: StatusSnapshot, slugOf: (kind: StatusChange['kind'], id: string) => string | null): StatusChanges {
  if (!previous) return { previousAsOf: null, note: 'no earlier build to compare with', changes: [], moved: [] };
  const changes: StatusChange[] = [];
  for (const kind of ['project', 'release'] as const) {
    const before = kind === 'project' ? previous.projects : previous.releases;
    const after = kind === 'project' ? current.projects : current.releases;
    for (const id of [...new Set([...Object.keys(before), ...Object.keys(after)])]) {
      const b = entryOf(before, id);
      const a = entryOf(after, id);
      // A rated release keeps its place while it moves between open states (planned → in progress).
      if (b && a && b.status === a.status && (a.status !== null || b.state === a.state)) continue;
      changes.push({ kind, id, name: (a ?? b)!.name, slug: a ? slugOf(kind, id) : null, before: b, after: a });
    }
  }
  changes.sort((x, y) => rank(x.after) - rank(y.after) || (x.kind === y.kind ? 0 : x.kind === 'project' ? -1 : 1) || (x.name < y.name ? -1 : x.name > y.name ? 1 : x.id < y.id ? -1 : 1));
  return { previousAsOf: previous.asOf, note: `compared with the build as of ${previous.asOf}`, changes, moved: movedDates(previous, current, slugOf) };
}

/**
 * Open releases whose planned date or P85 forecast moved since the earlier snapshot, latest slip first.
 * Only dates both snapshots know are compared (a snapshot from before dates were saved moves nothing).
 */
function movedDates(previous: StatusSnapshot, current: StatusSnapshot, slugOf: (kind: StatusChange['kind'], id: string) => string | null): DateMove[] {
  const moved: DateMove[] = [];
  for (const [id, after] of Object.entries(current.releases)) {
    const before = entryOf(previous.releases, id);
    if (!before || after.status === null) continue;
    for (const what of ['planned', 'forecastP85'] as const) {
      const from = before[what] ?? null;
      const to = after[what] ?? null;
      if (from !== null && to !== null && from !== to) moved.push({ id, name: after.name, slug: slugOf('release', id), what, from, to, days: daysBetween(from, to) });
    }
  }
  return moved.sort((a, b) => b.days - a.days || (a.name < b.name ? -1 : a.name > b.name ? 1 : a.what < b.what ? -1 : 1));
}
