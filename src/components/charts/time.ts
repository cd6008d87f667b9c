// Calendar days on a time scale: a day `YYYY-MM-DD` is the span from its first instant (UTC) to the
// next day's, so a one-day release still has a width and an inclusive end date reads right.
import { addDays } from '../../metrics/periods.ts';

export function dayStart(date: string): Date {
  return new Date(`${date.slice(0, 10)}T00:00:00Z`);
}

/** The first instant after the day. */
export function dayEnd(date: string): Date {
  return dayStart(addDays(date.slice(0, 10), 1));
}
