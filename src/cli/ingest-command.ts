// `almanac ingest`: runs the pipeline and reports — a summary table on a terminal, or one JSON object.
import { ingest, type IngestSummary } from '../ingest/pipeline.ts';
import { formatLocation } from '../ingest/errors.ts';
import { ADAPTERS } from '../ingest/sources/index.ts';
import type { Command } from './commands.ts';
import { dateOption, UsageError } from './options.ts';
import { DEFAULTS } from './defaults.ts';
import { PSEUDONYMIZE_KINDS, type PseudonymizeKind } from '../ingest/pseudonymize.ts';

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}

export function formatSummary(s: IngestSummary): string {
  const out: string[] = [];
  const rows = [['file', 'adapter', 'records', 'rows', 'rejected']];
  for (const f of s.files) rows.push([f.path, f.adapter ?? '?', String(f.records), String(f.rows), String(f.rejected)]);
  out.push(table(rows));
  if (s.skipped.length) out.push('', `Skipped (not exports): ${s.skipped.join(', ')}`);
  if (s.warnings.length) {
    out.push('', `Warnings (${s.warnings.length}):`);
    for (const w of s.warnings) out.push(`  ${w.path ? `${w.path}: ` : ''}${w.message}${w.count > 1 && w.code === 'unmapped-value' ? ` [${w.count} rows]` : ''}`);
  }
  if (s.rejects.length) {
    out.push('', 'Rejected values (first of each file):');
    for (const r of s.rejects) {
      out.push(`  ${formatLocation({ file: r.path, line: r.line ?? undefined, pointer: r.pointer ?? undefined, field: r.field ?? undefined, value: r.value ?? undefined, expected: r.expected })}`);
    }
  }
  if (s.errors.length) {
    out.push('', `Errors (${s.errors.length}):`);
    for (const e of s.errors) out.push(`  ${e}`);
    out.push('', `${s.db} was NOT replaced: the previous database is unchanged.`);
  } else {
    const total = s.files.reduce((n, f) => n + f.rows, 0);
    out.push('', `${s.db} replaced: ${total} rows from ${s.files.length} files, as of ${s.asOf ?? 'unknown (no dated events)'}.`);
  }
  return out.join('\n');
}

export const ingestCommand: Command = {
  name: 'ingest',
  usage: 'ingest [FILE|DIR …] [--db FILE] [--config FILE] [--as-of DATE] [--max-reject-ratio R] [--pseudonymize people] [--json]',
  summary: 'read exports into the database (replaced only when the run succeeds)',
  details: `Adapters: ${ADAPTERS.map((a) => `${a.id} (${a.title})`).join('; ')}.\nExit status 0 when the database was replaced, 1 when it was not.`,
  positionals: true,
  options: {
    db: { type: 'string', arg: 'FILE', help: `database file (default ${DEFAULTS.db})` },
    config: { type: 'string', arg: 'FILE', help: 'configuration file (default almanac.config.json, if present)' },
    'as-of': { type: 'string', arg: 'DATE', help: 'reference date for "today" (default: the newest event in the data)' },
    'max-reject-ratio': { type: 'string', arg: 'R', help: 'largest share of a file\'s records that may be rejected (default 0.05)' },
    pseudonymize: { type: 'string', arg: 'people', help: 'store stable pseudonyms instead of person names (salt: privacy.salt, else almanac.salt beside the database)' },
    json: { type: 'boolean', help: 'print one JSON summary on stdout' },
  },
  async run(v, positionals) {
    let ratio: number | undefined;
    if (typeof v['max-reject-ratio'] === 'string') {
      ratio = Number(v['max-reject-ratio']);
      if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) throw new UsageError('--max-reject-ratio: expected a number from 0 to 1');
    }
    const pseudonymize = v.pseudonymize;
    if (pseudonymize !== undefined && !PSEUDONYMIZE_KINDS.includes(pseudonymize as PseudonymizeKind)) {
      throw new UsageError(`--pseudonymize: expected ${PSEUDONYMIZE_KINDS.join(' or ')}`);
    }
    const json = Boolean(v.json);
    const summary = await ingest({
      inputs: positionals.length ? positionals : [DEFAULTS.exports],
      db: typeof v.db === 'string' ? v.db : DEFAULTS.db,
      config: typeof v.config === 'string' ? v.config : undefined,
      asOf: dateOption(v['as-of'], 'as-of'),
      maxRejectRatio: ratio,
      pseudonymize: pseudonymize as PseudonymizeKind | undefined,
      quiet: json,
    });
    if (json) {
      const { ok, db, asOf, files, skipped, warnings, errors, rejects } = summary;
      console.log(JSON.stringify({ ok, db, asOf, files, skipped, warnings, errors, rejects }, null, 2));
    } else {
      (summary.ok ? console.log : console.error)(formatSummary(summary));
    }
    return summary.ok ? 0 : 1;
  },
};
