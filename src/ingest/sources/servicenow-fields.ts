// What ServiceNow exports look like: the task fields the adapters know (by field name and by the
// labels list and Excel exports use as headers), which fields tell change_request from incident,
// and the choice values (numeric codes and display labels) of the fields mapped onto the model.
import { entityColumns } from '../../model/catalog.ts';

export type SnTable = 'change' | 'incident';

/**
 * Known fields → their label spellings. Fields the model does not use are listed too, so that only
 * truly unknown columns (custom `u_…` fields, typos) are reported.
 */
export const SN_FIELDS: Readonly<Record<string, readonly string[]>> = {
  number: ['Number'],
  short_description: ['Short description'],
  description: ['Description'],
  state: ['State'],
  incident_state: ['Incident state'],
  type: ['Type'],
  risk: ['Risk'],
  impact: ['Impact'],
  urgency: ['Urgency'],
  priority: ['Priority'],
  category: ['Category'],
  subcategory: ['Subcategory'],
  cmdb_ci: ['Configuration item'],
  business_service: ['Service', 'Business service'],
  assignment_group: ['Assignment group'],
  assigned_to: ['Assigned to'],
  opened_at: ['Opened'],
  opened_by: ['Opened by'],
  closed_at: ['Closed'],
  closed_by: ['Closed by'],
  resolved_at: ['Resolved'],
  resolved_by: ['Resolved by'],
  start_date: ['Planned start date'],
  end_date: ['Planned end date'],
  work_start: ['Actual start', 'Actual start date'],
  work_end: ['Actual end', 'Actual end date'],
  close_code: ['Close code', 'Resolution code'],
  close_notes: ['Close notes', 'Resolution notes'],
  unauthorized: ['Unauthorized'],
  caused_by: ['Caused by Change'],
  rfc: ['Change Request'],
  problem_id: ['Problem'],
  caller_id: ['Caller'],
  contact_type: ['Channel', 'Contact type'],
  location: ['Location'],
  active: ['Active'],
  made_sla: ['Made SLA'],
  knowledge: ['Knowledge'],
  notify: ['Notify'],
  vendor: ['Vendor'],
  reassignment_count: ['Reassignment count'],
  reopen_count: ['Reopen count'],
  approval: ['Approval'],
  approval_set: ['Approval set'],
  requested_by: ['Requested by'],
  justification: ['Justification'],
  implementation_plan: ['Implementation plan'],
  backout_plan: ['Backout plan'],
  test_plan: ['Test plan'],
  change_plan: ['Change plan'],
  risk_impact_analysis: ['Risk and impact analysis'],
  cab_required: ['CAB required'],
  cab_date: ['CAB date'],
  cab_delegate: ['CAB delegate'],
  conflict_status: ['Conflict status'],
  outside_maintenance_schedule: ['Outside maintenance schedule'],
  on_hold: ['On hold'],
  hold_reason: ['On hold reason'],
  severity: ['Severity'],
  release: ['Release'],
  u_release: [],
  sys_id: ['Sys ID'],
  sys_class_name: ['Class', 'Task type'],
  sys_created_on: ['Created'],
  sys_created_by: ['Created by'],
  sys_updated_on: ['Updated'],
  // The UCI incident event log's spelling of the two fields above.
  sys_created_at: [],
  sys_updated_at: [],
  sys_updated_by: ['Updated by'],
  sys_mod_count: ['Updates'],
};

/** Fields holding dates and times. */
export const SN_DATE_FIELDS: readonly string[] = [
  'opened_at', 'closed_at', 'resolved_at', 'start_date', 'end_date', 'work_start', 'work_end', 'approval_set',
  'sys_created_on', 'sys_created_at', 'sys_updated_on', 'sys_updated_at',
];

const BY_SPELLING: ReadonlyMap<string, string> = new Map(
  Object.entries(SN_FIELDS).flatMap(([field, labels]) => [field, ...labels].map((s) => [s.toLowerCase(), field] as const)),
);

/** The known field a header cell or JSON key names, case-insensitively; null when unknown. */
export function fieldOf(name: string): string | null {
  return BY_SPELLING.get(name.trim().toLowerCase()) ?? null;
}

