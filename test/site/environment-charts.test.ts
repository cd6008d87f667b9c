import { describe, expect, it } from 'vitest';
import { bookingCalendarChart, bookingReading, CALENDAR_BOOKINGS, CHART_ENVIRONMENTS, joinRuns, type BookingCalendarView } from '../../src/components/charts/booking-calendar.ts';
import { monthsAround } from '../../src/components/charts/calendar.ts';
import { demandChart, demandReading, type DemandPoint } from '../../src/components/charts/demand-capacity.ts';
import { heatmapReading, utilizationClass, utilizationHeatmap, weeksAround } from '../../src/components/charts/utilisation-heatmap.ts';
import { trendReading, utilizationTrendChart } from '../../src/components/charts/utilisation-trend.ts';
import type { BookingRow, Conflict, EnvironmentRef, EnvironmentsPage } from '../../src/report/model-environments.ts';
import type { ReleaseRef } from '../../src/report/model-releases.ts';
import { HOSTILE, svgOf, titles } from './helpers.ts';

const ASOF = '2026-03-31';
const SIT: EnvironmentRef = { id: 'sit-1', slug: 'sit-1', name: 'SIT 1' };
const EVIL: EnvironmentRef = { id: HOSTILE, slug: 'evil', name: HOSTILE };
const IDLE: EnvironmentRef = { id: 'perf-1', slug: 'perf-1', name: 'Perf' };
const REL: ReleaseRef = { id: 'R1', slug: 'r1', name: '1.0' };
const label = (r: ReleaseRef) => `P ${r.name}`;

function booking(id: string, environment: EnvironmentRef, firstDay: string, lastDay: string, over: Partial<BookingRow> = {}): BookingRow {
  const days = (Date.parse(lastDay) - Date.parse(firstDay)) / 86_400_000 + 1;
  return {
    id, environment, release: REL, releaseId: 'R1', project: { id: 'P', name: 'Payments' }, purpose: 'SIT', status: 'approved',
    start: `${firstDay}T00:00:00Z`, end: `${lastDay}T00:00:00Z`, firstDay, lastDay, days, inConflict: false, ...over,
  };
}

const A = booking('A', SIT, '2026-03-09', '2026-03-27', { inConflict: true });
const B = booking('B', SIT, '2026-03-23', '2026-04-08', { inConflict: true, release: null, releaseId: 'GONE' });
const C = booking('C', SIT, '2026-05-04', '2026-05-08', { status: 'requested' });
const D = booking('D', SIT, '2026-05-11', '2026-05-15', { status: 'rejected' });
const E = booking('E', EVIL, '2026-04-05', '2026-04-25', { purpose: HOSTILE });
const OLD = booking('OLD', SIT, '2024-01-01', '2024-01-05');
const BOOKINGS = [A, B, C, D, E, OLD];
const CONFLICT: Conflict = {
  environment: SIT, capacity: 1, first: '2026-03-23', last: '2026-03-27', days: 5, peak: 2, bookings: [A, B], releases: [REL], unknownReleaseIds: ['GONE'], projects: [],
};
const VIEW: BookingCalendarView = { id: 'cal', title: 'Bookings', ...monthsAround(ASOF, 6, 6) };

