// The date format of a CSV export's date columns, found once per file (tools write dates in the
// instance's or the user's format), with the config's say when the file cannot tell. Every adapter
// that reads dates as text goes through here.
import { describeFormat, detectDateFormat } from './formats.ts';
import type { ParseOptions } from './convert.ts';
import type { FileContext } from '../context.ts';

export interface DateColumn {
  /** Header name, for messages. */
  name: string;
  /** SQL reading the raw text. */
  sql: string;
}

/**
 * How `columns` of `relation` write their dates: strptime formats (none for ISO 8601) and the one most
 * values use, for messages. A file rule's `dateFormat` wins; otherwise the format is detected, and the
 * user told when day and month order was a guess, or when no known format reads the values.
 * `expectIso`: the format promises ISO 8601 (canonical files), so any other format is worth a warning.
 */
export async function fileDateFormats(
  ctx: FileContext,
  relation: string,
  columns: readonly DateColumn[],
  opts: { expectIso?: boolean } = {},
): Promise<Pick<ParseOptions, 'formats' | 'usual'>> {
  if (ctx.rule?.dateFormat) return { formats: [ctx.rule.dateFormat] };
  const dayFirst = ctx.rule?.dayFirst ?? ctx.config.dayFirst;
  const found = await detectDateFormat(ctx.db, relation, columns.map((c) => c.sql), dayFirst);
  const names = columns.map((c) => c.name).join(', ');
  const usual = found.usual ?? found.formats[0];
  if (found.ambiguous) {
    const order = dayFirst ? 'day first (dd/MM)' : 'month first (MM/dd)';
    const why = dayFirst === undefined ? 'the default, as the config does not set "dayFirst"' : 'as the config\'s "dayFirst" says';
    ctx.warn(
      'ambiguous-date',
      `${names}: no value shows whether the day or the month comes first; read ${order}, ${why}, as ${describeFormat(usual!)}. Set "dayFirst": ${!dayFirst} in the config (or in a "sources" rule for this file) if that is wrong.`,
    );
  } else if (opts.expectIso && usual) {
    ctx.warn('date-format', `${names}: dates are not ISO 8601 (YYYY-MM-DD): read as ${describeFormat(usual)}`);
  }
  if (found.formats.length === 0 && found.unread === found.sample && found.sample > 0) {
    const [example] = await ctx.db.all<{ v: string }>(
      `SELECT v FROM (${columns.map((c) => `SELECT trim(${c.sql}) AS v FROM ${relation}`).join(' UNION ALL ')}) WHERE nullif(v, '') IS NOT NULL LIMIT 1`,
    );
    ctx.warn(
      'date-format',
      `${names}: no known date format reads these dates (e.g. ${JSON.stringify(example?.v ?? '')}); name it in the config with "sources": [{"match": …, "dateFormat": "%d/%m/%Y %H:%M"}]`,
    );
  }
  return found.formats.length ? { formats: found.formats, usual } : {};
}
