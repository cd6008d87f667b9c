import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.ts';

describe('COMMANDS', () => {
  it('loads each command under its own name', async () => {
    for (const entry of COMMANDS) expect((await entry.load()).name).toBe(entry.name);
    expect(COMMANDS.map((c) => c.name)).toEqual(['ingest', 'build', 'sample', 'schedule', 'export', 'bench']);
  });
});
