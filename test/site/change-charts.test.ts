import { describe, expect, it } from 'vitest';
import { monthsAround } from '../../src/components/charts/calendar.ts';
import { CALENDAR_BARS, CALENDAR_SYSTEMS, changeCalendarChart, changeTip, plannedDays, type ChangeCalendarView } from '../../src/components/charts/change-calendar.ts';
import { funnelChart, funnelReading } from '../../src/components/charts/change-funnel.ts';
import {
  countTicks, inFreezeChart, leadTimeChart, leadTimeReading, openedChart, sharesChart, successChart, successReading,
} from '../../src/components/charts/change-trends.ts';
import { freezeTip } from '../../src/components/charts/freeze-shading.ts';
import { formatCount } from '../../src/components/format.ts';
import type { ChangeMonth, FreezeRow } from '../../src/report/model-changes.ts';
import { changeRow, HOSTILE, svgOf, titles } from './helpers.ts';

const ASOF = '2026-03-31';
const TZ = 'Europe/Berlin';

const FUNNEL = ['new', 'assess', 'authorize', 'scheduled', 'implement', 'review', 'closed', 'canceled', 'unknown'].map((state, i) => ({
  state, changes: [0, 1, 0, 14, 0, 1, 1984, 26, 2][i]!,
}));

describe('change funnel', () => {
  it('draws the lifecycle in order, then the canceled and stateless changes apart, below a gap', () => {
    const chart = funnelChart(FUNNEL);
    const svg = svgOf(chart.svg);
    const labels = [...svg.querySelectorAll('g[aria-hidden] text, text')].map((t) => t.textContent);
    const order = ['New', 'Assess', 'Authorize', 'Scheduled', 'Implement', 'Review', 'Closed', 'Canceled', 'No state'].map((l) => labels.indexOf(l));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // Bars only where there are changes; the ones set apart in their own class.
    expect(titles(svg, 'fill-1')).toEqual(['Assess: 1 change (0% of 2,028)', 'Scheduled: 14 changes (1% of 2,028)', 'Review: 1 change (0% of 2,028)', 'Closed: 1,984 changes (98% of 2,028)']);
    expect(titles(svg, 'funnel-apart')).toEqual(['Canceled: 26 changes (1% of 2,028)', 'No state: 2 changes (0% of 2,028)']);
    // A gap band between them: one band more than states.
    expect(svg.getAttribute('height')).toBe(String(10 + 40 + 10 * 26));
    expect(chart.reading).toBe('2,028 changes: 1,984 closed, 16 open (1 assess, 14 scheduled, 1 review), 26 canceled, 2 without a state.');
    expect(chart.legend.map((l) => l.className)).toEqual(['fill-1', 'funnel-apart']);
  });

  it('reads an empty funnel, and keeps every state on the axis', () => {
    const empty = FUNNEL.slice(0, 8).map((s) => ({ ...s, changes: 0 }));
    expect(funnelReading(empty)).toBe('No changes in the exports.');
    const svg = svgOf(funnelChart(empty).svg);
    expect(svg.querySelectorAll('g.fill-1 rect').length).toBe(0);
    expect([...svg.querySelectorAll('text')].map((t) => t.textContent)).toContain('Canceled');
  });
});

const month = (m: string, over: Partial<ChangeMonth> = {}): ChangeMonth => ({
  month: m, opened: 0, emergency: 0, unauthorized: 0, emergencyShare: null, unauthorizedShare: null, closed: 0, successful: 0, successRate: null, inFreeze: 0,
  leadTimeMedian: null, leadTimeChanges: 0, approvalMedian: null, approvals: 0, ...over,
});
const MONTHS = [
  month('2026-01', { opened: 4, emergency: 1, unauthorized: 1, emergencyShare: 0.25, unauthorizedShare: 0.25, closed: 2, successful: 1, successRate: 0.5, leadTimeMedian: 3.5, leadTimeChanges: 2 }),
  month('2026-02'),
  month('2026-03', { opened: 2, emergencyShare: 0, unauthorizedShare: 0, closed: 2, successful: 2, successRate: 1, inFreeze: 3, leadTimeMedian: 1, leadTimeChanges: 2 }),
];

