// The backtest page's charts: P50 and P85 hit rates by how far ahead the forecasts were made, against
// the 50% and 85% an honest forecast hits; and each forecast's miss, the actual release date less its
// P85 date, by how far ahead it was made.
import * as Plot from '@observablehq/plot';
import { daysBetween } from '../../metrics/periods.ts';
import type { Backtest, BacktestForecast } from '../../report/model-forecasts.ts';
import type { ReleaseRef } from '../../report/model-releases.ts';
import { formatCount, formatDays, formatPercent } from '../format.ts';
import { plural } from '../format.ts';
import { renderChart, type RenderedChart } from './render.ts';

type Lead = Backtest['byLeadTime'][number];

const SERIES = [
  { name: 'P50', rate: (b: Lead) => b.hitRateP50, className: 'fill-1', target: 50 },
  { name: 'P85', rate: (b: Lead) => b.hitRateP85, className: 'fill-2', target: 85 },
] as const;

export function leadTip(b: Lead, name: string, rate: number | null): string {
  return `${name} made ${b.label} ahead: ${formatPercent(rate)} hit, of ${plural(b.forecasts, 'forecast', 'forecasts')} of ${plural(b.releases, 'release', 'releases')}`;
}

export function hitRateChart(id: string, byLeadTime: readonly Lead[]): RenderedChart {
  const title = 'Hit rate by how far ahead the forecast was made';
  const reading = hitRateReading(byLeadTime);
  const bars = SERIES.map((s) => byLeadTime.filter((b) => s.rate(b) !== null).map((b) => ({ b, name: s.name, rate: s.rate(b), y: 100 * s.rate(b)! })));
  const svg = renderChart(
    {
      width: 720, height: 270, marginLeft: 56, marginTop: 40, marginBottom: 32,
      // Each lead time a facet named above it, its P50 and P85 bars named below.
      fx: { label: null, axis: 'top', tickPadding: 20, domain: byLeadTime.map((b) => b.label), padding: 0.1 },
      x: { domain: SERIES.map((s) => s.name), label: null, padding: 0.15 },
      y: { label: 'Forecasts that hit (%)', labelAnchor: 'center', domain: [0, 100], grid: true, tickFormat: (v: number) => `${v}%` },
      marks: [
        ...SERIES.map((s, i) =>
          Plot.barY(bars[i]!, { fx: (d: { b: Lead }) => d.b.label, x: 'name', y: 'y', className: s.className, fill: 'currentColor', title: (d: { b: Lead }) => leadTip(d.b, s.name, s.rate(d.b)) }),
        ),
        // The rate over each bar: a 0% bar has no height to see.
        ...bars.map((data) =>
          Plot.text(data, { fx: (d: { b: Lead }) => d.b.label, x: 'name', y: 'y', text: (d: { rate: number }) => formatPercent(d.rate), dy: -7, className: 'bt-rate', fill: 'currentColor' }),
        ),
        ...SERIES.map((s) => Plot.ruleY([s.target], { className: `bt-target-${s.target}`, stroke: 'currentColor', strokeWidth: 1.5, strokeDasharray: '4 3' })),
        Plot.text(byLeadTime.filter((b) => b.forecasts === 0), { fx: 'label', frameAnchor: 'bottom', dy: -14, text: () => 'no forecasts', className: 'bt-none', fill: 'currentColor' }),
        Plot.ruleY([0]),
      ],
    },
    { id, label: title, description: reading },
  );
  const legend = [
    ...SERIES.map((s) => ({ label: `${s.name} hit rate`, className: s.className })),
    ...SERIES.map((s) => ({ label: `${s.target}%: what an honest ${s.name} hits`, className: `bt-target-${s.target}` })),
  ];
  const data = {
    columns: ['Made ahead', 'P50 hit rate', 'P85 hit rate', 'Forecasts', 'Releases'],
    rows: byLeadTime.map((b) => [b.label, b.hitRateP50, b.hitRateP85, b.forecasts, b.releases]),
  };
  return { id, title, reading, legend, svg, data };
}

