// Known answers for the release forecasts and their backtest, by hand from test/fixtures/metrics/forecast/
// (canonical CSV ingested for real, with its config: seed 7, a 14-day window; as of 2026-03-31, UTC).
//   Team T1 (project P1): R1 (minor, plan Jan 5 → Feb 2, released Feb 4), R2 (minor, Feb 2 → Mar 2,
//   released Mar 3), R3 (minor, Mar 2 → Apr 1, open), R4 (patch, plan Mar 20, open, 2 items to do),
//   R5 (cancelled), R6 (no work items). Team T2 (P2): R7, 3 items to do, nothing resolved since Jan 10.
//   Epics never count.
//   Live, as of Mar 31: the window is Mar 17 – Mar 30, one R3 item resolved each day: throughput 1 a day.
//   Past releases of T1: lags R1 Feb 4 − Feb 2 = 2, R2 Mar 3 − Mar 1 = 2; both late, so early margins
//   {0, 0}. R3 is at stage 29/30 of its plan; the past minors at the same stage (R1 Feb 1, R2 Mar 1)
//   already held all their items: growth {1, 1}.
//   R3: 20 items, 6 to do (one without a team: "project P1"), after R4's 2 (planned first): 8 items,
//   8 days, + lag 2 = Apr 10 = P50 = P85 = P95 (2026-W15); on time (plan Apr 1): 0.
//   R4: 2 items, nothing ahead, no past patch (no growth): 2 days + 2 = Apr 4; on time (plan Mar 20): 0.
//   R6: no_items. R7: no_throughput. R5: not open.
//   Backtest: every 14 days back from Mar 31 while the 14-day window starts on or after the first item
//   (Dec 15): Jan 6, Jan 20, Feb 3, Feb 17, Mar 3, Mar 17. Scored: R1 and R2 (shipped by Mar 31).
//   R1 @ Jan 6: nothing resolved Dec 23 – Jan 5 → skipped (no throughput). R2 @ Jan 6, Jan 20: no items
//   yet (created Jan 26) → skipped.
//   R1 @ Jan 20: 4 known, 2 to do, 2 resolutions in 14 days (Jan 12, 19), no past release: max(N2, plan
//   day 13), N2 the day of the second success at p = 1/7: P(N2 ≤ 13) = 0.573, so P50 = Feb 2, before the
//   actual Feb 4 (day 15): a miss; P(N2 ≤ 22) = 0.843, P(N2 ≤ 23) = 0.861: P85 = Feb 11 or Feb 12 (0.843
//   is within the Monte Carlo error of 2,000 trials, ±0.008, of 0.85): a hit either way.
//   R1 @ Feb 3: all done (last Feb 2), no past release: the next day, Feb 4 = P50 = P85: hits.
//   R2 @ Feb 3: 4 known (B-5 is created Feb 20: added later), 4 to do, p = 2/14, no past release yet:
//   max(N4, day 27 = Mar 2); P(N4 ≤ 27) = 0.552 → P50 = Mar 2, before Mar 3: a miss; P85 ≈ day 40: hit.
//   R2 @ Feb 17: 2 to do, p = 2/14 (Feb 9, Feb 16), lag {2} (R1), growth {1} (R1 at stage 15/28, Jan 20,
//   held all 4): max(N2 + 2, day 13); P(≤ day 13) = P(N2 ≤ 11) = 0.480, P(≤ day 14) = P(N2 ≤ 12) = 0.528
//   → P50 = Mar 3 = the actual date: a hit; P85 hit.
//   Hit rates: P50 2 of 4 = 0.5, P85 4 of 4 = 1, over 2 releases.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/duckdb.ts';
import { buildModel } from '../../src/report/build-model.ts';
import { forecastInputs } from '../../src/report/forecasts-page.ts';
import { loadRows } from '../../src/report/load.ts';
import { history, openAt, type ItemGroup, type ReleasePlan, type TeamDay } from '../../src/metrics/forecast-history.ts';
import { forecastAt } from '../../src/metrics/forecast-release.ts';
import { backtestTrialsEach, FORECAST_DEFAULTS } from '../../src/metrics/forecast.ts';
import { backtest } from '../../src/metrics/backtest.ts';
import type { ReportModel } from '../../src/report/model.ts';
import { FIXTURES, ingestFiles } from '../helpers/ingest.ts';

