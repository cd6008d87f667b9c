// The sample is reproducible: the same seed writes the same bytes, another seed another enterprise.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleCommand } from '../../src/cli/sample-command.ts';
import { UsageError } from '../../src/cli/options.ts';
import { Rng } from '../../src/sample/random.ts';
import { removeSamples, sample } from './read-sample.ts';

/** A lighter world than "small": the same structure, fewer records per release and month. */
const LIGHT = { regions: 1, intensity: 0.2 };

function digests(dir: string): Record<string, string> {
  return Object.fromEntries(
    fs.readdirSync(dir).sort().map((f) => [f, crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, f))).digest('hex')]),
  );
}

afterAll(removeSamples);

describe('almanac sample', () => {
  it('writes identical bytes for the same seed, in whatever time zone', () => {
    const a = sample(7, LIGHT);
    const tz = process.env.TZ;
    process.env.TZ = 'Pacific/Chatham';
    try {
      const b = sample(7, LIGHT);
      expect(digests(b.out)).toEqual(digests(a.out));
      expect(b.files).toEqual(a.files);
    } finally {
      process.env.TZ = tz;
    }
  });

  it('writes a different enterprise for a different seed', () => {
    const a = digests(sample(7, LIGHT).out);
    const b = digests(sample(8, LIGHT).out);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    const differing = Object.keys(a).filter((f) => a[f] !== b[f]);
    // Only the fixed organisation (systems, environments, freezes) may stay the same.
    expect(differing.length).toBeGreaterThan(Object.keys(a).length - 5);
  });

  it('draws the same numbers from the same named stream', () => {
    const draws = (r: Rng) => Array.from({ length: 5 }, () => r.uint32());
    expect(draws(new Rng(1, 'a'))).toEqual(draws(new Rng(1, 'a')));
    expect(draws(new Rng(1, 'a'))).not.toEqual(draws(new Rng(1, 'b')));
    expect(draws(new Rng(1).fork('x'))).toEqual(draws(new Rng(1, 'x')));
    const r = new Rng(3);
    for (let i = 0; i < 1000; i++) {
      const n = r.int(2, 5);
      expect(n >= 2 && n <= 5 && Number.isInteger(n)).toBe(true);
    }
  });

  it('rejects a scale or a seed it does not know', async () => {
    await expect(sampleCommand.run({ scale: 'huge' }, [])).rejects.toThrow(UsageError);
    await expect(sampleCommand.run({ seed: '-1' }, [])).rejects.toThrow(/--seed "-1": expected a whole number/);
  });
});
