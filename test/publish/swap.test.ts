// Swapping a published folder: the new one takes the name at once; the old one is removed by a process
// of its own, and what a cut-short removal leaves is removed by the next run, never put back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recoverSwap, removalsPending, swapIn, workDir } from '../../src/publish/swap.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'almanac-swap-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const beside = (target: string) => fs.readdirSync(path.dirname(target)).filter((n) => n.startsWith(`${path.basename(target)}.`)).sort();
/** A folder of `n` files holding `text`. */
function fill(folder: string, n: number, text: string): void {
  fs.mkdirSync(folder, { recursive: true });
  for (let i = 0; i < n; i++) fs.writeFileSync(path.join(folder, `f${i}.html`), text);
}
async function until(done: () => boolean, ms = 15_000): Promise<void> {
  for (const end = Date.now() + ms; !done() && Date.now() < end;) await new Promise((r) => setTimeout(r, 50));
}

describe('swapIn', () => {
  it('puts the new folder in place and removes the old one after returning', async () => {
    const target = path.join(dir, 'site');
    fill(target, 2_000, 'old');
    const work = workDir(target);
    fill(work, 3, 'new');
    swapIn(work, target);
    expect(fs.readdirSync(target).sort()).toEqual(['f0.html', 'f1.html', 'f2.html']);
    expect(fs.readFileSync(path.join(target, 'f0.html'), 'utf8')).toBe('new');
    expect(removalsPending(target)).toHaveLength(1); // renamed aside, not waited for
    await until(() => beside(target).length === 0);
    expect(beside(target)).toEqual([]);
  });

  it('swaps twice in a row in one process (a schedule), each old folder removed', async () => {
    const target = path.join(dir, 'twice');
    fill(target, 500, 'first');
    for (const text of ['second', 'third']) {
      const work = workDir(target);
      fill(work, 500, text);
      swapIn(work, target);
    }
    expect(fs.readFileSync(path.join(target, 'f0.html'), 'utf8')).toBe('third');
    await until(() => beside(target).length === 0);
    expect(beside(target)).toEqual([]);
  });
});

describe('recoverSwap', () => {
  it('removes what a cut-short removal left and never puts it back, even with no site', () => {
    const target = path.join(dir, 'gone');
    fill(`${target}.trash-123-abcd`, 5, 'half removed');
    recoverSwap(target);
    expect(fs.existsSync(target)).toBe(false);
    expect(beside(target)).toEqual([]);
  });

  it('puts back a site whose swap stopped between its two renames', () => {
    const target = path.join(dir, 'between');
    fill(`${target}.old-123`, 2, 'previous');
    recoverSwap(target);
    expect(fs.readFileSync(path.join(target, 'f0.html'), 'utf8')).toBe('previous');
    expect(beside(target)).toEqual([]);
  });
});
