// The schedule keeps serving the last good site: a run on a broken export fails and changes nothing,
// the next run on fixed exports swaps the new site in. Runs never overlap.
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { startSchedule, type RunResult, type Schedule } from '../../src/publish/schedule.ts';
import { tempDir } from '../helpers/ingest.ts';

const dir = tempDir('almanac-schedule-');
const exports = path.join(dir, 'exports');
const out = path.join(dir, 'site');
const db = path.join(dir, 'almanac.duckdb');
const releases = (name: string) => `id,name,project_id,planned_release,actual_release\nR1,${name},P1,2026-02-01,2026-02-03\n`;
const write = (text: string) => fs.writeFileSync(path.join(exports, 'releases.csv'), text);

let schedule: Schedule | null = null;
afterAll(async () => {
  await schedule?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('almanac schedule', () => {
  it('keeps the last good site when a run fails, and swaps in the next good one', async () => {
    fs.mkdirSync(exports, { recursive: true });
    write(releases('First release'));
    const results: RunResult[] = [];
    const log: string[] = [];
    let wake: (() => void) | null = null;
    const next = () => new Promise<RunResult>((resolve) => {
      const n = results.length;
      wake = () => results.length > n && resolve(results[n]!);
    });
    schedule = startSchedule({ cron: '* * * * * *', inputs: [exports], db, out, log: (l) => log.push(l) });
    schedule.onRun((r) => {
      results.push(r);
      wake?.();
    });

    const first = await next();
    expect(first).toMatchObject({ ok: true, reason: null });
    const good = fs.readFileSync(path.join(out, 'releases/index.html'), 'utf8');
    expect(good).toContain('First release');

    write('id,name,planned_release\nR1,"never closed,2026-02-01\n');
    const failed = await next();
    expect(failed.ok).toBe(false);
    expect(failed.reason).toMatch(/releases\.csv:2: field "name": a quoted value starts here and is never closed/);
    expect(fs.readFileSync(path.join(out, 'releases/index.html'), 'utf8')).toBe(good);

    write(releases('Second release'));
    const fixed = await next();
    expect(fixed.ok).toBe(true);
    expect(fs.readFileSync(path.join(out, 'releases/index.html'), 'utf8')).toContain('Second release');

    await schedule.stop();
    schedule = null;
    expect(log.filter((l) => / run started$/.test(l)).length).toBe(results.length);
    expect(log.some((l) => /run FAILED after .* the previous site stays: ingest failed/.test(l))).toBe(true);
    // Ticks that came while a run was going were skipped, not queued: runs never overlapped.
    const starts = log.filter((l) => / run (started|finished|FAILED)/.test(l)).map((l) => (l.includes('started') ? 'S' : 'E')).join('');
    expect(starts).toMatch(/^(SE)+$/);
  }, 180_000);
});

describe('almanac schedule on the command line', () => {
  it('stops cleanly on SIGTERM after the run in progress', async () => {
    const { spawn } = await import('node:child_process');
    const exportsDir = path.join(dir, 'cli-exports');
    fs.mkdirSync(exportsDir, { recursive: true });
    fs.writeFileSync(path.join(exportsDir, 'releases.csv'), releases('Via the CLI'));
    const script = path.resolve(import.meta.dirname, '../../scripts/almanac.ts');
    const child = spawn(process.execPath, ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', script, 'schedule', '--cron', '* * * * * *', exportsDir, '--out', path.join(dir, 'cli-site'), '--db', path.join(dir, 'cli.duckdb')]);
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (output.includes('run finished')) {
          clearInterval(timer);
          resolve();
        }
      }, 100);
      child.on('exit', () => reject(new Error(`schedule exited early:\n${output}`)));
    });
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(output).toMatch(/SIGTERM: stopping after the run in progress/);
    expect(fs.readFileSync(path.join(dir, 'cli-site/releases/index.html'), 'utf8')).toContain('Via the CLI');
  }, 120_000);
});
