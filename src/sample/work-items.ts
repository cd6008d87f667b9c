// Jira issues of one project: epics, stories, tasks, sub-tasks and bugs per version, with lifecycles
// that follow the version's real schedule — done before go-live, still open in the versions under way,
// bugs found in SIT/UAT, defects that escaped to production after go-live (affecting the version,
// fixed in a later one), and a backlog without versions. One project at a time: memory stays bounded.
import { byText } from './order.ts';
import type { Rng } from './random.ts';
import { at, mondayOf, workday, type Day, type Minute } from './time.ts';
import { bugSummary, COMMENTS, description, epicSummary, HOSTILE_SUMMARIES, storySummary, subtaskSummary, taskSummary, type Person } from './vocabulary.ts';
import { phaseOf, type Project, type Release, type World } from './world.ts';

export type IssueType = 'Epic' | 'Story' | 'Task' | 'Sub-task' | 'Bug';
export type IssueStatus = 'To Do' | 'In Progress' | 'In Review' | 'Done';

/** A Jira issue link, listed on both issues: `outward` <blocks / relates to> `inward`. */
export interface IssueLink {
  type: 'Blocks' | 'Relates';
  outward: Issue;
  inward: Issue;
}

export interface Issue {
  key: string;
  id: number;
  project: Project;
  type: IssueType;
  summary: string;
  description: string;
  status: IssueStatus;
  resolution: '' | 'Done' | "Won't Do" | 'Duplicate';
  priority: 'Highest' | 'High' | 'Medium' | 'Low' | 'Lowest';
  assignee: Person | null;
  reporter: Person;
  created: Minute;
  updated: Minute;
  resolved: Minute | null;
  /** When the status category last changed. */
  categoryChanged: Minute;
  fixVersions: Release[];
  affects: Release[];
  components: string[];
  labels: string[];
  sprints: string[];
  storyPoints: number | null;
  /** Seconds, as Jira exports time fields. */
  estimate: number | null;
  spent: number | null;
  team: string;
  foundIn: 'Production' | 'Test' | null;
  parent: Issue | null;
  comments: Array<{ at: Minute; author: Person; text: string }>;
  links: IssueLink[];
}

const LABELS = ['customer-facing', 'tech-debt', 'security', 'accessibility', 'performance', 'gdpr', 'release-blocker', 'regression', 'api'];
const WEIGHTS: Record<Release['type'], number> = { major: 1.6, minor: 1, patch: 0.25, emergency: 0.1 };

interface Ctx {
  rng: Rng;
  world: World;
  project: Project;
  items: Issue[];
  /** Monday of sprint 0 of the project, and its number. */
  sprintOrigin: Day;
  sprintBase: number;
  bugs: number;
}

const businessTime = (rng: Rng, d: Day): Minute => at(workday(d), rng.int(8, 17), rng.int(0, 59));

function sprintNames(c: Ctx, from: Minute, to: Minute): string[] {
  const first = Math.floor((Math.floor(from / 1440) - c.sprintOrigin) / 14);
  const last = Math.floor((Math.floor(to / 1440) - c.sprintOrigin) / 14);
  const out: string[] = [];
  for (let s = Math.max(first, last - 2); s <= last; s++) if (s >= 0) out.push(`${c.project.id} Sprint ${c.sprintBase + s}`);
  return out;
}

function newIssue(c: Ctx, type: IssueType, summary: string, created: Minute, extra: Partial<Issue>): Issue {
  const { rng, project } = c;
  const issue: Issue = {
    key: '', id: 0, project, type, summary, description: '', status: 'To Do', resolution: '', priority: 'Medium',
    assignee: null, reporter: project.lead, created, updated: created, resolved: null, categoryChanged: created,
    fixVersions: [], affects: [], components: [], labels: [], sprints: [], storyPoints: null, estimate: null, spent: null,
    team: rng.pick(project.devTeams), foundIn: null, parent: null, comments: [], links: [], ...extra,
  };
  c.items.push(issue);
  return issue;
}

