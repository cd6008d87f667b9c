// Local calendar arithmetic for the environment and quality metrics: stored UTC instants read on the
// configured time zone's clock, ISO week ranges, and hours spread evenly over inclusive day ranges.
import { addDays, daysBetween, isoWeekOf } from './periods.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface Week {
  /** `YYYY-Www` */
  week: string;
  /** The week's Monday, `YYYY-MM-DD`. */
  monday: string;
}

const clocks = new Map<string, Intl.DateTimeFormat>();
/** Zone → quarter hour → offset: every zone changes its offset on a quarter hour, and Intl is slow. */
const offsets = new Map<string, Map<number, number>>();
const QUARTER_MS = HOUR_MS / 4;

/**
 * An instant (`YYYY-MM-DDTHH:MM:SSZ`) as the time zone's wall clock shows it, in milliseconds on a
 * zone-free scale (so that a local day is always 24 hours long, daylight saving or not).
 */
export function wallClock(instant: string, timeZone: string): number {
  const t = Date.parse(instant);
  if (timeZone === 'UTC') return t;
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map()));
  const quarter = Math.floor(t / QUARTER_MS);
  const known = zone.get(quarter);
  if (known !== undefined) return t + known;
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    clocks.set(timeZone, clock);
  }
  const p = Object.fromEntries(clock.formatToParts(t).map((x) => [x.type, Number(x.value)]));
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  zone.set(quarter, wall - t);
  return wall;
}

/** The calendar day of a wall-clock time. */
export const dayOf = (wall: number): string => new Date(wall).toISOString().slice(0, 10);

/** The calendar day an instant (`YYYY-MM-DDTHH:MM:SSZ`) falls on in the time zone. */
export const localDay = (instant: string, timeZone: string): string =>
  // In UTC, the instant's own first ten characters: most builds, and no date arithmetic per row.
  timeZone === 'UTC' ? instant.slice(0, 10) : dayOf(wallClock(instant, timeZone));

/** The first moment of a day on the wall-clock scale. */
export const dayStart = (date: string): number => Date.parse(`${date}T00:00:00Z`);

/** Hours of the wall-clock interval [a, b) inside [from, to). */
export function overlapHours(a: number, b: number, from: number, to: number): number {
  return Math.max(0, Math.min(b, to) - Math.max(a, from)) / HOUR_MS;
}

export const WEEK_MS = 7 * DAY_MS;

export function mondayOf(date: string): string {
  return addDays(date, -((new Date(dayStart(date)).getUTCDay() + 6) % 7));
}

export function weekOf(date: string): Week {
  return { week: isoWeekOf(date), monday: mondayOf(date) };
}

/** Every ISO week from the one holding `first` to the one holding `last`. */
export function weekRange(first: string, last: string): Week[] {
  const out: Week[] = [];
  for (let m = mondayOf(first); m <= last; m = addDays(m, 7)) out.push({ week: isoWeekOf(m), monday: m });
  return out;
}

/** The week holding `date` and the `count − 1` after it. */
export function weeksFrom(date: string, count: number): Week[] {
  const monday = mondayOf(date);
  return Array.from({ length: count }, (_, i) => weekOf(addDays(monday, 7 * i)));
}

/** Each day from `first` to `last` inclusive. */
export function eachDay(first: string, last: string): string[] {
  return Array.from({ length: daysBetween(first, last) + 1 }, (_, i) => addDays(first, i));
}

/** `hours` spread evenly over the days `first`…`last` (inclusive) and summed per ISO week (keyed by the Monday) into `into`. */
export function spreadByWeek(into: Map<string, number>, hours: number, first: string, last: string): void {
  const days = daysBetween(first, last) + 1;
  let d = first;
  while (d <= last) {
    const monday = mondayOf(d);
    const weekEnd = addDays(monday, 6);
    const until = weekEnd < last ? weekEnd : last;
    const share = (daysBetween(d, until) + 1) / days;
    into.set(monday, (into.get(monday) ?? 0) + hours * share);
    d = addDays(until, 1);
  }
}
