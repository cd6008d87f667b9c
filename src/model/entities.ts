// The canonical data model: the one contract between adapters and metrics (DESIGN.md §3).
// Ids are strings, instants are UTC (`TIMESTAMP`), dates are calendar dates.
import { z } from 'zod';
import { f, opt } from './fields.ts';

export const RELEASE_TYPES = ['major', 'minor', 'patch', 'emergency'] as const;
export const RELEASE_STATUSES = ['planned', 'in_progress', 'released', 'cancelled'] as const;
export const WORK_ITEM_TYPES = ['epic', 'feature', 'story', 'task', 'bug'] as const;
export const STATUS_CATEGORIES = ['todo', 'in_progress', 'done'] as const;
export const FOUND_IN = ['test', 'production'] as const;
export const CHANGE_TYPES = ['standard', 'normal', 'emergency'] as const;
export const CHANGE_STATES = ['new', 'assess', 'authorize', 'scheduled', 'implement', 'review', 'closed', 'canceled'] as const;
export const CLOSE_CODES = ['successful', 'successful_with_issues', 'unsuccessful', 'cancelled'] as const;
export const DEPLOYMENT_STATUSES = ['success', 'failure', 'rolled_back', 'cancelled'] as const;
export const ENVIRONMENT_KINDS = ['dev', 'sit', 'uat', 'perf', 'preprod', 'prod', 'dr', 'training'] as const;
export const BOOKING_STATUSES = ['requested', 'approved', 'rejected', 'cancelled'] as const;
export const CAPACITY_RESOURCES = ['qa', 'dev', 'ops', 'env'] as const;

export const system = z.object({
  id: f.id('System id, as other files refer to it (a CMDB CI name may be used instead: it is resolved by name).'),
  name: opt(f.text('Display name.')),
  portfolio: opt(f.text('Portfolio the system belongs to.')),
  program: opt(f.text('Program the system belongs to.')),
  owner: opt(f.text('Owner (person or team).')),
  criticality: opt(f.text('Business criticality as the organisation names it (e.g. "tier 1", "high").')),
});

export const project = z.object({
  id: f.id('Project id; for Jira projects, the project key.'),
  name: opt(f.text('Display name.')),
  portfolio: opt(f.text('Portfolio the project belongs to.')),
  program: opt(f.text('Program the project belongs to.')),
  owner: opt(f.text('Owner (person or team).')),
  planned_start: opt(f.date('Planned start date.')),
  planned_end: opt(f.date('Planned end date.')),
  budget: opt(f.num('Total budget, in the organisation\'s currency.')),
});

export const release = z.object({
  id: f.id('Release id; for Jira versions, "<project key>:<version name>".'),
  name: opt(f.text('Display name.')),
  project_id: opt(f.id('Project the release belongs to.')),
  system_ids: opt(f.list('Systems the release changes.')),
  type: opt(f.enum(RELEASE_TYPES, 'Release type.', { raw: true })),
  status: opt(f.enum(RELEASE_STATUSES, 'Release status.', { raw: true })),
  planned_start: opt(f.date('Planned start of the release\'s work.')),
  planned_release: opt(f.date('Planned release date (required in releases.csv; Jira versions may have none).')),
  actual_release: opt(f.date('Date the release actually went live.')),
});

export const releaseDependency = z.object({
  release_id: f.id('The dependent release.'),
  depends_on_id: f.id('The release it depends on (finish-to-start: it must be released before the dependent one starts).'),
});

export const releasePhase = z.object({
  release_id: f.id('Release the phase belongs to.'),
  phase: f.id('Lifecycle phase, lower case (build, sit, uat, perf, cutover, deploy, …).'),
  planned_start: opt(f.date('Planned first day.')),
  planned_end: opt(f.date('Planned last day (inclusive).')),
  actual_start: opt(f.date('Actual first day.')),
  actual_end: opt(f.date('Actual last day (inclusive).')),
});