/**
 * Moves the issue through its workflow as of the export: done at `done` if that is before the
 * export, else somewhere along the way (work began at `begin`).
 */
function live(c: Ctx, issue: Issue, begin: Minute, done: Minute): void {
  const { rng, world } = c;
  const now = world.timeline.exportAt;
  /** Some days after `from`, or some time before the export when that would be later. */
  const touched = (from: Minute, maxDays: number) => {
    const t = from + rng.int(0, maxDays) * 1440 + rng.int(0, 90);
    return t <= now ? t : from + Math.floor((now - from) * rng.next());
  };
  const finished = Math.max(done, issue.created + 60);
  const start = Math.max(issue.created + 30, Math.min(begin, finished - 60));
  if (finished <= now) {
    issue.status = 'Done';
    issue.resolution = rng.weighted([['Done', 95], ["Won't Do", 3], ['Duplicate', 2]]);
    issue.resolved = finished;
    issue.categoryChanged = issue.resolved;
    issue.sprints = issue.type === 'Epic' ? [] : sprintNames(c, start, issue.resolved);
    issue.updated = rng.chance(0.06) ? touched(issue.resolved, 30) : Math.min(now, issue.resolved + rng.int(0, 90));
  } else if (start <= now) {
    issue.status = finished - now < 4 * 1440 && issue.type !== 'Epic' ? 'In Review' : 'In Progress';
    issue.categoryChanged = start;
    issue.sprints = issue.type === 'Epic' ? [] : sprintNames(c, start, now);
    // Work in progress is touched often: a good share of it on the export day itself.
    issue.updated = Math.max(start, rng.chance(0.3) ? now - rng.int(5, 400) : now - rng.int(1, 6) * 1440);
  } else {
    issue.updated = touched(issue.created, 20);
    if (rng.chance(0.3) && begin - now < 14 * 1440) issue.sprints = sprintNames(c, now, now);
  }
  if (issue.status !== 'To Do' || rng.chance(0.5)) issue.assignee = rng.pick(issue.foundIn === 'Test' ? c.project.testers : c.project.developers);
  if (issue.estimate !== null && issue.status === 'Done') issue.spent = Math.round((issue.estimate * rng.float(0.6, 1.8)) / 900) * 900;
  if (rng.chance(0.18)) {
    const n = rng.int(1, 2);
    for (let i = 0; i < n; i++) {
      const when = issue.created + Math.floor((issue.updated - issue.created) * rng.next());
      issue.comments.push({ at: when, author: rng.pick([...c.project.developers, ...c.project.testers]), text: rng.pick(COMMENTS) });
    }
    issue.comments.sort((a, b) => a.at - b.at);
  }
}

function decorate(c: Ctx, issue: Issue, v: Release | null, kind: 'story' | 'bug' | 'task', topic: string): void {
  const { rng } = c;
  const systems = v ? v.systems : c.project.systems;
  issue.components = rng.sample(systems.map((s) => s.name), rng.int(1, Math.min(2, systems.length)));
  issue.labels = rng.sample(LABELS, rng.weighted([[0, 5], [1, 3], [2, 2], [3, 1]]));
  if (rng.chance(kind === 'task' ? 0.2 : 0.45)) issue.description = description(rng, topic, kind);
}

