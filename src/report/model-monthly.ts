// The report model of the monthly status pages (docs/metrics.md#monthly-status): one page per month for
// an executive — headline numbers against the previous month and the 3-month average, red and amber
// projects, what shipped and slipped, risks, next month's plan, lessons. A closed month's page is saved
// as it is (data/snapshots/YYYY-MM.json) and read back by later builds, so its shape is a zod schema:
// the types below are inferred from it and a snapshot is checked against it before any page trusts it.
// Dates are `YYYY-MM-DD`, months `YYYY-MM`. Names, reasons and lesson texts are untrusted text.
import { z } from 'zod';

/** Days after a month's end during which late exports may still change it (config `monthly.graceDays`). */
export const MONTHLY_DEFAULTS = { graceDays: 5 } as const;

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const month = z.string().regex(MONTH);
/** A release or project as the page names it; links are looked up by id when the page is rendered (it may be gone since). */
const ref = z.object({ id: z.string(), name: z.string() }).strict();
const total = z.number().int().min(0);

const kpi = z.object({
  /** The metric id (docs/metrics.md), read from the rows of scope `all` and the month's period. */
  metric: z.string(),
  label: z.string(),
  unit: z.enum(['count', 'ratio', 'days', 'hours']),
  /** Which way is good news; null when neither is (utilisation). */
  better: z.enum(['higher', 'lower']).nullable(),
  /** null: the metric has no row for the month (a ratio or median without a basis). */
  value: z.number().nullable(),
  /** The metric's detail up to its list of rows ("3 of 4 on or before plan"). */
  basis: z.string().nullable(),
  previous: z.number().nullable(),
  /** value − previous; null unless both are known. */
  vsPrevious: z.number().nullable(),
  /** Mean of the three months before, over those that have a value; `averageOf` says how many did. */
  average: z.number().nullable(),
  averageOf: z.number().int().min(0).max(3),
  vsAverage: z.number().nullable(),
}).strict();

/** A red or amber project (an "initiative") or release, with the status rule's reason. */
const rated = z.object({
  id: z.string(),
  name: z.string(),
  /** The release's project; null for projects, and for releases without one. */
  project: ref.nullable(),
  status: z.enum(['red', 'amber']),
  reason: z.string(),
}).strict();

const statuses = z.object({
  /** `build`: this build's statuses (the open month); `snapshot`: the newest status snapshot taken during the month; `none`: no build ran during it. */
  source: z.enum(['build', 'snapshot', 'none']),
  /** As-of date of the statuses; null for `none`. */
  asOf: date.nullable(),
  /** Projects per status; null for `none`. */
  projects: z.object({ red: total, amber: total, green: total }).strict().nullable(),
}).strict();

const shipped = z.object({ release: ref, project: ref.nullable(), planned: date.nullable(), actual: date, slipDays: z.number().nullable() }).strict();
const slipped = z.object({
  release: ref,
  project: ref.nullable(),
  planned: date,
  /** null: not shipped by the as-of date of the page's build. */
  actual: date.nullable(),
  /** Mined reasons (lessons page), or the release's state in words. */
  why: z.string(),
}).strict();
const planned = z.object({
  release: ref,
  project: ref.nullable(),
  planned: date,
  actual: date.nullable(),
  forecastP85: date.nullable(),
  onTimeProbability: z.number().nullable(),
  status: z.enum(['green', 'amber', 'red']).nullable(),
}).strict();
const lesson = z.object({
  id: z.string(), date, project: ref.nullable(), category: z.string(),
  title: z.string().nullable(), impact: z.string().nullable(), action: z.string().nullable(),
}).strict();

/** A list cut to what fits two A4 pages, with how many there are in all. */
const capped = <T extends z.ZodType>(row: T) => z.object({ rows: z.array(row), total }).strict();

const state = z.discriminatedUnion('kind', [
  /** The as-of date lies in the month. */
  z.object({ kind: z.literal('open') }).strict(),
  /** The month has ended but its grace days have not: late exports may still change it. */
  z.object({ kind: z.literal('closing'), freezesAfter: date }).strict(),
  /** Saved by the build as of `buildAsOf` (`frozenOn` is that date too: no wall-clock time, the same exports give the same snapshot). */
  z.object({ kind: z.literal('frozen'), frozenOn: date, buildAsOf: date }).strict(),
]);

export const monthlyPageSchema = z.object({
  month,
  state,
  kpis: z.array(kpi),
  statuses,
  /** Red then amber projects, by name. */
  initiatives: capped(rated),
  /** Red then amber open releases, by name. */
  risks: capped(rated),
  /** Releases that shipped in the month, by date. */
  shipped: capped(shipped),
  /** Releases planned in the month that did not ship on or before their plan. */
  slipped: capped(slipped),
  nextMonth: month,
  /** Releases planned in the next month, by planned date. */
  planned: capped(planned),
  /** Lessons dated in the month, highest impact first, then newest. */
  lessons: capped(lesson),
}).strict();

export type MonthlyPage = z.infer<typeof monthlyPageSchema>;
export type MonthlyKpi = MonthlyPage['kpis'][number];
export type MonthState = MonthlyPage['state'];
export type RatedItem = MonthlyPage['risks']['rows'][number];

export interface MonthlySection {
  /** Days after a month's end before it is frozen (config `monthly.graceDays`). */
  graceDays: number;
  /** Every month from the first with a headline number to the as-of month (and every frozen one), newest first. */
  months: MonthlyPage[];
  /** Months this build froze: their snapshots are written once the site has been swapped in. */
  toFreeze: string[];
}
