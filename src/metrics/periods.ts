// Calendar periods of the metrics export: months `YYYY-MM`, ISO weeks `YYYY-Www`, quarters `YYYY-Qn`.
// Dates are ISO strings `YYYY-MM-DD` (calendar days in the configured time zone).

const DAY_MS = 86_400_000;

// The metrics turn the same few thousand dates into day numbers and back millions of times at
// enterprise scale (a Date and its ISO text each time: over a second of a build's critical path), so
// both directions are remembered. Emptied when large: only a program passing many distinct instants fills them.
const CACHE_LIMIT = 100_000;
const epochMs = new Map<string, number>();
const isoDay = new Map<number, string>();

function utc(date: string): number {
  let t = epochMs.get(date);
  if (t === undefined) {
    t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
    if (epochMs.size >= CACHE_LIMIT) epochMs.clear();
    epochMs.set(date, t);
  }
  return t;
}

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((utc(b) - utc(a)) / DAY_MS);
}

export function addDays(date: string, days: number): string {
  const t = utc(date) + days * DAY_MS;
  let day = isoDay.get(t);
  if (day === undefined) {
    day = new Date(t).toISOString().slice(0, 10);
    if (isoDay.size >= CACHE_LIMIT) isoDay.clear();
    isoDay.set(t, day);
  }
  return day;
}

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/** ISO 8601 week (Monday–Sunday) of a date, e.g. `2026-W09`. */
export function isoWeekOf(date: string): string {
  const t = new Date(utc(date));
  const dow = (t.getUTCDay() + 6) % 7; // Monday = 0
  t.setUTCDate(t.getUTCDate() - dow + 3); // the week's Thursday decides its year
  const year = t.getUTCFullYear();
  const week = 1 + Math.floor((t.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Every month from `first` to `last` inclusive (`YYYY-MM`). */
export function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  let y = Number(first.slice(0, 4));
  let m = Number(first.slice(5, 7));
  const endY = Number(last.slice(0, 4));
  const endM = Number(last.slice(5, 7));
  while (y < endY || (y === endY && m <= endM)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** Days in a month `YYYY-MM`. */
export function daysInMonth(month: string): number {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
}
