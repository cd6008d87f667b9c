// A metric value as the contract's metrics export writes it (CONTRACT.md, "Metrics export").

export type ScopeKind = 'all' | 'portfolio' | 'program' | 'project' | 'release' | 'system' | 'environment' | 'team' | 'category';

export interface MetricRow {
  /** Metric id, defined in docs/metrics.md. */
  metric: string;
  scope_kind: ScopeKind;
  /** The scope's id; `*` for all. */
  scope_id: string;
  /** `YYYY-MM`, `YYYY-Www`, `YYYY-Qn` or `all`. */
  period: string;
  /** A number, an ISO date, or a word. */
  value: number | string | null;
  /** `amount`: money, in the currency of the export (costs, cost per day). */
  unit: 'ratio' | 'days' | 'hours' | 'count' | 'date' | 'per_week' | 'status' | 'amount';
  /** The reason or the basis, in words. */
  detail: string;
}
