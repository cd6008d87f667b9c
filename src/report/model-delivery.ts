// The report model of the delivery (DORA) page (docs/metrics.md#delivery). Everything is precomputed:
// pages only render. Instants are `YYYY-MM-DDTHH:MM:SSZ` (UTC), months `YYYY-MM` in the report's time zone.
import type { EnvironmentRef } from './model-environments.ts';
import type { ReleaseRef } from './model-releases.ts';
import type { ChangeRef, IncidentRef, SourceRef, SystemRef } from './model-changes.ts';
import type { AttributionRule } from '../metrics/attribution.ts';
import type { Tier, TieredMeasure } from '../metrics/dora-tiers.ts';
import type { Measures } from '../metrics/delivery.ts';

/** How an incident was tied to what caused it: 'deployment-link', 'change-release-link', 'change-link', 'same-system-fallback'. */
export type { AttributionRule };
/** elite, high, medium, low; the four measures that have tiers (rework rate has none in the report). */
export type { Tier, TieredMeasure };

export interface Tiers {
  deploymentFrequency: Tier | null;
  leadTime: Tier | null;
  changeFailureRate: Tier | null;
  recovery: Tier | null;
  /** delivery.tier: the lowest of the four that have a value; null when none has. */
  overall: Tier | null;
}

/** The five DORA measures of a scope and period (src/metrics/delivery.ts). */
export type DeliveryMeasures = Measures;

export interface DeliveryPeriod extends DeliveryMeasures {
  /** `YYYY-MM`, or `all` for the months taken together. */
  period: string;
  tiers: Tiers;
}

export interface DeliveryScope {
  kind: 'all' | 'system' | 'team';
  /** `*` for all, else the system id or the team (the system's owner). */
  id: string;
  name: string;
  /** Aligned with `DeliveryPage.months`. */
  months: DeliveryPeriod[];
  /** Period `all`. */
  total: DeliveryPeriod;
}

/** A deployment behind an attribution, as its export row says. */
export interface DeploymentRow {
  id: string;
  system: SystemRef | null;
  environment: EnvironmentRef | null;
  environmentId: string | null;
  release: ReleaseRef | null;
  releaseId: string | null;
  version: string | null;
  startedAt: string;
  finishedAt: string | null;
  status: string;
  production: boolean;
  source: SourceRef;
}

export interface Attribution {
  incident: IncidentRef & {
    /** Untrusted text. */
    description: string | null;
    priority: number | null;
    system: SystemRef | null;
    openedAt: string;
    resolvedAt: string | null;
    /** resolved_at − opened_at in hours (2 decimals); null when unresolved. */
    recoveryHours: number | null;
    /** The links the export gave, as written (they may name rows no export holds). */
    causedByChange: string | null;
    causedByDeployment: string | null;
    source: SourceRef;
  };
  /** null: unattributed. */
  rule: AttributionRule | null;
  /** How the rule applied, or why none did, in words. */
  reason: string;
  /** The system the incident counts for: the deployment's, else the change's. */
  system: SystemRef | null;
  deployment: DeploymentRow | null;
  change: (ChangeRef & { system: SystemRef | null; releaseId: string | null; source: SourceRef }) | null;
  release: { id: string; release: ReleaseRef | null; source: SourceRef | null } | null;
}

/** One tier's threshold on one measure, in words ("≥ 5 per week"); null when the tier cannot be reached on it. */
export interface ThresholdRow {
  measure: TieredMeasure;
  /** The metric id the thresholds apply to. */
  metric: string;
  unit: string;
  elite: string | null;
  high: string | null;
  medium: string | null;
  low: string | null;
}

export interface DeliveryPage {
  tiers: {
    /** The DORA report year whose thresholds apply (config `delivery.reportYear`). */
    reportYear: number;
    /** The report the thresholds come from. */
    source: string;
    /** How the report's clusters were turned into thresholds. */
    notes: string[];
    thresholds: ThresholdRow[];
  };
  /** From the month of the first production deployment or attributed incident to the as-of month. */
  months: string[];
  /** null when there is no production deployment and no attributed incident resolved. */
  all: DeliveryScope | null;
  /** Systems with a production deployment or an attributed incident, by id. */
  systems: DeliveryScope[];
  /** Owners of those systems, by name. */
  teams: DeliveryScope[];
  /** Every incident, by opened_at then number — the latest 5,000 when there are more (see `listed`). */
  attributions: Attribution[];
  /** Incidents listed in `attributions`, and how many there are (`attributionCounts` counts them all). */
  listed: { attributions: number; total: number };
  /** Incidents per rule, in rule order, then `unattributed`. */
  attributionCounts: Array<{ rule: AttributionRule | 'unattributed'; incidents: number }>;
}