/** E.g. "P85 hit 88% of 8 forecasts made 1–4 weeks ahead, 50% of 4 made 5–8 weeks ahead; none was made 13 weeks or more ahead." */
export function hitRateReading(byLeadTime: readonly Lead[]): string {
  const made = byLeadTime.filter((b) => b.forecasts > 0);
  if (made.length === 0) return 'No backtest forecast was made.';
  const none = byLeadTime.filter((b) => b.forecasts === 0).map((b) => `${b.label} ahead`);
  const rates = made.map((b) => `${formatPercent(b.hitRateP85)} of ${plural(b.forecasts, 'forecast', 'forecasts')} made ${b.label} ahead`).join(', ');
  return `P85 hit ${rates}${none.length ? `; none was made ${none.join(' or ')}` : ''}. An honest P85 hits about 85% of the time, a P50 about half.`;
}

interface Miss {
  r: BacktestForecast;
  /** Days from the P85 date to the actual release: above zero, the release came later (a miss). */
  late: number;
}

export function missTip(m: Miss, label: (r: ReleaseRef) => string): string {
  const when = m.late === 0 ? 'on its P85 date' : `${formatDays(Math.abs(m.late))} ${m.late > 0 ? 'after' : 'before'} its P85 date (${m.r.p85})`;
  return `${label(m.r.release)} as of ${m.r.asOf} (${formatDays(m.r.daysBefore)} ahead): released ${m.r.actualRelease}, ${when}`;
}

// Symlog's own ticks crowd together far from zero: these are a week, a month, a quarter and a year, a
// factor of three or four apart; a domain reaches the next of them (two years: the horizon).
const TICKS = [7, 30, 90, 365];
const REACH = [...TICKS, 730];

/** A domain from tick to tick around the values, with the ticks inside it. */
export function dayTicks(values: readonly number[]): { domain: [number, number]; ticks: number[] } {
  const reach = (v: number) => REACH.find((t) => t >= v) ?? v;
  const domain: [number, number] = [-reach(-Math.min(0, ...values)), reach(Math.max(0, ...values))];
  const ticks = [...TICKS.map((t) => -t).reverse(), 0, ...TICKS].filter((t) => t >= domain[0] && t <= domain[1]);
  return { domain, ticks };
}

function misses(rows: readonly BacktestForecast[]): Miss[] {
  return rows.flatMap((r) => (r.p85 === null ? [] : [{ r, late: daysBetween(r.p85, r.actualRelease) }]));
}

// A backtest makes a forecast per open release every few days: thousands at enterprise scale, a dot
// each too many to see apart and too heavy for the page. Forecasts made the same week ahead whose miss
// falls in the same band (the last day of each below, in days after the P85 date) share a circle,
// sized by their number; a forecast alone keeps its own circle and tooltip.
const BANDS = [-366, -91, -31, -8, -1, 0, 7, 30, 90, 365];
const MAX_R = 12;

/** The band of a miss: its index in BANDS, past the last for over a year late. */
const bandOf = (late: number) => {
  const i = BANDS.findIndex((last) => late <= last);
  return i === -1 ? BANDS.length : i;
};

/** "1–7 days after their P85 date", "on their P85 date", "over 365 days before their P85 date". */
export function bandText(band: number): string {
  const first = band === 0 ? -Infinity : BANDS[band - 1]! + 1;
  const last = BANDS[band] ?? Infinity;
  if (first === 0 && last === 0) return 'on their P85 date';
  const [near, far] = last < 0 ? [-last, -first] : [first, last];
  return `${far === Infinity ? `over ${near - 1}` : `${near}–${far}`} days ${last < 0 ? 'before' : 'after'} their P85 date`;
}

interface MissBin {
  /** The middle forecast of the bin: where its circle sits. */
  middle: Miss;
  members: Miss[];
  week: number;
  band: number;
}

function binned(points: readonly Miss[]): MissBin[] {
  const bins = new Map<string, Miss[]>();
  for (const m of points) {
    const key = `${Math.floor(m.r.daysBefore / 7)}:${bandOf(m.late)}`;
    (bins.get(key) ?? bins.set(key, []).get(key)!).push(m);
  }
  return [...bins.values()].map((members) => {
    const sorted = [...members].sort((a, b) => a.late - b.late || a.r.daysBefore - b.r.daysBefore);
    return { middle: sorted[Math.floor(sorted.length / 2)]!, members: sorted, week: Math.floor(members[0]!.r.daysBefore / 7), band: bandOf(members[0]!.late) };
  });
}

