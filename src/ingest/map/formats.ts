// Date formats of real exports, and their detection per file: each candidate is tried on a sample of
// the file's date values in DuckDB; the one that reads them all wins. When both day-first and
// month-first read every value (no day above 12), the configured order settles it and a warning says so.
import type { Db } from '../../db/duckdb.ts';
import { lit } from '../../db/duckdb.ts';

export interface FormatFamily {
  /** Formats tried in order, e.g. with and without seconds. */
  formats: string[];
  /** Which order the day and month come in, when both are numbers. */
  order?: 'dmy' | 'mdy';
}

const TIMES = [' %I:%M %p', ' %I:%M:%S %p', ' %H:%M', ' %H:%M:%S', ''];
const withTimes = (date: string) => TIMES.map((t) => date + t);

/**
 * Candidate families, most specific first. ISO 8601 is handled natively and not listed. Two-digit
 * years come before four-digit ones: `%Y` also reads `25` (as the year 25), `%y` never reads `2025`.
 */
export const DATE_FAMILIES: readonly FormatFamily[] = [
  { formats: [...withTimes('%d/%b/%y'), ...withTimes('%d/%b/%Y')] }, // Jira: 11/May/24 03:26 PM
  { formats: [...withTimes('%d-%b-%y'), ...withTimes('%d-%b-%Y')] }, // 11-May-2024
  { formats: [...withTimes('%Y-%m-%d'), ...withTimes('%Y/%m/%d')] },
  { formats: [...withTimes('%m/%d/%y'), ...withTimes('%m/%d/%Y')], order: 'mdy' },
  { formats: [...withTimes('%d/%m/%y'), ...withTimes('%d/%m/%Y')], order: 'dmy' },
  { formats: [...withTimes('%d.%m.%y'), ...withTimes('%d.%m.%Y')], order: 'dmy' },
  { formats: [...withTimes('%d-%m-%y'), ...withTimes('%d-%m-%Y')], order: 'dmy' },
  { formats: [...withTimes('%m-%d-%Y')], order: 'mdy' },
];

const TOKENS: Record<string, string> = {
  '%d': 'dd', '%m': 'MM', '%b': 'MMM', '%y': 'yy', '%Y': 'yyyy', '%H': 'HH', '%I': 'h', '%M': 'mm',
  '%S': 'ss', '%p': 'a', '%z': 'Z',
};

/** `%d/%b/%y %I:%M %p` → `dd/MMM/yy h:mm a`, the way tools document their formats. */
export function describeFormat(format: string): string {
  return format.replace(/%[a-zA-Z]/g, (t) => TOKENS[t] ?? t);
}

export interface Detected {
  /** Formats to try, the ones the sample uses most first; empty means ISO 8601. */
  formats: string[];
  /** The format most sampled values are written in, for messages (absent for ISO 8601). */
  usual?: string;
  /** Both day-first and month-first read every value. */
  ambiguous: boolean;
  /** Values in the sample no candidate read. */
  unread: number;
  sample: number;
}

/**
 * Finds the date format of `columns` (SQL expressions over `table`) from a sample of their values.
 * `dayFirst` settles day/month ambiguity (default month-first, the usual US export setting).
 */
export async function detectDateFormat(db: Db, table: string, columns: readonly string[], dayFirst?: boolean): Promise<Detected> {
  if (columns.length === 0) return { formats: [], ambiguous: false, unread: 0, sample: 0 };
  const values = columns.map((c) => `SELECT trim(${c}) AS v FROM ${table} WHERE nullif(trim(${c}), '') IS NOT NULL`).join(' UNION ALL ');
  // Materialized: inlined, DuckDB evaluates the sample's union for every count.
  const sample = `WITH s AS MATERIALIZED (SELECT v FROM (${values}) LIMIT 2000)`;
  const isoCount = `count(*) FILTER (WHERE TRY_CAST(v AS TIMESTAMPTZ) IS NOT NULL)`;
  const [first] = await db.all<{ n: number; iso: number }>(`${sample} SELECT count(*)::INTEGER AS n, (${isoCount})::INTEGER AS iso FROM s`);
  const n = first?.n ?? 0;
  if (n === 0) return { formats: [], ambiguous: false, unread: 0, sample: 0 };
  const iso = first?.iso ?? 0;
  // A family wins only by reading more values than ISO 8601 does: when ISO reads them all, none can.
  // Most exports write ISO dates, and trying the ~80 other formats on the sample took ~0.1 s a file.
  if (iso === n) return { formats: [], ambiguous: false, unread: 0, sample: n };
  const familyCounts = DATE_FAMILIES.map(
    (fam, i) => `(count(*) FILTER (WHERE TRY_STRPTIME(v, [${fam.formats.map(lit).join(', ')}]) IS NOT NULL))::INTEGER AS f${i}`,
  );
  const [row] = await db.all<Record<string, number>>(`${sample} SELECT ${familyCounts.join(', ')} FROM s`);
  let best = -1;
  let bestCount = iso;
  DATE_FAMILIES.forEach((_, i) => {
    const c = row?.[`f${i}`] ?? 0;
    if (c > bestCount) {
      best = i;
      bestCount = c;
    }
  });
  if (best < 0) return { formats: [], ambiguous: false, unread: n - iso, sample: n };
  const fam = DATE_FAMILIES[best]!;
  let formats = fam.formats;
  let ambiguous = false;
  if (fam.order) {
    // Is the other order just as good? Then the values never show which is which.
    const twin = DATE_FAMILIES.findIndex((g, i) => i !== best && g.order && g.order !== fam.order && g.formats[0]!.slice(2, 3) === fam.formats[0]!.slice(2, 3));
    if (twin >= 0 && (row?.[`f${twin}`] ?? 0) === bestCount) {
      ambiguous = true;
      const want = dayFirst ? 'dmy' : 'mdy';
      if (fam.order !== want) formats = DATE_FAMILIES[twin]!.formats;
    }
  }
  // Errors name the format most values use, which need not be the first one tried (see DATE_FAMILIES).
  const [hits] = await db.all<Record<string, number>>(
    `${sample} SELECT ${formats.map((fm, i) => `(count(*) FILTER (WHERE TRY_STRPTIME(v, ${lit(fm)}) IS NOT NULL))::INTEGER AS h${i}`).join(', ')} FROM s`,
  );
  const count = (i: number) => hits?.[`h${i}`] ?? 0;
  let usual = 0;
  formats.forEach((_, i) => {
    if (count(i) > count(usual)) usual = i;
  });
  // Tried in the order the sample uses them: a format that fails costs DuckDB ten times one that
  // reads. Within one year width the formats never read the same text (a time or seconds are there
  // or not), so the order changes no value; two-digit years stay first (see DATE_FAMILIES).
  const width = (fm: string) => (fm.includes('%y') ? 0 : 1);
  const tried = formats.map((fm, i) => ({ fm, i })).sort((a, b) => width(a.fm) - width(b.fm) || count(b.i) - count(a.i) || a.i - b.i).map((x) => x.fm);
  return { formats: tried, usual: formats[usual], ambiguous, unread: n - bestCount, sample: n };
}
