// `almanac schedule`: the rebuild loop, until SIGTERM or SIGINT (which let a run in progress finish).
import { Cron } from 'croner';
import { startSchedule } from '../publish/schedule.ts';
import type { Command } from './commands.ts';
import { DEFAULTS } from './defaults.ts';
import { UsageError } from './options.ts';

export const scheduleCommand: Command = {
  name: 'schedule',
  usage: 'schedule --cron "EXPR" [DIR …] [--out DIR] [--db FILE] [--config FILE]',
  summary: 'rebuild on a schedule, swap the site in atomically; a failed run keeps the previous site',
  details: 'EXPR is a cron expression (5 fields, or 6 with seconds first), e.g. "0 6 * * *" for 06:00 every day.\nRuns never overlap; each logs one line when it starts and one when it ends (and why it failed).',
  positionals: true,
  options: {
    cron: { type: 'string', arg: 'EXPR', help: 'when to run (cron expression, local time)' },
    out: { type: 'string', arg: 'DIR', help: `site folder (default ${DEFAULTS.out})` },
    db: { type: 'string', arg: 'FILE', help: `database file (default ${DEFAULTS.db})` },
    config: { type: 'string', arg: 'FILE', help: 'configuration file (default almanac.config.json, if present)' },
  },
  async run(v, positionals) {
    if (typeof v.cron !== 'string') throw new UsageError('--cron "EXPR" is required');
    try {
      new Cron(v.cron).stop();
    } catch (err) {
      throw new UsageError(`--cron ${JSON.stringify(v.cron)}: ${(err as Error).message}`);
    }
    const schedule = startSchedule({
      cron: v.cron,
      inputs: positionals.length ? positionals : [DEFAULTS.exports],
      db: typeof v.db === 'string' ? v.db : DEFAULTS.db,
      out: typeof v.out === 'string' ? v.out : DEFAULTS.out,
      config: typeof v.config === 'string' ? v.config : undefined,
    });
    console.log(`${new Date().toISOString()} scheduled "${v.cron}"; next run ${schedule.nextRun()?.toISOString() ?? 'never'}; Ctrl-C or SIGTERM stops`);
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        console.log(`${new Date().toISOString()} ${signal}: stopping after the run in progress, if any`);
        void schedule.stop().then(resolve);
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
    return 0;
  },
};
