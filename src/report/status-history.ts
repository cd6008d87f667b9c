// "What changed since the previous build" (docs/metrics.md#what-changed): each build saves the status of
// every release and project as `<dir>/<as-of>.json` and compares with the newest snapshot of an EARLIER
// as-of date. Never "the last build": the same exports must give the same site, however often and
// wherever it is built. The default folder is `snapshots/status/` beside the database.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { PortfolioModel, SnapshotEntry, StatusChange, StatusChanges } from './model-portfolio.ts';

const entry = z.object({ name: z.string(), status: z.enum(['green', 'amber', 'red']).nullable(), state: z.string(), reason: z.string() }).strict();
const snapshotSchema = z.object({
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  releases: z.record(z.string(), entry),
  projects: z.record(z.string(), entry),
}).strict();

export type StatusSnapshot = z.infer<typeof snapshotSchema>;

const FILE = /^(\d{4}-\d{2}-\d{2})\.json$/;

/** The folder snapshots go to when no option names one: `snapshots/status/` beside the database file. */
export const defaultStatusDir = (dbFile: string): string => path.join(path.dirname(path.resolve(dbFile)), 'snapshots', 'status');

export function statusSnapshot(model: PortfolioModel, asOf: string): StatusSnapshot {
  const releases: Record<string, SnapshotEntry> = {};
  for (const r of [...model.releases].sort((a, b) => (a.release.id < b.release.id ? -1 : 1))) {
    releases[r.release.id] = { name: r.release.name, status: r.status?.status ?? null, state: r.state, reason: r.status?.reason ?? r.stateReason };
  }
  const projects: Record<string, SnapshotEntry> = {};
  for (const p of [...model.projects].sort((a, b) => (a.project.id < b.project.id ? -1 : 1))) {
    projects[p.project.id] = { name: p.project.name, status: p.status.status, state: 'project', reason: p.status.reason };
  }
  return { asOf, releases, projects };
}

/** The newest snapshot in `dir` whose as-of date is earlier than `asOf`; null when there is none (or no folder). */
export function previousSnapshot(dir: string, asOf: string): StatusSnapshot | null {
  if (!fs.existsSync(dir)) return null;
  const earlier = fs.readdirSync(dir).map((f) => FILE.exec(f)?.[1]).filter((d): d is string => d !== undefined && d < asOf).sort();
  const newest = earlier[earlier.length - 1];
  if (!newest) return null;
  const file = path.join(dir, `${newest}.json`);
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: not a status snapshot (${(err as Error).message}); delete it or restore it from a backup`);
  }
  const parsed = snapshotSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: /${issue.path.join('/')}: ${issue.message}: not a status snapshot; delete it or restore it from a backup`);
  }
  return parsed.data;
}

/** Saves the snapshot as `<dir>/<as-of>.json` (written beside, then renamed over: never half-written). */
export function writeStatusSnapshot(dir: string, snapshot: StatusSnapshot): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${snapshot.asOf}.json`);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(snapshot, null, 1)}\n`);
  fs.renameSync(tmp, file);
  return file;
}

const RANK = { red: 0, amber: 1, green: 2 } as const;
const rank = (e: SnapshotEntry | null) => (e?.status ? RANK[e.status] : 3);

/** Releases and projects whose status differs between the two snapshots (unrated ones: whose state does), added and removed ones included. */
export function statusChanges(previous: StatusSnapshot | null, current: StatusSnapshot, slugOf: (kind: StatusChange['kind'], id: string) => string | null): StatusChanges {
  if (!previous) return { previousAsOf: null, note: 'no earlier build to compare with', changes: [] };
  const changes: StatusChange[] = [];
  for (const kind of ['project', 'release'] as const) {
    const before = kind === 'project' ? previous.projects : previous.releases;
    const after = kind === 'project' ? current.projects : current.releases;
    for (const id of [...new Set([...Object.keys(before), ...Object.keys(after)])]) {
      const b = before[id] ?? null;
      const a = after[id] ?? null;
      // A rated release keeps its place while it moves between open states (planned → in progress).
      if (b && a && b.status === a.status && (a.status !== null || b.state === a.state)) continue;
      changes.push({ kind, id, name: (a ?? b)!.name, slug: a ? slugOf(kind, id) : null, before: b, after: a });
    }
  }
  changes.sort((x, y) => rank(x.after) - rank(y.after) || (x.kind === y.kind ? 0 : x.kind === 'project' ? -1 : 1) || (x.name < y.name ? -1 : x.name > y.name ? 1 : x.id < y.id ? -1 : 1));
  return { previousAsOf: previous.asOf, note: `compared with the build as of ${previous.asOf}`, changes };
}