function versionItems(c: Ctx, v: Release, next: Release | undefined): void {
  const { rng, world, project } = c;
  const now = world.timeline.exportAt;
  const weight = WEIGHTS[v.type] * world.perRelease;
  const s = v.plannedStart;
  const f = v.finish;
  const stop = v.cancelled;
  const span = Math.max(f - s, 4);
  const createdBetween = (a: Day, b: Day) => businessTime(rng, rng.int(a, Math.max(a, b)));
  const doneBy = (created: Minute): Minute => businessTime(rng, rng.int(Math.max(Math.floor(created / 1440) + 1, s + Math.floor(span * 0.1)), f - 2));
  const epics: Issue[] = [];
  for (let i = v.type === 'major' || v.type === 'minor' ? Math.max(1, rng.around(2 * weight)) : 0; i > 0; i--) {
    const topic = rng.pick(project.topics);
    const created = createdBetween(s - 60, s - 20);
    if (created > now) continue;
    const epic = newIssue(c, 'Epic', epicSummary(rng, topic), created, { fixVersions: [v], priority: 'High' });
    decorate(c, epic, v, 'story', topic);
    epics.push(epic);
  }
  const work = (type: 'Story' | 'Task', count: number) => {
    for (let i = 0; i < count; i++) {
      const topic = rng.pick(project.topics);
      const parent = epics.length ? rng.pick(epics) : null;
      const created = Math.max(createdBetween(s - 30, s + Math.floor(span * 0.5)), (parent?.created ?? 0) + rng.int(30, 600));
      if (created > now) continue;
      const issue = newIssue(c, type, type === 'Story' ? storySummary(rng, topic) : taskSummary(rng, topic), created, {
        parent, fixVersions: [v], priority: rng.weighted([['High', 2], ['Medium', 7], ['Low', 1]]),
        storyPoints: type === 'Story' || rng.chance(0.3) ? rng.weighted([[1, 2], [2, 3], [3, 4], [5, 3], [8, 2], [13, 1]]) : null,
        estimate: type === 'Task' ? rng.int(2, 12) * 7200 : null,
      });
      decorate(c, issue, v, type === 'Story' ? 'story' : 'task', topic);
      let done = doneBy(created);
      // A cancelled version's work is dropped, or moved to the next version and done there.
      const dropped = stop !== null && (!next || rng.chance(0.5));
      if (stop !== null && created > at(stop, 0)) continue;
      if (dropped) done = at(stop!, 12);
      else if (stop !== null) {
        issue.fixVersions = [next!];
        done = businessTime(rng, next!.finish - rng.int(5, 30));
      }
      live(c, issue, done - rng.int(2, 15) * 1440, done);
      if (dropped) issue.resolution = "Won't Do";
      if (type === 'Story' && rng.chance(0.5)) {
        for (let k = rng.int(1, 3); k > 0; k--) {
          const created = issue.created + rng.int(10, 2880);
          if (created > now) continue;
          const sub = newIssue(c, 'Sub-task', subtaskSummary(rng, issue.summary), created, {
            parent: issue, fixVersions: issue.fixVersions, team: issue.team, components: issue.components, estimate: rng.int(1, 8) * 3600,
          });
          live(c, sub, Math.min(done, issue.resolved ?? done) - rng.int(1, 4) * 1440, Math.min(done, issue.resolved ?? done) - rng.int(0, 600));
        }
      }
    }
  };
  work('Story', rng.around(34 * weight));
  work('Task', rng.around(14 * weight));
  for (const epic of epics) epicProgress(c, epic, stop);
  // Bugs found in test, during SIT and UAT as they really ran.
  const sit = phaseOf(v, 'sit');
  const uat = phaseOf(v, 'uat') ?? sit;
  if (sit && uat) {
    for (let i = rng.around(13 * weight); i > 0; i--) {
      const created = createdBetween(sit.actualStart, uat.actualEnd);
      if (created > now || (stop !== null && created > at(stop, 0))) continue;
      bug(c, v, created, 'Test', [v], created + rng.int(1, 10) * 1440);
    }
  }
  // Defects that escaped to production: reported after go-live, fixed in a later version.
  if (v.status === 'released') {
    const rate = project.slip.lateMode > 10 ? 3.5 : 1.5;
    for (let i = rng.around(rate * weight); i > 0; i--) {
      const created = businessTime(rng, f + rng.int(1, 60));
      if (created > now) continue;
      const fix = next && next.plannedRelease * 1440 > created ? [next] : [];
      bug(c, v, created, 'Production', fix, fix.length ? at(fix[0]!.finish - 3, 15) : created + rng.int(2, 30) * 1440);
    }
  }
}

