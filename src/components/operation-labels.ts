// How the changes and delivery pages word the model's codes: change states and close codes,
// attribution rules, DORA tiers (with the CSS class that colours each, site.css), and where a row came from.
import type { AttributionRule } from '../metrics/attribution.ts';
import type { Tier } from '../metrics/dora-tiers.ts';
import type { SourceRef } from '../report/model-changes.ts';
import { MISSING } from './format.ts';

const STATE_LABELS: Record<string, string> = {
  new: 'New', assess: 'Assess', authorize: 'Authorize', scheduled: 'Scheduled', implement: 'Implement', review: 'Review', closed: 'Closed',
  canceled: 'Canceled', unknown: 'No state',
};

const CLOSE_CODE_LABELS: Record<string, string> = {
  successful: 'Successful', successful_with_issues: 'Successful with issues', unsuccessful: 'Unsuccessful', cancelled: 'Cancelled',
};

/** `scheduled` → `Scheduled`; a state the list does not know reads as itself. */
export const stateLabel = (state: string): string => STATE_LABELS[state] ?? state;

export const closeCodeLabel = (code: string): string => CLOSE_CODE_LABELS[code] ?? code;

const RULE_LABELS: Record<AttributionRule | 'unattributed', string> = {
  'deployment-link': 'Deployment link',
  'change-release-link': 'Change → release link',
  'same-system-fallback': 'Same-system fallback',
  'change-link': 'Change only',
  unattributed: 'Unattributed',
};

export const ruleLabel = (rule: AttributionRule | null | 'unattributed'): string => RULE_LABELS[rule ?? 'unattributed'];

/** What each rule means, for the list of counts. */
export const RULE_MEANINGS: Record<AttributionRule | 'unattributed', string> = {
  'deployment-link': 'the incident names the deployment that caused it (caused_by_deployment)',
  'change-release-link': 'the incident names a change (caused_by_change) whose release had a successful production deployment before it opened: the last one',
  'change-link': 'the incident names a known change, but no deployment could be found: the change alone is blamed',
  'same-system-fallback': 'no link gave a deployment: the last successful production deployment of the incident\'s system in the 168 hours before it opened',
  unattributed: 'no link, and no deployment of its system in the 168 hours before',
};

const TIER_LABELS: Record<Tier, string> = { elite: 'Elite', high: 'High', medium: 'Medium', low: 'Low' };

export const tierLabel = (tier: Tier): string => TIER_LABELS[tier];
export const tierClass = (tier: Tier): string => `tier-${tier}`;

/** `exports/changes.csv line 12`, `exports/incident.json /result/5`; a dash when no export row is known. */
export function sourceText(s: SourceRef | null): string {
  if (s === null || s.file === null) return MISSING;
  return s.line !== null ? `${s.file} line ${s.line}` : s.pointer !== null ? `${s.file} ${s.pointer}` : s.file;
}
