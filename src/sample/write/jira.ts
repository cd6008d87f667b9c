// Jira exports: the issue CSV ("Export CSV (all fields)") of a Cloud site and of a Server/Data Center
// instance, and each project's versions as `/rest/api/2/project/{KEY}/versions` returns them.
// Multi-valued fields repeat their column under the same name, padded with empty cells (issue links:
// one `Inward/Outward issue link (<type>)` column per link); Cloud writes `dd/MMM/yy h:mm a`, this
// Server instance `d/MMM/yy HH:mm`; comments are `date;author;body`.
import fs from 'node:fs';
import path from 'node:path';
import { isoDate, jiraCloudTime, jiraServerTime, jiraUserDate, type Minute } from '../time.ts';
import { linkIssues, MAX_LINKS } from '../issue-links.ts';
import type { Rng } from '../random.ts';
import { projectIssues, type Issue } from '../work-items.ts';
import type { Person } from '../vocabulary.ts';
import type { Project, Release, World } from '../world.ts';
import { CsvSink, type Cell } from './sink.ts';
import type { FileReport } from './canonical.ts';

type Flavour = 'cloud' | 'server';
type Column = [name: string, value: (i: Issue) => Cell | Cell[], repeat?: number];

const CATEGORY: Record<Issue['status'], string> = { 'To Do': 'To Do', 'In Progress': 'In Progress', 'In Review': 'In Progress', Done: 'Done' };
/** Team-managed Cloud projects estimate in "Story point estimate", company-managed ones in "Story Points". */
const TEAM_MANAGED = new Set(['MOB', 'WEB']);
const SITE: Record<Flavour, string> = { cloud: 'https://harbourline.example', server: 'https://jira.harbourline.example' };

const names = (rs: readonly Release[]) => rs.map((r) => r.name);
const remaining = (i: Issue) => (i.estimate === null ? null : i.status === 'Done' ? 0 : Math.max(0, i.estimate - (i.spent ?? 0)));
const rank = (i: Issue) => `0|i${i.id.toString(36).padStart(5, '0')}:`;
const teamManaged = (p: Project) => TEAM_MANAGED.has(p.id.replace(new RegExp(`${p.region}$`), ''));

/**
 * Link columns, by type then inward before outward, as Jira orders them. An inward column lists the
 * issues this one "is blocked by", an outward one those it "blocks".
 */
const LINK_COLUMNS: Column[] = (['Blocks', 'Relates'] as const).flatMap((type) =>
  (['inward', 'outward'] as const).map((side): Column => {
    const other = side === 'inward' ? 'outward' : 'inward';
    const name = `${side === 'inward' ? 'Inward' : 'Outward'} issue link (${type})`;
    return [name, (i) => i.links.filter((l) => l.type === type && l[side] === i).map((l) => l[other].key), MAX_LINKS];
  }));

