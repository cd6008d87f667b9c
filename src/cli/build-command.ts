// `almanac build`: the report site from the database.
import { buildSite } from '../publish/build-site.ts';
import type { Command } from './commands.ts';
import { DEFAULTS } from './defaults.ts';
import { dateOption, monthOption } from './options.ts';

export const buildCommand: Command = {
  name: 'build',
  usage: 'build [--db FILE] [--out DIR] [--as-of DATE] [--refreeze YYYY-MM]',
  summary: 'build the static site (swapped in only when complete)',
  positionals: false,
  options: {
    db: { type: 'string', arg: 'FILE', help: `database file (default ${DEFAULTS.db})` },
    out: { type: 'string', arg: 'DIR', help: `site folder (default ${DEFAULTS.out})` },
    'as-of': { type: 'string', arg: 'DATE', help: 'reference date for "today" (default: the one the ingest recorded)' },
    refreeze: { type: 'string', arg: 'YYYY-MM', help: 'recompute that closed month\'s frozen status page from the current data (default: frozen months never change)' },
  },
  async run(v) {
    const t0 = performance.now();
    const r = await buildSite({
      db: typeof v.db === 'string' ? v.db : DEFAULTS.db,
      out: typeof v.out === 'string' ? v.out : DEFAULTS.out,
      asOf: dateOption(v['as-of'], 'as-of'),
      refreeze: monthOption(v.refreeze, 'refreeze'),
    });
    for (const w of r.warnings) console.error(`warning: ${w}`);
    console.log(`built ${r.out}/: ${r.pages} pages, ${r.metrics} metric rows, as of ${r.asOf} (${((performance.now() - t0) / 1000).toFixed(1)} s: model ${r.seconds.model} s, pages ${r.seconds.pages} s, search index ${r.seconds.search} s)`);
    return 0;
  },
};