export const workItem = z.object({
  key: f.id('Work item key (Jira issue key, ADO id…).'),
  project_id: opt(f.id('Project the item belongs to.')),
  type: opt(f.enum(WORK_ITEM_TYPES, 'Work item type.', { raw: true })),
  summary: opt(f.text('Title or summary (untrusted text).')),
  status: opt(f.text('Status as the tool names it.')),
  status_category: opt(f.enum(STATUS_CATEGORIES, 'Status category derived from the status.')),
  priority: opt(f.text('Priority as the tool names it.')),
  release_ids: opt(f.list('Releases the item is planned for or delivered in (Jira fix versions).')),
  affects_release_ids: opt(f.list('Releases the item affects: for a defect, the release it was found in (Jira affects versions).')),
  team: opt(f.text('Team that owns the item.')),
  assignee: opt(f.text('Assignee.')),
  created: f.instant('When the item was created.'),
  resolved: opt(f.instant('When the item was resolved.')),
  updated: opt(f.instant('When the item was last updated in the tool.')),
  story_points: opt(f.num('Story points (estimate).')),
  labels: opt(f.list('Labels.')),
  components: opt(f.list('Components.')),
  sprints: opt(f.list('Sprints the item was in.')),
  parent_key: opt(f.id('Parent item (epic or parent issue).')),
  found_in: opt(f.enum(FOUND_IN, 'For bugs: where the defect was found.')),
});

export const workItemTransition = z.object({
  key: f.id('Work item key.'),
  at: f.instant('When the status changed.'),
  from_status: opt(f.text('Status before.')),
  to_status: opt(f.text('Status after.')),
});

export const workItemLink = z.object({
  key: f.id('The prerequisite item: it blocks, or is depended on by, the dependent item.'),
  dependent_key: f.id('The item that cannot finish (or start) before the prerequisite.'),
  link_type: opt(f.text('Link type as the tool names it (Blocks, Dependency…).')),
});

export const change = z.object({
  number: f.id('Change request number (CHG…).'),
  short_description: opt(f.text('Short description (untrusted text).')),
  type: opt(f.enum(CHANGE_TYPES, 'Change type.', { raw: true })),
  state: opt(f.enum(CHANGE_STATES, 'Change state.', { raw: true })),
  risk: opt(f.text('Risk as the tool names it (High, Moderate, Low…).')),
  impact: opt(f.text('Impact as the tool names it.')),
  system_id: opt(f.id('System changed (configuration item).')),
  release_id: opt(f.id('Release the change implements.')),
  assignment_group: opt(f.text('Group that implements the change.')),
  planned_start: opt(f.instant('Planned window start.')),
  planned_end: opt(f.instant('Planned window end (exclusive).')),
  actual_start: opt(f.instant('Actual work start.')),
  actual_end: opt(f.instant('Actual work end.')),
  opened_at: f.instant('When the change was opened.'),
  approved_at: opt(f.instant('When the change was approved (ServiceNow approval_set).')),
  closed_at: opt(f.instant('When the change was closed.')),
  close_code: opt(f.enum(CLOSE_CODES, 'How the change closed.', { raw: true })),
  close_notes: opt(f.text('Close notes (untrusted text).')),
  unauthorized: opt(f.bool('The change was implemented without authorisation.')),
});

export const incident = z.object({
  number: f.id('Incident number (INC…).'),
  short_description: opt(f.text('Short description (untrusted text).')),
  priority: opt(f.int('Priority, 1 (critical) to 5 (planning).', )),
  priority_raw: opt(f.text('Priority as the tool wrote it.')),
  state: opt(f.text('State as the tool names it.')),
  system_id: opt(f.id('System affected (configuration item).')),
  assignment_group: opt(f.text('Group working the incident.')),
  opened_at: f.instant('When the incident was opened.'),
  resolved_at: opt(f.instant('When service was restored.')),
  closed_at: opt(f.instant('When the incident was closed.')),
  caused_by_change: opt(f.id('Change that caused the incident.')),
  caused_by_deployment: opt(f.id('Deployment that caused the incident.')),
});

