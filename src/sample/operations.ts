// Deployments, changes and incidents, streamed in time order with bounded memory: events go into
// per-month buckets; a month is numbered (CHG…, INC…, DEP-…, in the order things happened, as the
// tools number them) and handed to the writers once no release still to be processed can add to it.
import { byText } from './order.ts';
import type { Rng } from './random.ts';
import { dayOf, monthStart, type Day, type Minute } from './time.ts';
import { people, type Person } from './vocabulary.ts';
import { makeChange, type Change, type ChangeInput, type Incident } from './itsm.ts';
import type { Booking } from './bookings.ts';
import { releaseOperations } from './release-operations.ts';
import { monthlyOperations } from './background-operations.ts';
import type { Project, Release, System, World } from './world.ts';

export type DeploymentStatus = 'success' | 'failure' | 'rolled_back' | 'cancelled';

export interface Deployment {
  id: string;
  system: System;
  env: string;
  release: Release | null;
  version: string;
  started: Minute;
  finished: Minute | null;
  status: DeploymentStatus;
  production: boolean;
  trigger: 'pipeline' | 'manual' | 'hotfix';
}

export interface OperationsSink {
  deployment(d: Deployment): void;
  change(c: Change): void;
  incident(i: Incident): void;
}

/** What the generators of events share: the world, its people, and where events go. */
export interface OpsContext {
  world: World;
  rng: Rng;
  owner(system: System): Project;
  /** The environment a release booked for a purpose (SIT, UAT, …), if it booked one. */
  booked(release: Release, purpose: string): string | undefined;
  responder(system: System): Person;
  deployment(d: Omit<Deployment, 'id'>): void;
  change(c: ChangeInput): Change;
  incident(i: Omit<Incident, 'number'>): Incident;
}

type Pending =
  | { at: Minute; kind: 'deployment'; rec: Deployment }
  | { at: Minute; kind: 'change'; rec: Change }
  | { at: Minute; kind: 'incident'; rec: Incident };

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** When a release's first event can happen: its start, or its change being opened before go-live. */
const earliest = (r: Release): Day => Math.min(r.plannedStart, r.finish, r.plannedRelease) - 42;

export function generateOperations(rng: Rng, world: World, bookings: readonly Booking[], sink: OperationsSink): void {
  const { exportAt } = world.timeline;
  const buckets = new Map<Day, Pending[]>();
  let next = monthStart(Math.min(world.timeline.start, ...world.releases.map(earliest)));
  const counters = { deployment: 0, change: 30_000, incident: 10_000 };

  const owners = new Map<string, Project>();
  for (const p of world.projects) for (const s of p.systems) if (!owners.has(s.id)) owners.set(s.id, p);
  const booked = new Map<string, string>();
  for (const b of bookings) if (b.release && b.status !== 'rejected') booked.set(`${b.release.id}|${b.purpose}`, b.env.id);
  const responders = new Map(world.regions.map((r) => [r, people(rng.fork(`responders-${r}`), 14, r)]));

  const push = (p: Pending) => {
    if (p.at > exportAt) return;
    const m = monthStart(dayOf(p.at));
    if (m < next) throw new Error(`sample: an event of ${new Date(p.at * 60_000).toISOString()} arrived after its month was written`);
    let list = buckets.get(m);
    if (!list) buckets.set(m, (list = []));
    list.push(p);
  };
  const ctx: OpsContext = {
    world,
    rng,
    owner: (s) => owners.get(s.id)!,
    booked: (r, purpose) => booked.get(`${r.id}|${purpose}`),
    responder: (s) => rng.pick(responders.get(s.region)!),
    deployment: (d) => push({ at: d.started, kind: 'deployment', rec: { id: '', ...d } }),
    change: (input) => {
      const c = makeChange(rng, input);
      push({ at: c.opened, kind: 'change', rec: c });
      return c;
    },
    incident: (i) => {
      const rec = { number: '', ...i };
      push({ at: i.opened, kind: 'incident', rec });
      return rec;
    },
  };

  const flushBefore = (limit: Day) => {
    while (monthStart(next, 1) <= limit && next <= world.timeline.today) {
      if (next >= monthStart(world.timeline.start)) monthlyOperations(ctx, next);
      const list = buckets.get(next) ?? [];
      buckets.delete(next);
      // Stable order: by time, then in the order the events were made.
      const order = list.map((p, i) => [p, i] as const).sort((a, b) => a[0].at - b[0].at || a[1] - b[1]);
      for (const [p] of order) {
        if (p.kind === 'deployment') p.rec.id = `DEP-${pad(++counters.deployment, 6)}`;
        else if (p.kind === 'change') p.rec.number = `CHG${pad(++counters.change, 7)}`;
        else p.rec.number = `INC${pad(++counters.incident, 7)}`;
      }
      for (const [p] of order) {
        if (p.kind === 'deployment') sink.deployment(p.rec);
        else if (p.kind === 'change') sink.change(p.rec);
        else sink.incident(p.rec);
      }
      next = monthStart(next, 1);
    }
  };

  const releases = [...world.releases].sort((a, b) => earliest(a) - earliest(b) || byText(a.id, b.id));
  for (const r of releases) {
    flushBefore(earliest(r));
    releaseOperations(ctx, r);
  }
  flushBefore(world.timeline.today + 62);
}