const DIR = path.join(FIXTURES, 'metrics/forecast');
let model: ReportModel;
let inputs: { releases: ReleasePlan[]; items: ItemGroup[]; days: TeamDay[] };

beforeAll(async () => {
  const run = await ingestFiles(['releases.csv', 'work_items.csv'].map((f) => path.join(DIR, f)), { asOf: '2026-03-31', config: path.join(DIR, 'almanac.config.json') });
  expect(run.summary.errors).toEqual([]);
  const db = await openDb(run.db, { readOnly: true });
  try {
    model = await buildModel(db);
    inputs = { releases: await loadRows(db, 'release'), ...(await forecastInputs(db, 'UTC')) };
  } finally {
    db.close();
  }
});

const forecast = (id: string) => model.forecasts.releases.find((r) => r.release.id === id)!;
const metric = (m: string) => Object.fromEntries(model.metrics.filter((r) => r.metric === m).map((r) => [r.scope_id, r.value]));

describe('release forecasts', () => {
  it('takes the seed and the window from the config the ingest recorded', () => {
    expect(model.forecasts.settings).toEqual({ ...FORECAST_DEFAULTS, seed: 7, windowDays: 14 });
  });

  it('lists the open releases: forecasts first by P85, then those without one', () => {
    expect(model.forecasts.releases.map((r) => [r.release.id, r.outcome])).toEqual([
      ['R4', 'forecast'], ['R3', 'forecast'], ['R6', 'no_items'], ['R7', 'no_throughput'],
    ]);
  });

  it('gives the exact date when the throughput is constant, after the items ahead and the lag', () => {
    const r3 = forecast('R3');
    expect(r3).toMatchObject({
      items: 20, remaining: 6, ahead: 2, p50: '2026-04-10', p85: '2026-04-10', p95: '2026-04-10', onTimeProbability: 0, beyondHorizon: 0,
      stream: 'forecast/R3/2026-03-31', histogram: [{ week: '2026-W15', monday: '2026-04-06', trials: 10_000 }],
      growth: { releases: 2, factors: [1, 1], median: 1 }, lag: { releases: 2, days: [2, 2], median: 2 }, early: { releases: 2, days: [0, 0], median: 0 },
    });
    expect(r3.throughput).toEqual({
      teams: ['T1', 'project P1'], from: '2026-03-17', to: '2026-03-30', daily: Array(14).fill(1), resolved: 14, mean: 1, zeroDays: 0,
    });
    expect(forecast('R4')).toMatchObject({ remaining: 2, ahead: 0, p50: '2026-04-04', p95: '2026-04-04', onTimeProbability: 0, growth: { releases: 0, factors: [] } });
  });

  it('says why a release has no forecast', () => {
    expect(forecast('R6')).toMatchObject({ items: 0, p85: null, throughput: null, reason: 'no forecast: no work items belonged to it by 2026-03-31, so its scope is unknown' });
    expect(forecast('R7')).toMatchObject({ remaining: 3, p85: null, onTimeProbability: null });
    expect(forecast('R7').reason).toBe('no forecast: T2 resolved 0 items from 2026-03-17 to 2026-03-30, so 3 remaining items would never be done');
  });

  it('writes the forecast metrics of the releases that have a forecast', () => {
    expect(metric('forecast.p50_date')).toEqual({ R3: '2026-04-10', R4: '2026-04-04' });
    expect(metric('forecast.p85_date')).toEqual({ R3: '2026-04-10', R4: '2026-04-04' });
    expect(metric('forecast.p95_date')).toEqual({ R3: '2026-04-10', R4: '2026-04-04' });
    expect(metric('forecast.on_time_probability')).toEqual({ R3: 0, R4: 0 });
    const detail = model.metrics.find((r) => r.metric === 'forecast.p85_date' && r.scope_id === 'R3')!.detail;
    expect(detail).toContain('10000 trials, seed 7, stream forecast/R3/2026-03-31');
    expect(detail).toContain('6 of 20 items remain, after 2 items of the same teams in releases planned to ship first');
  });
});