describe('booking calendar', () => {
  it('draws approved and requested bookings in the window, with what each is for in the tooltip', () => {
    const chart = bookingCalendarChart([SIT, EVIL, IDLE], BOOKINGS, [CONFLICT], ASOF, VIEW, label);
    const svg = svgOf(chart.svg);
    expect(titles(svg, 'book-approved')).toEqual([
      'A on SIT 1: P 1.0, Payments, SIT; approved, 2026-03-09 to 2026-03-27 (19 days); in a conflict',
      'B on SIT 1: release GONE (not in the exports), Payments, SIT; approved, 2026-03-23 to 2026-04-08 (17 days); in a conflict',
      `E on ${HOSTILE}: P 1.0, Payments, ${HOSTILE}; approved, 2026-04-05 to 2026-04-25 (21 days)`,
    ]);
    expect(titles(svg, 'book-requested')).toEqual(['C on SIT 1: P 1.0, Payments, SIT; requested, 2026-05-04 to 2026-05-08 (5 days)']);
    // Rejected D and OLD (before the window) are not drawn.
    expect(svg.querySelectorAll('g[class^="book-"] rect').length).toBe(3 + 1 + 2 + 2);
    expect(chart.reading).toBe('4 bookings (1 requested, not yet approved) on 2 environments in Sep 2025 – Sep 2026; 1 conflict.');
    expect(chart.legend.map((l) => l.className)).toEqual(['book-approved', 'book-requested', 'book-conflict']);
  });

  it('puts overlapping bookings on separate lanes, shades the conflict across them and outlines its bookings', () => {
    const svg = svgOf(bookingCalendarChart([SIT, EVIL, IDLE], BOOKINGS, [CONFLICT], ASOF, VIEW, label).svg);
    // SIT 1 takes two lanes (A and B overlap), the others one each, the idle one too; labels once per environment.
    const labels = [...svg.querySelectorAll('text')].map((t) => t.textContent);
    expect(labels.filter((t) => t === 'SIT 1')).toHaveLength(1);
    expect(labels).toContain('Perf');
    expect(svg.getAttribute('height')).toBe(String(30 + 50 + 4 * 16));
    expect(titles(svg, 'book-conflict')).toEqual(Array(2).fill('Conflict on SIT 1: 2026-03-23 to 2026-03-27 (5 days), up to 2 approved bookings on a capacity of 1 (A, B)'));
    expect(svg.querySelectorAll('g.book-in-conflict rect').length).toBe(2);
    expect(svg.querySelector('g.cal-today-label text')?.textContent).toBe('Today (as of 2026-03-31)');
  });

  it('keeps hostile names as text, and gives the same bytes for the same input', () => {
    const chart = bookingCalendarChart([SIT, EVIL, IDLE], BOOKINGS, [CONFLICT], ASOF, VIEW, label);
    expect(chart.svg.replace(/="[^"]*"/g, '=""')).not.toMatch(/<(script|img)/);
    expect(svgOf(chart.svg).querySelectorAll('script, img').length).toBe(0);
    expect([...svgOf(chart.svg).querySelectorAll('text')].some((t) => t.textContent === `${HOSTILE.slice(0, 25)}…`)).toBe(true);
    expect(bookingCalendarChart([SIT, EVIL, IDLE], structuredClone(BOOKINGS), [structuredClone(CONFLICT)], ASOF, VIEW, label).svg).toBe(chart.svg);
  });

  it('says so when the window holds no booking', () => {
    const view = { ...VIEW, from: '2023-01-01', to: '2023-12-31' };
    const chart = bookingCalendarChart([SIT], BOOKINGS, [CONFLICT], ASOF, view, label);
    expect(chart.reading).toBe('No approved or requested booking in Jan 2023 – Dec 2023.');
    expect(chart.legend).toEqual([]);
    expect(svgOf(chart.svg).querySelectorAll('g.cal-today').length).toBe(0);
    expect(bookingReading([A], [], VIEW)).toBe('1 booking on 1 environment in Sep 2025 – Sep 2026; 0 conflicts.');
  });
});

const WEEKS = ['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30', '2026-04-06'].map((monday, i) => ({ week: `2026-W${String(10 + i).padStart(2, '0')}`, monday }));
const UTILIZATION: EnvironmentsPage['utilization'] = {
  weeks: WEEKS,
  rows: [
    { environment: SIT, kind: 'sit', values: [0, 0.25, 0.2571, 0.5, 0.75, 1] },
    { environment: EVIL, kind: 'uat', values: [0, 0, 0, 0, 0.9, 0.1] },
    { environment: IDLE, kind: 'perf', values: [0, 0, 0, 0, 0, 0] },
  ],
};

describe('utilisation heatmap', () => {
  it('sorts values into five classes', () => {
    expect([0, 0.01, 0.25, 0.2501, 0.5, 0.75, 0.76, 1].map(utilizationClass)).toEqual(['util-0', 'util-1', 'util-1', 'util-2', 'util-2', 'util-3', 'util-4', 'util-4']);
  });

  it('finds the weeks around today, clipped to the weeks there are', () => {
    expect(weeksAround(WEEKS, ASOF, 1, 1)).toEqual({ from: 3, to: 6 });
    expect(weeksAround(WEEKS, ASOF, 13, 11)).toEqual({ from: 0, to: 6 });
    expect(weeksAround(WEEKS, '2027-01-01', 1, 1)).toEqual({ from: 0, to: 0 });
  });

  it('draws a cell per booked week with its value, on a background row per environment', () => {
    const chart = utilizationHeatmap('heat', 'Utilisation', UTILIZATION, { from: 1, to: 6 }, ASOF);
    const svg = svgOf(chart.svg);
    expect(titles(svg, 'util-1')).toEqual(['SIT 1, week of 2026-03-09: 25% booked', `${HOSTILE}, week of 2026-04-06: 10% booked`]);
    expect(titles(svg, 'util-2')).toEqual(['SIT 1, week of 2026-03-16: 26% booked', 'SIT 1, week of 2026-03-23: 50% booked']);
    expect(titles(svg, 'util-4')).toEqual(['SIT 1, week of 2026-04-06: 100% booked', `${HOSTILE}, week of 2026-03-30: 90% booked`]);
    expect(svg.querySelectorAll('g.util-0 rect').length).toBe(3);
    expect(svg.getAttribute('height')).toBe(String(80 + 3 * 18));
    expect(chart.legend.map((l) => l.label)).toEqual(['None booked', 'Up to 25%', '25–50%', '50–75%', 'Over 75%']);
    expect(chart.reading).toBe('3 environments over 5 weeks (2026-W11 – 2026-W15): 25% of capacity booked on average; SIT 1 was over 75% booked in the most weeks (1).');
    expect(chart.svg.replace(/="[^"]*"/g, '=""')).not.toMatch(/<(script|img)/);
    expect(utilizationHeatmap('heat', 'Utilisation', structuredClone(UTILIZATION), { from: 1, to: 6 }, ASOF).svg).toBe(chart.svg);
  });

  it('reads when nothing is booked', () => {
    expect(heatmapReading([], WEEKS)).toBe('No environment has an approved booking, so there is no utilisation to show.');
    expect(heatmapReading([UTILIZATION.rows[2]!], WEEKS)).toBe('1 environment over 6 weeks (2026-W10 – 2026-W15): 0% of capacity booked on average; no environment was over 75% booked in any week.');
  });
});

describe('page-wide environment charts', () => {
  // Environment k booked k days (from 2 March), the busiest last; and one never booked.
  const envs = Array.from({ length: CHART_ENVIRONMENTS + 2 }, (_, k): EnvironmentRef => ({ id: `e${k}`, slug: `e${k}`, name: `Env ${k}` }));
  const bookings = envs.map((e, k) => booking(`B${k}`, e, '2026-03-02', `2026-03-${String(2 + k).padStart(2, '0')}`));

  it('draw the environments with the most booked days when there are many, and say how many are left out', () => {
    const chart = bookingCalendarChart(envs, bookings, [], ASOF, VIEW, label);
    const labels = [...svgOf(chart.svg).querySelectorAll('text')].map((t) => t.textContent);
    expect(labels).toContain(`Env ${CHART_ENVIRONMENTS + 1}`);
    expect(labels).toContain('Env 2');
    expect(labels).not.toContain('Env 1');
    expect(chart.reading).toMatch(new RegExp(`Drawn: the ${CHART_ENVIRONMENTS} environments with the most booked days, of ${CHART_ENVIRONMENTS + 2}; the CSV download has them all\\.$`));
    expect(chart.data!.rows.length).toBe(bookings.length);
  });

  it('draw the heatmap of the environments most booked in its weeks', () => {
    const rows = envs.map((environment, k) => ({ environment, kind: 'sit', values: WEEKS.map(() => k / 100) }));
    const chart = utilizationHeatmap('heat', 'Utilisation', { weeks: WEEKS, rows }, { from: 0, to: 6 }, ASOF);
    expect(titles(svgOf(chart.svg), 'util-0').map((t) => t.split(':')[0])).toEqual(envs.slice(2).map((e) => e.name));
    expect(chart.reading).toMatch(new RegExp(`Drawn: the ${CHART_ENVIRONMENTS} environments with the most capacity booked, of ${CHART_ENVIRONMENTS + 2}; the CSV download has them all\\.$`));
    expect(chart.data!.rows.length).toBe(rows.length * WEEKS.length);
  });
});

describe('utilisation trend', () => {
  const weeks = WEEKS.map((w, i) => ({ ...w, value: [0, 0.2857, 1, 0.5, 0.1429, 0][i]!, bookedDays: [0, 2, 7, 3.5, 1, 0][i]!, capacityDays: 7 }));

  it('draws a bar per booked week in the heatmap classes, with booked and available capacity-days', () => {
    const chart = utilizationTrendChart('trend', 'SIT 1', weeks, ASOF);
    const svg = svgOf(chart.svg);
    expect(titles(svg, 'util-4')).toEqual(['SIT 1, week 2026-W12 (from 2026-03-16): 100% (7 of 7 capacity-days booked)']);
    expect(svg.querySelectorAll('g[class^="util-"] rect').length).toBe(4);
    expect(chart.reading).toBe('39% of capacity booked over the 5 weeks to 2026-W14; the busiest week was 2026-W12 (100%).');
    expect(utilizationTrendChart('trend', 'SIT 1', structuredClone(weeks), ASOF).svg).toBe(chart.svg);
  });

  it('reads for environments never booked or not measured', () => {
    expect(trendReading([], ASOF)).toBe('Not measured: a production environment without bookings.');
    expect(trendReading(weeks.map((w) => ({ ...w, value: 0, bookedDays: 0 })), ASOF)).toBe('Nothing booked in any of the 6 weeks.');
  });
});

describe('demand against capacity', () => {
  const points: DemandPoint[] = WEEKS.map((w, i) => ({ ...w, booked: [100, 168, 0, 0, 24, 0][i]!, unbooked: [0, 72, 0, 0, 0, 0][i]!, capacity: 168 }));

  it('stacks unbooked phases on booked hours, ticks capacity and labels the weeks over it', () => {
    const chart = demandChart('d', 'Kind: sit', 'sit', points);
    const svg = svgOf(chart.svg);
    expect(titles(svg, 'fill-1')).toEqual([
      'sit, week of 2026-03-02: 100 h booked of 168 h capacity (60%)',
      'sit, week of 2026-03-09: 168 h booked + 72 h unbooked = 240 h of 168 h capacity (143%), over capacity',
      'sit, week of 2026-03-30: 24 h booked of 168 h capacity (14%)',
    ]);
    expect(titles(svg, 'demand-unbooked')).toHaveLength(1);
    expect(svg.querySelectorAll('g.demand-over text').length).toBe(1);
    // A tick per week, and a tooltip on the ticks of weeks without demand.
    expect(svg.querySelectorAll('g.demand-capacity line').length).toBe(6 + 3);
    expect(titles(svg, 'demand-capacity')).toEqual(['sit, week of 2026-03-16: 0 h booked of 168 h capacity (0%)', 'sit, week of 2026-03-23: 0 h booked of 168 h capacity (0%)', 'sit, week of 2026-04-06: 0 h booked of 168 h capacity (0%)']);
    expect(chart.reading).toBe('292 h booked and 72 h unbooked against 1,008 h of capacity over 6 weeks (36%); over capacity in 1 week (week of 2026-03-09).');
    expect(chart.legend.map((l) => l.className)).toEqual(['fill-1', 'demand-unbooked', 'demand-capacity']);
    expect(demandChart('d', 'Kind: sit', 'sit', structuredClone(points)).svg).toBe(chart.svg);
  });

  it('reads a kind without capacity and keeps hostile scope names as text', () => {
    expect(demandReading(points.map((p) => ({ ...p, capacity: 0 })))).toBe('292 h booked and 72 h unbooked against 0 h of capacity over 6 weeks; over capacity in 3 weeks (weeks of 2026-03-02, 2026-03-09, 2026-03-30).');
    const svg = demandChart('d', HOSTILE, HOSTILE, points).svg;
    expect(svg.replace(/="[^"]*"/g, '=""')).not.toMatch(/<(script|img)/);
    expect(titles(svgOf(svg), 'fill-1')[0]).toBe(`${HOSTILE}, week of 2026-03-02: 100 h booked of 168 h capacity (60%)`);
  });
});

describe('booking calendar at enterprise scale', () => {
  it('draws a phase booked week by week as one bar naming its first and last booking, and keeps the rest apart', () => {
    const weeks = [['W1', '2026-05-04', '2026-05-10'], ['W2', '2026-05-11', '2026-05-17'], ['W3', '2026-05-18', '2026-05-20']] as const;
    const pieces = weeks.map(([id, a, b]) => booking(id, SIT, a, b));
    const later = booking('W9', SIT, '2026-05-25', '2026-05-29');
    const other = booking('U1', SIT, '2026-05-21', '2026-05-22', { purpose: 'UAT' });
    expect(joinRuns([later, ...pieces, other]).map((b) => [b.id, b.firstDay, b.lastDay, b.days])).toEqual([
      ['W9', '2026-05-25', '2026-05-29', 5],
      ['W1 to W3 (3 bookings back to back)', '2026-05-04', '2026-05-20', 17],
      ['U1', '2026-05-21', '2026-05-22', 2],
    ]);
    const svg = svgOf(bookingCalendarChart([SIT], pieces, [], ASOF, VIEW, label).svg);
    expect(titles(svg, 'book-approved')).toEqual(['W1 to W3 (3 bookings back to back) on SIT 1: P 1.0, Payments, SIT; approved, 2026-05-04 to 2026-05-20 (17 days)']);
  });

  it(`draws fewer environments when the busiest hold more than ${CALENDAR_BOOKINGS} bars, at least one, and says so`, () => {
    const envs = [SIT, IDLE];
    // Two-day refreshes a week apart on both: never back to back.
    const refreshes = envs.flatMap((env) => Array.from({ length: CALENDAR_BOOKINGS / 2 + 1 }, (_, k) => {
      const day = new Date(Date.UTC(2025, 9, 1) + k * 7 * 86_400_000).toISOString().slice(0, 10);
      return booking(`${env.id}-${k}`, env, day, day, { purpose: 'Environment refresh' });
    }));
    const view = { ...VIEW, from: '2025-10-01', to: '2033-12-31' };
    const chart = bookingCalendarChart(envs, refreshes, [], ASOF, view, label);
    expect(svgOf(chart.svg).querySelectorAll('g.book-approved rect').length).toBe(CALENDAR_BOOKINGS / 2 + 1);
    expect(chart.reading).toMatch(/Drawn: the 1 environments with the most booked days, of 2; the CSV download has them all\.$/);
    expect(chart.data!.rows).toHaveLength(refreshes.length);
  });
});
