// The forecasts page: a Monte Carlo forecast of each open release as of the report's date, and the
// backtest of the same method on releases that have shipped since past dates.
import type { Db } from '../db/duckdb.ts';
import type { ForecastSettings } from '../metrics/forecast.ts';
import { history, openAt, type History, type ItemGroup, type ReleasePlan, type TeamDay } from '../metrics/forecast-history.ts';
import { forecastAt, forecastMetrics, type ForecastResult } from '../metrics/forecast-release.ts';
import { backtestMetrics, byLeadTime, hitRates, type BacktestResult, type HitRates } from '../metrics/backtest.ts';
import { quantileOf, round } from '../metrics/stats.ts';
import type { MetricRow } from '../metrics/types.ts';
import { localDay } from './release-details.ts';
import type { ForecastsPage, ReleaseForecast } from './model-forecasts.ts';
import type { ReleaseRow } from './model-releases.ts';

/** An item without a team counts as its project's. */
const TEAM = `coalesce(team, 'project ' || project_id, 'no team')`;
const day = (col: string, tz: string) => `strftime(${localDay(col, tz)}, '%Y-%m-%d')`;

/** The work items as the forecasts read them, counted in groups (the table can hold millions). */
export async function forecastInputs(db: Db, tz: string): Promise<{ items: ItemGroup[]; days: TeamDay[] }> {
  const items = await db.all<ItemGroup>(
    `SELECT rid AS "releaseId", ${TEAM} AS team, ${day('created', tz)} AS created,
            CASE WHEN status_category = 'done' THEN ${day('resolved', tz)} END AS resolved,
            (status_category = 'done' AND resolved IS NULL) AS "doneUndated", count(*)::INTEGER AS items
     FROM (SELECT unnest(release_ids) AS rid, team, project_id, created, resolved, status_category
           FROM work_item WHERE type IS DISTINCT FROM 'epic' AND release_ids IS NOT NULL)
     GROUP BY ALL ORDER BY ALL`,
  );
  const days = await db.all<TeamDay>(
    `SELECT ${TEAM} AS team, ${day('resolved', tz)} AS day, count(*)::INTEGER AS items
     FROM work_item WHERE type IS DISTINCT FROM 'epic' AND status_category = 'done' AND resolved IS NOT NULL
     GROUP BY ALL ORDER BY ALL`,
  );
  return { items, days };
}

export async function forecastHistory(db: Db, releases: readonly ReleasePlan[], tz: string): Promise<History> {
  const { items, days } = await forecastInputs(db, tz);
  return history(releases, items, days);
}

const sample = (days: number[]) => ({ releases: days.length, days, median: round(quantileOf(days, 0.5), 1) });

function releaseForecast(f: ForecastResult, row: ReleaseRow): ReleaseForecast {
  const s = f.summary;
  const daily = f.window ? [...f.window.daily] : null;
  const resolved = daily ? daily.reduce((a, b) => a + b, 0) : 0;
  return {
    release: { id: row.id, slug: row.slug, name: row.name },
    state: row.state,
    projectId: row.projectId,
    plannedRelease: row.plannedRelease,
    outcome: f.outcome,
    reason: f.reason,
    items: f.scope.known,
    remaining: f.scope.remaining,
    ahead: f.ahead,
    stream: f.stream,
    throughput: f.window && daily
      ? {
        teams: f.scope.teams, from: f.window.from, to: f.window.to, daily, resolved,
        mean: round(resolved / daily.length, 2)!, zeroDays: daily.filter((n) => n === 0).length,
      }
      : null,
    growth: f.past ? { releases: f.past.growth.length, factors: f.past.growth.map((g) => round(g)!), median: round(quantileOf(f.past.growth, 0.5)) } : null,
    lag: f.past ? sample(f.past.lags) : null,
    early: f.past ? sample(f.past.early) : null,
    p50: s?.p50 ?? null,
    p85: s?.p85 ?? null,
    p95: s?.p95 ?? null,
    horizon: s?.horizon ?? null,
    beyondHorizon: s ? round(s.beyondHorizon) : null,
    onTimeProbability: s ? round(s.onTimeProbability) : null,
    histogram: s?.histogram ?? [],
  };
}

const rounded = <T extends HitRates>(r: T): T => ({ ...r, hitRateP50: round(r.hitRateP50), hitRateP85: round(r.hitRateP85) });
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The forecast of each release open on the report's date. */
export function openForecasts(h: History, asOf: string, settings: ForecastSettings): ForecastResult[] {
  const open = openAt(h, asOf);
  return open.ids.map((id) => forecastAt(h, id, settings, open));
}

/** The open releases' forecasts as the pages show them: what the portfolio needs first. */
export function releaseForecasts(results: readonly ForecastResult[], rows: readonly ReleaseRow[], settings: ForecastSettings): { releases: ReleaseForecast[]; metrics: MetricRow[] } {
  const row = new Map(rows.map((r) => [r.id, r]));
  // With a forecast first, soonest P85 first (beyond the horizon last), then the rest by id.
  const key = (f: ForecastResult) => (f.summary ? f.summary.p85 ?? '~' : '~~');
  const releases = [...results].sort((a, b) => byText(key(a), key(b)) || byText(a.releaseId, b.releaseId)).map((f) => releaseForecast(f, row.get(f.releaseId)!));
  return { releases, metrics: forecastMetrics(results, settings) };
}

/** The page: the open releases' forecasts and the backtest (both computed apart, see forecasts-thread.ts). */
export function forecastsPage(
  open: ReturnType<typeof releaseForecasts>, bt: BacktestResult, rows: readonly ReleaseRow[], settings: ForecastSettings,
): { page: ForecastsPage; metrics: MetricRow[] } {
  const row = new Map(rows.map((r) => [r.id, r]));
  const ref = (id: string) => ({ id, slug: row.get(id)!.slug, name: row.get(id)!.name });
  return {
    page: {
      settings,
      releases: open.releases,
      backtest: {
        ...rounded(hitRates(bt.rows)),
        dates: bt.dates,
        trials: bt.trials,
        byLeadTime: byLeadTime(bt.rows).map(rounded),
        rows: bt.rows.map(({ releaseId, ...r }) => ({ release: ref(releaseId), ...r })),
        skipped: [...bt.skipped].map(([reason, count]) => ({ reason, count })),
      },
    },
    metrics: [...open.metrics, ...backtestMetrics(bt, settings)],
  };
}
