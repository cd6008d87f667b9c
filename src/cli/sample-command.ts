import type { Command } from './commands.ts';
export const sampleCommand: Command = { name: 'sample', usage: 'sample', summary: 'wip', positionals: false, options: {}, async run() { return 1; } };