export function binTip(b: MissBin, label: (r: ReleaseRef) => string): string {
  if (b.members.length === 1) return missTip(b.middle, label);
  const names = [...new Set(b.members.map((m) => label(m.r.release)))];
  const some = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${plural(names.length - 3, 'other', 'others')}` : names.join(', ');
  return `${formatCount(b.members.length)} forecasts made ${b.week * 7}–${b.week * 7 + 6} days ahead, released ${bandText(b.band)}: ${some}`;
}

export function missChart(id: string, rows: readonly BacktestForecast[], label: (r: ReleaseRef) => string): RenderedChart {
  const title = 'Actual release against the P85 date, per forecast';
  const points = misses(rows);
  const bins = binned(points);
  const most = Math.max(1, ...bins.map((b) => b.members.length));
  // The radius grows with the square root of the count, from a lone forecast's 3 px to MAX_R for the
  // largest; the largest drawn first, so that the small ones stay on top to hover.
  const r = (b: MissBin) => (most === 1 ? 3 : 3 + ((MAX_R - 3) * (Math.sqrt(b.members.length) - 1)) / (Math.sqrt(most) - 1));
  const reading = missReading(rows, label) + (most > 1 ? ' Forecasts made the same week ahead and missing by about as much share a circle, larger the more they are.' : '');
  const dots = (hit: boolean) =>
    Plot.dot(bins.filter((b) => b.middle.r.hitP85 === hit).sort((a, b) => b.members.length - a.members.length), {
      x: (b: MissBin) => b.middle.r.daysBefore, y: (b: MissBin) => b.middle.late, r, className: hit ? 'bt-hit' : 'bt-miss', fill: 'currentColor', title: (b: MissBin) => binTip(b, label),
    });
  const svg = renderChart(
    {
      width: 720, height: 300, marginLeft: 56, marginBottom: 44,
      x: { label: 'Days before the actual release the forecast was made', grid: true, nice: true, zero: true },
      // Symlog: misses are days, the earliest hits months; a linear scale would flatten the misses onto the zero line.
      y: { type: 'symlog', label: 'Actual release − P85 date (days; above 0: late)', grid: true, ...dayTicks(points.map((m) => m.late)) },
      r: { type: 'identity' },
      marks: [Plot.ruleY([0]), dots(true), dots(false)],
    },
    { id, label: title, description: reading },
  );
  const legend = [{ label: 'Hit: released on or before the P85 date', className: 'bt-hit' }, { label: 'Miss: released after it', className: 'bt-miss' }];
  // Every forecast, not the circles: cheap beside the page, and what a reader checks a circle against.
  const data = {
    columns: ['Release', 'Forecast as of', 'Days ahead', 'P85 date', 'Actual release', 'Days after the P85 date', 'Hit'],
    rows: points.map((m) => [label(m.r.release), m.r.asOf, m.r.daysBefore, m.r.p85, m.r.actualRelease, m.late, m.r.hitP85 ? 'yes' : 'no']),
  };
  return { id, title, reading, legend, svg, data };
}

/** E.g. "9 of 14 releases went out on or before the P85 date forecast for them, 5 after it, the furthest 12 days after (CRM 2025.13 as of 2025-09-23)." */
export function missReading(rows: readonly BacktestForecast[], label: (r: ReleaseRef) => string): string {
  if (rows.length === 0) return 'No backtest forecast was made.';
  const points = misses(rows);
  const late = points.filter((m) => m.late > 0);
  const worst = late.reduce<Miss | null>((a, m) => (a === null || m.late > a.late ? m : a), null);
  const beyond = rows.length - points.length;
  return (
    `${formatCount(rows.length - late.length)} of ${plural(rows.length, 'forecast', 'forecasts')} (${formatPercent(1 - late.length / rows.length)}) had the release on or before the P85 date; ${formatCount(late.length)} had it later` +
    (worst ? `, the furthest ${formatDays(worst.late)} after (${label(worst.r.release)}, forecast as of ${worst.r.asOf})` : '') +
    (beyond ? `; ${plural(beyond, 'forecast', 'forecasts')} put the P85 date beyond the horizon and ${beyond === 1 ? 'is' : 'are'} not drawn` : '') +
    '.'
  );
}