describe('change trends', () => {
  it('stacks emergencies on the other changes opened, with a tooltip per month that has any', () => {
    const chart = openedChart(MONTHS);
    const svg = svgOf(chart.svg);
    expect(titles(svg, 'fill-1')).toEqual(['Jan 2026: 4 changes opened, 1 emergency, 1 unauthorized', 'Mar 2026: 2 changes opened, 0 emergency, 0 unauthorized']);
    expect(titles(svg, 'fill-2')).toEqual(['Jan 2026: 4 changes opened, 1 emergency, 1 unauthorized']);
    expect(chart.reading).toBe('6 changes opened in 3 months (Jan 2026 – Mar 2026), 1 of them emergencies; the most in Jan 2026 (4).');
    expect(chart.legend.map((l) => l.label)).toEqual(['Standard and normal', 'Emergency']);
    expect(openedChart([month('2026-01', { opened: 2 })]).legend).toEqual([]);
  });

  it('breaks the success rate line where nothing closed, and compares the latest month to all', () => {
    const chart = successChart(MONTHS);
    expect(titles(svgOf(chart.svg), 'stroke-1')).toEqual(['Jan 2026: 50% successful (1 of 2 changes closed)', 'Mar 2026: 100% successful (2 of 2 changes closed)']);
    expect(chart.reading).toBe('Mar 2026, the latest month with changes closed: 100% successful, against 75% of 4 changes over 3 months (Jan 2026 – Mar 2026).');
    expect(successReading([month('2026-01')])).toBe('No change has closed with a close code yet, so there is no success rate.');
  });

  it('draws the emergency and unauthorized shares as two lines', () => {
    const chart = sharesChart(MONTHS);
    const svg = svgOf(chart.svg);
    expect(titles(svg, 'stroke-2')).toEqual(['Jan 2026: 25% emergency (1), 25% unauthorized (1) of 4 opened', 'Mar 2026: 0% emergency (0), 0% unauthorized (0) of 2 opened']);
    expect(titles(svg, 'stroke-3')).toHaveLength(2);
    expect(chart.reading).toBe('17% of the changes opened in 3 months (Jan 2026 – Mar 2026) were emergencies (1) and 17% unauthorized (1).');
  });

  it('counts changes inside freezes by planned start, with whole-number ticks', () => {
    const chart = inFreezeChart(MONTHS);
    const svg = svgOf(chart.svg);
    expect(titles(svg, 'cal-freeze-bar')).toEqual(['Mar 2026: 3 changes planned to start inside a freeze window']);
    const ticks = [...svg.querySelectorAll('g[aria-hidden] text, text')].map((t) => t.textContent).filter((t) => /^\d+$/.test(t ?? ''));
    expect(new Set(ticks).size).toBe(ticks.length);
    expect(chart.reading).toBe('3 changes (emergencies aside) planned inside freeze windows, in 1 month; the most in Mar 2026 (3).');
    expect(inFreezeChart([month('2026-01')]).reading).toBe('No change (emergencies aside) is planned inside a freeze window.');
    expect([0, 1, 2, 3, 5, 9, 1000].map(countTicks)).toEqual([1, 1, 2, 3, 5, 5, 5]);
  });

  it('shows lead time, and time to approval only when the exports have approvals, saying so when they have none', () => {
    const overall = { leadTimeMedian: 2.25, approvalMedian: null };
    const chart = leadTimeChart(MONTHS, overall);
    const svg = svgOf(chart.svg);
    expect(titles(svg, 'stroke-1')).toEqual([
      'Jan 2026: median lead time 3.5 days (2 changes closed); no approval',
      'Mar 2026: median lead time 1 day (2 changes closed); no approval',
    ]);
    expect(svg.querySelectorAll('g.stroke-2').length).toBe(0);
    expect(chart.legend).toEqual([]);
    expect(chart.reading).toBe('Median lead time from opening to closing: 2.3 days over all changes closed; 1 day in Mar 2026. No approval times in the exports.');
    const approved = [...MONTHS.slice(0, 2), { ...MONTHS[2]!, approvalMedian: 0.5, approvals: 1 }];
    const both = leadTimeChart(approved, { leadTimeMedian: 2.25, approvalMedian: 0.5 });
    expect(titles(svgOf(both.svg), 'stroke-2')).toEqual(['Mar 2026: median lead time 1 day (2 changes closed); median time to approval 0.5 days (1 approval)']);
    expect(both.legend.map((l) => l.className)).toEqual(['stroke-1', 'stroke-2']);
    expect(both.reading.endsWith('Median time to approval: 0.5 days.')).toBe(true);
    expect(leadTimeReading([month('2026-01')], { leadTimeMedian: null, approvalMedian: null })).toBe('No change has closed yet, so there is no lead time. No approval times in the exports.');
  });
});