/** An epic is done when all its children are, and in progress once one of them started. */
function epicProgress(c: Ctx, epic: Issue, stop: Day | null): void {
  const children = c.items.filter((i) => i.parent === epic);
  const started = children.filter((i) => i.status !== 'To Do');
  if (children.length && started.length === children.length && children.every((i) => i.status === 'Done')) {
    epic.status = 'Done';
    epic.resolution = stop !== null ? "Won't Do" : 'Done';
    epic.resolved = Math.max(...children.map((i) => i.resolved!)) + 60;
    epic.categoryChanged = epic.resolved;
    epic.updated = epic.resolved;
  } else if (started.length) {
    epic.status = 'In Progress';
    epic.categoryChanged = Math.min(...started.map((i) => i.categoryChanged));
    epic.updated = Math.max(...children.map((i) => i.updated));
  }
  if (epic.status !== 'To Do') epic.assignee = c.project.lead;
}

function bug(c: Ctx, v: Release, created: Minute, foundIn: 'Test' | 'Production', fix: Release[], done: Minute): void {
  const { rng, project } = c;
  const topic = rng.pick(project.topics);
  c.bugs++;
  const summary = c.bugs % 150 === 7 ? HOSTILE_SUMMARIES[(Math.floor(c.bugs / 150) + project.jiraId) % HOSTILE_SUMMARIES.length]! : bugSummary(rng, topic);
  const issue = newIssue(c, 'Bug', summary, created, {
    foundIn, fixVersions: fix, affects: foundIn === 'Production' ? [v] : [],
    reporter: foundIn === 'Test' ? rng.pick(project.testers) : project.lead,
    priority: foundIn === 'Production' ? rng.weighted([['Highest', 2], ['High', 5], ['Medium', 3]]) : rng.weighted([['High', 3], ['Medium', 6], ['Low', 1]]),
  });
  // Backports: some fixes ship in the next version too.
  if (fix.length && rng.chance(0.08)) {
    const later = c.world.releases.find((r) => r.project === project && r.plannedRelease > fix[0]!.plannedRelease && r.status !== 'cancelled');
    if (later) issue.fixVersions = [...fix, later];
  }
  decorate(c, issue, v, 'bug', topic);
  live(c, issue, created + rng.int(60, 2880), done);
}

export function projectIssues(rng: Rng, world: World, project: Project): Issue[] {
  const versions = world.releases.filter((r) => r.project === project);
  const c: Ctx = {
    rng, world, project, items: [], bugs: 0,
    sprintOrigin: mondayOf(Math.min(...versions.map((v) => v.plannedStart)) - 60), sprintBase: rng.int(8, 40),
  };
  for (const v of versions) {
    versionItems(c, v, versions.find((n) => n.plannedRelease > v.plannedRelease && n.status !== 'cancelled' && n.dated));
  }
  // The backlog: ideas and requests not planned into any version.
  const { start, today } = world.timeline;
  for (let i = rng.around(c.items.length * 0.06); i > 0; i--) {
    const topic = rng.pick(project.topics);
    const issue = newIssue(c, rng.chance(0.7) ? 'Story' : 'Task', storySummary(rng, topic), businessTime(rng, rng.int(start - 60, today - 1)), { priority: rng.weighted([['Medium', 6], ['Low', 3], ['Lowest', 1]]) });
    decorate(c, issue, null, 'story', topic);
    live(c, issue, Infinity, Infinity);
  }
  // Keys and ids follow creation (parents are always created before their children).
  for (const i of c.items) {
    i.updated = Math.max(i.updated, i.created, ...i.comments.map((x) => x.at));
    if (i.resolved !== null) i.updated = Math.max(i.updated, i.resolved);
  }
  c.items.sort((a, b) => a.created - b.created || byText(a.summary, b.summary));
  c.items.forEach((item, n) => {
    item.key = `${project.id}-${project.firstIssue + n}`;
    item.id = (project.firstIssue + n) * 100 + (project.jiraId % 100);
  });
  return c.items;
}
