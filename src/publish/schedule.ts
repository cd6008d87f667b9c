// `almanac schedule`: re-ingest and rebuild on a cron schedule. Each run builds beside the published
// site and swaps it in only when everything succeeded; a failed run keeps the previous site and says
// why, and the next tick tries again. Runs never overlap.
import { Cron } from 'croner';
import { ingest } from '../ingest/pipeline.ts';
import { buildSite } from './build-site.ts';

export interface ScheduleOptions {
  cron: string;
  inputs: string[];
  db: string;
  out: string;
  config?: string;
  /** Where run logs go (one line per event, with a timestamp). */
  log?: (line: string) => void;
}

export interface RunResult {
  ok: boolean;
  /** Why the site was not replaced. */
  reason: string | null;
  seconds: number;
}

export interface Schedule {
  /** Resolves after each run; for tests and for logging. */
  onRun(listener: (r: RunResult) => void): void;
  nextRun(): Date | null;
  /** Stops the schedule and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

async function runOnce(opts: ScheduleOptions): Promise<RunResult> {
  const t0 = performance.now();
  const seconds = () => Math.round((performance.now() - t0) / 100) / 10;
  try {
    const summary = await ingest({ inputs: opts.inputs, db: opts.db, config: opts.config, quiet: true });
    if (!summary.ok) return { ok: false, reason: `ingest failed, ${opts.db} unchanged: ${summary.errors.join('; ')}`, seconds: seconds() };
    await buildSite({ db: opts.db, out: opts.out });
    return { ok: true, reason: null, seconds: seconds() };
  } catch (err) {
    return { ok: false, reason: (err as Error).message.split('\n')[0]!, seconds: seconds() };
  }
}

export function startSchedule(opts: ScheduleOptions): Schedule {
  const log = opts.log ?? ((line: string) => console.log(line));
  const stamp = () => new Date().toISOString();
  const listeners: Array<(r: RunResult) => void> = [];
  let running: Promise<void> | null = null;
  const job = new Cron(opts.cron, { protect: (j) => log(`${stamp()} skipped a tick: the previous run (started ${j.currentRun()?.toISOString()}) is still going`) }, () => {
    running = (async () => {
      log(`${stamp()} run started`);
      const r = await runOnce(opts);
      log(r.ok ? `${stamp()} run finished in ${r.seconds} s: ${opts.out} replaced` : `${stamp()} run FAILED after ${r.seconds} s, the previous site stays: ${r.reason}`);
      for (const l of listeners) l(r);
    })();
    return running;
  });
  return {
    onRun: (l) => listeners.push(l),
    nextRun: () => job.nextRun(),
    async stop() {
      job.stop();
      if (running) await running;
    },
  };
}