const FREEZES: FreezeRow[] = [
  { name: 'Year end', start: '2025-12-14T23:00:00Z', end: '2026-01-02T23:00:00Z', firstDay: '2025-12-15', lastDay: '2026-01-02', scope: null, changes: [] },
  { name: HOSTILE, start: '2026-03-25T23:00:00Z', end: '2026-04-02T22:00:00Z', firstDay: '2026-03-26', lastDay: '2026-04-02', scope: ['pay'], changes: [] },
  { name: 'Long ago', start: '2024-01-01T00:00:00Z', end: '2024-01-02T00:00:00Z', firstDay: '2024-01-01', lastDay: '2024-01-01', scope: null, changes: [] },
];
const VIEW: ChangeCalendarView = { id: 'cal', title: 'Changes', ...monthsAround(ASOF, 3, 3) };
const ref = (n: string) => ({ number: n, slug: n.toLowerCase() });
const ROWS = [
  changeRow('C1', { plannedStart: '2026-03-27T20:00:00Z', plannedEnd: '2026-03-28T02:00:00Z', state: 'review', closeCode: null, freezes: [HOSTILE], inFreeze: true, collidesWith: [ref('C2')] }),
  changeRow('C2', { plannedStart: '2026-03-28T00:00:00Z', plannedEnd: '2026-03-28T03:00:00Z', state: 'implement', closeCode: null, freezes: [HOSTILE], inFreeze: true, collidesWith: [ref('C1')] }),
  changeRow('C3', { plannedStart: '2026-02-10T19:00:00Z', plannedEnd: '2026-02-10T20:00:00Z', closeCode: 'unsuccessful', system: { id: 'evil', name: HOSTILE }, description: HOSTILE }),
  changeRow('C4', { plannedStart: '2026-01-13T20:00:00Z', plannedEnd: null, closeCode: 'successful_with_issues', system: null }),
  changeRow('GONE', { plannedStart: '2026-02-01T10:00:00Z', plannedEnd: '2026-02-01T11:00:00Z', cancelled: true, state: 'canceled', closeCode: 'cancelled' }),
  changeRow('OLD', { plannedStart: '2024-06-01T10:00:00Z', plannedEnd: '2024-06-01T11:00:00Z' }),
  changeRow('UNPLANNED'),
];

