import type { Command } from './commands.ts';
export const buildCommand: Command = { name: 'build', usage: 'build', summary: 'wip', positionals: false, options: {}, async run() { return 1; } };
