// How numbers, dates and months read on the site: pinned to English so the same model gives the same
// bytes on every machine, whatever its locale.

export const MISSING = '—';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `12,873`; `—` for null. */
export function formatCount(n: number | null): string {
  return n === null ? MISSING : integer.format(n);
}

/** `4.5`; `—` for null. */
export function formatNumber(n: number | null): string {
  return n === null ? MISSING : decimal.format(n);
}

/** `1 day`, `-3 days`, `2.5 days`; `—` for null. */
export function formatDays(n: number | null): string {
  return n === null ? MISSING : `${decimal.format(n)} ${Math.abs(n) === 1 ? 'day' : 'days'}`;
}

/** A ratio as a whole percentage (`0.8333` → `83%`); `—` for null. */
export function formatPercent(ratio: number | null): string {
  return ratio === null ? MISSING : `${integer.format(ratio * 100)}%`;
}

/** `YYYY-MM` → `Mar 2026`. */
export function formatMonth(month: string): string {
  const { year, index } = parseMonth(month);
  return `${MONTHS[index]} ${year}`;
}

/** `YYYY-MM` → the first instant of that month (UTC), for time scales. */
export function monthStart(month: string): Date {
  const { year, index } = parseMonth(month);
  return new Date(Date.UTC(year, index, 1));
}

/** `YYYY-MM` → the first instant of the next month (UTC): where the month ends on a time scale. */
export function monthEnd(month: string): Date {
  const { year, index } = parseMonth(month);
  return new Date(Date.UTC(year, index + 1, 1));
}

/** An instant as people read it, in UTC as the exports give it: `2026-03-30 21:00 UTC`; `—` for null. */
export function formatInstant(iso: string | null): string {
  return iso === null ? MISSING : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** An ISO date or instant shown as its calendar date (`2026-03-31`); `—` for null. */
export function formatDate(iso: string | null): string {
  return iso === null ? MISSING : iso.slice(0, 10);
}

function parseMonth(month: string): { year: number; index: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const index = m ? Number(m[2]) - 1 : -1;
  if (!m || index < 0 || index > 11) throw new Error(`not a month (YYYY-MM): ${month}`);
  return { year: Number(m[1]), index };
}

/** A count with its noun, singular for exactly one: `1 change`, `1,204 changes`. */
export const plural = (n: number, one: string, many = `${one}s`): string => `${formatCount(n)} ${n === 1 ? one : many}`;