describe('change calendar', () => {
  it('reads a planned window as the calendar days it touches in the time zone', () => {
    // 20:00Z on 27 March is 21:00 in Berlin, 02:00Z the next day 03:00; 23:30Z on 28 March is already the 29th there.
    expect(plannedDays(ROWS[0]!, TZ)).toEqual({ first: '2026-03-27', last: '2026-03-28' });
    expect(plannedDays({ plannedStart: '2026-03-28T23:30:00Z', plannedEnd: '2026-03-28T23:45:00Z' }, TZ)).toEqual({ first: '2026-03-29', last: '2026-03-29' });
    expect(plannedDays({ plannedStart: '2026-03-28T23:30:00Z', plannedEnd: '2026-03-28T23:45:00Z' }, 'UTC')).toEqual({ first: '2026-03-28', last: '2026-03-28' });
    // An end is exclusive; no end, or one before the start, plans the first day alone.
    expect(plannedDays({ plannedStart: '2026-03-01T10:00:00Z', plannedEnd: '2026-03-02T00:00:00Z' }, 'UTC')).toEqual({ first: '2026-03-01', last: '2026-03-01' });
    expect(plannedDays({ plannedStart: '2026-03-01T10:00:00Z', plannedEnd: '2026-02-01T00:00:00Z' }, 'UTC')).toEqual({ first: '2026-03-01', last: '2026-03-01' });
    expect(plannedDays({ plannedStart: null, plannedEnd: null }, 'UTC')).toBeNull();
  });

  it('draws the planned changes in the window by outcome, outlines collisions, and leaves cancelled ones out', () => {
    const chart = changeCalendarChart(ROWS, FREEZES, ASOF, TZ, VIEW);
    const svg = svgOf(chart.svg);
    expect(titles(svg, 'chg-open')).toEqual([
      `C1 on Payments: C1 work (normal, review); planned 2026-03-27 20:00 UTC → 2026-03-28 02:00 UTC; inside ${HOSTILE}; collides with C2`,
      `C2 on Payments: C2 work (normal, implement); planned 2026-03-28 00:00 UTC → 2026-03-28 03:00 UTC; inside ${HOSTILE}; collides with C1`,
    ]);
    expect(titles(svg, 'chg-failed')).toEqual([`C3 on ${HOSTILE}: ${HOSTILE} (normal, closed, unsuccessful); planned 2026-02-10 19:00 UTC → 2026-02-10 20:00 UTC`]);
    expect(titles(svg, 'chg-issues')).toEqual(['C4 on (no system): C4 work (normal, closed, successful with issues); planned 2026-01-13 20:00 UTC']);
    expect(svg.querySelectorAll('g.chg-successful rect').length).toBe(0);
    expect(svg.querySelectorAll('g.chg-collision rect').length).toBe(2);
    expect(chart.reading).toBe('4 changes planned on 3 systems in Dec 2025 – Jun 2026: 2 colliding, 2 inside a freeze; 2 freeze windows shaded.');
    expect(chart.legend.map((l) => l.className)).toEqual(['chg-issues', 'chg-failed', 'chg-open', 'chg-collision', 'cal-freeze']);
    expect(svg.querySelector('g.cal-today-label text')?.textContent).toBe('Today (as of 2026-03-31)');
  });

  it('gives colliding changes their own lanes, systems by name with changes without one last, and shades freezes by scope', () => {
    const svg = svgOf(changeCalendarChart(ROWS, FREEZES, ASOF, TZ, VIEW).svg);
    const labels = [...svg.querySelectorAll('text')].map((t) => t.textContent);
    const bands = [`${HOSTILE.slice(0, 25)}…`, 'Payments', '(no system)'].map((l) => labels.indexOf(l));
    expect(bands.every((i) => i >= 0) && [...bands].sort((a, b) => a - b).join() === bands.join()).toBe(true);
    // Payments takes two lanes (C1 and C2 share 28 March), the others one each.
    expect(svg.getAttribute('height')).toBe(String(30 + 50 + 4 * 16));
    // The scoped freeze shades the two Payments lanes only; the all-systems one spans the chart.
    expect(titles(svg, 'cal-freeze')).toEqual([
      'Freeze: Year end, 2025-12-15 to 2026-01-02 (all systems)',
      ...Array(2).fill(`Freeze: ${HOSTILE}, 2026-03-26 to 2026-04-02 (pay)`),
    ]);
  });

  it('keeps hostile text as text, and gives the same bytes for the same input', () => {
    const chart = changeCalendarChart(ROWS, FREEZES, ASOF, TZ, VIEW);
    expect(chart.svg.replace(/="[^"]*"/g, '=""')).not.toMatch(/<(script|img)/);
    expect(svgOf(chart.svg).querySelectorAll('script, img').length).toBe(0);
    expect(changeCalendarChart(structuredClone(ROWS), structuredClone(FREEZES), ASOF, TZ, VIEW).svg).toBe(chart.svg);
  });

  it('says so when nothing is planned in the window', () => {
    const chart = changeCalendarChart(ROWS, FREEZES, ASOF, TZ, { ...VIEW, from: '2023-01-01', to: '2023-06-30' });
    expect(chart.reading).toBe('No change is planned in Jan 2023 – Jun 2023.');
    expect(chart.legend).toEqual([]);
    expect(svgOf(chart.svg).querySelectorAll('g.cal-today').length).toBe(0);
  });

  it('draws the systems with the most changes when there are many, and says how many are left out', () => {
    // System k plans k changes, one a day from 2 March: the busiest are the last.
    const rows = Array.from({ length: CALENDAR_SYSTEMS + 3 }, (_, k) =>
      Array.from({ length: k + 1 }, (_, i) => changeRow(`S${k}-${i}`, { system: { id: `s${k}`, name: `System ${k}` }, plannedStart: `2026-03-${String(i + 2).padStart(2, '0')}T10:00:00Z` })),
    ).flat();
    const chart = changeCalendarChart(rows, [], ASOF, 'UTC', VIEW);
    const labels = [...svgOf(chart.svg).querySelectorAll('text')].map((t) => t.textContent);
    expect(labels).toContain(`System ${CALENDAR_SYSTEMS + 2}`);
    expect(labels).toContain('System 3');
    expect(labels).not.toContain('System 2');
    expect(chart.reading).toMatch(new RegExp(`on ${CALENDAR_SYSTEMS + 3} systems .* Drawn: the ${CALENDAR_SYSTEMS} systems with the most changes, of ${CALENDAR_SYSTEMS + 3}; the CSV download has them all\\.$`));
    expect(chart.data!.rows.length).toBe(rows.length);
  });

  it('counts the changes per system and week instead of a bar each when there are too many to draw', () => {
    // Mondays 2 and 9 March: CALENDAR_BARS changes in the first week, one more in the second; C1 and C2 collide in the fourth.
    const week = (n: number, day: string) => Array.from({ length: n }, (_, i) => changeRow(`W${day}-${i}`, { plannedStart: `${day}T10:00:00Z` }));
    const rows = [...week(CALENDAR_BARS, '2026-03-03'), ...week(1, '2026-03-10'), ...ROWS.slice(0, 2)];
    const chart = changeCalendarChart(rows, FREEZES, ASOF, 'UTC', VIEW);
    const svg = svgOf(chart.svg);
    expect(titles(svg, 'chg-load-4')).toEqual([`Payments, week of 2026-03-02: ${formatCount(CALENDAR_BARS)} changes planned`]);
    expect(titles(svg, 'chg-load-1')).toEqual(['Payments, week of 2026-03-09: 1 change planned', 'Payments, week of 2026-03-23: 2 changes planned, 2 colliding, 2 inside a freeze']);
    expect(svg.querySelectorAll('g.chg-open rect').length).toBe(0);
    expect(chart.legend.map((l) => l.label)).toEqual([`1–${CALENDAR_BARS / 4} changes a week`, `${CALENDAR_BARS * 0.75 + 1}–${CALENDAR_BARS}`, 'Freeze window']);
    expect(chart.reading).toContain('Too many to draw a bar each: a system\'s week is shaded by how many changes are planned in it.');
    expect(chart.data!.rows.length).toBe(rows.length);
  });

  it('words a change whose emergency may go ahead in a freeze', () => {
    expect(changeTip(changeRow('E', { type: 'emergency', state: null, closeCode: null, description: null, plannedStart: '2025-12-22T12:00:00Z', freezes: ['Year end'] }))).toBe(
      'E on Payments: no description (emergency); planned 2025-12-22 12:00 UTC; inside Year end (an emergency may go ahead)',
    );
    expect(freezeTip(FREEZES[0]!)).toBe('Freeze: Year end, 2025-12-15 to 2026-01-02 (all systems)');
  });
});