function columns(flavour: Flavour): Column[] {
  const time = flavour === 'cloud' ? jiraCloudTime : jiraServerTime;
  const t = (m: Minute | null) => (m === null ? null : time(m));
  const who = (p: Person | null) => p?.name ?? null;
  const comment = (i: Issue) => i.comments.map((c) => `${time(c.at)};${flavour === 'cloud' ? c.author.accountId : c.author.username};${c.text}`);
  const watchers = (i: Issue) => [...new Set([i.reporter, ...(i.assignee ? [i.assignee] : [])])];
  const points = (which: 'points' | 'estimate') => (i: Issue) => (teamManaged(i.project) === (which === 'estimate') ? i.storyPoints : null);
  const common: Column[] = [
    ['Priority', (i) => i.priority],
    ['Resolution', (i) => i.resolution],
  ];
  if (flavour === 'cloud') {
    return [
      ['Summary', (i) => i.summary], ['Issue key', (i) => i.key], ['Issue id', (i) => i.id], ['Issue Type', (i) => i.type],
      ['Status', (i) => i.status], ['Project key', (i) => i.project.id], ['Project name', (i) => i.project.name],
      ['Project type', () => 'software'], ['Project lead', (i) => i.project.lead.name], ['Project lead id', (i) => i.project.lead.accountId],
      ['Project description', () => null], ...common,
      ['Assignee', (i) => who(i.assignee)], ['Assignee Id', (i) => i.assignee?.accountId], ['Reporter', (i) => i.reporter.name],
      ['Reporter Id', (i) => i.reporter.accountId], ['Creator', (i) => i.reporter.name], ['Creator Id', (i) => i.reporter.accountId],
      ['Created', (i) => t(i.created)], ['Updated', (i) => t(i.updated)], ['Last Viewed', () => null], ['Resolved', (i) => t(i.resolved)],
      ['Affects versions', (i) => names(i.affects), 1], ['Fix versions', (i) => names(i.fixVersions), 2], ['Components', (i) => i.components, 2],
      ['Due date', () => null], ['Votes', () => 0], ['Labels', (i) => i.labels, 3], ['Description', (i) => i.description], ['Environment', () => null],
      ['Watchers', (i) => watchers(i).map((p) => p.name), 2], ['Watchers Id', (i) => watchers(i).map((p) => p.accountId), 2],
      ['Original estimate', (i) => i.estimate], ['Remaining Estimate', remaining], ['Time Spent', (i) => i.spent], ['Work Ratio', () => null],
      ['Σ Original Estimate', (i) => i.estimate], ['Σ Remaining Estimate', remaining], ['Σ Time Spent', (i) => i.spent],
      ['Security Level', () => null], ...LINK_COLUMNS, ['Attachment', () => null], ['Custom field (Development)', () => null],
      ['Custom field (Found In)', (i) => i.foundIn], ['Custom field (Rank)', rank], ['Sprint', (i) => i.sprints, 3],
      ['Custom field (Start date)', () => null], ['Custom field (Story Points)', points('points')],
      ['Custom field (Story point estimate)', points('estimate')], ['Custom field (Team)', (i) => i.team],
      ['Comment', comment, 2], ['Parent', (i) => i.parent?.id], ['Parent key', (i) => i.parent?.key], ['Parent summary', (i) => i.parent?.summary],
      ['Status Category', (i) => CATEGORY[i.status]], ['Status Category Changed', (i) => t(i.categoryChanged)],
    ];
  }
  const epic = (i: Issue) => (i.parent?.type === 'Epic' ? i.parent : null);
  return [
    ['Summary', (i) => i.summary], ['Issue key', (i) => i.key], ['Issue id', (i) => i.id],
    ['Parent id', (i) => (i.type === 'Sub-task' ? i.parent?.id : null)], ['Issue Type', (i) => i.type], ['Status', (i) => i.status],
    ['Project key', (i) => i.project.id], ['Project name', (i) => i.project.name], ['Project type', () => 'software'],
    ['Project lead', (i) => i.project.lead.username], ['Project description', () => null],
    ['Project url', () => null], ...common, ['Assignee', (i) => who(i.assignee)], ['Reporter', (i) => i.reporter.name],
    ['Creator', (i) => i.reporter.name], ['Created', (i) => t(i.created)], ['Updated', (i) => t(i.updated)], ['Last Viewed', () => null],
    ['Resolved', (i) => t(i.resolved)], ['Affects Version/s', (i) => names(i.affects), 1], ['Fix Version/s', (i) => names(i.fixVersions), 2],
    ['Component/s', (i) => i.components, 2], ['Due Date', () => null], ['Votes', () => 0], ['Labels', (i) => i.labels, 3],
    ['Description', (i) => i.description], ['Environment', () => null], ['Watchers', (i) => watchers(i).map((p) => p.username), 2],
    ['Original Estimate', (i) => i.estimate], ['Remaining Estimate', remaining], ['Time Spent', (i) => i.spent], ['Work Ratio', () => null],
    ...LINK_COLUMNS, ['Sprint', (i) => i.sprints, 3], ['Custom field (Epic Link)', (i) => epic(i)?.key], ['Custom field (Epic Name)', (i) => (i.type === 'Epic' ? i.summary : null)],
    ['Custom field (Found In)', (i) => i.foundIn], ['Custom field (Rank)', rank], ['Custom field (Story Points)', (i) => i.storyPoints],
    ['Custom field (Team)', (i) => i.team], ['Comment', comment, 2],
  ];
}

/** One issue CSV file; projects are added one after the other, each newest issue first (Jira's default order). */
export class JiraIssuesCsv {
  readonly file: string;
  #columns: Column[];
  #sink: CsvSink;

