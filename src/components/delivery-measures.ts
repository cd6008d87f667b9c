// The five DORA measures as the delivery page shows them: name, value in words, what it was computed
// over, and its tier (rework rate has none in the report). The headline, the monthly charts and the
// tables all read them from here, so they always agree.
import type { Tier } from '../metrics/dora-tiers.ts';
import type { DeliveryMeasures, Tiers } from '../report/model-delivery.ts';
import { formatCount, formatDays, formatNumber, formatPercent, MISSING, plural } from './format.ts';

export interface MeasureSpec {
  key: 'deploymentFrequency' | 'leadTime' | 'changeFailureRate' | 'recovery' | 'rework';
  label: string;
  value(m: DeliveryMeasures): number | null;
  /** The value in words with its unit; a dash without one. */
  text(value: number | null): string;
  /** What the value was computed over. */
  basis(m: DeliveryMeasures): string;
  tier(t: Tiers): Tier | null;
  /** The chart's axis: its label, and the factor from value to axis (100 for a ratio read as a percentage). */
  axis: { label: string; scale: number };
}


export function formatHours(n: number | null): string {
  return n === null ? MISSING : `${formatNumber(n)} ${n === 1 ? 'hour' : 'hours'}`;
}

export const MEASURES: readonly MeasureSpec[] = [
  {
    key: 'deploymentFrequency', label: 'Deployment frequency',
    value: (m) => m.deploymentFrequency,
    // Below one a week, two decimals: a deployment day a quarter must not read as none.
    text: (v) => (v === null ? MISSING : `${v > 0 && v < 1 ? v.toFixed(2) : formatNumber(v)} per week`),
    basis: (m) => `${plural(m.deploymentDays, 'day', 'days')} with a successful production deployment`,
    tier: (t) => t.deploymentFrequency,
    axis: { label: 'Deployment days per week', scale: 1 },
  },
  {
    key: 'leadTime', label: 'Lead time for changes',
    value: (m) => m.leadTimeMedian,
    text: formatDays,
    basis: (m) => `median over ${plural(m.leadTimeItems, 'work item', 'work items')}`,
    tier: (t) => t.leadTime,
    axis: { label: 'Days from start of work (median)', scale: 1 },
  },
  {
    key: 'changeFailureRate', label: 'Change failure rate',
    value: (m) => m.changeFailureRate,
    text: formatPercent,
    basis: (m) => `${formatCount(m.failedDeployments)} of ${plural(m.deployments, 'deployment', 'deployments')} failed or caused an incident`,
    tier: (t) => t.changeFailureRate,
    axis: { label: 'Failed deployments (%)', scale: 100 },
  },
  {
    key: 'recovery', label: 'Failed deployment recovery time',
    value: (m) => m.recoveryMedian,
    text: formatHours,
    basis: (m) => `median over ${plural(m.recoveries, 'resolved incident', 'resolved incidents')}`,
    tier: (t) => t.recovery,
    axis: { label: 'Hours to restore (median)', scale: 1 },
  },
  {
    key: 'rework', label: 'Rework rate',
    value: (m) => m.reworkRate,
    text: formatPercent,
    basis: (m) => `${formatCount(m.rework)} of ${plural(m.deployments, 'deployment', 'deployments')} were rework`,
    tier: () => null,
    axis: { label: 'Rework deployments (%)', scale: 100 },
  },
];
