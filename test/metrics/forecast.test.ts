// Known answers for the Monte Carlo engine (docs/metrics.md#forecasts), by hand. Day k is k days after
// the as-of date, 2026-03-31 (a Tuesday; 2026-W14 runs Mar 30 – Apr 5).
//   Constant throughput of 2 a day, 10 items: every trial is done on day 5 (Apr 5), so P50 = P85 = P95
//   exactly; with 4 items ahead, day 7; with a growth factor of 1.5 on 10 known items, 15 items → day 8;
//   a lag of 3 → day 8; a plan on day 9 with early margins {0} → day 9.
//   Two-valued throughput {0, 1} (half the days each), 2 items: the day N of the second 1 is negative
//   binomial, P(N = k) = (k − 1) / 2^k: P(N ≤ k) = 1/4, 1/2, 11/16, 13/16, 57/64, 15/16, 247/256 for
//   k = 2 … 8. P85 lies between k = 5 (0.8125) and 6 (0.890625): day 6; P95 between 7 (0.9375) and
//   8 (0.96484): day 8. On time with a plan on day 4: 11/16 = 0.6875.
//   Lags {0, 0, 0, 10} after work done on day 5: 3/4 of trials on day 5, 1/4 on day 15: P50 = day 5,
//   P85 = P95 = day 15.
//   Nothing remaining, last item resolved on day −3, lags {1, 5, 5, 8}: only lags ≥ 4 put the release
//   after the as-of date, so 2/3 of trials on day 2 and 1/3 on day 5; with lags {1, 2} none does: day 1.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { beyond, runTrials, summarize, type TrialInput } from '../../src/metrics/forecast.ts';
import { Random } from '../../src/metrics/random.ts';

const AS_OF = '2026-03-31';
const OPTS = { trials: 10_000, horizonDays: 730 };
const base: TrialInput = { remaining: 10, known: 10, growth: [], ahead: 0, lastResolved: 0, daily: [2, 2, 2], lags: [], notBefore: null };
const trials = (input: Partial<TrialInput>, seed = 1, stream = 'test') => runTrials({ ...base, ...input }, OPTS, new Random(seed, stream));
const share = (days: Int32Array, pred: (d: number) => boolean) => days.filter(pred).length / days.length;

describe('constant throughput', () => {
  it('gives the exact day: P50 = P85 = P95', () => {
    const s = summarize(trials({}), AS_OF, '2026-04-05', OPTS.horizonDays);
    expect([s.p50, s.p85, s.p95]).toEqual(['2026-04-05', '2026-04-05', '2026-04-05']);
    expect(s.onTimeProbability).toBe(1);
    expect(s.beyondHorizon).toBe(0);
    expect(s.histogram).toEqual([{ week: '2026-W14', monday: '2026-03-30', trials: 10_000 }]);
    expect(summarize(trials({}), AS_OF, '2026-04-04', OPTS.horizonDays).onTimeProbability).toBe(0);
  });

  it('does the items ahead first, grows the known scope, adds the lag and waits for the plan', () => {
    expect(new Set(trials({ ahead: 4 }))).toEqual(new Set([7]));
    expect(new Set(trials({ growth: [1.5] }))).toEqual(new Set([8]));
    expect(new Set(trials({ lags: [3] }))).toEqual(new Set([8]));
    expect(new Set(trials({ notBefore: { planned: 9, early: [0] } }))).toEqual(new Set([9]));
    expect(new Set(trials({ notBefore: { planned: 3, early: [0] } }))).toEqual(new Set([5]));
  });
});

describe('two-valued throughput', () => {
  const days = trials({ remaining: 2, known: 2, daily: [0, 1] });
  const exact = [1 / 4, 1 / 2, 11 / 16, 13 / 16, 57 / 64, 15 / 16, 247 / 256];

  it('follows the negative binomial distribution computed by hand', () => {
    exact.forEach((p, i) => expect(Math.abs(share(days, (d) => d <= i + 2) - p), `day ${i + 2}`).toBeLessThan(0.015));
  });

  it('places P85 and P95 and the on-time probability where the hand computation does', () => {
    const s = summarize(days, AS_OF, '2026-04-04', OPTS.horizonDays);
    expect([s.p85, s.p95]).toEqual(['2026-04-06', '2026-04-08']);
    expect(Math.abs(s.onTimeProbability! - 0.6875)).toBeLessThan(0.015);
    expect(s.histogram.reduce((n, w) => n + w.trials, 0)).toBe(10_000);
  });
});

