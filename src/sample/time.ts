// Calendar arithmetic and the date spellings of each tool, all in UTC with fixed month names, so that
// nothing depends on the machine's time zone or locale. Days are whole days since 1970-01-01;
// instants are whole minutes since 1970-01-01T00:00Z.

export type Day = number;
export type Minute = number;

const MS_PER_DAY = 86_400_000;
export const MINUTES_PER_DAY = 1440;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function day(iso: string): Day {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

function parts(d: Day): { y: number; m: number; d: number } {
  const date = new Date(d * MS_PER_DAY);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

/** Monday = 0 … Sunday = 6. */
export function weekday(d: Day): number {
  return (((d + 3) % 7) + 7) % 7;
}

export const isWeekend = (d: Day) => weekday(d) >= 5;
export const mondayOf = (d: Day) => d - weekday(d);

/** The next working day on or after `d`. */
export function workday(d: Day): Day {
  let x = d;
  while (isWeekend(x)) x++;
  return x;
}

/** The first day of the month `months` after the month of `d`. */
export function monthStart(d: Day, months = 0): Day {
  const p = parts(d);
  return Date.UTC(p.y, p.m - 1 + months, 1) / MS_PER_DAY;
}

export const at = (d: Day, hour: number, minute = 0): Minute => d * MINUTES_PER_DAY + hour * 60 + minute;
export const dayOf = (m: Minute): Day => Math.floor(m / MINUTES_PER_DAY);

// ---- spellings ----

/** 2026-03-01 */
export function isoDate(d: Day): string {
  const p = parts(d);
  return `${p.y}-${pad(p.m)}-${pad(p.d)}`;
}

/** 2026-03 */
export const isoMonth = (d: Day) => isoDate(d).slice(0, 7);

function clock(m: Minute): { d: Day; h: number; min: number } {
  const d = dayOf(m);
  const rest = m - d * MINUTES_PER_DAY;
  return { d, h: Math.floor(rest / 60), min: rest % 60 };
}

/** 2026-03-01T10:00:00Z */
export function isoInstant(m: Minute): string {
  const c = clock(m);
  return `${isoDate(c.d)}T${pad(c.h)}:${pad(c.min)}:00Z`;
}

/** ServiceNow's default: 2026-03-01 10:00:00 */
export function snowTime(m: Minute): string {
  const c = clock(m);
  return `${isoDate(c.d)} ${pad(c.h)}:${pad(c.min)}:00`;
}

/** Jira Cloud's default `dd/MMM/yy h:mm a`: 22/Sep/25 9:26 AM */
export function jiraCloudTime(m: Minute): string {
  const c = clock(m);
  const p = parts(c.d);
  const h12 = c.h % 12 === 0 ? 12 : c.h % 12;
  return `${pad(p.d)}/${MONTHS[p.m - 1]}/${pad(p.y % 100)} ${h12}:${pad(c.min)} ${c.h < 12 ? 'AM' : 'PM'}`;
}

/** A Jira Server/Data Center instance set to `d/MMM/yy HH:mm`: 3/Nov/20 12:17 */
export function jiraServerTime(m: Minute): string {
  const c = clock(m);
  const p = parts(c.d);
  return `${p.d}/${MONTHS[p.m - 1]}/${pad(p.y % 100)} ${pad(c.h)}:${pad(c.min)}`;
}

/** Jira's `userReleaseDate`: 05/Oct/07 */
export function jiraUserDate(d: Day): string {
  const p = parts(d);
  return `${pad(p.d)}/${MONTHS[p.m - 1]}/${pad(p.y % 100)}`;
}

/** ISO week-numbering year and week of `d`. */
export function isoWeek(d: Day): { year: number; week: number } {
  const thursday = mondayOf(d) + 3;
  const year = parts(thursday).y;
  const jan1 = day(`${year}-01-01`);
  return { year, week: Math.floor((thursday - jan1) / 7) + 1 };
}
