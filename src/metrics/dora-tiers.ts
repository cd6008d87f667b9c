// DORA performance tiers, versioned by report year (docs/metrics.md#tiers). Each report publishes
// clusters (elite, high, medium, low) described by typical values, not ordered cut-offs per measure;
// this file writes, per year, one threshold per measure and tier, and a value gets the best tier whose
// threshold it meets. Add a year by adding an entry: the config's `delivery.reportYear` picks one
// (default: the latest).

export type Tier = 'elite' | 'high' | 'medium' | 'low';
export const TIERS: readonly Tier[] = ['elite', 'high', 'medium', 'low'];

export type TieredMeasure = 'deployment_frequency' | 'lead_time' | 'change_failure_rate' | 'recovery';
export const TIERED_MEASURES: readonly TieredMeasure[] = ['deployment_frequency', 'lead_time', 'change_failure_rate', 'recovery'];

/** `[op, value]`: the value meets it when `value op threshold` holds; null: no value reaches this tier on the measure. */
export type Threshold = readonly ['<' | '<=' | '>=', number] | null;

export interface MeasureThresholds {
  /** The metric the thresholds read, and its unit. */
  metric: string;
  unit: 'per_week' | 'days' | 'ratio' | 'hours';
  /** `low` is always null: every value not meeting a better tier is low. */
  thresholds: Record<Exclude<Tier, 'low'>, Threshold>;
}

export interface TierTable {
  source: string;
  notes: readonly string[];
  measures: Record<TieredMeasure, MeasureThresholds>;
}

export const DORA_TIERS: Readonly<Record<string, TierTable>> = {
  '2024': {
    source: 'DORA, Accelerate State of DevOps Report 2024 (Google Cloud), software delivery performance levels',
    notes: [
      'Deployment frequency counts days with a successful production deployment, so "on demand (multiple deploys per day)" cannot be told apart from daily: elite is a deployment on at least 5 days a week (every working day); high is at least once a week ("between once per day and once per week"); medium at least one deployment day in the month (0.2258 per week: 7 ÷ 31 as the metric writes it, so that one day in any month meets it: "between once per week and once per month"); anything less is low.',
      'Lead time for changes: elite under 1 day, high at most 7 days, medium at most 30 days; longer is low ("between one month and six months").',
      'Change failure rate: the report gives elite 5 %, high 20 %, medium 10 %, low 40 %. Its medium cluster fails less often than its high one, so a rate alone cannot place a scope in medium: at most 5 % is elite, at most 20 % high, anything above low.',
      'Failed deployment recovery time: elite under 1 hour, high under 1 day; the report gives medium the same "less than one day" as high, so medium cannot be reached on this measure; 1 day or more is low ("between one week and one month" in the report; it leaves 1 day to 1 week unassigned).',
    ],
    measures: {
      deployment_frequency: { metric: 'delivery.deployment_frequency', unit: 'per_week', thresholds: { elite: ['>=', 5], high: ['>=', 1], medium: ['>=', 0.2258] } },
      lead_time: { metric: 'delivery.lead_time_days_median', unit: 'days', thresholds: { elite: ['<', 1], high: ['<=', 7], medium: ['<=', 30] } },
      change_failure_rate: { metric: 'delivery.change_failure_rate', unit: 'ratio', thresholds: { elite: ['<=', 0.05], high: ['<=', 0.2], medium: null } },
      recovery: { metric: 'delivery.recovery_hours_median', unit: 'hours', thresholds: { elite: ['<', 1], high: ['<', 24], medium: null } },
    },
  },
};

export const REPORT_YEARS: readonly number[] = Object.keys(DORA_TIERS).map(Number).sort((a, b) => a - b);
export const LATEST_REPORT_YEAR: number = REPORT_YEARS[REPORT_YEARS.length - 1]!;

export function tierTable(year: number): TierTable {
  const t = DORA_TIERS[String(year)];
  if (!t) throw new Error(`no DORA tier thresholds for report year ${year}; known years: ${REPORT_YEARS.join(', ')}`);
  return t;
}

function meets(value: number, t: Threshold): boolean {
  if (t === null) return false;
  const [op, limit] = t;
  return op === '>=' ? value >= limit : op === '<=' ? value <= limit : value < limit;
}

/** The best tier whose threshold the value meets; null for no value. */
export function tierOf(table: TierTable, measure: TieredMeasure, value: number | null): Tier | null {
  if (value === null) return null;
  const { thresholds } = table.measures[measure];
  return (['elite', 'high', 'medium'] as const).find((tier) => meets(value, thresholds[tier])) ?? 'low';
}

/** The lowest of the tiers given (a scope is only as strong as its weakest measure); null when none is known. */
export function lowestTier(tiers: ReadonlyArray<Tier | null>): Tier | null {
  const known = tiers.filter((t): t is Tier => t !== null);
  return known.length ? known.reduce((a, b) => (TIERS.indexOf(b) > TIERS.indexOf(a) ? b : a)) : null;
}

/** A threshold in words, for the page: "≥ 5 per week", "< 1 day", "≤ 20 %". */
export function thresholdText(m: MeasureThresholds, tier: Tier): string | null {
  if (tier === 'low') return 'anything else';
  const t = m.thresholds[tier];
  if (t === null) return null;
  const [op, v] = t;
  const sign = op === '>=' ? '≥' : op === '<=' ? '≤' : '<';
  const value = m.unit === 'ratio' ? `${Math.round(v * 1000) / 10} %` : `${Math.round(v * 10000) / 10000}`;
  const unit = m.unit === 'per_week' ? ' per week' : m.unit === 'days' ? (v === 1 ? ' day' : ' days') : m.unit === 'hours' ? (v === 1 ? ' hour' : ' hours') : '';
  return `${sign} ${value}${unit}`;
}
