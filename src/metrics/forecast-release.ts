// A release's forecast as of a date (docs/metrics.md#forecasts), and the forecast.* metric rows of the
// open releases. Each forecast draws from its own stream, named by the release and the date, so that
// no forecast depends on which others were made.
import { runTrials, summarize, type ForecastSettings, type TrialSummary } from './forecast.ts';
import { aheadAt, earlyOf, growthOf, lagsOf, pastAt, scopeAt, windowAt, type History, type OpenReleases, type Scope } from './forecast-history.ts';
import { Random } from './random.ts';
import { daysBetween } from './periods.ts';
import { quantileOf, round } from './stats.ts';
import { listText } from './detail.ts';
import type { MetricRow } from './types.ts';
import { plural } from './status.ts';

export type ForecastOutcome = 'forecast' | 'no_items' | 'no_throughput';

export interface ForecastResult {
  releaseId: string;
  asOf: string;
  /** With the seed, fixes the trials. */
  stream: string;
  outcome: ForecastOutcome;
  /** The outcome in words, with its basis. */
  reason: string;
  scope: Scope;
  planned: string | null;
  /** Items of the teams in open releases planned to ship first (counted only while the release has work left). */
  ahead: number;
  /** What the trials drew from, each ascending; null without work items. */
  past: { growth: number[]; lags: number[]; early: number[] } | null;
  window: { from: string; to: string; daily: Int32Array } | null;
  summary: TrialSummary | null;
}

const percent = (x: number) => `${round(x * 100, 1)}%`;
const span = (values: readonly number[], digits: number) =>
  values[0] === values[values.length - 1] ? `${round(values[0]!, digits)}` : `${round(values[0]!, digits)}–${round(values[values.length - 1]!, digits)} (median ${round(quantileOf(values, 0.5), digits)})`;

export function streamName(releaseId: string, asOf: string): string {
  return `forecast/${releaseId}/${asOf}`;
}

/** The forecast of a release as of A, one of the releases open on A (see openAt). */
export function forecastAt(h: History, releaseId: string, settings: ForecastSettings, open: OpenReleases, detail: { histogram?: boolean } = {}): ForecastResult {
  const { asOf } = open;
  const release = h.releases.get(releaseId)!;
  const scope = scopeAt(h, releaseId, asOf);
  const base = { releaseId, asOf, stream: streamName(releaseId, asOf), scope, planned: release.planned_release };
  if (scope.known === 0) {
    return { ...base, outcome: 'no_items', reason: `no forecast: no work items belonged to it by ${asOf}, so its scope is unknown`, ahead: 0, past: null, window: null, summary: null };
  }
  const window = windowAt(h, scope.teams, asOf, settings.windowDays);
  const shipped = pastAt(h, scope.teams, asOf);
  const past = { growth: growthOf(release, shipped, asOf), lags: lagsOf(shipped, asOf), early: earlyOf(shipped) };
  const ahead = scope.remaining > 0 ? aheadAt(h, releaseId, scope.teams, open) : 0;
  const resolved = window.daily.reduce((s, n) => s + n, 0);
  const throughput = `${listText(scope.teams, ', ', 5)} resolved ${plural(resolved, 'item')} from ${window.from} to ${window.to}`;
  const more = { ahead, past, window };
  if (scope.remaining > 0 && resolved === 0) {
    return { ...base, ...more, outcome: 'no_throughput', summary: null, reason: `no forecast: ${throughput}, so ${plural(scope.remaining, 'remaining item')} would never be done` };
  }
  const days = runTrials(
    {
      remaining: scope.remaining, known: scope.known, growth: past.growth, ahead, daily: window.daily, lags: past.lags,
      lastResolved: scope.lastResolved === null ? 0 : -daysBetween(scope.lastResolved, asOf),
      notBefore: base.planned === null ? null : { planned: daysBetween(asOf, base.planned), early: past.early },
    },
    settings, new Random(settings.seed, base.stream),
  );
  const summary = summarize(days, asOf, base.planned, settings.horizonDays, detail);
  const parts = [
    `${scope.remaining} of ${plural(scope.known, 'item')} remain${ahead ? `, after ${plural(ahead, 'item')} of the same teams in releases planned to ship first` : ''}`,
    past.growth.length
      ? `scope ×${span(past.growth, 2)} as it grew on ${plural(past.growth.length, release.type ? `past ${release.type} release` : 'past release')} from the same stage of plan`
      : 'scope as known (no past release of its type at the same stage of plan)',
    throughput,
    past.lags.length
      ? `released ${span(past.lags, 1)} days after the work, as ${plural(past.lags.length, 'past release')} were`
      : 'released the day the work is done (no past release to measure the lag on)',
  ];
  const early = past.early[past.early.length - 1] ?? 0;
  if (base.planned) parts.push(`not before its plan (${base.planned})${early > 0 ? ` less up to ${plural(early, 'day')}, as early as past releases went out` : ''}`);
  if (summary.beyondHorizon > 0) parts.push(`${percent(summary.beyondHorizon)} of trials not done by ${summary.horizon}`);
  return { ...base, ...more, outcome: 'forecast', summary, reason: parts.join('; ') };
}

/** forecast.p50_date, p85_date, p95_date and on_time_probability of each open release with a forecast. */
export function forecastMetrics(results: readonly ForecastResult[], settings: ForecastSettings): MetricRow[] {
  const out: MetricRow[] = [];
  for (const f of results) {
    const s = f.summary;
    if (!s) continue;
    const row = (metric: string, value: number | string | null, unit: MetricRow['unit'], detail: string): MetricRow =>
      ({ metric, scope_kind: 'release', scope_id: f.releaseId, period: 'all', value, unit, detail });
    const basis = `${settings.trials} trials, seed ${settings.seed}, stream ${f.stream}: ${f.reason}`;
    for (const [p, date] of [[50, s.p50], [85, s.p85], [95, s.p95]] as const) {
      out.push(row(`forecast.p${p}_date`, date, 'date', date === null ? `beyond ${s.horizon} (${percent(s.beyondHorizon)} of trials not done by then); ${basis}` : basis));
    }
    if (s.onTimeProbability !== null) {
      const planned = f.planned!;
      out.push(row('forecast.on_time_probability', round(s.onTimeProbability), 'ratio', `share of trials done on or before the planned release date ${planned}; ${basis}`));
    }
  }
  return out;
}