export interface ResolvedColumns {
  /** Known field → position of the first column naming it. */
  fields: Map<string, number>;
  unknown: string[];
  /** Columns naming a field an earlier column already names. */
  duplicates: string[];
}

/** Reads a header (or a list of JSON keys) into known fields; `extra` are more spellings to recognise. */
export function resolveColumns(names: readonly string[], extra: readonly string[] = []): ResolvedColumns {
  const wanted = new Map(extra.map((e) => [e.trim().toLowerCase(), e]));
  const fields = new Map<string, number>();
  const unknown: string[] = [];
  const duplicates: string[] = [];
  names.forEach((name, i) => {
    const field = fieldOf(name) ?? wanted.get(name.trim().toLowerCase()) ?? null;
    if (field === null) unknown.push(name || `column ${i + 1}`);
    else if (fields.has(field)) duplicates.push(name);
    else fields.set(field, i);
  });
  return { fields, unknown, duplicates };
}

/** Fields only an incident has, and fields only a change request has. */
const INCIDENT_ONLY = ['caller_id', 'incident_state', 'urgency', 'caused_by', 'resolved_at', 'resolved_by', 'rfc', 'problem_id', 'severity', 'hold_reason', 'made_sla', 'reopen_count'];
const CHANGE_ONLY = [
  'start_date', 'end_date', 'work_start', 'work_end', 'risk', 'type', 'unauthorized', 'cab_required', 'cab_date', 'cab_delegate',
  'conflict_status', 'outside_maintenance_schedule', 'justification', 'implementation_plan', 'backout_plan', 'test_plan',
  'change_plan', 'risk_impact_analysis', 'requested_by',
];

/** The table the fields say, or null when they do not (then the record numbers decide). */
export function tableFromFields(fields: { has(field: string): boolean }): SnTable | null {
  const incident = INCIDENT_ONLY.filter((f) => fields.has(f)).length;
  const change = CHANGE_ONLY.filter((f) => fields.has(f)).length;
  if (incident > change) return 'incident';
  if (change > incident) return 'change';
  return null;
}

/** The table most record numbers say (`CHG…`, `INC…`), or null on a tie. */
export function tableFromNumbers(changes: number, incidents: number): SnTable | null {
  if (changes > incidents) return 'change';
  if (incidents > changes) return 'incident';
  return null;
}

/** The model's own column names: a canonical changes.csv or incidents.csv is written in these. */
const CANONICAL_NAMES = new Set([...entityColumns('change'), ...entityColumns('incident')].map((c) => c.name));

/**
 * Do these columns look like a ServiceNow task export? `number` plus at least two known spellings
 * that are not canonical column names, so canonical files stay with the canonical adapter.
 */
export function looksLikeServiceNow(names: readonly string[]): boolean {
  const known = names.filter((n) => fieldOf(n) !== null);
  if (!known.some((n) => fieldOf(n) === 'number')) return false;
  return known.filter((n) => !CANONICAL_NAMES.has(n.trim())).length >= 2;
}

/** Choice values: code → label. A value that is already a label passes through. */
export const CHANGE_STATES: Readonly<Record<string, string>> = {
  '-5': 'new', '-4': 'assess', '-3': 'authorize', '-2': 'scheduled', '-1': 'implement', '0': 'review', '3': 'closed', '4': 'canceled',
  cancelled: 'canceled',
};
export const INCIDENT_STATES: Readonly<Record<string, string>> = {
  '1': 'New', '2': 'In Progress', '3': 'On Hold', '6': 'Resolved', '7': 'Closed', '8': 'Canceled',
};
export const RISKS: Readonly<Record<string, string>> = { '1': 'High', '2': 'Moderate', '3': 'Low', '4': 'Very High' };
export const IMPACTS: Readonly<Record<string, string>> = { '1': 'High', '2': 'Medium', '3': 'Low' };
/** Priority labels → the number (codes and "N - Label" values carry the number themselves). */
export const PRIORITY_LABELS: Readonly<Record<string, string>> = { critical: '1', high: '2', moderate: '3', low: '4', planning: '5' };
/** Raw close codes (`successful_issues`) and the US spelling of cancelled. */
export const CLOSE_CODES: Readonly<Record<string, string>> = { successful_issues: 'successful_with_issues', canceled: 'cancelled' };