  constructor(dir: string, file: string, flavour: Flavour) {
    this.file = file;
    this.#columns = columns(flavour);
    this.#sink = new CsvSink(path.join(dir, file), this.#columns.flatMap(([name, , n]) => Array<string>(n ?? 1).fill(name)));
  }

  addProject(issues: readonly Issue[]): void {
    for (let k = issues.length - 1; k >= 0; k--) {
      const issue = issues[k]!;
      const cells: Cell[] = [];
      for (const [name, value, n] of this.#columns) {
        const v = value(issue);
        if (n === undefined) {
          cells.push(v as Cell);
          continue;
        }
        const list = (Array.isArray(v) ? v : [v]).filter((x) => x !== null && x !== undefined && x !== '');
        if (list.length > n) throw new Error(`sample: ${issue.key} has ${list.length} values for ${name}, the layout allows ${n}`);
        for (let j = 0; j < n; j++) cells.push(list[j]);
      }
      this.#sink.row(cells);
    }
  }

  close(): FileReport {
    const rows = this.#sink.rows;
    return { file: this.file, rows, bytes: this.#sink.close() };
  }
}

type JiraProject = Project & { tracker: 'jira-cloud' | 'jira-server' };

/**
 * Both sites' issue CSVs and every Jira project's versions. A region's projects are generated
 * together, as their issues link to each other; projects follow the world's order, so that only one
 * region's issues are in memory at a time.
 */
export function writeJira(dir: string, world: World, rng: Rng): FileReport[] {
  const csv = { 'jira-cloud': new JiraIssuesCsv(dir, 'jira-cloud-issues.csv', 'cloud'), 'jira-server': new JiraIssuesCsv(dir, 'jira-server-issues.csv', 'server') };
  const files: FileReport[] = [];
  for (const region of world.regions) {
    const projects = world.projects.filter((p): p is JiraProject => p.region === region && p.tracker !== 'erm');
    const issues = projects.map((p) => projectIssues(rng.fork(`issues-${p.id}`), world, p));
    linkIssues(rng.fork(`links-${region || 'base'}`), world, issues.flat());
    projects.forEach((p, k) => {
      csv[p.tracker].addProject(issues[k]!);
      files.push(writeVersions(dir, world, p));
    });
  }
  return [...files, csv['jira-cloud'].close(), csv['jira-server'].close()];
}

/**
 * The versions file of a project. The list carries only the numeric project id, so the name says the
 * key, in the spelling the Jira versions adapter reads (`<KEY>-versions.json`).
 */
export const versionsFile = (key: string) => `${key}-versions.json`;

/** A project's versions file: the versions array, with Jira's key order and omissions. */
export function writeVersions(dir: string, world: World, project: Project): FileReport {
  const flavour: Flavour = project.tracker === 'jira-cloud' ? 'cloud' : 'server';
  const { today } = world.timeline;
  const versions = world.releases.filter((r) => r.project === project).sort((a, b) => a.versionId - b.versionId).map((r) => {
    const released = r.status === 'released';
    const releaseDate = released ? r.finish : r.plannedRelease;
    const v: Record<string, unknown> = { self: `${SITE[flavour]}/rest/api/2/version/${r.versionId}`, id: String(r.versionId) };
    if (r.type !== 'minor') v.description = { major: 'Quarterly feature release', minor: '', patch: 'Patch release', emergency: 'Emergency fix' }[r.type];
    v.name = r.name;
    // Old versions get archived; an archived version that never shipped was cancelled.
    v.archived = r.status === 'cancelled' || (released && today - r.finish > 365 && r.versionId % 3 === 0);
    v.released = released;
    if (r.dated) {
      v.startDate = isoDate(r.plannedStart);
      v.releaseDate = isoDate(releaseDate);
      if (!released) v.overdue = releaseDate < today;
      v.userStartDate = jiraUserDate(r.plannedStart);
      v.userReleaseDate = jiraUserDate(releaseDate);
    }
    v.projectId = project.jiraId;
    return v;
  });
  const file = versionsFile(project.id);
  const text = `${JSON.stringify(versions, null, 2)}\n`;
  fs.writeFileSync(path.join(dir, file), text);
  return { file, rows: versions.length, bytes: Buffer.byteLength(text) };
}
