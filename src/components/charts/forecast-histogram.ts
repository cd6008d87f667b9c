// A release forecast's trials by ISO week of their completion date, with its planned date and its P50,
// P85 and P95 dates as rules. Each rule's label has a row of its own above the frame: the dates often
// fall on one day (a release that goes out on its plan), and labels side by side would overprint.
import * as Plot from '@observablehq/plot';
import { addDays } from '../../metrics/periods.ts';
import type { ReleaseForecast } from '../../report/model-forecasts.ts';
import { formatCount } from '../format.ts';
import { formatChance } from '../forecast-tables.ts';
import { plural } from '../format.ts';
import { renderChart, type RenderedChart } from './render.ts';
import { dayEnd, dayStart } from './time.ts';

export type HistogramForecast = Pick<ReleaseForecast, 'release' | 'plannedRelease' | 'p50' | 'p85' | 'p95' | 'horizon' | 'beyondHorizon' | 'onTimeProbability' | 'histogram'>;
type Week = ReleaseForecast['histogram'][number];

interface Marker {
  /** Drawn above the rule. */
  label: string;
  /** In the legend. */
  name: string;
  date: string;
  className: string;
  /** Dashes tell the rules apart without their colour. */
  dash?: string;
  tip: string;
}

const ROW = 13;
export const IMAGE_LABEL = 'Histogram of the trials by week of completion';
const WEEK_MS = 7 * 86_400_000;

/** The planned date and the quantiles a forecast reached, as rules; a date "by" which trials are done is drawn at that day's end. */
export function markers(f: HistogramForecast): Marker[] {
  const out: Marker[] = [];
  if (f.plannedRelease !== null) {
    const tip = `Planned release: ${f.plannedRelease} (${formatChance(f.onTimeProbability)} of trials done by then)`;
    out.push({ label: 'Plan', name: 'Planned release', date: f.plannedRelease, className: 'fc-plan', dash: '5 3', tip });
  }
  for (const [p, date] of [[50, f.p50], [85, f.p85], [95, f.p95]] as const) {
    if (date !== null) out.push({ label: `P${p}`, name: `P${p}: ${p}% of trials done`, date, className: `fc-p${p}`, ...(p === 95 ? { dash: '2 2' } : {}), tip: `P${p}: ${date} (${p}% of trials done by then)` });
  }
  return out;
}

export function weekTip(w: Week, trials: number): string {
  return `${w.week} (from ${w.monday}): ${plural(w.trials, 'trial', 'trials')} (${formatChance(w.trials / trials)})`;
}

/** `trials`: how many the forecast ran (trials beyond the horizon are in no week). */
export function histogramChart(id: string, title: string, f: HistogramForecast, trials: number): RenderedChart {
  const reading = histogramReading(f, trials);
  const rules = markers(f);
  const weeks = f.histogram.map((w) => ({ w, x1: dayStart(w.monday), x2: dayEnd(addDays(w.monday, 6)), share: (100 * w.trials) / trials }));
  // Whole days: a planned date before the first week (an overdue release) still shows as a day.
  const times = [...weeks.flatMap((b) => [b.x1, b.x2]), ...rules.flatMap((m) => [dayStart(m.date), dayEnd(m.date)])].map((d) => d.getTime());
  // A week's room either side: a forecast that lands in one week would otherwise fill the frame.
  const domain = times.length ? [new Date(Math.min(...times) - WEEK_MS), new Date(Math.max(...times) + WEEK_MS)] : undefined;
  const svg = renderChart(
    {
      width: 720, height: 230 + ROW * rules.length, marginLeft: 56, marginRight: 36, marginBottom: 44, marginTop: 10 + ROW * rules.length,
      // Whole pixels: a two-year histogram has a hundred bars, and their coordinates' decimals would weigh more than the bars.
      x: { type: 'utc', label: 'Week of completion', domain, round: true },
      y: { label: 'Share of trials (%)', labelAnchor: 'center', round: true, grid: true, nice: true, zero: true, tickFormat: (v: number) => `${v}%` },
      marks: [
        Plot.rectY(weeks.filter((b) => b.w.trials > 0), {
          x1: 'x1', x2: 'x2', y1: 0, y2: 'share', insetLeft: 0.5, insetRight: 0.5, className: 'fill-1', fill: 'currentColor', title: (b: { w: Week }) => weekTip(b.w, trials),
        }),
        Plot.ruleY([0]),
        ...rules.flatMap((m, row) => [
          Plot.ruleX([m], { x: (r: Marker) => dayEnd(r.date), className: m.className, stroke: 'currentColor', strokeWidth: 2, strokeDasharray: m.dash, title: (r: Marker) => r.tip }),
          Plot.text([m], {
            x: (r: Marker) => dayEnd(r.date), text: 'label', frameAnchor: 'top', lineAnchor: 'bottom', textAnchor: 'start', dx: 3, dy: -3 - ROW * (rules.length - 1 - row),
            className: m.className, fill: 'currentColor',
          }),
        ]),
      ],
    },
    // Not the title, which names the release: in an attribute the serializer escapes only quotes, so a hostile name's
    // `<script>` would stand in the HTML (inert, but what every scanner flags). The page shows the title as text.
    { id, label: IMAGE_LABEL, description: reading },
  );
  const legend = [{ label: 'Trials done that week', className: 'fill-1' }, ...rules.map((m) => ({ label: `${m.name} (${m.date})`, className: m.className }))];
  const data = { columns: ['Week', 'Monday', 'Trials done', 'Share of trials'], rows: f.histogram.map((w) => [w.week, w.monday, w.trials, w.trials / trials]) };
  return { id, title, reading, legend, svg, data };
}

/** E.g. "Of 10,000 trials, half are done by 2026-04-06, 85% by 2026-04-09 and 95% by 2026-04-11; 0% by the planned 2026-03-20. …" */
export function histogramReading(f: HistogramForecast, trials: number): string {
  const q = (share: string, date: string | null) => (date === null ? `${share} only after ${f.horizon}, the horizon` : `${share} by ${date}`);
  const plan = f.plannedRelease === null ? 'it has no planned date' : `${formatChance(f.onTimeProbability)} by the planned ${f.plannedRelease}`;
  const most = f.histogram.reduce<Week | null>((a, w) => (a === null || w.trials > a.trials ? w : a), null);
  const peak = most === null ? ' No trial is done within the horizon.' : ` The most finish in ${most.week}, from ${most.monday} (${formatCount(most.trials)}, ${formatChance(most.trials / trials)}).`;
  const beyond = f.beyondHorizon ? ` ${formatChance(f.beyondHorizon)} are not done by ${f.horizon}, the horizon.` : '';
  return `Of ${plural(trials, 'trial', 'trials')}, ${q('half are done', f.p50)}, ${q('85%', f.p85)} and ${q('95%', f.p95)}; ${plan}.${peak}${beyond}`;
}