export const deployment = z.object({
  id: f.id('Deployment id.'),
  system_id: opt(f.id('System deployed.')),
  environment_id: opt(f.id('Environment deployed to.')),
  release_id: opt(f.id('Release deployed.')),
  version: opt(f.text('Version or tag deployed, when no release id is known.')),
  started_at: f.instant('When the deployment started.'),
  finished_at: opt(f.instant('When the deployment finished.')),
  status: f.enum(DEPLOYMENT_STATUSES, 'Outcome.', { raw: true }),
  production: opt(f.bool('Deployed to production.')),
  trigger: opt(f.text('What started it (pipeline, person, schedule…).')),
});

export const environment = z.object({
  id: f.id('Environment id.'),
  name: opt(f.text('Display name.')),
  kind: opt(f.enum(ENVIRONMENT_KINDS, 'Environment kind.', { raw: true })),
  production: opt(f.bool('A production environment.')),
  shared: opt(f.bool('Several bookings may share it (up to its capacity).')),
  capacity: opt(f.int('Concurrent bookings it takes (default 1).')),
  owner: opt(f.text('Owner.')),
  cost_per_day: opt(f.num('Running cost per day.')),
});

export const booking = z.object({
  id: f.id('Booking id.'),
  environment_id: f.id('Environment booked.'),
  project_id: opt(f.id('Project that booked it.')),
  release_id: opt(f.id('Release the booking serves.')),
  purpose: opt(f.text('Purpose (test phase, training…).')),
  status: opt(f.enum(BOOKING_STATUSES, 'Booking status.', { raw: true })),
  start: f.instant('Start (a date means its first moment).'),
  end: f.instant('End, exclusive (a date in the file is inclusive and stored as the next day\'s first moment).'),
});

export const testCycle = z.object({
  release_id: f.id('Release tested.'),
  name: f.id('Cycle name (unique within the release).'),
  planned_start: opt(f.date('Planned first day.')),
  planned_end: opt(f.date('Planned last day (inclusive).')),
  planned_cases: opt(f.int('Test cases planned.')),
  executed: opt(f.int('Test cases executed.')),
  passed: opt(f.int('Test cases passed.')),
  failed: opt(f.int('Test cases failed.')),
  blocked: opt(f.int('Test cases blocked.')),
  effort_hours: opt(f.num('Planned effort, in hours.')),
});

export const capacity = z.object({
  team: f.id('Team, role or (for resource env) environment id.'),
  resource: f.enum(CAPACITY_RESOURCES, 'Kind of resource.'),
  period_start: f.date('First day of the period.'),
  period_end: f.date('Last day of the period (inclusive).'),
  available_hours: f.num('Hours available over the period.'),
});

export const freezeWindow = z.object({
  name: f.id('Freeze name.'),
  start: f.instant('Start (a date means its first moment).'),
  end: f.instant('End, exclusive (a date in the file is inclusive and stored as the next day\'s first moment).'),
  scope: opt(f.list('System ids covered; empty or "all" covers every system.')),
});

export const lesson = z.object({
  id: f.id('Lesson id.'),
  date: f.date('When it was recorded.'),
  project_id: opt(f.id('Project it came from.')),
  release_id: opt(f.id('Release it came from.')),
  category: f.id('Category (lower case).'),
  title: opt(f.text('Title (untrusted text).')),
  impact: opt(f.text('Impact.')),
  action: opt(f.text('Agreed action.')),
  status: opt(f.text('Action status (open, done…).')),
});

export const cost = z.object({
  project_id: f.id('Project.'),
  month: f.date('Month (stored as its first day; written YYYY-MM or YYYY-MM-DD).'),
  planned: opt(f.num('Planned spend.')),
  actual: opt(f.num('Actual spend.')),
});
