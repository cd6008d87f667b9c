// Issue links of the Jira exports. Work of a release waits for work of the releases the plan says it
// depends on ("blocks"); some tasks block a story of their own version; a few items wait for work the
// plan does not show — in their project's previous version, or in a release of an upstream project —
// and some issues merely relate. Links join issues of one Jira site (Cloud and Server are separate
// instances) and are listed on both issues, as Jira exports them.
import type { Rng } from './random.ts';
import type { Issue, IssueLink } from './work-items.ts';
import type { Release, World } from './world.ts';

/** Links of one type on one side of an issue, at most: the export's columns for them. */
export const MAX_LINKS = 2;

/**
 * Chances, per release, of links the plan does not show. Like the plan's own dependencies, they wait
 * for releases planned to ship before the dependent one starts, or in its first week.
 */
const WITHIN_VERSION = 0.35;
const ON_PREVIOUS_VERSION = 0.12;
const ON_UNLISTED_UPSTREAM = 0.08;
/** Chance, per story or task, of a "relates to" link to another item of its version. */
const RELATES = 0.02;

const done = (i: Issue) => i.resolved ?? Infinity;

/** Links the issues of one region (they only link within it), in place. */
export function linkIssues(rng: Rng, world: World, issues: readonly Issue[]): void {
  const byRelease = new Map<Release, Issue[]>();
  for (const i of issues) {
    if (i.type !== 'Story' && i.type !== 'Task') continue;
    for (const v of i.fixVersions) {
      const items = byRelease.get(v);
      if (items) items.push(i);
      else byRelease.set(v, [i]);
    }
  }
  const paired = new Set<string>();
  const count = (i: Issue, type: IssueLink['type'], side: 'outward' | 'inward') => i.links.filter((l) => l.type === type && l[side] === i).length;
  const link = (type: IssueLink['type'], outward: Issue, inward: Issue) => {
    const pair = [outward.key, inward.key].sort().join(' ');
    if (outward === inward || outward.project.tracker !== inward.project.tracker || paired.has(pair)) return;
    if (count(outward, type, 'outward') >= MAX_LINKS || count(inward, type, 'inward') >= MAX_LINKS) return;
    paired.add(pair);
    const l: IssueLink = { type, outward, inward };
    outward.links.push(l);
    inward.links.push(l);
  };
  /** `n` items of `dependent` each blocked by an item of `prerequisite`; within one version, the one done first blocks. */
  const blocks = (prerequisite: Release, dependent: Release, n: number) => {
    const from = byRelease.get(prerequisite);
    const to = byRelease.get(dependent);
    if (!from || !to) return;
    for (let k = 0; k < n; k++) {
      const [a, b] = [rng.pick(from), rng.pick(to)];
      if (prerequisite === dependent && done(b) < done(a)) link('Blocks', b, a);
      else link('Blocks', a, b);
    }
  };

  const releases = world.releases.filter((r) => byRelease.has(r) && r.status !== 'cancelled');
  for (const d of releases) {
    for (const u of d.dependsOn) blocks(u, d, rng.int(1, 3));
    if (rng.chance(WITHIN_VERSION)) blocks(d, d, 1);
    if (rng.chance(ON_PREVIOUS_VERSION)) {
      const previous = releases.filter((u) => u.project === d.project && u !== d && u.plannedRelease <= d.plannedStart + 7).at(-1);
      if (previous) blocks(previous, d, 1);
    }
    if (rng.chance(ON_UNLISTED_UPSTREAM)) {
      const upstream = releases.filter((u) => d.project.upstream.includes(u.project) && !d.dependsOn.includes(u)
        && u.plannedRelease >= d.plannedStart - 60 && u.plannedRelease <= d.plannedStart + 7);
      if (upstream.length) blocks(rng.pick(upstream), d, 1);
    }
  }
  for (const items of byRelease.values()) for (const i of items) if (rng.chance(RELATES)) link('Relates', i, rng.pick(items));
}
