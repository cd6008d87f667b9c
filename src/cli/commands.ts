// The commands of the contract, with their options. Each `run` returns the exit code. A command's
// module is loaded only when it runs (or for the help): `almanac build` holds its process for the
// whole build, and the other commands' code (DuckDB's ingest, the sample generator) was ~45 MB of it.

export interface OptionSpec {
  type: 'string' | 'boolean';
  arg?: string;
  help: string;
}

export interface Command {
  name: string;
  usage: string;
  summary: string;
  details?: string;
  positionals: boolean;
  options: Record<string, OptionSpec>;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
}

/** Every command by name, in the order the help lists them. */
export const COMMANDS: ReadonlyArray<{ name: string; load: () => Promise<Command> }> = [
  { name: 'ingest', load: async () => (await import('./ingest-command.ts')).ingestCommand },
  { name: 'build', load: async () => (await import('./build-command.ts')).buildCommand },
  { name: 'sample', load: async () => (await import('./sample-command.ts')).sampleCommand },
  { name: 'schedule', load: async () => (await import('./schedule-command.ts')).scheduleCommand },
  { name: 'export', load: async () => (await import('./export-command.ts')).exportCommand },
  { name: 'bench', load: async () => (await import('./bench-command.ts')).benchCommand },
];
