// The browser tests drive Debian's Chromium (never a downloaded browser). On a machine without it,
// install it the way .ci/run does — when this process may (root, or password-less sudo) — else stop
// with the command to run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export const CHROMIUM = process.env.ALMANAC_CHROMIUM ?? '/usr/bin/chromium';

function run(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    return true;
  } catch {
    return false;
  }
}

export default function setup(): void {
  if (fs.existsSync(CHROMIUM)) return;
  const asRoot = process.getuid?.() === 0;
  const prefix = asRoot ? [] : ['sudo', '-n'];
  if (fs.existsSync('/usr/bin/apt-get')) {
    console.info('Chromium is missing: installing Debian\'s chromium package for the browser tests (apt-get install chromium)…');
    const apt = (...args: string[]) => (prefix.length ? run(prefix[0]!, [...prefix.slice(1), 'apt-get', ...args]) : run('apt-get', args));
    if ((apt('install', '-y', '-qq', 'chromium') || (apt('update', '-qq') && apt('install', '-y', '-qq', 'chromium'))) && fs.existsSync(CHROMIUM)) return;
  }
  throw new Error(
    `The browser tests need Chromium at ${CHROMIUM}: install Debian's package (apt-get install chromium), or set ALMANAC_CHROMIUM to a Chromium or Chrome executable.`,
  );
}
