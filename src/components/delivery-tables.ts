// The delivery page's tables: the measures with their tiers per system and per team, the tier
// thresholds of the report year, incidents per attribution rule, and every incident's attribution
// with the export rows behind it (each naming its file and line or JSON pointer).
import { ATTRIBUTION_RULES } from '../metrics/attribution.ts';
import { TIERS, type Tier } from '../metrics/dora-tiers.ts';
import type { Attribution, DeliveryPage, DeliveryScope, ThresholdRow } from '../report/model-delivery.ts';
import type { ReleaseRef } from '../report/model-releases.ts';
import { MEASURES } from './delivery-measures.ts';
import { formatInstant } from './format.ts';
import { incidentAnchor, type RowLinks } from './operation-anchors.ts';
import { ruleLabel, RULE_MEANINGS, sourceText, tierLabel } from './operation-labels.ts';
import { rel } from './links.ts';
import { releasePath } from './releases-table.ts';
import { countCell, linkCell, percentCell, textCell, type Cell, type Column } from './table.ts';

/** Orders tiers best first; unknown last (the sort script keeps empty values last). */
const tierSort = (t: Tier | null) => (t === null ? null : TIERS.indexOf(t));
const tierCell = (t: Tier | null): Cell => (t === null ? textCell(null) : { text: tierLabel(t), sort: tierSort(t) });

export function scopeColumns(scope: string): Column[] {
  return [
    { label: scope },
    { label: 'Production deployments', kind: 'number' },
    ...MEASURES.map((m) => ({ label: m.label, kind: 'number' as const })),
    { label: 'Overall tier' },
  ];
}

/** Each measure's value over the months together, its tier under it; a dash where there is no data. */
export function scopeRows(scopes: readonly DeliveryScope[]): Cell[][] {
  return scopes.map((s) => [
    textCell(s.name),
    countCell(s.total.deployments),
    ...MEASURES.map((m): Cell => {
      const value = m.value(s.total);
      const tier = m.tier(s.total.tiers);
      return { text: m.text(value), sort: value, ...(value !== null && tier !== null ? { note: tierLabel(tier) } : {}) };
    }),
    tierCell(s.total.tiers.overall),
  ]);
}

export const THRESHOLD_COLUMNS: Column[] = [
  { label: 'Measure' },
  { label: 'Metric' },
  ...TIERS.map((t) => ({ label: tierLabel(t) })),
];

const MEASURE_LABELS: Record<ThresholdRow['measure'], string> = {
  deployment_frequency: 'Deployment frequency', lead_time: 'Lead time for changes', change_failure_rate: 'Change failure rate', recovery: 'Failed deployment recovery time',
};

/** A tier no value can reach on a measure reads as a dash. */
export function thresholdRows(rows: readonly ThresholdRow[]): Cell[][] {
  return rows.map((r) => [textCell(MEASURE_LABELS[r.measure]), textCell(r.metric), textCell(r.elite), textCell(r.high), textCell(r.medium), textCell(r.low)]);
}

export const RULE_COLUMNS: Column[] = [{ label: 'Rule' }, { label: 'Incidents', kind: 'number' }, { label: 'Share', kind: 'number' }, { label: 'What it means' }];

export function ruleRows(counts: DeliveryPage['attributionCounts']): Cell[][] {
  const total = counts.reduce((n, c) => n + c.incidents, 0);
  const order = [...ATTRIBUTION_RULES, 'unattributed'];
  return counts.map((c) => [
    { text: ruleLabel(c.rule), sort: order.indexOf(c.rule) }, countCell(c.incidents), percentCell(total ? c.incidents / total : null), { text: RULE_MEANINGS[c.rule] },
  ]);
}

export const ATTRIBUTION_COLUMNS: Column[] = [
  { label: 'Incident' },
  { label: 'Opened', kind: 'date' },
  { label: 'Description' },
  { label: 'Rule' },
  { label: 'How' },
  { label: 'Counts for' },
  { label: 'Change' },
  { label: 'Release' },
  { label: 'Deployment' },
];

/** "failure to production, Production, started 2026-03-30 21:00 UTC; deployments.csv line 9". */
export function deploymentNote(d: NonNullable<Attribution['deployment']>): string {
  const where = d.environment?.name ?? d.environmentId;
  return `${d.status}${d.production ? ' to production' : ''}${where ? `, ${where}` : ''}, started ${formatInstant(d.startedAt)}; ${sourceText(d.source)}`;
}

/** Each incident's row carries its anchor; every row behind the attribution names where it came from. */
export function attributionRows(attributions: readonly Attribution[], page: string, links: RowLinks, label: (r: ReleaseRef) => string): Cell[][] {
  return attributions.map((a) => {
    const i = a.incident;
    const release = a.release;
    return [
      { ...linkCell(i.number, links.causedIncident(i)), id: incidentAnchor(i), note: sourceText(i.source) },
      { text: formatInstant(i.openedAt), sort: i.openedAt },
      { ...textCell(i.description), ...(i.priority === null ? {} : { note: `priority ${i.priority}` }) },
      { text: ruleLabel(a.rule), sort: a.rule ?? 'unattributed' },
      { text: a.reason },
      textCell(a.system?.name ?? null),
      a.change ? { ...linkCell(a.change.number, links.change(a.change)), note: sourceText(a.change.source) } : textCell(null),
      release
        ? { ...(release.release ? linkCell(label(release.release), rel(page, releasePath(release.release.slug))) : textCell(release.id)), note: release.source ? sourceText(release.source) : 'no export holds this release' }
        : textCell(null),
      a.deployment ? { text: a.deployment.id, note: deploymentNote(a.deployment) } : textCell(null),
    ];
  });
}