describe('backtest', () => {
  it('forecasts the shipped releases as of past dates, with what was known then', () => {
    const b = model.forecasts.backtest;
    expect(b.dates).toEqual(['2026-01-06', '2026-01-20', '2026-02-03', '2026-02-17', '2026-03-03', '2026-03-17']);
    expect(b.rows.map((r) => [r.release.id, r.asOf, r.known, r.remaining, r.addedLater, r.daysBefore])).toEqual([
      ['R1', '2026-01-20', 4, 2, 0, 15], ['R1', '2026-02-03', 4, 0, 0, 1], ['R2', '2026-02-03', 4, 4, 1, 28], ['R2', '2026-02-17', 4, 2, 1, 14],
    ]);
    expect(b.skipped).toEqual([{ reason: 'its teams resolved nothing in the window', count: 1 }, { reason: 'no work items known yet', count: 2 }]);
  });

  it('scores each forecast against the actual release', () => {
    const rows = model.forecasts.backtest.rows;
    expect(rows.map((r) => [r.hitP50, r.hitP85])).toEqual([[false, true], [true, true], [false, true], [true, true]]);
    expect(rows[0]!.p50).toBe('2026-02-02');
    expect(['2026-02-11', '2026-02-12']).toContain(rows[0]!.p85);
    expect(rows[1]).toMatchObject({ p50: '2026-02-04', p85: '2026-02-04', p95: '2026-02-04' });
    expect(rows[2]!.p50).toBe('2026-03-02');
    expect(rows[3]!.p50).toBe('2026-03-03');
    expect(model.forecasts.backtest).toMatchObject({ forecasts: 4, releases: 2, hitRateP50: 0.5, hitRateP85: 1 });
    expect(metric('forecast.backtest_hit_rate_p85')).toEqual({ '*': 1 });
    expect(metric('forecast.backtest_hit_rate_p50')).toEqual({ '*': 0.5 });
    expect(model.metrics.find((r) => r.metric === 'forecast.backtest_hit_rate_p85')!.detail)
      .toBe('4 of 4 forecasts of 2 shipped releases made every 14 days from 2026-01-06 to 2026-03-17: released on or before their P85 date');
  });

  it('shares a budget of trials among its forecasts when they are many', () => {
    // The bundled sample's 552 forecasts keep 2,000 trials each; 10,000 share 4 million; the enterprise
    // sample's 18,637 would get 214 of them, and get the floor, 250.
    expect([552, 2_000, 2_001, 10_000, 18_637].map((n) => backtestTrialsEach(n, FORECAST_DEFAULTS))).toEqual([2_000, 2_000, 1_999, 400, 250]);
    expect(model.forecasts.backtest.trials).toBe(2_000);
    // 7 forecasts are attempted (R1 on Jan 6, 20 and Feb 3; R2 on Jan 6, 20, Feb 3 and 17), skipped ones included.
    const h = history(inputs.releases, inputs.items, inputs.days);
    const run = (budget: number) => backtest(h, model.meta.asOf, { ...model.forecasts.settings, backtestTrialBudget: budget, backtestMinTrials: 250 });
    expect(run(7 * 300).trials).toBe(300);
    expect(run(7 * 300 + 6).trials).toBe(300);
    expect(run(7 * 100).trials).toBe(250);
    expect(run(7 * 300).rows.map((r) => [r.releaseId, r.asOf])).toEqual(model.forecasts.backtest.rows.map((r) => [r.release.id, r.asOf]));
  });

  it('uses only what was known on the date: the same forecast from the data cut off then', () => {
    const settings = model.forecasts.settings;
    const full = history(inputs.releases, inputs.items, inputs.days);
    for (const date of model.forecasts.backtest.dates) {
      const known = history(
        inputs.releases.map((r) => (r.actual_release && r.actual_release > date ? { ...r, actual_release: null, status: 'in_progress' as const } : r)),
        inputs.items.filter((g) => g.created <= date).map((g) => (g.resolved && g.resolved > date ? { ...g, resolved: null } : g)),
        inputs.days.filter((d) => d.day <= date),
      );
      // Only the count of items created later (what the backtest reports as scope added) may differ.
      const made = (h: typeof full, id: string) => {
        const f = forecastAt(h, id, settings, openAt(h, date));
        return { ...f, scope: { ...f.scope, addedLater: undefined } };
      };
      for (const id of openAt(full, date).ids) expect(made(known, id), `${id} @ ${date}`).toEqual(made(full, id));
    }
  });
});