describe('lag', () => {
  it('is drawn from the past releases', () => {
    const s = summarize(trials({ lags: [0, 0, 0, 10] }), AS_OF, null, OPTS.horizonDays);
    expect([s.p50, s.p85, s.p95]).toEqual(['2026-04-05', '2026-04-15', '2026-04-15']);
    expect(s.onTimeProbability).toBeNull();
  });

  it('with nothing remaining, only lags that put the release after the as-of date count', () => {
    const days = trials({ remaining: 0, lastResolved: -3, lags: [1, 5, 5, 8] });
    expect(new Set(days)).toEqual(new Set([2, 5]));
    expect(Math.abs(share(days, (d) => d === 2) - 2 / 3)).toBeLessThan(0.015);
    expect(new Set(trials({ remaining: 0, lastResolved: -3, lags: [1, 2] }))).toEqual(new Set([1]));
  });
});

describe('determinism', () => {
  const input = { remaining: 20, known: 20, daily: [0, 1, 3, 0, 2] };

  it('gives identical trials for the same seed and stream, others for another seed or stream', () => {
    expect(trials(input, 1, 'forecast/R1/2026-03-31')).toEqual(trials(input, 1, 'forecast/R1/2026-03-31'));
    expect(trials(input, 2, 'forecast/R1/2026-03-31')).not.toEqual(trials(input, 1, 'forecast/R1/2026-03-31'));
    expect(trials(input, 1, 'forecast/R2/2026-03-31')).not.toEqual(trials(input, 1, 'forecast/R1/2026-03-31'));
  });
});

describe('no throughput and the horizon', () => {
  it('stops at the horizon instead of looping: every trial is beyond it', () => {
    const days = trials({ daily: [0, 0, 0] });
    expect(new Set(days)).toEqual(new Set([beyond(730)]));
    const s = summarize(days, AS_OF, '2026-04-30', OPTS.horizonDays);
    expect(s).toMatchObject({ p50: null, p85: null, p95: null, beyondHorizon: 1, onTimeProbability: 0, histogram: [], horizon: '2028-03-30' });
  });

  it('reports the dates it can: P50 within the horizon, P85 beyond it', () => {
    // 400 items at 1 a day 9 days in 10: N has mean 400 / 0.9 = 444.4 and sd √(400 × 0.1) / 0.9 = 7.0,
    // so about 21% of trials take more than 450 days.
    const days = runTrials({ ...base, remaining: 400, known: 400, daily: [1, 1, 1, 1, 1, 1, 1, 1, 1, 0] }, { trials: 10_000, horizonDays: 450 }, new Random(1, 'h'));
    const s = summarize(days, AS_OF, null, 450);
    expect(s.p50).not.toBeNull();
    expect(s.p85).toBeNull();
    expect(Math.abs(s.beyondHorizon - 0.21)).toBeLessThan(0.03);
    // The backtest's summary: the same numbers, without the histogram.
    expect(summarize(days, AS_OF, '2027-06-01', 450, { histogram: false })).toEqual({ ...summarize(days, AS_OF, '2027-06-01', 450), histogram: [] });
    const done = runTrials({ ...base, lags: [0, 0, 0, 10] }, OPTS, new Random(1, 'h'));
    expect(summarize(done, AS_OF, null, OPTS.horizonDays, { histogram: false })).toEqual({ ...summarize(done, AS_OF, null, OPTS.horizonDays), histogram: [] });
  });
});

describe('the days of a draw', () => {
  // runTrials reads several days from one draw as its base-n digits, dividing by multiplying with 1/n.
  // The same trials as plain division, for every window length a config can give and any throughput.
  function byDivision(input: TrialInput, opts: typeof OPTS, random: Random): Int32Array {
    const n = input.daily.length;
    let perDraw = 1;
    while (n ** (perDraw + 1) <= 2 ** 21) perDraw++;
    const out = new Int32Array(opts.trials);
    for (let t = 0; t < opts.trials; t++) {
      let day = 0;
      let done = 0;
      while (done < input.remaining && day < beyond(opts.horizonDays)) {
        let k = random.below(n ** perDraw);
        for (let j = 0; j < perDraw && done < input.remaining && day < beyond(opts.horizonDays); j++) {
          day++;
          done += input.daily[k % n]!;
          k = Math.floor(k / n);
        }
      }
      out[t] = done >= input.remaining ? day : beyond(opts.horizonDays);
    }
    return out.sort();
  }

  it('are the base-n digits of the draw, as by division', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 1500 }), fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (n, remaining, seed) => {
        const daily = Array.from({ length: n }, (_, i) => (i * 7 + seed) % 3);
        if (!daily.some((d) => d > 0)) return;
        const input = { ...base, remaining, known: remaining, daily };
        const opts = { trials: 50, horizonDays: 300 };
        expect(runTrials(input, opts, new Random(seed, 'digits'))).toEqual(byDivision(input, opts, new Random(seed, 'digits')));
      }),
      { numRuns: 300 },
    );
  });
});
