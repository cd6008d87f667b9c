// Frozen months (docs/metrics.md#monthly-status): once a month has closed — the as-of date is past its
// last day plus the grace days — its page is saved as `<dir>/YYYY-MM.json` and every later build shows
// that file instead of recomputing, so later exports (a late correction, a re-dated release) cannot
// change what executives read. `--refreeze YYYY-MM` recomputes one month on purpose. The default folder
// is `snapshots/` beside the database, the parent of the status snapshots' folder.
import fs from 'node:fs';
import path from 'node:path';
import { addDays, daysInMonth, monthRange } from '../metrics/periods.ts';
import { MONTH, monthlyPageSchema, type MonthlyPage, type MonthlySection, type MonthState } from './model-monthly.ts';
import { allScope, MONTHLY_KPIS, monthlyPage, type MonthlyInputs, type StatusSource } from './monthly-page.ts';
import { readSnapshotFile, writeSnapshotFile } from './snapshot-file.ts';
import { readStatusSnapshot, snapshotDates, statusSnapshot } from './status-history.ts';
import type { PortfolioModel } from './model-portfolio.ts';

/** The folder frozen months go to when no option names one: `snapshots/` beside the database file. */
export const defaultMonthlyDir = (dbFile: string): string => path.join(path.dirname(path.resolve(dbFile)), 'snapshots');

const FILE = /^(\d{4}-\d{2})\.json$/;

/** The month's last day plus the grace days: the month is frozen by the first build as of a later date. */
export const freezesAfter = (month: string, graceDays: number): string => addDays(`${month}-${String(daysInMonth(month)).padStart(2, '0')}`, graceDays);

/** Whether the month is open, closing (ended, within its grace days) or closed, on `asOf`. */
export function monthPhase(month: string, asOf: string, graceDays: number): 'open' | 'closing' | 'closed' {
  if (asOf > freezesAfter(month, graceDays)) return 'closed';
  return asOf > freezesAfter(month, 0) ? 'closing' : 'open';
}

/** The months frozen in `dir`, oldest first. */
export function frozenMonths(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).map((f) => FILE.exec(f)?.[1]).filter((m): m is string => m !== undefined && MONTH.test(m)).sort();
}

/** The frozen page of `month`, checked: a damaged or foreign file fails the build, naming the file. */
export function readMonthlySnapshot(dir: string, month: string): MonthlyPage {
  const file = path.join(dir, `${month}.json`);
  const page = readSnapshotFile(file, monthlyPageSchema, 'a frozen monthly page');
  if (page.month !== month || page.state.kind !== 'frozen') {
    throw new Error(`${file}: holds ${page.state.kind} month ${page.month}, not frozen month ${month}; delete it, restore it from a backup, or rebuild with --refreeze ${month}`);
  }
  return page;
}

export function writeMonthlySnapshot(dir: string, page: MonthlyPage): string {
  return writeSnapshotFile(path.join(dir, `${page.month}.json`), page);
}

export interface MonthlyOptions {
  asOf: string;
  graceDays: number;
  /** Folder of the frozen months; none: nothing frozen is read (every closed month is computed and offered for freezing). */
  monthlyDir?: string;
  /** Folder of the status snapshots that give past months their statuses; none: past months have none. */
  statusDir?: string;
  /** A closed month to recompute and freeze again, whatever its snapshot says. */
  refreeze?: string;
}

/** Statuses of a month: this build's for the open month, else the newest status snapshot taken during it. */
function statusSource(month: string, opts: MonthlyOptions, portfolio: PortfolioModel, taken: readonly string[]): StatusSource {
  if (opts.asOf.startsWith(month)) return { source: 'build', snapshot: statusSnapshot(portfolio, opts.asOf) };
  const newest = taken.filter((d) => d.startsWith(month)).pop();
  return newest ? { source: 'snapshot', snapshot: readStatusSnapshot(opts.statusDir!, newest) } : { source: 'none', snapshot: null };
}

/** The months with a page: from the first with a headline number to the as-of month, and every frozen one before. */
function pageMonths(input: MonthlyInputs, frozen: readonly string[]): string[] {
  const ids = new Set(MONTHLY_KPIS.map((k) => k.metric));
  const last = input.asOf.slice(0, 7);
  const first = input.metrics
    .filter((r) => r.scope_kind === 'all' && ids.has(r.metric) && MONTH.test(r.period) && r.period <= last)
    .reduce((m, r) => (r.period < m ? r.period : m), last);
  return [...new Set([...frozen.filter((m) => m <= last), ...monthRange(first, last)])].sort();
}

export function monthlySection(input: MonthlyInputs, portfolio: PortfolioModel, opts: MonthlyOptions): MonthlySection {
  const frozen = opts.monthlyDir ? frozenMonths(opts.monthlyDir) : [];
  const months = pageMonths(input, frozen);
  const r = opts.refreeze;
  if (r !== undefined && !months.includes(r)) throw new Error(`--refreeze ${r}: no such month (the pages run from ${months[0]} to ${months[months.length - 1]})`);
  if (r !== undefined && monthPhase(r, opts.asOf, opts.graceDays) !== 'closed') {
    throw new Error(`--refreeze ${r}: the month is not closed yet (it freezes after ${freezesAfter(r, opts.graceDays)}); only a frozen month can be refrozen`);
  }
  const taken = opts.statusDir ? snapshotDates(opts.statusDir) : [];
  const values = allScope(input.metrics);
  const toFreeze: string[] = [];
  const pages = months.map((month): MonthlyPage => {
    const phase = monthPhase(month, opts.asOf, opts.graceDays);
    if (phase === 'closed' && frozen.includes(month) && month !== opts.refreeze) return readMonthlySnapshot(opts.monthlyDir!, month);
    const state: MonthState = phase === 'open' ? { kind: 'open' }
      : phase === 'closing' ? { kind: 'closing', freezesAfter: freezesAfter(month, opts.graceDays) }
      : { kind: 'frozen', frozenOn: opts.asOf, buildAsOf: opts.asOf };
    if (phase === 'closed') toFreeze.push(month);
    return monthlyPage(input, month, state, statusSource(month, opts, portfolio, taken), values);
  });
  return { graceDays: opts.graceDays, months: pages.reverse(), toFreeze };
}
